import Foundation
import GRDB
import GRDBSQLite

/// The audit-trail extract: every entry about the documents in scope (their records, revisions,
/// review cycles, signatures, git references, areas, training and assessors' reads) and about
/// the audits in scope and their corrective actions, from the register's creation to the end of
/// the as-of day, as CSV with the full old and new values and hashes, and as a page to read.
struct AuditTrailSection: BundleSection {
    static let csvPath = "audit-trail.csv"
    static let htmlPath = "audit-trail.html"
    let key = "audit_trail"
    let heading = "Audit trail"

    /// Counts the entries while they are written, for manifest.json (on the spooler's thread,
    /// read after the files are written).
    private final class Tally {
        var entries = 0
        var firstSeq: Int64?
        var lastSeq: Int64?
    }

    func plan(_ context: BundleContext) throws -> BundleSectionPlan {
        let register = context.register
        var subjects = Set(context.documents.map(\.id))
        for audit in context.audits {
            subjects.insert(audit.audit.id)
            subjects.formUnion(audit.capas.map(\.capa.id))
        }
        let cutoff = context.cutoff
        let tally = Tally()
        // Both files in one pass, each entry read once.
        let extract = BundleSpoolFill(parts: 2) { spools in
            let (csv, page) = (spools[0], spools[1])
            try csv.write(CSV.row(["seq", "at", "actor", "action", "entity_type", "entity_id", "subject", "reason", "old_value", "new_value", "prev_hash", "hash"]))
            let title = "Audit trail of the records in scope, until the end of \(context.asOf)"
            try page.write(HTML.pageStart(title: title, root: "") + "<h1>\(HTML.escape(title))</h1>\n")
            try page.write("<p>The same entries with their full old and new values and hashes: \(HTML.link(Self.csvPath, Self.csvPath)).</p>\n")
            try page.write("<table>\n<tr><th>#</th><th>Time (UTC)</th><th>Actor</th><th>Action</th><th>Entity</th><th>Reason</th><th>Changes</th></tr>\n")
            try register.forEachTrailEntry(try register.trailEntries(about: subjects), before: cutoff) { entry, subject in
                tally.entries += 1
                tally.firstSeq = tally.firstSeq ?? entry.seq
                tally.lastSeq = entry.seq
                try csv.write(CSV.row([
                    String(entry.seq), entry.at, entry.actor, entry.action, entry.entityType, entry.entityId, subject,
                    entry.reason ?? "", entry.oldValue ?? "", entry.newValue ?? "", entry.prevHash, entry.hash,
                ]))
                let changes = TrailEntry(
                    seq: entry.seq, at: "", actor: entry.actor, action: entry.action, entityType: entry.entityType, entityId: entry.entityId,
                    oldValue: entry.oldValue, newValue: entry.newValue, reason: entry.reason, hash: entry.hash
                ).changes
                let cells = [String(entry.seq), entry.at, entry.actor, entry.action, "\(entry.entityType) \(entry.entityId)", entry.reason ?? ""]
                try page.write("<tr>" + cells.map { "<td>\(HTML.escape($0))</td>" }.joined()
                    + "<td>\(changes.map(HTML.escape).joined(separator: "<br>"))</td></tr>\n")
            }
            try page.write("</table>\n" + HTML.pageEnd)
        }
        var plan = BundleSectionPlan()
        plan.entries.append(BundleEntry(path: Self.csvPath, content: .spooled(extract, part: 0)))
        plan.entries.append(BundleEntry(path: Self.htmlPath, content: .spooled(extract, part: 1)))
        plan.links = [
            BundleLink(path: Self.htmlPath, label: "Audit-trail extract", detail: "entries about the documents\(context.audits.isEmpty ? "" : ", audits and corrective actions") in scope until the end of \(context.asOf)"),
            BundleLink(path: Self.csvPath, label: "Audit-trail extract as CSV", detail: "with the full old and new values and the hash chain fields"),
        ]
        plan.manifest = {
            .object([
                "entries": .int(tally.entries), "first_seq": tally.firstSeq.map { .int(Int($0)) } ?? .null,
                "last_seq": tally.lastSeq.map { .int(Int($0)) } ?? .null, "before": .string(Timestamp.string(cutoff)),
            ])
        }
        return plan
    }
}

