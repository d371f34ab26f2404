import Foundation

/// One item of a plan with its progress today.
public struct OnboardingItemView: Codable, Sendable, Equatable {
    public let number: Int
    public let part: String
    public let subject: String
    public let title: String
    public let role: String?
    /// `done`, `open`, `late`, `not assigned` (training nobody has assigned yet), `rejected` or
    /// `cancelled` (a system access request that needs a new one).
    public let status: String
    /// What proves it or tracks it: `SOP-0004 rev C`, a request ID, a certificate's validity.
    public let reference: String?
    public let dueDate: String?
    /// Positive when late.
    public let daysOverdue: Int?
}

/// Progress of one part of a plan.
public struct OnboardingPartView: Codable, Sendable, Equatable {
    public let part: String
    public let total: Int
    public let done: Int
    public let late: Int
}

/// A person's plan and how far it has come.
public struct OnboardingView: Codable, Sendable, Equatable {
    public let username: String
    public let name: String
    public let roles: [String]
    public let startedBy: String
    public let startedAt: String
    public let parts: [OnboardingPartView]
    public let items: [OnboardingItemView]
    public let late: Int
    public let complete: Bool
}

/// What `onboarding start` did.
public struct OnboardingStart: Codable, Sendable, Equatable {
    /// True when the person had no plan before.
    public let created: Bool
    public let added: [OnboardingItemView]
    public let plan: OnboardingView
}
