/// The life cycle of one revision (docs/architecture.md, "State machine").
public enum RevisionStatus: String, Codable, Sendable {
    case draft
    case inReview = "in_review"
    /// Signed off, waiting for its effective date.
    case approved
    case effective
    case superseded
    case obsolete
    /// A draft dropped when its document was made obsolete.
    case withdrawn
}

public enum ChangeClass: String, Codable, Sendable, CaseIterable {
    case major, minor
}

public enum ReviewCycleKind: String, Codable, Sendable {
    /// Review and approval of a new revision.
    case revision
    /// Periodic review of the effective revision.
    case periodic
    /// Approval to make a document obsolete.
    case obsolete
}

public enum ReviewCycleStatus: String, Codable, Sendable {
    case open, approved, rejected, void, concluded
}