/// One audit-trail entry as the extract writes it (the time kept as stored, ISO 8601 UTC).
struct BundleTrailEntry {
    let seq: Int64
    let at: String
    let actor: String
    let action: String
    let entityType: String
    let entityId: String
    let oldValue: String?
    let newValue: String?
    let reason: String?
    let prevHash: String
    let hash: String
}

extension Register {
    /// Entry types whose entity ID is the subject itself.
    static let trailTypesNamedBySubject = [
        TrackedTable.document.entityType, TrackedTable.trainingRequirement.entityType, TrackedTable.audit.entityType,
        TrackedTable.capa.entityType, "access",
    ]
    /// Entry types whose entity ID is the subject, a slash and more (`SOP-0001/B`).
    static let trailTypesUnderSubject = [
        TrackedTable.revision.entityType, TrackedTable.trainingAssignment.entityType, TrackedTable.documentArea.entityType,
        TrackedTable.finding.entityType, TrackedTable.auditChecklistItem.entityType, TrackedTable.auditAssessor.entityType,
        TrackedTable.capaFinding.entityType, TrackedTable.capaAction.entityType, TrackedTable.capaSignature.entityType,
    ]

    /// The trail entries about one of `subjects` (document, audit and CAPA IDs), oldest first,
    /// each with the subject it is about (`trailSubject`). Found subject by subject through the
    /// index on (entity_type, entity_id) and, for review cycles and signatures, through their
    /// tables' document index (neither is ever deleted, and `verify` holds each row to its trail
    /// entry); only the entries whose stored values name the subject are kept. So the cost grows
    /// with the scope, not with the trail: a company register's trail holds millions of entries.
    func trailEntries(about subjects: Set<String>) throws -> [(seq: Int64, subject: String)] {
        let named = Self.trailTypesNamedBySubject + Self.trailTypesUnderSubject
        let under = Self.trailTypesUnderSubject
        let list = { (types: [String]) in types.map { "'\($0)'" }.joined(separator: ", ") }
        return try store.read { db in
            let exact = try db.cachedStatement(sql: """
                SELECT seq, entity_type, entity_id FROM audit_trail WHERE entity_type IN (\(list(named))) AND entity_id = ?
                """)
            let below = try db.cachedStatement(sql: """
                SELECT seq, entity_type, entity_id FROM audit_trail WHERE entity_type IN (\(list(under))) AND entity_id >= ? AND entity_id < ?
                """)
            let refs = try db.cachedStatement(sql: """
                SELECT seq, entity_type, entity_id FROM audit_trail WHERE entity_type = 'git_ref' AND entity_id IN (?, ?)
                """)
            let tags = try db.cachedStatement(sql: """
                SELECT seq, entity_type, entity_id FROM audit_trail WHERE entity_type = 'git_ref' AND entity_id >= ? AND entity_id < ?
                """)
            // The document a cycle's or signature's entry is about is in its stored values. CROSS
            // JOIN keeps SQLite from scanning every cycle entry of the trail first.
            let documentInValues = """
                coalesce(
                    CASE WHEN json_valid(t.new_value) AND json_type(t.new_value, '$.document_id') = 'text' THEN json_extract(t.new_value, '$.document_id') END,
                    CASE WHEN json_valid(t.old_value) AND json_type(t.old_value, '$.document_id') = 'text' THEN json_extract(t.old_value, '$.document_id') END)
                """
            let cycles = try db.cachedStatement(sql: """
                SELECT t.seq FROM review_cycle c
                CROSS JOIN audit_trail t ON t.entity_type = 'review_cycle' AND t.entity_id = CAST(c.id AS TEXT)
                WHERE c.document_id = ?1 AND \(documentInValues) = ?1
                """)
            let signatures = try db.cachedStatement(sql: """
                SELECT t.seq FROM signature s
                CROSS JOIN audit_trail t ON t.entity_type = 'signature' AND t.entity_id = CAST(s.id AS TEXT)
                WHERE s.document_id = ?1 AND \(documentInValues) = ?1
                """)
            var found: [(seq: Int64, subject: String)] = []
            for subject in subjects {
                // A prefix range: every ID starting with "S/" sorts from "S/" up to "S0".
                let lookups: [(Statement, [DatabaseValue])] = [
                    (exact, [subject.databaseValue]),
                    (below, [(subject + "/").databaseValue, (subject + "0").databaseValue]),
                    (refs, ["refs/heads/drafts/\(subject)".databaseValue, "refs/tags/\(subject)".databaseValue]),
                    (tags, ["refs/tags/\(subject)/".databaseValue, "refs/tags/\(subject)0".databaseValue]),
                ]
                for (statement, arguments) in lookups {
                    try SQLiteBinding.forEachRow(statement, arguments, db) { row in
                        let (type, id) = (SQLiteBinding.textToNUL(row, 1) ?? "", SQLiteBinding.textToNUL(row, 2) ?? "")
                        if Self.trailSubject(entityType: type, entityId: id, values: []) == subject {
                            found.append((sqlite3_column_int64(row, 0), subject))
                        }
                    }
                }
                for statement in [cycles, signatures] {
                    found += try Int64.fetchAll(statement, arguments: [subject]).map { ($0, subject) }
                }
            }
            found.sort { $0.seq < $1.seq }
            return found
        }
    }

