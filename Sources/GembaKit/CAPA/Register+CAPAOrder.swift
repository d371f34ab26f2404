import Foundation
import GRDB

extension Register {
    /// Refuses a step the CAPA's state does not allow, naming the step that is (21 CFR 11.10(f)).
    func requireCAPAState(_ db: Database, _ capa: CAPARecord, policy: CAPAPolicy, _ allowed: CAPAState..., doing what: String) throws {
        guard !allowed.contains(CAPAState(rawValue: capa.state) ?? .closed) else { return }
        throw try refusal(db, capa, policy: policy, doing: what)
    }

    /// "CAPA-... is contained, so verification is not allowed now; next: ..."
    func refusal(_ db: Database, _ capa: CAPARecord, policy: CAPAPolicy, doing what: String) throws -> GembaError {
        let state = capa.state.replacingOccurrences(of: "_", with: " ")
        return GembaError.state("\(capa.id) is \(state), so \(what) is not allowed now; next: \(try nextCAPAStep(db, capa, policy: policy))")
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
            let open = try CAPAActionRecord.filter(Column("capa_id") == id && Column("status") == "open").order(Column("number")).fetchAll(db)
            if open.isEmpty { return "plan actions: `gemba capa action add \(id) --action \"...\" --owner USER`" }
            var steps: [String] = []
            let manual = open.filter { $0.documentId == nil }.map(\.id)
            if !manual.isEmpty { steps.append("complete \(manual.joined(separator: ", ")) with `gemba capa action done ACTION --evidence \"...\"`") }
            for action in open {
                guard let document = action.documentId else { continue }
                steps.append("\(action.id) completes when \(document) \(action.documentRevision.map { "rev \($0)" } ?? "(its next revision)") becomes effective")
            }
            return steps.joined(separator: "; ")
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
