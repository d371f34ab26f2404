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

/// The periodic reviews `review due` and `review overdue` list: the first ones and how many in all.
public struct PeriodicReviewList: Codable, Sendable {
    public let asOf: String
    /// How many documents match in all, also when `items` holds only the first ones.
    public let total: Int
    /// Most overdue first (then by document ID).
    public let items: [PeriodicReviewDue]

    /// Whether `items` holds every matching document.
    public var isComplete: Bool { items.count == total }
}

extension Register {
    /// Effective documents whose periodic review is due by `today + days`, most overdue first.
    public func reviewsDue(withinDays days: Int) throws -> [PeriodicReviewDue] {
        try reviewsDue(withinDays: days, limit: nil).items
    }

    /// Effective documents whose periodic review date has passed, most overdue first.
    public func reviewsOverdue() throws -> [PeriodicReviewDue] {
        try reviewsOverdue(limit: nil).items
    }

    /// The first `limit` (or all) documents whose periodic review is due by `today + days`, and
    /// how many there are.
    public func reviewsDue(withinDays days: Int, limit: Int?) throws -> PeriodicReviewList {
        try periodicReviewList(through: today().addingDays(days), limit: limit)
    }

    /// The first `limit` (or all) documents whose periodic review date has passed, and how many
    /// there are.
    public func reviewsOverdue(limit: Int?) throws -> PeriodicReviewList {
        try periodicReviewList(through: today().addingDays(-1), limit: limit)
    }

    private func periodicReviewList(through last: Day, limit: Int?) throws -> PeriodicReviewList {
        try store.read { db in
            let total = try periodicReviewCount(db, from: nil, through: last)
            var items = try periodicReviews(db, from: nil, through: last, first: limit)
            if let limit { items = Array(items.prefix(max(0, limit))) }
            return PeriodicReviewList(asOf: today().description, total: total, items: items)
        }
    }

    /// How many current documents have their periodic review due from `start` (or any day
    /// before) through `last`: counted in the partial index alone.
    func periodicReviewCount(_ db: Database, from start: Day?, through last: Day) throws -> Int {
        try Int.fetchOne(try db.cachedStatement(sql: """
            SELECT count(*) FROM document
            WHERE next_review_due IS NOT NULL AND obsolete_at IS NULL AND next_review_due >= ? AND next_review_due <= ?
            """), arguments: [start?.description ?? "", last.description]) ?? 0
    }

    /// Current documents with their periodic review due from `start` (or any day before) through
    /// `last`, in due-date then ID order. With `first` set to a number, only that many, and then
    /// every other one due the same day as the last of them (`status` merges parts cut this way).
    func periodicReviews(_ db: Database, from start: Day?, through last: Day, first count: Int?) throws -> [PeriodicReviewDue] {
        let today = today()
        let select = """
            SELECT d.id, d.title, d.type, d.effective_revision, d.owner, u.name AS owner_name, d.next_review_due,
                   EXISTS (SELECT 1 FROM review_cycle c WHERE c.document_id = d.id AND c.status = 'open' AND c.kind = 'periodic') AS in_progress
            FROM document d LEFT JOIN user u ON u.username = d.owner
            WHERE d.next_review_due IS NOT NULL AND d.obsolete_at IS NULL
            """
        func due(_ row: Row) -> PeriodicReviewDue {
            // Columns by position, in the order of the SELECT above.
            let due: String = row[6]
            return PeriodicReviewDue(
                document: row[0], title: row[1], type: row[2], revision: row[3], owner: row[4],
                ownerName: row[5] ?? row[4], dueDate: due,
                daysOverdue: Day(due).map { $0.days(until: today) } ?? 0, reviewInProgress: row[7])
        }
        let range: StatementArguments = [start?.description ?? "", last.description]
        guard let count else {
            return try Row.fetchAll(try db.cachedStatement(sql: select + " AND d.next_review_due >= ? AND d.next_review_due <= ? ORDER BY d.next_review_due, d.id"),
                                    arguments: range).map(due)
        }
        var items = try Row.fetchAll(try db.cachedStatement(sql: select + " AND d.next_review_due >= ? AND d.next_review_due <= ? ORDER BY d.next_review_due, d.id LIMIT ?"),
                                     arguments: range + [max(0, count)]).map(due)
        if items.count == count, let lastItem = items.last {
            items += try Row.fetchAll(try db.cachedStatement(sql: select + " AND d.next_review_due = ? AND d.id > ? ORDER BY d.id"),
                                      arguments: [lastItem.dueDate, lastItem.document]).map(due)
        }
        return items
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
