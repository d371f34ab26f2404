import Foundation
import GRDB

/// The parts of an onboarding plan.
public enum OnboardingPart: String, Codable, Sendable, CaseIterable {
    /// Documents the person's roles must read (policies/training.yaml, `training require`).
    case training
    /// Certificates the person's roles need (policies/requests.yaml, onboarding).
    case certification
    /// Access to the plant's systems, requested as requests of the onboarding's kind.
    case systemAccess = "system-access"
    /// Scheduled training events the person attends, filled from the plant schedule.
    case trainingEvent = "training-event"
}

/// A person's onboarding plan: started once, extended when the person gets new roles.
struct OnboardingPlanRecord: GembaRecord, Equatable {
    static let databaseTableName = "onboarding_plan"
    var username: String
    /// Comma-separated, sorted: the roles the plan covers.
    var roles: String
    var startedBy: String
    var startedAt: Date
    var updatedAt: Date

    var roleList: [String] { roles.split(separator: ",").map(String.init) }
}

/// One thing the new person must have: a document read, a certificate, system access.
struct OnboardingItemRecord: GembaRecord, Equatable {
    static let databaseTableName = "onboarding_item"
    var username: String
    var number: Int
    var part: String
    /// The document ID, certification kind, system name or event the item is about.
    var subject: String
    var title: String
    /// The role that brought the item in.
    var role: String?
    /// For certifications: the day to hold it by. Training follows its assignment, system
    /// access its request.
    var dueOn: String?
    var requestId: String?
    var addedBy: String
    var addedAt: Date

    var key: String { "\(username)/\(number)" }
}
