import Foundation

public enum ActionPriority: String, Codable, Sendable, CaseIterable, Comparable {
    case low, medium, high, critical

    private var rank: Int { ActionPriority.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: ActionPriority, rhs: ActionPriority) -> Bool { lhs.rank < rhs.rank }
}

/// `open -> in_progress -> done`, `in_progress -> open`, and `open | in_progress -> cancelled`.
/// `done` and `cancelled` are final: raise a new item instead of reopening one.
public enum ActionStatus: String, Codable, Sendable, CaseIterable {
    case open
    case inProgress = "in_progress"
    case done, cancelled

    public var isOpen: Bool { self == .open || self == .inProgress }
}

/// Where an action item comes from; the reference names the record (a meeting, audit or
/// finding, CAPA, board document), free text for `other`.
public enum ActionOrigin: String, Codable, Sendable, CaseIterable {
    case meeting, audit, capa, board, other
}

/// What `action add` and `meeting action` ask for.
public struct NewActionItem: Sendable {
    public var text: String
    public var owner: String
    /// Default: today plus the priority's days (policies/meetings.yaml `priorities`).
    public var dueOn: Day?
    public var priority: ActionPriority
    public var origin: ActionOrigin
    public var reference: String?
    /// A meeting series whose meetings carry the item (set by itself for items raised in a meeting).
    public var series: String?

    public init(
        text: String, owner: String, dueOn: Day? = nil, priority: ActionPriority = .medium, origin: ActionOrigin = .other,
        reference: String? = nil, series: String? = nil
    ) {
        self.text = text
        self.owner = owner
        self.dueOn = dueOn
        self.priority = priority
        self.origin = origin
        self.reference = reference
        self.series = series
    }
}

/// A change of an open item by `action update`: only the fields given change.
public struct ActionChange: Sendable {
    public var status: ActionStatus?
    public var text: String?
    public var owner: String?
    public var dueOn: Day?
    public var priority: ActionPriority?
    public var series: String?
    public var reason: String?

    public init(
        status: ActionStatus? = nil, text: String? = nil, owner: String? = nil, dueOn: Day? = nil, priority: ActionPriority? = nil,
        series: String? = nil, reason: String? = nil
    ) {
        self.status = status
        self.text = text
        self.owner = owner
        self.dueOn = dueOn
        self.priority = priority
        self.series = series
        self.reason = reason
    }

    var changesPlan: Bool { text != nil || owner != nil || dueOn != nil || priority != nil || series != nil }
}

/// Which action items `Register.actionItems` returns. Default: every open item.
public struct ActionQuery: Sendable {
    public var owner: String?
    /// Only open items past their due date.
    public var overdueOnly: Bool
    /// Open items overdue or due within this many days (nil: no limit).
    public var dueWithinDays: Int?
    public var origin: ActionOrigin?
    public var series: String?
    /// Also items done or cancelled.
    public var includeClosed: Bool

    public init(
        owner: String? = nil, overdueOnly: Bool = false, dueWithinDays: Int? = nil, origin: ActionOrigin? = nil, series: String? = nil,
        includeClosed: Bool = false
    ) {
        self.owner = owner
        self.overdueOnly = overdueOnly
        self.dueWithinDays = dueWithinDays
        self.origin = origin
        self.series = series
        self.includeClosed = includeClosed
    }
}
