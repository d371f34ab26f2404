import Foundation
import GRDB
import GRDBSQLite

/// Everything late or due soon, for the coordinator's morning look and for cron.
public struct RegisterStatus: Codable, Sendable {
    public let asOf: String
    public let withinDays: Int
    /// How many items are overdue and due soon in all, also when `items` holds only the first ones.
    public let overdueCount: Int
    public let dueSoonCount: Int
    /// The same counts by kind of item, kinds in alphabetical order.
    public let kinds: [LateItemCount]
    /// Overdue first (most overdue first), then due soon (soonest first). When asked with a limit,
    /// only the first `limit` overdue and the first `limit` due soon.
    public let items: [LateItem]

    public var overdue: [LateItem] { items.filter { $0.daysOverdue > 0 } }
    public var dueSoon: [LateItem] { items.filter { $0.daysOverdue <= 0 } }
    /// Whether `items` holds every late and due item.
    public var isComplete: Bool { items.count == overdueCount + dueSoonCount }
}

/// How many items of one kind are overdue and due soon.
public struct LateItemCount: Codable, Sendable, Equatable {
    public let kind: String
    public let overdue: Int
    public let dueSoon: Int
}

extension LateItem {
    /// The order of `gemba status`: most overdue first, then due soonest; ties by reference,
    /// kind, owner and title, so that the order is the same however the items were gathered.
    static func moreUrgent(_ a: LateItem, _ b: LateItem) -> Bool {
        // Field by field, so that most comparisons end at the first (no tuple of copies).
        if a.daysOverdue != b.daysOverdue { return a.daysOverdue > b.daysOverdue }
        if a.dueDate != b.dueDate { return a.dueDate < b.dueDate }
        if a.reference != b.reference { return a.reference > b.reference }
        if a.kind != b.kind { return a.kind < b.kind }
        if (a.owner ?? "") != (b.owner ?? "") { return (a.owner ?? "") < (b.owner ?? "") }
        return a.title < b.title
    }
}

/// The days a `status` looks at, and how many items of each part it lists.
struct LateWindow {
    let today: Day
    let horizon: Day
    /// The first `limit` overdue and the first `limit` due soon, or all when nil.
    let limit: Int?

    /// The two parts of the window: overdue (before today) and due soon (today to the horizon).
    var parts: [(from: Day?, through: Day)] { [(nil, today.addingDays(-1)), (today, horizon)] }
}

/// Late items gathered from every part of the register, with the counts of each kind.
struct LateItemGathering {
    /// With a limit, only the items that can be among the first `limit` of their part are kept.
    let limit: Int?
    private(set) var items: [LateItem] = []
    private(set) var counts: [String: (overdue: Int, dueSoon: Int)] = [:]

    init(limit: Int? = nil) {
        self.limit = limit
    }

    /// Items of which every one is listed: counted one by one. With a limit, only the first
    /// `limit` of each part (and any as late as the last of them) are kept for the merge.
    mutating func add(_ all: [LateItem]) {
        for item in all {
            var count = counts[item.kind] ?? (0, 0)
            if item.daysOverdue > 0 { count.overdue += 1 } else { count.dueSoon += 1 }
            counts[item.kind] = count
        }
        items += Self.first(all, limit: limit, daysOverdue: \.daysOverdue)
    }

    /// Of each part (overdue, due soon), the `limit` latest by days overdue and any as late as
    /// the last of them: a superset of the part's first `limit` in the merged order. All when
    /// there is no limit.
    static func first<T>(_ all: [T], limit: Int?, daysOverdue: (T) -> Int) -> [T] {
        guard let limit else { return all }
        var kept: [T] = []
        for part in [all.filter { daysOverdue($0) > 0 }, all.filter { daysOverdue($0) <= 0 }] {
            guard part.count > limit else {
                kept += part
                continue
            }
            guard limit > 0 else { continue }
            let cut = part.map(daysOverdue).sorted(by: >)[limit - 1]
            kept += part.filter { daysOverdue($0) >= cut }
        }
        return kept
    }

