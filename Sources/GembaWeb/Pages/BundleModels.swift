import Foundation
import GembaKit

/// The bundle form: the as-of day and the scope's choices.
struct BundleFormModel {
    let today: String
    let types: [ChoiceOption]
    let audits: [ChoiceOption]
    let hasAudits: Bool
    let areas: [ChoiceOption]
    let hasAreas: Bool
    let scopeAll: Bool
    let scopeAudit: Bool

    init(_ register: Register, audit: String?) throws {
        today = register.today().description
        types = register.policies.documentTypes.map { ChoiceOption(value: $0.code, label: "\($0.code) – \($0.name)", selected: false) }
        audits = try register.audits().map { ChoiceOption(value: $0.id, label: "\($0.id) \($0.title) (\($0.startsOn))", selected: $0.id == audit?.uppercased()) }
        hasAudits = !audits.isEmpty
        areas = try register.trainingPolicy().areas.map { ChoiceOption(value: $0, label: $0, selected: false) }
        hasAreas = !areas.isEmpty
        scopeAudit = audits.contains { $0.selected }
        scopeAll = !scopeAudit
    }
}
