import Foundation
import GRDB

struct ScheduleEventRecord: GembaRecord, Equatable {
    static let databaseTableName = "schedule_event"
    var id: String
    var year: Int
    var seq: Int
    var kind: String
    var title: String
    /// JSON list of the lines or areas, sorted.
    var lines: String
    var startAt: Date
    var endAt: Date
    var owner: String
    var status: String
    /// JSON list of the stakeholder groups named on the event (policies/notifications.yaml).
    var stakeholders: String
    var eco: String?
    /// JSON list of linked documents or revisions (`SOP-0007`, `SOP-0007/C`).
    var documents: String
    /// JSON list of the user names taking part (training events).
    var participants: String
    var note: String?
    /// RFC 5545 SEQUENCE: 0 when added, one more at every change.
    var sequence: Int
    var createdBy: String
    var createdAt: Date
    var updatedBy: String
    var updatedAt: Date
}

struct ScheduleChangeRecord: GembaRecord, Equatable {
    static let databaseTableName = "schedule_change"
    var eventId: String
    var number: Int
    var field: String
    var oldValue: String?
    var newValue: String?
    var reason: String
    var changedBy: String
    var changedAt: Date
    var sequence: Int

    var key: String { "\(eventId)/H\(number)" }
}

struct NoticeRecord: GembaMutableRecord, Equatable {
    static let databaseTableName = "notice"
    var id: Int64?
    var eventId: String
    var change: String
    var stakeholder: String
    var sequence: Int
    var subject: String
    var body: String
    /// Who to ask, as printed: the event's owner and the group's contacts.
    var ask: String
    var webhook: String?
    /// JSON list of e-mail addresses.
    var email: String
    var status: String
    var attempts: Int
    var nextAttemptAt: Date?
    var webhookDone: Bool
    var emailDone: Bool
    var createdBy: String
    var createdAt: Date
    var deliveredAt: Date?
    /// The deliverer sending it now, and until when its claim holds (nil: nobody).
    var claimedBy: String? = nil
    var claimedUntil: Date? = nil

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct NoticeAttemptRecord: GembaRecord, Equatable {
    static let databaseTableName = "notice_attempt"
    var noticeId: Int64
    var number: Int
    var channel: String
    var target: String
    var at: Date
    var outcome: String
    var detail: String

    var key: String { "\(noticeId)/A\(number)" }
}
