import Foundation

/// One schedule event as every reader sees it (CLI, briefing, onboarding, calendar feed).
public struct ScheduleEventView: Codable, Sendable, Equatable {
    public let id: String
    public let kind: ScheduleKind
    public let title: String
    public let lines: [String]
    /// UTC, ISO 8601 with Z.
    public let start: String
    public let end: String
    /// The same moments in the plant's time zone, `2027-01-07 07:00`.
    public let localStart: String
    public let localEnd: String
    public let owner: String
    public let ownerName: String
    public let status: ScheduleStatus
    /// Every group told about the event: those named on it and those following its kind and lines.
    public let stakeholders: [String]
    /// The groups named on the event itself.
    public let namedStakeholders: [String]
    public let links: ScheduleLinks
    public let note: String?
    public let sequence: Int
    public let createdBy: String
    public let createdAt: String
    public let updatedAt: String

    var startDate: Date { Timestamp.parse(start) ?? Date(timeIntervalSince1970: 0) }
    var endDate: Date { Timestamp.parse(end) ?? Date(timeIntervalSince1970: 0) }
}

/// What an event is linked to.
public struct ScheduleLinks: Codable, Sendable, Equatable {
    public let eco: String?
    /// Document revisions or documents (`SOP-0007/C`, `WI-0003`).
    public let documents: [String]
    /// Training events: the people taking part.
    public let participants: [String]
    /// Training events: the open training assignments of the participants for the documents.
    public let trainingAssignments: [String]
}

/// One field of one change of an event: who, when, old and new value, why.
public struct ScheduleChangeView: Codable, Sendable, Equatable {
    public let event: String
    public let title: String
    public let number: Int
    public let field: String
    public let oldValue: String?
    public let newValue: String?
    public let reason: String
    public let by: String
    public let at: String
    /// The event's SEQUENCE after the change.
    public let sequence: Int
}

/// `schedule show`: the event, its history and its notices.
public struct ScheduleEventDetail: Codable, Sendable {
    public let event: ScheduleEventView
    public let history: [ScheduleChangeView]
    public let notices: [NoticeView]
}

/// One day of the plant's calendar (a local day in the plant's time zone) with the events active in it.
public struct ScheduleDayView: Codable, Sendable {
    public let day: String
    public let weekday: String
    public let events: [ScheduleEventView]
}

/// `schedule week` and `schedule month`: consecutive local days.
public struct SchedulePeriodView: Codable, Sendable {
    public let from: String
    public let to: String
    public let timeZone: String
    public let line: String?
    public let days: [ScheduleDayView]
}
