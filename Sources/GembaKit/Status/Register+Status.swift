import Foundation
import GRDB

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
    /// certifications.
    public func status(withinDays days: Int) throws -> RegisterStatus {
        var items = try reviewLateItems(withinDays: days)
        items += try capaLateItems(withinDays: days)
        items += try trainingLateItems(withinDays: days)
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
        items += try store.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.document_id, c.revision_letter, c.kind, c.steps, c.current_step, c.step_opened_at, d.title
                FROM review_cycle c JOIN document d ON d.id = c.document_id
                WHERE c.status = 'open'
                """)
            return rows.compactMap { row -> LateItem? in
                let stepsJSON: String = row["steps"]
                guard let steps = try? JSONDecoder().decode([RouteStep].self, from: Data(stepsJSON.utf8)) else { return nil }
                let index: Int = row["current_step"]
                guard steps.indices.contains(index), let opened = (row["step_opened_at"] as String?).flatMap(Timestamp.parse) else { return nil }
                let step = steps[index]
                let due = Day(opened).addingDays(step.dueDays)
                guard due <= horizon else { return nil }
                let document: String = row["document_id"]
                let letter: String = row["revision_letter"]
                let kind: String = row["kind"]
                return LateItem(kind: "review-step", reference: "\(document) rev \(letter)",
                                title: "\(row["title"] as String? ?? "") - \(kind) review, step '\(step.name)' (\(step.role))",
                                owner: nil, dueDate: due.description, daysOverdue: due.days(until: today))
            }
        }
        return items
    }
}
