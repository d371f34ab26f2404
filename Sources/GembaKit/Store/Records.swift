import Foundation
import GRDB

/// Shared GRDB settings: snake_case columns, ISO 8601 UTC timestamps.
protocol GembaMutableRecord: Codable, FetchableRecord, MutablePersistableRecord {}

/// A record whose primary key is chosen by Gemba, not by the database.
protocol GembaRecord: GembaMutableRecord, PersistableRecord {}

extension GembaMutableRecord {
    static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .custom { SnakeCaseColumns.column(for: $0.stringValue) } }
    /// ISO 8601 in whole seconds, `2026-11-25T17:10:04Z` (what GRDB's `.iso8601` writes for the
    /// whole-second times the clock gives), written by arithmetic instead of a date formatter.
    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .custom { Timestamp.string($0) }
    }
    /// ISO 8601 as written by the encoding strategy, parsed by arithmetic: Foundation's formatter
    /// took a quarter of the web server's time decoding records.
    static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .custom { value in String.fromDatabaseValue(value).flatMap(Timestamp.parse) }
    }
}

struct UserRecord: GembaRecord, Equatable {
    static let databaseTableName = "user"
    var username: String
    var name: String
    var email: String
    /// Comma-separated, sorted role names.
    var roles: String
    var passwordHash: String
    var passwordChangedAt: Date
    var failedAttempts: Int
    var lockedAt: Date?
    var active: Bool
    var createdAt: Date

    var roleList: [String] { roles.split(separator: ",").map(String.init) }
}

struct DocumentRecord: GembaRecord, Equatable {
    static let databaseTableName = "document"
    var id: String
    var type: String
    var number: Int
    var title: String
    var owner: String
    var reviewIntervalMonths: Int?
    var status: String
    var effectiveRevision: String?
    var latestRevision: String
    /// `YYYY-MM-DD`: the next periodic review (nil until a revision is effective, and once obsolete).
    var nextReviewDue: String?
    var lastReviewedOn: String?
    var createdAt: Date
    var obsoleteAt: Date?
}

struct RevisionRecord: GembaRecord, Equatable {
    static let databaseTableName = "revision"
    var documentId: String
    var letter: String
    var seq: Int
    var status: String
    var title: String
    var author: String
    var changeReason: String
    var changeClass: String
    var eco: String?
    var mainFile: String
    var draftCommit: String
    var draftTree: String
    var createdAt: Date
    var updatedAt: Date
    var plannedEffective: String?
    var approvedAt: Date?
    var effectiveOn: String?
    var effectiveAt: Date?
    var releaseCommit: String?
    var tagObject: String?
    var supersededAt: Date?
    var obsoleteAt: Date?

    var key: String { "\(documentId)/\(letter)" }
}