    /// The first items of one kind, which may be fewer than counted: for each part of the
    /// window they must be the most urgent of that kind in it, and every item due the same day
    /// as the last of them (so that the merged list can be cut exactly where a full one would be).
    mutating func add(first: [LateItem], kind: String, overdue: Int, dueSoon: Int) {
        let count = counts[kind] ?? (0, 0)
        counts[kind] = (count.overdue + overdue, count.dueSoon + dueSoon)
        items += first
    }
}

extension Register {
    /// Overdue and due-soon obligations across the register: periodic reviews, review steps,
    /// CAPA planning deadlines, CAPA actions and effectiveness checks, training assignments and
    /// certifications, action items, requests, schedule events and undelivered notices, and
    /// maintenance work orders past their planned date.
    ///
    /// With a `limit`, only the `limit` most overdue and the `limit` soonest due items are listed
    /// (the counts are always complete): the large parts (periodic reviews, training) then read
    /// only those rows, so the answer stays quick on a register of 100,000 documents.
    public func status(withinDays days: Int, limit: Int? = nil) throws -> RegisterStatus {
        let days = max(0, days)
        let today = today()
        let window = LateWindow(today: today, horizon: today.addingDays(days), limit: limit.map { max(0, $0) })
        var gathering = LateItemGathering(limit: window.limit)
        try periodicReviewLateItems(window, into: &gathering)
        try reviewStepLateItems(withinDays: days, limit: window.limit, into: &gathering)
        gathering.add(try capaLateItems(withinDays: days))
        try trainingLateItems(window, into: &gathering)
        gathering.add(try certificationLateItems(withinDays: days))
        gathering.add(try actionLateItems(withinDays: days))
        gathering.add(try requestLateItems(withinDays: days))
        gathering.add(try scheduleLateItems(withinDays: days))
        gathering.add(try productionLateItems(withinDays: days))

        // Cut by days first (cheap), then order the few left in full.
        let sorted = LateItemGathering.first(gathering.items, limit: window.limit, daysOverdue: \.daysOverdue).sorted(by: LateItem.moreUrgent)
        var overdue = sorted.filter { $0.daysOverdue > 0 }
        var dueSoon = sorted.filter { $0.daysOverdue <= 0 }
        if let limit = window.limit {
            overdue = Array(overdue.prefix(limit))
            dueSoon = Array(dueSoon.prefix(limit))
        }
        let kinds = gathering.counts.sorted { $0.key < $1.key }.map { LateItemCount(kind: $0.key, overdue: $0.value.overdue, dueSoon: $0.value.dueSoon) }
        return RegisterStatus(
            asOf: today.description, withinDays: days, overdueCount: kinds.reduce(0) { $0 + $1.overdue },
            dueSoonCount: kinds.reduce(0) { $0 + $1.dueSoon }, kinds: kinds, items: overdue + dueSoon)
    }

    /// Periodic reviews due by `today + days`, and open review steps past or near their due date.
    func reviewLateItems(withinDays days: Int) throws -> [LateItem] {
        var gathering = LateItemGathering()
        let today = today()
        try periodicReviewLateItems(LateWindow(today: today, horizon: today.addingDays(days), limit: nil), into: &gathering)
        try reviewStepLateItems(withinDays: days, limit: nil, into: &gathering)
        return gathering.items
    }

    private func periodicReviewLateItems(_ window: LateWindow, into gathering: inout LateItemGathering) throws {
        let (reviews, counts) = try store.read { db in
            try (window.parts.flatMap { part in try periodicReviews(db, from: part.from, through: part.through, first: window.limit) },
                 window.parts.map { part in try periodicReviewCount(db, from: part.from, through: part.through) })
        }
        gathering.add(first: reviews.map { due in
            LateItem(kind: "periodic-review", reference: due.revision.map { "\(due.document) rev \($0)" } ?? due.document,
                     title: due.title, owner: due.owner, dueDate: due.dueDate, daysOverdue: due.daysOverdue)
        }, kind: "periodic-review", overdue: counts[0], dueSoon: counts[1])
    }

