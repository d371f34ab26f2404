import Foundation

/// One thing that is late or due soon, for `gemba status`: a periodic review, a review step,
/// a training assignment, a CAPA action, an effectiveness check, a certification.
public struct LateItem: Codable, Sendable, Equatable {
    /// What kind of obligation: `periodic-review`, `review-step`, `training`, `capa-plan`,
    /// `capa-action`, `effectiveness-check`, `certification`, `action`, `request`, schedule and
    /// notice kinds, `work-order`.
    public let kind: String
    /// The record it is about: a document ID, `CAPA-2026-003/2`, a user and certificate...
    public let reference: String
    public let title: String
    /// Who must act (user name), when known.
    public let owner: String?
    public let dueDate: String
    /// Positive when overdue, zero when due today, negative when still ahead.
    public let daysOverdue: Int

    public init(kind: String, reference: String, title: String, owner: String?, dueDate: String, daysOverdue: Int) {
        self.kind = kind
        self.reference = reference
        self.title = title
        self.owner = owner
        self.dueDate = dueDate
        self.daysOverdue = daysOverdue
    }
}
