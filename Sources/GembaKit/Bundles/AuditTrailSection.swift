import Foundation
import GRDB

/// The audit-trail extract: every entry about the documents in scope (their records, revisions,
/// review cycles, signatures, git references, areas, training and assessors' reads) and about
/// the audits in scope and their corrective actions, from the register's creation to the end of
/// the as-of day, as CSV with the full old and new values and hashes, and as a page to read.
struct AuditTrailSection: BundleSection {
    static let csvPath = "audit-trail.csv"
    static let htmlPath = "audit-trail.html"
    let key = "audit_trail"
    let heading = "Audit trail"

    /// Counts the entries while the CSV is written, for manifest.json.
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
        var plan = BundleSectionPlan()
        plan.entries.append(BundleEntry(path: Self.csvPath, content: .spooled { spool in
            try spool.write(CSV.row(["seq", "at", "actor", "action", "entity_type", "entity_id", "subject", "reason", "old_value", "new_value", "prev_hash", "hash"]))
            try register.forEachTrailEntry(about: subjects, before: cutoff) { entry, subject in
                tally.entries += 1
                tally.firstSeq = tally.firstSeq ?? entry.seq
                tally.lastSeq = entry.seq
                try spool.write(CSV.row([
                    String(entry.seq), entry.at, entry.actor, entry.action, entry.entityType, entry.entityId, subject,
                    entry.reason ?? "", entry.oldValue ?? "", entry.newValue ?? "", entry.prevHash, entry.hash,
                ]))
            }
        }))
        plan.entries.append(BundleEntry(path: Self.htmlPath, content: .spooled { spool in
            let title = "Audit trail of the records in scope, until the end of \(context.asOf)"
            try spool.write(HTML.pageStart(title: title, root: "") + "<h1>\(HTML.escape(title))</h1>\n")
            try spool.write("<p>The same entries with their full old and new values and hashes: \(HTML.link(Self.csvPath, Self.csvPath)).</p>\n")
            try spool.write("<table>\n<tr><th>#</th><th>Time (UTC)</th><th>Actor</th><th>Action</th><th>Entity</th><th>Reason</th><th>Changes</th></tr>\n")
            try register.forEachTrailEntry(about: subjects, before: cutoff) { entry, _ in
                let changes = TrailEntry(
                    seq: entry.seq, at: "", actor: entry.actor, action: entry.action, entityType: entry.entityType, entityId: entry.entityId,
                    oldValue: entry.oldValue, newValue: entry.newValue, reason: entry.reason, hash: entry.hash
                ).changes
                let cells = [String(entry.seq), entry.at, entry.actor, entry.action, "\(entry.entityType) \(entry.entityId)", entry.reason ?? ""]
                try spool.write("<tr>" + cells.map { "<td>\(HTML.escape($0))</td>" }.joined()
                    + "<td>\(changes.map(HTML.escape).joined(separator: "<br>"))</td></tr>\n")
            }
            try spool.write("</table>\n" + HTML.pageEnd)
        }))
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
    /// Calls `body` with each trail entry about one of `subjects` (document, audit and CAPA IDs)
    /// made before `cutoff`, oldest first, and the subject it is about; reads with a cursor, one
    /// row at a time, and builds only the entries it passes on.
    func forEachTrailEntry(about subjects: Set<String>, before cutoff: Date, _ body: (BundleTrailEntry, String) throws -> Void) throws {
        try store.read { db in
            // Times are stored as ISO 8601 UTC with whole seconds, so text order is time order.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT seq, at, actor, action, entity_type, entity_id, old_value, new_value, reason, prev_hash, hash FROM audit_trail
                WHERE entity_type IN (
                    'document', 'revision', 'review_cycle', 'signature', 'git_ref', 'training_requirement', 'training_assignment', 'document_area',
                    'audit', 'finding', 'audit_checklist_item', 'audit_assessor', 'capa', 'capa_finding', 'capa_action', 'capa_signature', 'access')
                  AND at < ? ORDER BY seq
                """, arguments: [Timestamp.string(cutoff)])
            while let row = try rows.next() {
                let entityType: String = row["entity_type"]
                let entityId: String = row["entity_id"]
                let newValue: String? = row["new_value"]
                let oldValue: String? = row["old_value"]
                guard let subject = Self.trailSubject(entityType: entityType, entityId: entityId, values: [newValue, oldValue]),
                    subjects.contains(subject)
                else { continue }
                try body(BundleTrailEntry(
                    seq: row["seq"], at: row["at"], actor: row["actor"], action: row["action"], entityType: entityType, entityId: entityId,
                    oldValue: oldValue, newValue: newValue, reason: row["reason"], prevHash: row["prev_hash"], hash: row["hash"]), subject)
            }
        }
    }

    /// The document, audit or corrective action a trail entry is about, if any.
    static func trailSubject(entityType: String, entityId: String, values: [String?]) -> String? {
        switch entityType {
        case TrackedTable.document.entityType, TrackedTable.trainingRequirement.entityType, TrackedTable.audit.entityType,
            TrackedTable.capa.entityType, "access":
            return entityId
        case TrackedTable.revision.entityType, TrackedTable.trainingAssignment.entityType, TrackedTable.documentArea.entityType,
            TrackedTable.finding.entityType, TrackedTable.auditChecklistItem.entityType, TrackedTable.auditAssessor.entityType,
            TrackedTable.capaFinding.entityType, TrackedTable.capaAction.entityType, TrackedTable.capaSignature.entityType:
            return entityId.split(separator: "/").first.map(String.init)
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
