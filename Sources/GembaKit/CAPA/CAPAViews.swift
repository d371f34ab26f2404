import Foundation

public struct CAPAActionView: Codable, Sendable {
    public let id: String
    public let capa: String
    public let number: Int
    /// 0 for the first plan, 1 after the first "not effective" check...
    public let planRound: Int
    public let description: String
    public let owner: String
    public let ownerName: String
    public let dueOn: String
    public let status: String
    /// Set for "revise DOCUMENT" actions, which complete when the revision becomes effective.
    public let document: String?
    public let documentRevision: String?
    public let evidence: String?
    public let completedRevision: String?
    public let doneBy: String?
    public let doneAt: String?
    /// Positive when an open action is past its due date.
    public let daysOverdue: Int?
}

/// A CAPA signature as shown to people (21 CFR 11.50): printed name, UTC time, meaning.
public struct CAPASignatureView: Codable, Sendable {
    public let step: String
    public let meaning: String
    public let name: String
    public let username: String
    public let signedAt: String
    public let comment: String?
    public let contentHash: String
    /// Whether the CAPA's content still hashes to what was signed (checked for the signatures of
    /// the current plan round; earlier rounds were superseded by a reopening).
    public let contentVerified: Bool?
    public let manifestation: String
}

public struct CAPASummary: Codable, Sendable {
    public let id: String
    public let title: String
    public let grade: String
    public let source: String
    public let state: String
    public let owner: String
    public let ownerName: String
    public let openedOn: String
    public let openDays: Int
    public let nextDue: String?
    public let reopened: Int
}

public struct CAPAView: Codable, Sendable {
    public let summary: CAPASummary
    public let gradeName: String
    public let sourceReference: String?
    public let findings: [String]
    public let problem: String
    public let containment: String?
    public let containedOn: String?
    public let whys: [String]
    public let rootCause: String?
    public let causeCategory: String?
    public let openedBy: String
    public let openedAt: String
    public let planDue: String
    public let completeDue: String
    public let verifiedAt: String?
    public let effectivenessDue: String?
    public let closedAt: String?
    public let actions: [CAPAActionView]
    public let signatures: [CAPASignatureView]
    public let nextStep: String?
}

/// Open CAPAs grouped by grade or owner, for `capa aging`.
public struct CAPAAgingGroup: Codable, Sendable, Equatable {
    public let key: String
    public let name: String
    public let count: Int
    public let averageOpenDays: Double
    public let oldestOpenDays: Int
    /// Counts by open days: `0-30`, `31-60`, `61-90`, `over 90`.
    public let buckets: [String: Int]
}

public struct CAPAAgingEntry: Codable, Sendable, Equatable {
    public let capa: String
    public let grade: String
    public let owner: String
    public let state: String
    public let openedOn: String
    public let openDays: Int
}

public struct CAPAAging: Codable, Sendable {
    public let asOf: String
    public let openCount: Int
    public let byGrade: [CAPAAgingGroup]
    public let byOwner: [CAPAAgingGroup]
    public let capas: [CAPAAgingEntry]
}
