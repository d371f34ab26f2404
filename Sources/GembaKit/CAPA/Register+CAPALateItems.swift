import Foundation
import GRDB

extension Register {
    /// CAPA obligations overdue or due within `withinDays`, most overdue first, for `gemba status`:
    /// open actions (`capa-action`, reference `CAPA-2026-004/A2`), effectiveness checks
    /// (`effectiveness-check`) and planning deadlines by grade (`capa-plan`).
    public func capaLateItems(withinDays: Int) throws -> [LateItem] {
        try capaObligations(dueWithin: withinDays)
    }

    /// The CAPA obligations past their due date (`capa overdue`).
    public func capaOverdue() throws -> [LateItem] {
        try capaObligations(dueWithin: -1)
    }

    /// Open obligations due at most `days` days from today, most overdue first. Only the columns
    /// an item shows are read, and only rows due by then (dates are `YYYY-MM-DD`, so they compare
    /// as text): `status` runs this on every dashboard change, and decoding every open CAPA and
    /// action whole was half of it on a register with 1,419 CAPAs.
    private func capaObligations(dueWithin days: Int) throws -> [LateItem] {
        let today = today()
        let last = today.addingDays(days)
        func item(_ kind: String, _ reference: String, _ title: String, _ owner: String?, _ due: String) -> LateItem? {
            guard let day = Day(due), day <= last else { return nil }
            return LateItem(kind: kind, reference: reference, title: title, owner: owner, dueDate: due, daysOverdue: day.days(until: today))
        }
        let items = try store.read { db -> [LateItem] in
            var items: [LateItem] = []
            let bound = [last.description]
            // Statements prepared once per connection.
            let planning = [CAPAState.open, .contained, .rootCaused].map { "'\($0.rawValue)'" }.joined(separator: ", ")
            let plans = try db.cachedStatement(sql: """
                SELECT id, grade, title, owner, plan_due FROM capa WHERE state IN (\(planning)) AND plan_due <= ?
                """)
            for row in try Row.fetchAll(plans, arguments: StatementArguments(bound)) {
                let id: String = row[0], grade: String = row[1], title: String = row[2]
                items += [item("capa-plan", id, "Root cause and actions of \(id) (\(grade)): \(title)", row[3], row[4])].compactMap { $0 }
            }
            let actions = try db.cachedStatement(sql: """
                SELECT a.id, a.description, a.owner, a.due_on FROM capa_action a JOIN capa c ON c.id = a.capa_id
                WHERE a.status = 'open' AND c.state != 'closed' AND a.due_on <= ?
                """)
            for row in try Row.fetchAll(actions, arguments: StatementArguments(bound)) {
                items += [item("capa-action", row[0], row[1], row[2], row[3])].compactMap { $0 }
            }
            let checks = try db.cachedStatement(sql: """
                SELECT id, title, effectiveness_due FROM capa WHERE state = '\(CAPAState.verified.rawValue)' AND effectiveness_due <= ?
                """)
            let verifiers = try db.cachedStatement(sql: """
                SELECT username FROM capa_signature WHERE capa_id = ? AND step = 'verification' ORDER BY id DESC LIMIT 1
                """)
            for row in try Row.fetchAll(checks, arguments: StatementArguments(bound)) {
                let id: String = row[0], title: String = row[1]
                let verifier = try String.fetchOne(verifiers, arguments: [id])
                items += [item("effectiveness-check", id, "Effectiveness check of \(id): \(title)", verifier, row[2])].compactMap { $0 }
            }
            return items
        }
        return items.sorted { ($0.daysOverdue, $1.reference) > ($1.daysOverdue, $0.reference) }
    }
}
