import Foundation
import GRDB

struct MeetingSeriesRecord: GembaRecord, Equatable {
    static let databaseTableName = "meeting_series"
    var id: String
    var kind: String
    var title: String
    var line: String?
    var facilitator: String
    /// JSON list of user names invited to each meeting.
    var members: String
    var createdBy: String
    var createdAt: Date
}

struct MeetingRecord: GembaRecord, Equatable {
    static let databaseTableName = "meeting"
    var id: String
    var seriesId: String
    var heldOn: String
    var status: String
    var facilitator: String
    var createdBy: String
    var createdAt: Date
    var heldAt: Date?
    var issuedBy: String?
    var issuedAt: Date?
    var minutesHash: String?
}

struct MeetingAttendanceRecord: GembaRecord, Equatable {
    static let databaseTableName = "meeting_attendance"
    var meetingId: String
    var username: String
    var status: String
    var recordedBy: String?
    var recordedAt: Date?

    var key: String { "\(meetingId)/\(username)" }
}

struct MeetingAgendaItemRecord: GembaRecord, Equatable {
    static let databaseTableName = "meeting_agenda_item"
    var meetingId: String
    var position: Int
    var title: String
    var actionId: String?
    /// For a carried-over action item: its state when the agenda was made.
    var detail: String?

    var key: String { "\(meetingId)/agenda/\(position)" }
}

struct MeetingUpdateRecord: GembaRecord, Equatable {
    static let databaseTableName = "meeting_update"
    var meetingId: String
    var number: Int
    var subject: String
    var topic: String?
    var rating: String?
    var text: String
    var recordedBy: String
    var recordedAt: Date

    var key: String { "\(meetingId)/U\(number)" }
}

struct MeetingDecisionRecord: GembaRecord, Equatable {
    static let databaseTableName = "meeting_decision"
    var meetingId: String
    var number: Int
    var text: String
    var recordedBy: String
    var recordedAt: Date

    var key: String { "\(meetingId)/D\(number)" }
}

struct ActionItemRecord: GembaRecord, Equatable {
    static let databaseTableName = "action_item"
    var id: String
    var year: Int
    var seq: Int
    var text: String
    var owner: String
    var dueOn: String
    var priority: String
    var status: String
    var origin: String
    var originReference: String?
    var meetingId: String?
    var seriesId: String?
    var createdBy: String
    var createdAt: Date
    var updatedAt: Date
    var closedBy: String?
    var closedAt: Date?
    var resolution: String?
}

struct ActionCommentRecord: GembaRecord, Equatable {
    static let databaseTableName = "action_comment"
    var actionId: String
    var number: Int
    var text: String
    var writtenBy: String
    var writtenAt: Date

    var key: String { "\(actionId)/C\(number)" }
}
