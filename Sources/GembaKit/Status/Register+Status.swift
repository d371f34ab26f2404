import Foundation

/// Everything late or due soon, for the coordinator's morning look and for cron.
public struct RegisterStatus: Codable, Sendable {
    public let asOf: String
    public let withinDays: Int
    /// Overdue first (most overdue first), then due soon (soonest first).
    public let items: [LateItem]

    public var overdue: [LateItem] { items.filter { $0.daysOverdue > 0 } }
    public var dueSoon: [LateItem] { items.filter { $0.daysOverdue <= 0 } }
}

extension Register {
    /// Overdue and due-soon obligations across the register: periodic reviews, review steps,
    /// CAPA planning deadlines, CAPA actions and effectiveness checks, training assignments and
    /// certifications, action items, requests, schedule events and undelivered notices, and
    /// maintenance work orders past their planned date.
    public func status(withinDays days: Int) throws -> RegisterStatus {
        var items = try reviewLateItems(withinDays: days)
        items += try capaLateItems(withinDays: days)
        items += try trainingLateItems(withinDays: days)
        items += try actionLateItems(withinDays: days)
        items += try requestLateItems(withinDays: days)
        items += try scheduleLateItems(withinDays: days)
        items += try productionLateItems(withinDays: days)
        items.sort { ($0.daysOverdue, $1.dueDate, $0.reference) > ($1.daysOverdue, $0.dueDate, $1.reference) }
        return RegisterStatus(asOf: today().description, withinDays: days, items: items)
    }

    /// Periodic reviews due by `today + days`, and open review steps past or near their due date.
    func reviewLateItems(withinDays days: Int) throws -> [LateItem] {
        let today = today()
        let horizon = today.addingDays(days)
        var items = try reviewsDue(withinDays: days).map { due in
            LateItem(kind: "periodic-review", reference: due.revision.map { "\(due.document) rev \($0)" } ?? due.document,
                     title: due.title, owner: due.owner, dueDate: due.dueDate, daysOverdue: due.daysOverdue)
        }
        items += try openReviewCycles().compactMap { cycle -> LateItem? in
            guard let step = cycle.step, let role = cycle.stepRole, let due = cycle.stepDue.flatMap(Day.init), due <= horizon else { return nil }
            return LateItem(kind: "review-step", reference: "\(cycle.document) rev \(cycle.revision)",
                            title: "\(cycle.title) - \(cycle.kind) review, step '\(step)' (\(role))",
                            owner: nil, dueDate: due.description, daysOverdue: due.days(until: today))
        }
        return items
    }
}
