import Foundation
import GRDB

extension Register {
    /// Meetings, newest first; of one series when given.
    public func meetings(series: String? = nil, from: Day? = nil, to: Day? = nil) throws -> [MeetingSummary] {
        try store.read { db in
            var request = MeetingRecord.order(Column("held_on").desc, Column("id"))
            if let series { request = request.filter(Column("series_id") == series.uppercased()) }
            if let from { request = request.filter(Column("held_on") >= from.description) }
            if let to { request = request.filter(Column("held_on") <= to.description) }
            return try request.fetchAll(db).map { try meetingSummary(db, $0) }
        }
    }

    /// A meeting with its attendance, agenda, status updates, decisions and the action items it raised.
    public func meetingView(_ id: String) throws -> MeetingView {
        let policy = try meetingPolicy()
        let today = today()
        return try store.read { db in
            let meeting = try meetingRecord(db, id)
            let series = try seriesRecord(db, meeting.seriesId)
            let names = try peopleNames(db)
            let attendance = try MeetingAttendanceRecord.filter(Column("meeting_id") == meeting.id).fetchAll(db)
                .sorted { (attendanceOrder($0.status), $0.username) < (attendanceOrder($1.status), $1.username) }
                .map { AttendanceView(username: $0.username, name: names[$0.username] ?? $0.username, status: $0.status) }
            let agenda = try MeetingAgendaItemRecord.filter(Column("meeting_id") == meeting.id).order(Column("position")).fetchAll(db).map {
                AgendaItemView(position: $0.position, title: $0.title, action: $0.actionId, detail: $0.detail)
            }
            let updates = try MeetingUpdateRecord.filter(Column("meeting_id") == meeting.id).order(Column("number")).fetchAll(db).map {
                StatusUpdateView(number: $0.number, subject: $0.subject, topic: $0.topic, rating: $0.rating, text: $0.text,
                                 recordedBy: $0.recordedBy, recordedAt: Timestamp.string($0.recordedAt))
            }
            let decisions = try MeetingDecisionRecord.filter(Column("meeting_id") == meeting.id).order(Column("number")).fetchAll(db).map {
                DecisionView(number: $0.number, text: $0.text, recordedBy: $0.recordedBy, recordedAt: Timestamp.string($0.recordedAt))
            }
            let actions = try ActionItemRecord.filter(Column("meeting_id") == meeting.id).order(Column("year"), Column("seq")).fetchAll(db).map {
                actionView($0, policy: policy, names: names, today: today)
            }
            return MeetingView(
                summary: try meetingSummary(db, meeting), kindName: policy.kinds[series.kind]?.name ?? series.kind, line: series.line,
                facilitatorName: names[meeting.facilitator] ?? meeting.facilitator, createdBy: meeting.createdBy,
                createdAt: Timestamp.string(meeting.createdAt), heldAt: meeting.heldAt.map(Timestamp.string), issuedBy: meeting.issuedBy,
                issuedByName: meeting.issuedBy.map { names[$0] ?? $0 }, issuedAt: meeting.issuedAt.map(Timestamp.string),
                minutesHash: meeting.minutesHash, attendance: attendance, agenda: agenda, updates: updates, decisions: decisions, actions: actions)
        }
    }

    private func meetingSummary(_ db: Database, _ meeting: MeetingRecord) throws -> MeetingSummary {
        let series = try seriesRecord(db, meeting.seriesId)
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: [meeting.id]) ?? 0 }
        return MeetingSummary(
            id: meeting.id, series: series.id, kind: series.kind, title: series.title, heldOn: meeting.heldOn, status: meeting.status,
            facilitator: meeting.facilitator,
            present: try count("SELECT count(*) FROM meeting_attendance WHERE meeting_id = ? AND status = 'present'"),
            decisions: try count("SELECT count(*) FROM meeting_decision WHERE meeting_id = ?"),
            actionsRaised: try count("SELECT count(*) FROM action_item WHERE meeting_id = ?"))
    }

    private func attendanceOrder(_ status: String) -> Int {
        ["present": 0, "excused": 1, "absent": 2, "invited": 3][status] ?? 4
    }
}
