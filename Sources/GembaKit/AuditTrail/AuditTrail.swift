import Crypto
import Foundation
import GRDB

/// Who did something, when, and why: passed to every write so each change lands in the trail.
public struct Actor: Sendable {
    public let username: String
    public let at: Date
    public let reason: String?

    public init(username: String, at: Date, reason: String? = nil) {
        self.username = username
        self.at = at
        self.reason = reason
    }

    func because(_ reason: String?) -> Actor { Actor(username: username, at: at, reason: reason) }
}

/// The tables whose every row is mirrored in the audit trail, with the SQL that names a row.
enum TrackedTable: String, CaseIterable, Sendable {
    case registerInfo = "register_info"
    case user, document, revision
    case reviewCycle = "review_cycle"
    case signature
    case gitRef = "git_ref"
    case audit, finding, capa
    case auditChecklistItem = "audit_checklist_item"
    case auditAssessor = "audit_assessor"
    case capaFinding = "capa_finding"
    case capaAction = "capa_action"
    case capaSignature = "capa_signature"
    case trainingRequirement = "training_requirement"
    case trainingAssignment = "training_assignment"
    case personArea = "person_area"
    case certification
    case documentArea = "document_area"
    case meetingSeries = "meeting_series"
    case meeting
    case meetingAttendance = "meeting_attendance"
    case meetingAgendaItem = "meeting_agenda_item"
    case meetingUpdate = "meeting_update"
    case meetingDecision = "meeting_decision"
    case actionItem = "action_item"
    case actionComment = "action_comment"
    case importBatch = "import_batch"
    case request
    case requestComment = "request_comment"
    case requestSignature = "request_signature"
    case onboardingPlan = "onboarding_plan"
    case onboardingItem = "onboarding_item"
    case scheduleEvent = "schedule_event"
    case scheduleChange = "schedule_change"
    case notice
    case noticeAttempt = "notice_attempt"
    case apiToken = "api_token"
    case documentImport = "document_import"
    case legacyApproval = "legacy_approval"

    /// SQL expression giving the entity ID of a row.
    var keyExpression: String {
        switch self {
        case .registerInfo: "key"
        case .user: "username"
        case .document: "id"
        case .revision: "document_id || '/' || letter"
        case .reviewCycle, .signature: "CAST(id AS TEXT)"
        case .gitRef: "name"
        case .audit, .finding, .capa, .capaAction: "id"
        case .auditChecklistItem: "audit_id || '/check/' || item"
        case .auditAssessor: "audit_id || '/assessor/' || username"
        case .capaFinding: "capa_id || '/' || finding_id"
        case .capaSignature: "capa_id || '/S' || id"
        case .trainingRequirement: "document_id"
        case .trainingAssignment: "document_id || '/' || revision_letter || '/' || username"
        case .personArea: "username || '/' || area"
        case .certification, .importBatch: "CAST(id AS TEXT)"
        case .documentArea: "document_id || '/' || area"
        case .meetingSeries, .meeting, .actionItem: "id"
        case .meetingAttendance: "meeting_id || '/' || username"
        case .meetingAgendaItem: "meeting_id || '/agenda/' || position"
        case .meetingUpdate: "meeting_id || '/U' || number"
        case .meetingDecision: "meeting_id || '/D' || number"
        case .actionComment: "action_id || '/C' || number"
        case .request: "id"
        case .requestComment: "request_id || '/C' || number"
        case .requestSignature: "request_id || '/S' || id"
        case .onboardingPlan: "username"
        case .onboardingItem: "username || '/' || number"
        case .scheduleEvent: "id"
        case .scheduleChange: "event_id || '/H' || number"
        case .notice: "CAST(id AS TEXT)"
        case .noticeAttempt: "notice_id || '/A' || number"
        case .apiToken: "id"
        case .documentImport: "CAST(id AS TEXT)"
        case .legacyApproval: "document_id || '/' || letter"
        }
    }

    /// The document a row belongs to, for `trail --entity SOP-0001`.
    var entityType: String { rawValue }
}

