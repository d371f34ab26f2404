import Foundation
import GRDB

extension Register {
    /// Refuses a step the CAPA's state does not allow, naming the step that is (21 CFR 11.10(f)).
    func requireCAPAState(_ db: Database, _ capa: CAPARecord, policy: CAPAPolicy, _ allowed: CAPAState..., doing what: String) throws {
        let state = CAPAState(rawValue: capa.state) ?? .closed
        guard !allowed.contains(state) else { return }
        let next = try nextCAPAStep(db, capa, policy: policy)
        throw GembaError.state("\(capa.id) is \(state.rawValue.replacingOccurrences(of: "_", with: " ")), so \(what) is not allowed now; next: \(next)")
    }

    /// The step the CAPA's state allows next, as the command that does it.
    func nextCAPAStep(_ db: Database, _ capa: CAPARecord, policy: CAPAPolicy) throws -> String {
        let id = capa.id
        switch CAPAState(rawValue: capa.state) ?? .closed {
        case .open:
            let contain = "containment: `gemba capa contain \(id) --action \"...\" [--date YYYY-MM-DD]`"
            return policy.rule(FindingGrade(rawValue: capa.grade) ?? .major).containmentRequired
                ? contain : "\(contain), or (containment is optional for this grade) root cause: `gemba capa root-cause \(id) ...`"
        case .contained:
            return "root cause: `gemba capa root-cause \(id) --why \"...\" --cause \"...\" --category \(CauseCategory.allCases.map(\.rawValue).joined(separator: "|"))`"
        case .rootCaused:
            return "plan actions: `gemba capa action add \(id) --action \"...\" --owner USER [--due YYYY-MM-DD]`"
        case .actionsPlanned:
            let open = try String.fetchAll(db, sql: "SELECT id FROM capa_action WHERE capa_id = ? AND status = 'open' ORDER BY number", arguments: [id])
            if open.isEmpty { return "plan actions: `gemba capa action add \(id) --action \"...\" --owner USER`" }
            return "complete the open action(s) \(open.joined(separator: ", ")) with `gemba capa action done ACTION --evidence \"...\"`"
        case .actionsDone:
            return "verification that the actions were done: `gemba capa verify \(id)` (signed)"
        case .verified:
            return "the effectiveness check, due \(capa.effectivenessDue ?? "-"): `gemba capa effectiveness \(id) --result effective|not-effective` (signed)"
        case .effective:
            return "closure signed by the \(policy.closureRole) role: `gemba capa close \(id) --meaning approved|responsibility`"
        case .closed:
            return "nothing: the CAPA is closed"
        }
    }
}