    /// Calls `body` with each of `entries` (from `trailEntries(about:)`) made before `cutoff`,
    /// in order, and the subject it is about; reads one row at a time, through SQLite's C API
    /// (texts as GRDB's `Row` reads them): a `Row` for each of a bundle's many thousand entries
    /// cost more than SQLite's work.
    func forEachTrailEntry(_ entries: [(seq: Int64, subject: String)], before cutoff: Date, _ body: (BundleTrailEntry, String) throws -> Void) throws {
        try store.read { db in
            // Times are stored as ISO 8601 UTC with whole seconds, so text order is time order.
            let statement = try db.cachedStatement(sql: """
                SELECT seq, at, actor, action, entity_type, entity_id, old_value, new_value, reason, prev_hash, hash FROM audit_trail
                WHERE seq = ? AND at < ?
                """)
            let before = Timestamp.string(cutoff).databaseValue
            for (seq, subject) in entries {
                var entry: BundleTrailEntry?
                try SQLiteBinding.forEachRow(statement, [seq.databaseValue, before], db) { row in
                    // The columns but the old and new values and the reason are NOT NULL.
                    let text = { (column: CInt) in SQLiteBinding.textToNUL(row, column) }
                    entry = BundleTrailEntry(
                        seq: sqlite3_column_int64(row, 0), at: text(1) ?? "", actor: text(2) ?? "", action: text(3) ?? "",
                        entityType: text(4) ?? "", entityId: text(5) ?? "", oldValue: text(6), newValue: text(7), reason: text(8),
                        prevHash: text(9) ?? "", hash: text(10) ?? "")
                }
                if let entry { try body(entry, subject) }
            }
        }
    }

    /// The document, audit or corrective action a trail entry is about, if any.
    static func trailSubject(entityType: String, entityId: String, values: [String?]) -> String? {
        if trailTypesNamedBySubject.contains(entityType) { return entityId }
        if trailTypesUnderSubject.contains(entityType) { return entityId.split(separator: "/").first.map(String.init) }
        switch entityType {
        case TrackedTable.reviewCycle.entityType, TrackedTable.signature.entityType:
            for json in values.compactMap({ $0 }) {
                if let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], let id = object["document_id"] as? String {
                    return id
                }
            }
            return nil
        case TrackedTable.gitRef.entityType:
            if entityId.hasPrefix("refs/heads/drafts/") { return String(entityId.dropFirst("refs/heads/drafts/".count)) }
            if entityId.hasPrefix("refs/tags/") { return entityId.dropFirst("refs/tags/".count).split(separator: "/").first.map(String.init) }
            return nil
        default:
            return nil
        }
    }
}
