import Foundation
import GRDB

/// Training completion for each document revision in a bundle: every "read and understood"
/// assignment on that revision made by the end of the as-of day, and where it stood then
/// (signed, with the signature manifestation; closed; or open and when it was due).
struct TrainingSection: BundleSection {
    let key = "training"
    let heading = "Training completion"

    func plan(_ context: BundleContext) throws -> BundleSectionPlan {
        let register = context.register
        var plan = BundleSectionPlan()
        var signed = 0
        var assigned = 0
        // Signed and assigned per revision, read in one transaction through one statement (the
        // pages read the assignments again, one revision at a time, rather than holding every
        // assignment of the bundle).
        let cutoff = context.cutoff
        let counts = try register.store.read { db in
            let statement = try db.cachedStatement(sql: "SELECT assigned_at, signed_at FROM training_assignment WHERE document_id = ? AND revision_letter = ?")
            return try context.documents.map { document in
                var count = (done: 0, all: 0)
                let rows = try Row.fetchCursor(statement, arguments: [document.id, document.letter])
                while let row = try rows.next() {
                    guard try row.time("assigned_at") < cutoff else { continue }
                    count.all += 1
                    if let signed = try row.optionalTime("signed_at"), signed < cutoff { count.done += 1 }
                }
                return count
            }
        }
        for (document, count) in zip(context.documents, counts) {
            let done = count.done
            signed += done
            assigned += count.all
            let path = "documents/\(document.id)/training-rev-\(document.letter).html"
            let summary = count.all == 0 ? "no assignment" : "\(done) of \(count.all) signed"
            plan.entries.append(BundleEntry(
                path: path, content: .data { Data(try register.trainingPage(document, context: context, assigned: count.all).utf8) },
                document: document.id, label: "Training completion (\(summary))"))
            plan.links.append(BundleLink(path: path, label: "\(document.id) rev \(document.letter)", detail: summary))
        }
        plan.manifest = { .object(["assignments": .int(assigned), "signed": .int(signed)]) }
        return plan
    }
}

extension Register {
    /// The training assignments on a bundled revision made before `cutoff`, by person.
    fileprivate func bundleAssignments(_ db: Database, _ document: BundleDocument, before cutoff: Date) throws -> [TrainingAssignmentRecord] {
        try SQLRequest<TrainingAssignmentRecord>(
            sql: "SELECT * FROM training_assignment WHERE document_id = ? AND revision_letter = ? ORDER BY username",
            arguments: [document.id, document.letter], cached: true
        ).fetchAll(db).filter { $0.assignedAt < cutoff }
    }

    /// The page of a revision's assignments. `assigned` is what the plan counted: a revision
    /// it found none for is not read again, so its page and its link agree.
    fileprivate func trainingPage(_ document: BundleDocument, context: BundleContext, assigned: Int) throws -> String {
        let cutoff = context.cutoff
        let title = "Training on \(document.id) rev \(document.letter): \(document.title)"
        var body = "<h1>\(HTML.escape(title))</h1>\n"
        body += "<p>\(HTML.link("\(document.id)-rev-\(document.letter).html", "The document's page")). "
        body += "Each assignment as it stood at the end of \(context.asOf) (UTC).</p>\n"
        let assignments = assigned == 0 ? [] : try store.read { db in try bundleAssignments(db, document, before: cutoff) }
        guard !assignments.isEmpty else { return HTML.page(title: title, root: "../../", body: body + "<p>No training assignment on this revision.</p>\n") }
        let names = try context.names ?? store.read { db in try peopleNames(db) }
        context.names = names
        body += HTML.table(["Person", "Roles", "Assigned", "Due", "Status at the end of \(context.asOf)"], assignments.map { record in
            var status: String
            if let signedAt = record.signedAt, signedAt < cutoff, let acknowledgement = acknowledgementView(record, document.revision) {
                status = "<span class=\"signature\">\(HTML.escape(acknowledgement.manifestation))</span>"
                status += acknowledgement.contentVerified
                    ? " - signed commit <code>\(acknowledgement.commit.prefix(12))</code>, tree <code>\(acknowledgement.tree.prefix(12))</code>"
                    : " <span class=\"warning\">the signed content does not match content.git</span>"
            } else if let closedAt = record.closedAt, closedAt < cutoff {
                status = HTML.escape("\(record.status) \(Timestamp.readable(closedAt))")
            } else {
                let late = Day(record.dueOn).map { $0.days(until: context.asOf) } ?? 0
                status = HTML.escape("open" + (late > 0 ? ", \(late) days overdue" : ""))
            }
            return [
                HTML.escape("\(names[record.username] ?? record.username) (\(record.username))"), HTML.escape(record.roles.replacingOccurrences(of: ",", with: ", ")),
                HTML.escape("\(Timestamp.readable(record.assignedAt)) - \(record.reason)"), HTML.escape(record.dueOn), status,
            ]
        })
        return HTML.page(title: title, root: "../../", body: body)
    }
}
