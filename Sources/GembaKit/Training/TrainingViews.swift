import Foundation

/// A "read and understood" signature as shown to people (21 CFR 11.50): printed name, UTC date
/// and time, meaning, and the exact content signed.
public struct TrainingAcknowledgementView: Codable, Sendable, Equatable {
    public static let meaning = "read and understood"

    public let name: String
    public let username: String
    public let meaning: String
    public let signedAt: String
    public let commit: String
    public let tree: String
    public let manifestation: String
    /// Whether the signed commit and tree are still exactly the revision's content (checked when shown).
    public let contentVerified: Bool
}

/// One person's assignment to read one revision.
public struct TrainingAssignmentView: Codable, Sendable, Equatable {
    public let document: String
    public let title: String
    public let type: String
    public let revision: String
    public let revisionStatus: String
    public let effectiveDate: String?
    public let username: String
    public let name: String
    /// The requiring roles the person held when assigned.
    public let roles: [String]
    public let status: String
    public let reason: String
    public let assignedAt: String
    public let dueDate: String
    /// For open assignments: positive when overdue, zero when due today, negative when ahead.
    public let daysOverdue: Int?
    public let closedAt: String?
    public let acknowledgement: TrainingAcknowledgementView?

    /// `SOP-0007 rev C`
    public var reference: String { "\(document) rev \(revision)" }
}

/// Who must read a document, and why.
public struct TrainingRequirementView: Codable, Sendable, Equatable {
    public let document: String
    public let title: String
    public let type: String
    /// The roles whose holders must read the document's revisions that need training.
    public let roles: [String]
    /// `document` when set with `training require`, `type` when it comes from policies/training.yaml.
    public let source: String
    public let setBy: String?
    public let setAt: String?
    public let reason: String?
}

/// What a change of roles or requirements did to the assignments.
public struct TrainingChanges: Codable, Sendable, Equatable {
    public var assigned: [TrainingAssignmentView] = []
    public var cancelled: [TrainingAssignmentView] = []

    public init(assigned: [TrainingAssignmentView] = [], cancelled: [TrainingAssignmentView] = []) {
        self.assigned = assigned
        self.cancelled = cancelled
    }
}

/// The result of `training require`.
public struct TrainingRequirementChange: Codable, Sendable, Equatable {
    public let requirement: TrainingRequirementView
    public let changes: TrainingChanges
}

/// A document's requirement with every assignment on its effective and approved revisions.
public struct TrainingDocumentStatus: Codable, Sendable, Equatable {
    public let requirement: TrainingRequirementView
    public let assignments: [TrainingAssignmentView]
}
