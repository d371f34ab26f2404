import Foundation

/// Why a notice was written.
public enum NoticeChange: String, Codable, Sendable, CaseIterable {
    case added, updated, cancelled, expedite
}

/// `pending` until every channel of its group took it; `not_routed` when the group has no
/// channel (the notice is kept in the outbox and listed, nothing is sent).
public enum NoticeStatus: String, Codable, Sendable, CaseIterable {
    case pending, delivered
    case notRouted = "not_routed"
}

/// One notice in the outbox, with its delivery attempts.
public struct NoticeView: Codable, Sendable, Equatable {
    public let id: Int64
    public let event: String
    public let change: NoticeChange
    public let stakeholder: String
    public let sequence: Int
    public let subject: String
    public let body: String
    public let ask: String
    public let webhook: String?
    public let email: [String]
    public let status: NoticeStatus
    public let attempts: Int
    public let nextAttemptAt: String?
    public let createdBy: String
    public let createdAt: String
    public let deliveredAt: String?
    public let attemptLog: [NoticeAttemptView]
}

public struct NoticeAttemptView: Codable, Sendable, Equatable {
    public let number: Int
    public let channel: String
    public let target: String
    public let at: String
    public let outcome: String
    /// The HTTP status, the SMTP reply (with the TLS in use), or why the attempt failed.
    public let detail: String
}

/// What `notices deliver` did.
public struct DeliveryReport: Codable, Sendable, Equatable {
    public var delivered: [Int64] = []
    /// Notices that failed this time and wait for their next attempt.
    public var retrying: [Int64] = []
    public var attempts: [NoticeAttemptView] = []
    /// Pending notices not yet due for another attempt.
    public var waiting: Int = 0
    /// Due notices another `notices deliver` was sending at the start (its claim held).
    public var claimedElsewhere: Int = 0
}