struct ReviewCycleRecord: GembaMutableRecord, Equatable {
    static let databaseTableName = "review_cycle"
    var id: Int64?
    var documentId: String
    var revisionLetter: String
    var kind: String
    var route: String
    /// The route's steps as JSON, frozen when the cycle starts.
    var steps: String
    var pinnedCommit: String
    var pinnedTree: String
    var status: String
    var currentStep: Int
    var stepOpenedAt: Date
    var startedBy: String
    var startedAt: Date
    var closedAt: Date?
    var outcome: String?
    var comment: String?
    var reason: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct SignatureRecord: GembaMutableRecord, Equatable {
    static let databaseTableName = "signature"
    var id: Int64?
    var cycleId: Int64
    var documentId: String
    var revisionLetter: String
    var stepIndex: Int?
    var stepName: String?
    var username: String
    var printedName: String
    var meaning: String
    var signedAt: Date
    var commitId: String
    var treeId: String
    var comment: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Where a git reference of `content.git` must point, as recorded by the register.
struct GitRefRecord: GembaRecord, Equatable {
    static let databaseTableName = "git_ref"
    var name: String
    var target: String
}

struct TrailEntryRecord: GembaRecord, Equatable {
    static let databaseTableName = "audit_trail"
    var seq: Int64
    var at: Date
    var actor: String
    var action: String
    var entityType: String
    var entityId: String
    var oldValue: String?
    var newValue: String?
    var reason: String?
    var prevHash: String
    var hash: String
}

extension TrailEntryRecord {
    /// Written by hand: one of these is inserted for every change, and GRDB's Codable path was
    /// the largest part of a bulk import after the JSON.
    func encode(to container: inout PersistenceContainer) {
        container["seq"] = seq
        container["at"] = Timestamp.string(at)
        container["actor"] = actor
        container["action"] = action
        container["entity_type"] = entityType
        container["entity_id"] = entityId
        container["old_value"] = oldValue
        container["new_value"] = newValue
        container["reason"] = reason
        container["prev_hash"] = prevHash
        container["hash"] = hash
    }

    /// Inserts the entry through one statement prepared once per connection. An entry is written
    /// for every change, and GRDB's record insert builds its SQL and a column container each time
    /// (a tenth of a bulk import). The columns are those of `encode(to:)`.
    func insertPrepared(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO audit_trail (seq, at, actor, action, entity_type, entity_id, old_value, new_value, reason, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try SQLiteBinding.execute(statement, [
            seq.databaseValue, Timestamp.string(at).databaseValue, actor.databaseValue, action.databaseValue, entityType.databaseValue,
            entityId.databaseValue, oldValue.databaseValue, newValue.databaseValue, reason.databaseValue, prevHash.databaseValue,
            hash.databaseValue,
        ], db)
    }
}

extension RevisionRecord {
    /// Of a document's released revisions, the one effective at the end of `day` (UTC): the
    /// newest with an effective date on or before the day that was not superseded before the
    /// day ended (when a release lagged its effective date, the later revision wins).
    static func effective(among released: [RevisionRecord], atEndOf day: Day) -> RevisionRecord? {
        let cutoff = day.addingDays(1).start
        return released.filter { revision in
            guard let effective = revision.effectiveOn.flatMap(Day.init), effective <= day else { return false }
            return revision.supersededAt.map { $0 >= cutoff } ?? true
        }.max { $0.seq < $1.seq }
    }
}

// MARK: Records decoded by hand
//
// GRDB decodes a `Codable` record through `Decoder`, converting every column name from snake
// case on every row; for the records read by the thousand (a bundle's document pages, `verify`,
// the web's document pages) that was most of the read. These read the same columns directly and
// fail the same way: a missing column, a NULL where a value must be, or an unreadable time.

extension Row {
    /// A time column as `Timestamp` writes it.
    func time(_ column: String) throws -> Date {
        try Self.time(try decode(forColumn: column), column)
    }

    /// A time column that may be NULL.
    func optionalTime(_ column: String) throws -> Date? {
        let text: String? = try decode(forColumn: column)
        return try text.map { try Self.time($0, column) }
    }

    private static func time(_ text: String, _ column: String) throws -> Date {
        guard let date = Timestamp.parse(text) else {
            throw GembaError(.integrity, "register.sqlite: '\(text)' in column \(column) is not a time; run `gemba verify`")
        }
        return date
    }
}

extension RevisionRecord {
    init(row: Row) throws {
        documentId = try row.decode(forColumn: "document_id")
        letter = try row.decode(forColumn: "letter")
        seq = try row.decode(forColumn: "seq")
        status = try row.decode(forColumn: "status")
        title = try row.decode(forColumn: "title")
        author = try row.decode(forColumn: "author")
        changeReason = try row.decode(forColumn: "change_reason")
        changeClass = try row.decode(forColumn: "change_class")
        eco = try row.decode(forColumn: "eco")
        mainFile = try row.decode(forColumn: "main_file")
        draftCommit = try row.decode(forColumn: "draft_commit")
        draftTree = try row.decode(forColumn: "draft_tree")
        createdAt = try row.time("created_at")
        updatedAt = try row.time("updated_at")
        plannedEffective = try row.decode(forColumn: "planned_effective")
        approvedAt = try row.optionalTime("approved_at")
        effectiveOn = try row.decode(forColumn: "effective_on")
        effectiveAt = try row.optionalTime("effective_at")
        releaseCommit = try row.decode(forColumn: "release_commit")
        tagObject = try row.decode(forColumn: "tag_object")
        supersededAt = try row.optionalTime("superseded_at")
        obsoleteAt = try row.optionalTime("obsolete_at")
    }
}

extension SignatureRecord {
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        cycleId = try row.decode(forColumn: "cycle_id")
        documentId = try row.decode(forColumn: "document_id")
        revisionLetter = try row.decode(forColumn: "revision_letter")
        stepIndex = try row.decode(forColumn: "step_index")
        stepName = try row.decode(forColumn: "step_name")
        username = try row.decode(forColumn: "username")
        printedName = try row.decode(forColumn: "printed_name")
        meaning = try row.decode(forColumn: "meaning")
        signedAt = try row.time("signed_at")
        commitId = try row.decode(forColumn: "commit_id")
        treeId = try row.decode(forColumn: "tree_id")
        comment = try row.decode(forColumn: "comment")
    }
}

// MARK: Records encoded by hand
//
// GRDB encodes a `Codable` record through `Encoder` on every insert and update, and builds its
// INSERT again each time: most of the record's write. Documents, revisions and the rows beside
// them are written by the ten thousand in an import. These list their columns once and give the
// values in the same order (times as `Timestamp` writes them, nil as NULL): GRDB's container gets
// them for its writes, and `insertPrepared` inserts them through one statement prepared per
// connection. `RecordEncodingTests` holds the lists to every stored property.

/// A record whose columns are listed by hand (above).
protocol ListedColumnsRecord: MutablePersistableRecord {
    static var columns: [String] { get }
    /// `ListedColumns.insertSQL(self)`, kept in a static constant.
    static var insertSQL: String { get }
    /// In the order of `columns`.
    var columnValues: [DatabaseValue] { get }
}

extension ListedColumnsRecord {
    /// Puts the listed columns in GRDB's container; a record's `encode(to:)` calls it.
    func putColumns(in container: inout PersistenceContainer) {
        for (column, value) in zip(Self.columns, columnValues) { container[column] = value }
    }

    /// Inserts the record through one statement prepared once per connection; fails like GRDB's
    /// insert when the key is taken or a constraint is broken.
    func insertPrepared(_ db: Database) throws {
        try SQLiteBinding.execute(try db.cachedStatement(sql: Self.insertSQL), columnValues, db)
    }
}

enum ListedColumns {
    static func insertSQL<Record: ListedColumnsRecord>(_ record: Record.Type) -> String {
        let columns = Record.columns
        return "INSERT INTO \(Record.databaseTableName) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }
}

extension DocumentRecord: ListedColumnsRecord {
    static let columns = [
        "id", "type", "number", "title", "owner", "review_interval_months", "status", "effective_revision", "latest_revision",
        "next_review_due", "last_reviewed_on", "created_at", "obsolete_at",
    ]
    static let insertSQL = ListedColumns.insertSQL(Self.self)
    var columnValues: [DatabaseValue] {
        [
            id.databaseValue, type.databaseValue, number.databaseValue, title.databaseValue, owner.databaseValue,
            reviewIntervalMonths.databaseValue, status.databaseValue, effectiveRevision.databaseValue, latestRevision.databaseValue,
            nextReviewDue.databaseValue, lastReviewedOn.databaseValue, Timestamp.string(createdAt).databaseValue,
            obsoleteAt.map(Timestamp.string).databaseValue,
        ]
    }
    func encode(to container: inout PersistenceContainer) throws { putColumns(in: &container) }
}

extension RevisionRecord: ListedColumnsRecord {
    static let columns = [
        "document_id", "letter", "seq", "status", "title", "author", "change_reason", "change_class", "eco", "main_file",
        "draft_commit", "draft_tree", "created_at", "updated_at", "planned_effective", "approved_at", "effective_on",
        "effective_at", "release_commit", "tag_object", "superseded_at", "obsolete_at",
    ]
    static let insertSQL = ListedColumns.insertSQL(Self.self)
    var columnValues: [DatabaseValue] {
        [
            documentId.databaseValue, letter.databaseValue, seq.databaseValue, status.databaseValue, title.databaseValue,
            author.databaseValue, changeReason.databaseValue, changeClass.databaseValue, eco.databaseValue, mainFile.databaseValue,
            draftCommit.databaseValue, draftTree.databaseValue, Timestamp.string(createdAt).databaseValue,
            Timestamp.string(updatedAt).databaseValue, plannedEffective.databaseValue, approvedAt.map(Timestamp.string).databaseValue,
            effectiveOn.databaseValue, effectiveAt.map(Timestamp.string).databaseValue, releaseCommit.databaseValue,
            tagObject.databaseValue, supersededAt.map(Timestamp.string).databaseValue, obsoleteAt.map(Timestamp.string).databaseValue,
        ]
    }
    func encode(to container: inout PersistenceContainer) throws { putColumns(in: &container) }
}

extension GitRefRecord: ListedColumnsRecord {
    static let columns = ["name", "target"]
    static let insertSQL = ListedColumns.insertSQL(Self.self)
    var columnValues: [DatabaseValue] { [name.databaseValue, target.databaseValue] }
    func encode(to container: inout PersistenceContainer) throws { putColumns(in: &container) }
}

extension DocumentAreaRecord: ListedColumnsRecord {
    static let columns = ["document_id", "area"]
    static let insertSQL = ListedColumns.insertSQL(Self.self)
    var columnValues: [DatabaseValue] { [documentId.databaseValue, area.databaseValue] }
    func encode(to container: inout PersistenceContainer) throws { putColumns(in: &container) }
}

extension LegacyApprovalRecord: ListedColumnsRecord {
    static let columns = ["document_id", "letter", "import_id", "approved_by", "approved_on", "source_file"]
    static let insertSQL = ListedColumns.insertSQL(Self.self)
    var columnValues: [DatabaseValue] {
        [documentId.databaseValue, letter.databaseValue, importId.databaseValue, approvedBy.databaseValue, approvedOn.databaseValue, sourceFile.databaseValue]
    }
    func encode(to container: inout PersistenceContainer) throws { putColumns(in: &container) }
}

extension DocumentRecord {
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        type = try row.decode(forColumn: "type")
        number = try row.decode(forColumn: "number")
        title = try row.decode(forColumn: "title")
        owner = try row.decode(forColumn: "owner")
        reviewIntervalMonths = try row.decode(forColumn: "review_interval_months")
        status = try row.decode(forColumn: "status")
        effectiveRevision = try row.decode(forColumn: "effective_revision")
        latestRevision = try row.decode(forColumn: "latest_revision")
        nextReviewDue = try row.decode(forColumn: "next_review_due")
        lastReviewedOn = try row.decode(forColumn: "last_reviewed_on")
        createdAt = try row.time("created_at")
        obsoleteAt = try row.optionalTime("obsolete_at")
    }
}

extension ReviewCycleRecord {
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        documentId = try row.decode(forColumn: "document_id")
        revisionLetter = try row.decode(forColumn: "revision_letter")
        kind = try row.decode(forColumn: "kind")
        route = try row.decode(forColumn: "route")
        steps = try row.decode(forColumn: "steps")
        pinnedCommit = try row.decode(forColumn: "pinned_commit")
        pinnedTree = try row.decode(forColumn: "pinned_tree")
        status = try row.decode(forColumn: "status")
        currentStep = try row.decode(forColumn: "current_step")
        stepOpenedAt = try row.time("step_opened_at")
        startedBy = try row.decode(forColumn: "started_by")
        startedAt = try row.time("started_at")
        closedAt = try row.optionalTime("closed_at")
        outcome = try row.decode(forColumn: "outcome")
        comment = try row.decode(forColumn: "comment")
        reason = try row.decode(forColumn: "reason")
    }
}

extension TrainingAssignmentRecord {
    init(row: Row) throws {
        documentId = try row.decode(forColumn: "document_id")
        revisionLetter = try row.decode(forColumn: "revision_letter")
        username = try row.decode(forColumn: "username")
        status = try row.decode(forColumn: "status")
        roles = try row.decode(forColumn: "roles")
        reason = try row.decode(forColumn: "reason")
        assignedAt = try row.time("assigned_at")
        dueOn = try row.decode(forColumn: "due_on")
        closedAt = try row.optionalTime("closed_at")
        signedAt = try row.optionalTime("signed_at")
        printedName = try row.decode(forColumn: "printed_name")
        signedCommit = try row.decode(forColumn: "signed_commit")
        signedTree = try row.decode(forColumn: "signed_tree")
    }
}
