import Foundation

public struct MeetingSeriesView: Codable, Sendable {
    public let id: String
    public let kind: String
    public let kindName: String
    public let title: String
    public let line: String?
    public let facilitator: String
    public let facilitatorName: String
    /// Invited to every meeting of the series.
    public let members: [String]
    public let createdBy: String
    public let createdAt: String
    public let meetings: Int
    public let lastMeeting: String?
}

/// An action item with its state today: days overdue and escalation level (policy).
public struct ActionItemView: Codable, Sendable, Equatable {
    public let id: String
    public let text: String
    public let owner: String
    public let ownerName: String
    public let dueOn: String
    public let priority: String
    public let status: String
    public let origin: String
    public let reference: String?
    /// The meeting it was raised in (origin meeting).
    public let meeting: String?
    /// The meeting series whose meetings carry it.
    public let series: String?
    public let createdBy: String
    public let createdAt: String
    public let closedBy: String?
    public let closedAt: String?
    /// What was done (done) or why it was dropped (cancelled).
    public let resolution: String?
    /// Open items only: positive when overdue, 0 on the due date, negative before it.
    public let daysOverdue: Int?
    /// 0 on time or closed; 1, 2, 3 ... as policies/meetings.yaml `escalation` says.
    public let escalationLevel: Int
    public let escalation: String?
    /// The meeting kinds the escalation carries the item into (for example tier-2, tier-3).
    public let escalatedTo: [String]
}

public struct ActionCommentView: Codable, Sendable, Equatable {
    public let number: Int
    public let text: String
    public let by: String
    public let byName: String
    public let at: String
}

public struct ActionItemDetail: Codable, Sendable {
    public let item: ActionItemView
    public let comments: [ActionCommentView]
    /// Meetings whose agenda carried the item, oldest first.
    public let carriedInto: [String]
}

public struct AttendanceView: Codable, Sendable, Equatable {
    public let username: String
    public let name: String
    /// invited (not yet recorded), present, absent or excused.
    public let status: String
}

public struct AgendaItemView: Codable, Sendable, Equatable {
    public let position: Int
    public let title: String
    /// A carried-over action item, with its state when the agenda was made.
    public let action: String?
    public let detail: String?
}

public struct StatusUpdateView: Codable, Sendable, Equatable {
    public let number: Int
    /// The line or function reporting (L1, Maintenance, Quality...).
    public let subject: String
    /// The agenda item it belongs to, when given (Safety, Delivery...).
    public let topic: String?
    /// green, amber or red.
    public let rating: String?
    public let text: String
    public let recordedBy: String
    public let recordedAt: String
}

public struct DecisionView: Codable, Sendable, Equatable {
    public let number: Int
    public let text: String
    public let recordedBy: String
    public let recordedAt: String
}

public struct MeetingSummary: Codable, Sendable, Equatable {
    public let id: String
    public let series: String
    public let kind: String
    public let title: String
    public let heldOn: String
    public let status: String
    public let facilitator: String
    public let present: Int
    public let decisions: Int
    public let actionsRaised: Int
}

public struct MeetingView: Codable, Sendable {
    public let summary: MeetingSummary
    public let kindName: String
    public let line: String?
    public let facilitatorName: String
    public let createdBy: String
    public let createdAt: String
    public let heldAt: String?
    public let issuedBy: String?
    public let issuedByName: String?
    public let issuedAt: String?
    /// SHA-256 of the minutes' content when they were issued; `gemba verify` checks it.
    public let minutesHash: String?
    public let attendance: [AttendanceView]
    public let agenda: [AgendaItemView]
    public let updates: [StatusUpdateView]
    public let decisions: [DecisionView]
    /// Action items raised in this meeting, as they stand today.
    public let actions: [ActionItemView]
}

public enum AttendanceStatus: String, Codable, Sendable, CaseIterable {
    case present, absent, excused
}

public enum UpdateRating: String, Codable, Sendable, CaseIterable {
    case green, amber, red
}

/// A status update by a line or function at a meeting.
public struct NewStatusUpdate: Sendable {
    public var subject: String
    public var topic: String?
    public var rating: UpdateRating?
    public var text: String

    public init(subject: String, topic: String? = nil, rating: UpdateRating? = nil, text: String) {
        self.subject = subject
        self.topic = topic
        self.rating = rating
        self.text = text
    }
}

public struct NewMeetingSeries: Sendable {
    /// The series' key, such as T1-L2 or OPS-WEEKLY (uppercase letters, digits, '-').
    public var id: String
    public var kind: String
    /// Default: the kind's name, with the line.
    public var title: String?
    public var line: String?
    public var facilitator: String
    /// Invited besides the policy's default attendees.
    public var members: [String]

    public init(id: String, kind: String, title: String? = nil, line: String? = nil, facilitator: String, members: [String] = []) {
        self.id = id
        self.kind = kind
        self.title = title
        self.line = line
        self.facilitator = facilitator
        self.members = members
    }
}
