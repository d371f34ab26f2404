import Foundation

/// One line of `gemba request list`.
public struct RequestSummary: Codable, Sendable, Equatable {
    public let id: String
    public let kind: String
    public let kindName: String
    public let title: String
    public let status: String
    public let requester: String
    /// The named approver, or the person who decided; nil while any holder of the role may.
    public let approver: String?
    public let approverRole: String
    public let submittedOn: String
    public let dueDate: String
    /// Days since submission (to the close for closed requests).
    public let openDays: Int
    /// For open requests: positive when overdue, zero when due today, negative when ahead.
    public let daysOverdue: Int?
}

/// A field of a request with its value, in the kind's order.
public struct RequestDetail: Codable, Sendable, Equatable {
    public let name: String
    public let type: String
    public let value: String?
}

/// An approval or rejection as shown to people (21 CFR 11.50): printed name, UTC date and time,
/// meaning, and whether the request still holds the content signed (21 CFR 11.70).
public struct RequestSignatureView: Codable, Sendable, Equatable {
    public let username: String
    public let name: String
    public let meaning: String
    public let signedAt: String
    public let contentHash: String
    public let comment: String?
    public let manifestation: String
    public let contentVerified: Bool
}

public struct RequestCommentView: Codable, Sendable, Equatable {
    public let number: Int
    public let username: String
    public let name: String
    public let at: String
    public let text: String
}

/// Everything about one request.
public struct RequestView: Codable, Sendable, Equatable {
    public let summary: RequestSummary
    public let details: [RequestDetail]
    public let fulfillerRole: String
    public let submittedAt: String
    public let decidedBy: String?
    public let decidedAt: String?
    public let closedBy: String?
    public let closedAt: String?
    public let closeNote: String?
    public let signature: RequestSignatureView?
    public let comments: [RequestCommentView]
    /// What may happen next, in words.
    public let nextStep: String?
}

/// One group of the aging report: a kind, or an approver.
public struct RequestAgingGroup: Codable, Sendable, Equatable {
    public let name: String
    public let count: Int
    public let overdue: Int
    public let oldestOpenDays: Int
    /// Open requests per bucket, in the order of `RequestAging.buckets`.
    public let buckets: [Int]
}

/// Open requests by kind and by approver, with days open in buckets.
public struct RequestAging: Codable, Sendable, Equatable {
    public let asOf: String
    public let openCount: Int
    /// Bucket names: `0-7`, `8-14`, ..., `over 30`.
    public let buckets: [String]
    public let byKind: [RequestAgingGroup]
    public let byApprover: [RequestAgingGroup]
    public let requests: [RequestSummary]
}
