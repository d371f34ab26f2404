import Foundation

/// An audit in a list.
public struct AuditSummary: Codable, Sendable {
    public let id: String
    public let kind: String
    public let title: String
    public let standard: String
    public let status: String
    public let startsOn: String
    public let endsOn: String
    public let leadAuditor: String
    public let auditingBody: String?
    /// Findings per grade (`major`, `minor`, `observation`, `ofi`).
    public let findings: [String: Int]
}

/// One question of an audit's checklist and its answer.
public struct ChecklistItemView: Codable, Sendable {
    public let item: String
    public let clause: String
    public let question: String
    public let result: String?
    public let note: String?
    public let checkedBy: String?
    public let checkedAt: String?
}

public struct FindingView: Codable, Sendable {
    public let id: String
    public let audit: String
    public let number: Int
    public let grade: String
    public let gradeName: String
    public let clause: String
    public let description: String
    public let evidence: String
    /// Document revisions the evidence points at (`SOP-0012/C`).
    public let documents: [String]
    public let records: [String]
    public let area: String?
    public let owner: String
    public let ownerName: String
    public let checklistItem: String?
    public let raisedBy: String
    public let raisedAt: String
    /// Whether policy requires a CAPA for this grade.
    public let capaRequired: Bool
    public let capa: String?
}

public struct AssessorView: Codable, Sendable {
    public let username: String
    public let name: String
    public let email: String
    public let audit: String
    public let expiresAt: String
    public let expired: Bool
    public let addedBy: String
    public let addedAt: String
}

/// An audit with its scope, checklist, findings and assessors.
public struct AuditView: Codable, Sendable {
    public let summary: AuditSummary
    public let clauses: String
    public let areas: [String]
    public let documents: [String]
    public let checklist: String?
    public let createdBy: String
    public let createdAt: String
    public let startedAt: String?
    public let reportIssuedAt: String?
    public let reportSummary: String?
    public let closedAt: String?
    /// What may happen next, as a command.
    public let nextStep: String?
    public let checklistItems: [ChecklistItemView]
    public let findings: [FindingView]
    public let assessors: [AssessorView]
}