    /// Open review steps past or near their due date: read straight from the open cycles (a
    /// large register has a thousand open at a time), without their signatures; with a limit,
    /// the titles only of those kept.
    private func reviewStepLateItems(withinDays days: Int, limit: Int?, into gathering: inout LateItemGathering) throws {
        let today = today()
        let horizon = today.addingDays(days)
        struct Step {
            let document: String, revision: String, kind: String, name: String, role: String, due: Day, daysOverdue: Int
        }
        let (kept, overdue, dueSoon, titles) = try store.read { db -> ([Step], Int, Int, [String: String]) in
            var steps: [Step] = []
            let open = try db.cachedStatement(sql: """
                SELECT id, document_id, revision_letter, kind, steps, current_step, step_opened_at FROM review_cycle WHERE status = 'open'
                ORDER BY step_opened_at, current_step, steps
                """)
            // Columns read through SQLite's C API: a company register has a thousand open cycles,
            // each with its route's steps as JSON, and there are only a few routes, so a row's
            // steps are compared as bytes with those already decoded and decoded only when new.
            var routes: [(json: [UInt8], steps: [RouteStep])] = []
            try SQLiteBinding.forEachRow(open, [], db) { row in
                let json = UnsafeBufferPointer(start: sqlite3_column_text(row, 4), count: Int(sqlite3_column_bytes(row, 4)))
                let known = routes.firstIndex { route in
                    route.json.count == json.count && (json.isEmpty || memcmp(route.json, json.baseAddress!, json.count) == 0)
                }
                let route: [RouteStep]
                if let known {
                    route = routes[known].steps
                } else {
                    let bytes = Array(json)
                    route = try self.steps(ofCycle: sqlite3_column_int64(row, 0), json: String(decoding: bytes, as: UTF8.self))
                    routes.append((bytes, route))
                }
                let current = Int(sqlite3_column_int64(row, 5))
                guard route.indices.contains(current) else { return }
                let opened = SQLiteBinding.text(row, 6) ?? ""
                guard let openedAt = Timestamp.parse(opened) else {
                    throw GembaError(.integrity, "register.sqlite: '\(opened)' in column step_opened_at is not a time; run `gemba verify`")
                }
                let due = Day(openedAt).addingDays(route[current].dueDays)
                guard due <= horizon else { return }
                steps.append(Step(
                    document: SQLiteBinding.text(row, 1) ?? "", revision: SQLiteBinding.text(row, 2) ?? "", kind: SQLiteBinding.text(row, 3) ?? "",
                    name: route[current].name, role: route[current].role, due: due, daysOverdue: due.days(until: today)))
            }
            let kept = LateItemGathering.first(steps, limit: limit, daysOverdue: \.daysOverdue)
            var titles: [String: String] = [:]
            let statement = try db.cachedStatement(sql: "SELECT title FROM document WHERE id = ?")
            for document in Set(kept.map(\.document)) {
                if case .string(let title) = try SQLiteBinding.firstRow(statement, [document.databaseValue], db)?.first?.storage { titles[document] = title }
            }
            return (kept, steps.count { $0.daysOverdue > 0 }, steps.count { $0.daysOverdue <= 0 }, titles)
        }
        gathering.add(first: kept.map { step in
            LateItem(kind: "review-step", reference: "\(step.document) rev \(step.revision)",
                     title: "\(titles[step.document] ?? "") - \(step.kind) review, step '\(step.name)' (\(step.role))",
                     owner: nil, dueDate: step.due.description, daysOverdue: step.daysOverdue)
        }, kind: "review-step", overdue: overdue, dueSoon: dueSoon)
    }
}