/// The hash-chained, append-only audit trail (21 CFR 11.10(e)).
enum AuditTrail {
    static let genesisHash = String(repeating: "0", count: 64)

    /// Records a change of one tracked row: reads the row before and after `change` and appends
    /// an entry with both values. Call inside a write transaction.
    @discardableResult
    static func track<T>(
        _ db: Database, _ table: TrackedTable, key: String, action: String, by actor: Actor,
        _ change: () throws -> T
    ) throws -> T {
        let old = try canonicalRow(db, table, key: key)
        let result = try change()
        let new = try canonicalRow(db, table, key: key)
        try append(db, action: action, entityType: table.entityType, entityId: key, old: old, new: new, by: actor)
        return result
    }

    /// Records a row that `insert` adds by a plain INSERT, which fails when the key is taken: so
    /// there was no row before, and only the new one is read (`track` reads both). Call inside a
    /// write transaction.
    static func trackInsert(_ db: Database, _ table: TrackedTable, key: String, action: String, by actor: Actor, _ insert: () throws -> Void) throws {
        try insert()
        try recordInsert(db, table, key: key, action: action, by: actor)
    }

    /// Records a row just inserted (under a key the database chose, an autoincrement id, or by `trackInsert`).
    static func recordInsert(_ db: Database, _ table: TrackedTable, key: String, action: String, by actor: Actor) throws {
        try append(db, action: action, entityType: table.entityType, entityId: key, old: nil, new: try canonicalRow(db, table, key: key), by: actor)
    }

    /// Appends an entry that changes no row (for example a failed signature attempt).
    static func append(
        _ db: Database, action: String, entityType: String, entityId: String, old: String?, new: String?,
        by actor: Actor
    ) throws {
        let last = try SQLiteBinding.firstRow(db.cachedStatement(sql: "SELECT seq, hash FROM audit_trail ORDER BY seq DESC LIMIT 1"), [], db)
        let seq: Int64 = (last.flatMap { Int64.fromDatabaseValue($0[0]) } ?? 0) + 1
        let prevHash: String = last.flatMap { String.fromDatabaseValue($0[1]) } ?? genesisHash
        var entry = TrailEntryRecord(
            seq: seq, at: actor.at, actor: actor.username, action: action, entityType: entityType,
            entityId: entityId, oldValue: old, newValue: new, reason: actor.reason, prevHash: prevHash, hash: "")
        entry.hash = hash(of: entry)
        try entry.insertPrepared(db)
    }

    /// SHA-256 over every field of the entry but its own hash, in a fixed order.
    static func hash(of entry: TrailEntryRecord) -> String {
        let fields: [String] = [
            String(entry.seq), Timestamp.string(entry.at), entry.actor, entry.action, entry.entityType,
            entry.entityId, entry.oldValue ?? "\u{0}", entry.newValue ?? "\u{0}", entry.reason ?? "\u{0}", entry.prevHash,
        ]
        // "LENGTH:FIELD" lines joined by "\n", the length in UTF-8 bytes.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fields.reduce(fields.count * 8) { $0 + $1.utf8.count })
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: "\n")) }
            bytes.append(contentsOf: String(field.utf8.count).utf8)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: field.utf8)
        }
        return SHA256.hash(data: bytes).lowercaseHex
    }

    /// The row as canonical JSON (sorted keys); nil when it does not exist. Password hashes are
    /// replaced by their SHA-256 so the trail never holds a crackable secret but still pins it.
    static func canonicalRow(_ db: Database, _ table: TrackedTable, key: String) throws -> String? {
        let statement = try db.cachedStatement(sql: "SELECT * FROM \(table.rawValue) WHERE \(table.keyExpression) = ?")
        // Read through SQLite's C API: a GRDB `Row` per tracked change was a tenth of an import.
        guard let values = try SQLiteBinding.firstRow(statement, [key.databaseValue], db) else {
            return nil
        }
        return CanonicalJSON.encode(names: statement.columnNames, values: values)
    }

    static func canonicalJSON<Columns: Sequence>(_ row: Columns) -> String where Columns.Element == (String, DatabaseValue) {
        CanonicalJSON.encode(row)
    }
}
