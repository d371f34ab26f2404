import Foundation
import GRDB

extension Register {
    /// Records who was present, absent or excused; a person not invited joins as a guest.
    public func recordAttendance(_ id: String, _ attendance: [String: AttendanceStatus], by username: String) throws -> MeetingView {
        try writeAttendance(id, attendance, by: username)
        return try meetingView(id)
    }

    func writeAttendance(_ id: String, _ attendance: [String: AttendanceStatus], by username: String) throws {
        guard !attendance.isEmpty else { throw GembaError.invalid("name at least one person: --present, --absent or --excused USER") }
        try changeMeeting(id, by: username, doing: "attendance") { db, meeting, actor in
            for (name, status) in attendance.sorted(by: { $0.key < $1.key }) {
                let person = try activeUser(db, name).username
                let key = ["meeting_id": meeting.id, "username": person]
                let existing = try MeetingAttendanceRecord.fetchOne(db, key: key)
                var row = existing ?? MeetingAttendanceRecord(meetingId: meeting.id, username: person, status: "invited", recordedBy: nil, recordedAt: nil)
                row.status = status.rawValue
                row.recordedBy = username
                row.recordedAt = actor.at
                try AuditTrail.track(db, .meetingAttendance, key: row.key, action: "meeting.attend", by: actor) {
                    if existing != nil { try row.update(db) } else { try row.insert(db) }
                }
            }
        }
    }

    /// Records status updates of lines or functions (L1, Maintenance...), in the order given.
    public func addStatusUpdates(_ id: String, _ updates: [NewStatusUpdate], by username: String) throws -> MeetingView {
        try writeStatusUpdates(id, updates, by: username)
        return try meetingView(id)
    }

    func writeStatusUpdates(_ id: String, _ updates: [NewStatusUpdate], by username: String) throws {
        guard !updates.isEmpty else { throw GembaError.invalid("give at least one status update") }
        let checked = try updates.map { update in
            NewStatusUpdate(
                subject: try AuditText.line(update.subject, "--subject", max: 40), topic: try update.topic.map { try AuditText.line($0, "--topic", max: 100) },
                rating: update.rating, text: try AuditText.paragraph(update.text, "--text", max: 2000))
        }
        try changeMeeting(id, by: username, doing: "status updates") { db, meeting, actor in
            var number = try Int.fetchOne(db, sql: "SELECT max(number) FROM meeting_update WHERE meeting_id = ?", arguments: [meeting.id]) ?? 0
            for update in checked {
                number += 1
                let row = MeetingUpdateRecord(
                    meetingId: meeting.id, number: number, subject: update.subject, topic: update.topic, rating: update.rating?.rawValue,
                    text: update.text, recordedBy: username, recordedAt: actor.at)
                try AuditTrail.track(db, .meetingUpdate, key: row.key, action: "meeting.update", by: actor) { try row.insert(db) }
            }
        }
    }

    /// Records a decision; returns its number in the meeting (D1, D2...).
    @discardableResult
    public func recordDecision(_ id: String, text: String, by username: String) throws -> Int {
        let text = try AuditText.paragraph(text, "--text", max: 2000)
        return try changeMeeting(id, by: username, doing: "decisions") { db, meeting, actor in
            let number = (try Int.fetchOne(db, sql: "SELECT max(number) FROM meeting_decision WHERE meeting_id = ?", arguments: [meeting.id]) ?? 0) + 1
            let row = MeetingDecisionRecord(meetingId: meeting.id, number: number, text: text, recordedBy: username, recordedAt: actor.at)
            try AuditTrail.track(db, .meetingDecision, key: row.key, action: "meeting.decide", by: actor) { try row.insert(db) }
            return number
        }
    }

    /// Raises an action item in a meeting: origin meeting, carried by the meeting's series.
    public func raiseAction(in id: String, _ new: NewActionItem, by username: String) throws -> ActionItemView {
        try actionItem(try writeAction(in: id, new, by: username)).item
    }

    /// `raiseAction` without reading the item back; returns its ID.
    func writeAction(in id: String, _ new: NewActionItem, by username: String) throws -> String {
        let checked = try checkedAction(new, policy: try meetingPolicy())
        return try changeMeeting(id, by: username, doing: "action items") { db, meeting, actor in
            try insertAction(db, checked, origin: .meeting, reference: meeting.id, meeting: meeting.id, series: meeting.seriesId, by: actor)
        }
    }
}
