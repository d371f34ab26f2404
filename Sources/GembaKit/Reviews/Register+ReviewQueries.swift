import Foundation
import GRDB

/// A document's periodic review date, as listed by `review due` and `review overdue`.
public struct PeriodicReviewDue: Codable, Sendable {
    public let document: String
    public let title: String
    public let type: String
    public let revision: String?
    public let owner: String
    public let ownerName: String
    public let dueDate: String
    /// Positive when overdue, negative when still ahead.
    public let daysOverdue: Int
    public let reviewInProgress: Bool
}

/// A review step waiting for a person.
public struct InboxItem: Codable, Sendable {
    public let cycle: ReviewCycleView
    public let stepDue: String
    public let daysOverdue: Int
}

extension Register {
    /// Effective documents whose periodic review is due by `today + days`, most overdue first.
    public func reviewsDue(withinDays days: Int) throws -> [PeriodicReviewDue] {
        try periodicReviews(until: today().addingDays(days), includeToday: true)
    }

    /// Effective documents whose periodic review date has passed, most overdue first.
    public func reviewsOverdue() throws -> [PeriodicReviewDue] {
        try periodicReviews(until: today().addingDays(-1), includeToday: true)
    }

    private func periodicReviews(until last: Day, includeToday: Bool) throws -> [PeriodicReviewDue] {
        let today = today()
        return try store.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT d.id, d.title, d.type, d.effective_revision, d.owner, u.name AS owner_name, d.next_review_due,
                       EXISTS (SELECT 1 FROM review_cycle c WHERE c.document_id = d.id AND c.status = 'open' AND c.kind = 'periodic') AS in_progress
                FROM document d LEFT JOIN user u ON u.username = d.owner
                WHERE d.next_review_due IS NOT NULL AND d.next_review_due <= ? AND d.obsolete_at IS NULL
                ORDER BY d.next_review_due, d.id
                """, arguments: [last.description])
            return rows.map { row in
                let due: String = row["next_review_due"]
                return PeriodicReviewDue(
                    document: row["id"], title: row["title"], type: row["type"], revision: row["effective_revision"], owner: row["owner"],
                    ownerName: row["owner_name"] ?? row["owner"], dueDate: due,
                    daysOverdue: Day(due).map { $0.days(until: today) } ?? 0, reviewInProgress: row["in_progress"])
            }
        }
    }

    /// Open review steps the user may sign now, oldest due first.
    public func inbox(for username: String) throws -> [InboxItem] {
        let today = today()
        return try openReviewCycles().filter { cycle in
            guard let role = cycle.stepRole else { return false }
            return (try? store.read { db -> Bool in
                let user = try activeUser(db, username)
                guard user.roleList.contains(role) else { return false }
                if cycle.signatures.contains(where: { $0.username == username && $0.step != "authoring" && $0.meaning != SignatureMeaning.rejected.rawValue }) { return false }
                if !policies.settings.authorMaySignOwnRevision, cycle.kind != ReviewCycleKind.obsolete.rawValue {
                    let author = try String.fetchOne(db, sql: "SELECT author FROM revision WHERE document_id = ? AND letter = ?", arguments: [cycle.document, cycle.revision])
                    if author == username { return false }
                }
                return true
            }) ?? false
        }.map { cycle in
            let due = cycle.stepDue ?? today.description
            return InboxItem(cycle: cycle, stepDue: due, daysOverdue: Day(due).map { $0.days(until: today) } ?? 0)
        }.sorted { ($0.stepDue, $0.cycle.document) < ($1.stepDue, $1.cycle.document) }
    }

    /// Every open review cycle, oldest first.
    public func openReviewCycles() throws -> [ReviewCycleView] {
        try store.read { db in
            let cycles = try ReviewCycleRecord.filter(Column("status") == ReviewCycleStatus.open.rawValue).order(Column("started_at"), Column("id")).fetchAll(db)
            return try cycles.map { cycle in
                try cycleView(db, cycle, signatures: try SignatureRecord.filter(Column("cycle_id") == cycle.id).order(Column("signed_at"), Column("id")).fetchAll(db))
            }
        }
    }
}
