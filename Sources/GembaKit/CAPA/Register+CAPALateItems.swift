import Foundation
import GRDB

extension Register {
    /// CAPA obligations overdue or due within `withinDays`, most overdue first, for `gemba status`:
    /// open actions (`capa-action`, reference `CAPA-2026-004/A2`), effectiveness checks
    /// (`effectiveness-check`) and planning deadlines by grade (`capa-plan`).
    public func capaLateItems(withinDays: Int) throws -> [LateItem] {
        try capaObligations().filter { $0.daysOverdue >= -withinDays }
    }

    /// The CAPA obligations past their due date (`capa overdue`).
    public func capaOverdue() throws -> [LateItem] {
        try capaObligations().filter { $0.daysOverdue > 0 }
    }

    private func capaObligations() throws -> [LateItem] {
        let today = today()
        func item(_ kind: String, _ reference: String, _ title: String, _ owner: String?, _ due: String) -> LateItem? {
            guard let day = Day(due) else { return nil }
            return LateItem(kind: kind, reference: reference, title: title, owner: owner, dueDate: due, daysOverdue: day.days(until: today))
        }
        let items = try store.read { db -> [LateItem] in
            var items: [LateItem] = []
            // Statements prepared once per connection: `status` runs on every dashboard change.
            let planning = [CAPAState.open, .contained, .rootCaused].map { "'\($0.rawValue)'" }.joined(separator: ", ")
            for capa in try CAPARecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM capa WHERE state IN (\(planning))")) {
                items += [item("capa-plan", capa.id, "Root cause and actions of \(capa.id) (\(capa.grade)): \(capa.title)", capa.owner, capa.planDue)].compactMap { $0 }
            }
            let actions = try CAPAActionRecord.fetchAll(db.cachedStatement(sql: """
                SELECT a.* FROM capa_action a JOIN capa c ON c.id = a.capa_id WHERE a.status = 'open' AND c.state != 'closed'
                """))
            for action in actions {
                items += [item("capa-action", action.id, action.description, action.owner, action.dueOn)].compactMap { $0 }
            }
            let verified = try db.cachedStatement(sql: "SELECT * FROM capa WHERE state = ?")
            let verifiers = try db.cachedStatement(sql: """
                SELECT username FROM capa_signature WHERE capa_id = ? AND step = 'verification' ORDER BY id DESC LIMIT 1
                """)
            for capa in try CAPARecord.fetchAll(verified, arguments: [CAPAState.verified.rawValue]) {
                let verifier = try String.fetchOne(verifiers, arguments: [capa.id])
                items += [item("effectiveness-check", capa.id, "Effectiveness check of \(capa.id): \(capa.title)", verifier, capa.effectivenessDue ?? "")].compactMap { $0 }
            }
            return items
        }
        return items.sorted { ($0.daysOverdue, $1.reference) > ($1.daysOverdue, $0.reference) }
    }
}
