import Foundation

/// The CAPA's place in its fixed order of steps (21 CFR 11.10(f)):
/// `open -> contained -> root_caused -> actions_planned -> actions_done -> verified -> effective
/// -> closed`; a "not effective" check sends a verified CAPA back to `actions_planned`.
public enum CAPAState: String, Codable, Sendable, CaseIterable {
    case open, contained
    case rootCaused = "root_caused"
    case actionsPlanned = "actions_planned"
    case actionsDone = "actions_done"
    case verified, effective, closed
}

/// Where a CAPA comes from.
public enum CAPASource: String, Codable, Sendable, CaseIterable {
    case auditFinding = "audit-finding"
    case customerComplaint = "customer-complaint"
    case safetyIncident = "safety-incident"
    case `internal`, supplier
}

/// The 6M cause categories of an Ishikawa diagram.
public enum CauseCategory: String, Codable, Sendable, CaseIterable {
    case man, machine, method, material, measurement, environment
}

public enum EffectivenessResult: String, Codable, Sendable, CaseIterable {
    case effective
    case notEffective = "not-effective"
}

/// What a CAPA signature means (21 CFR 11.50): shown in every manifestation.
public enum CAPASignatureMeaning: String, Codable, Sendable, CaseIterable {
    case verified, effective
    case notEffective = "not effective"
    case approved, responsibility
}

enum CAPAStep: String {
    case verification, effectiveness, closure
}
