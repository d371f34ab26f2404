import Foundation
import GRDB

extension Register {
    /// Plans a meeting of a series on a day (default today). The agenda is the kind's template followed by the
    /// open action items the meeting carries over (its series' items, the items escalated to its
    /// kind, or every open item for a kind with `carry_over: all`); the series' members are invited.
    public func newMeeting(series seriesId: String, on date: Day? = nil, facilitator: String? = nil, by username: String) throws -> MeetingView {
        try meetingView(try planMeeting(series: seriesId, on: date, facilitator: facilitator, by: username))
    }

    /// `newMeeting` without reading the meeting back; returns its ID.
    func planMeeting(series seriesId: String, on date: Day?, facilitator: String?, by username: String) throws -> String {
        let policy = try meetingPolicy()
        let day = date ?? today()
        return try exclusively {
            try store.write { db -> String in
                let series = try seriesRecord(db, seriesId)
                try requireMeetingRunner(db, username, facilitator: series.facilitator, to: "plan meetings of \(series.id)")
                let kind = try policy.kind(series.kind)
                let id = "\(series.id)-\(day)"
                if try MeetingRecord.fetchOne(db, key: id) != nil {
                    throw GembaError(.conflict, "\(series.id) already has a meeting on \(day) (\(id)); `gemba meeting show \(id)`")
                }
                let actor = Actor(username: username, at: now())
                let chair = try activeUser(db, facilitator ?? series.facilitator).username
                let meeting = MeetingRecord(
                    id: id, seriesId: series.id, heldOn: day.description, status: "planned", facilitator: chair, createdBy: username,
                    createdAt: actor.at, heldAt: nil, issuedBy: nil, issuedAt: nil, minutesHash: nil)
                try AuditTrail.track(db, .meeting, key: id, action: "meeting.new", by: actor) { try meeting.insert(db) }
                var agenda = kind.agenda.map { ($0, nil as String?, nil as String?) }
                agenda += try carriedActions(db, series: series, kind: kind, on: day, policy: policy).map { item in
                    ("\(item.id): \(item.text)", item.id, item.detail)
                }
                for (index, entry) in agenda.enumerated() {
                    let row = MeetingAgendaItemRecord(meetingId: id, position: index + 1, title: entry.0, actionId: entry.1, detail: entry.2)
                    try AuditTrail.track(db, .meetingAgendaItem, key: row.key, action: "meeting.agenda", by: actor) { try row.insert(db) }
                }
                var invited = Set(JSONList.decode(series.members))
                invited.insert(chair)
                for name in invited.sorted() {
                    let row = MeetingAttendanceRecord(meetingId: id, username: name, status: "invited", recordedBy: nil, recordedAt: nil)
                    try AuditTrail.track(db, .meetingAttendance, key: row.key, action: "meeting.invite", by: actor) { try row.insert(db) }
                }
                return id
            }
        }
    }

    /// The open items a new meeting carries, most escalated and most overdue first, each with its
    /// state on the meeting's day as the agenda's detail.
    private func carriedActions(
        _ db: Database, series: MeetingSeriesRecord, kind: MeetingKind, on day: Day, policy: MeetingPolicy
    ) throws -> [(id: String, text: String, detail: String, level: Int, late: Int)] {
        let open = try ActionItemRecord.filter([ActionStatus.open.rawValue, ActionStatus.inProgress.rawValue].contains(Column("status"))).fetchAll(db)
        let names = try peopleNames(db)
        var carried: [(id: String, text: String, detail: String, level: Int, late: Int)] = []
        for item in open {
            let priority = ActionPriority(rawValue: item.priority) ?? .medium
            let late = (Day(item.dueOn) ?? day).days(until: day)
            let level = policy.escalationLevel(daysOverdue: late, priority: priority)
            let escalatedHere = policy.escalation.contains { $0.level <= (level?.level ?? 0) && $0.meeting == kind.key }
            guard kind.carryOver == .all || item.seriesId == series.id || escalatedHere else { continue }
            let timing = late > 0 ? "\(days(late)) overdue" : late == 0 ? "due today" : "due in \(days(-late))"
            let escalation = level.map { ", escalation level \($0.level) (\($0.name))" } ?? ""
            let detail = "\(names[item.owner] ?? item.owner) (\(item.owner)), \(item.priority), due \(item.dueOn), \(timing)\(escalation)"
            carried.append((item.id, item.text, detail, level?.level ?? 0, late))
        }
        return carried.sorted { ($0.level, $0.late, $1.id) > ($1.level, $1.late, $0.id) }
    }

    private func days(_ count: Int) -> String { count == 1 ? "1 day" : "\(count) days" }

    /// Issues the minutes: attendance not recorded becomes absent, and the meeting's content is
    /// fixed with its SHA-256 (`gemba verify` checks it). Nothing of the meeting changes after.
    public func closeMeeting(_ id: String, by username: String) throws -> MeetingView {
        try issueMinutes(id, by: username)
        return try meetingView(id)
    }

    /// `closeMeeting` without reading the meeting back.
    func issueMinutes(_ id: String, by username: String) throws {
        try exclusively {
            try store.write { db in
                var meeting = try meetingRecord(db, id)
                let series = try seriesRecord(db, meeting.seriesId)
                try requireMeetingRunner(db, username, facilitator: meeting.facilitator, to: "issue the minutes of \(meeting.id)")
                guard meeting.status != "minutes_issued" else { throw closedMeetingError(meeting) }
                guard meeting.status == "held" else {
                    throw GembaError.state("\(meeting.id) has nothing recorded yet; record attendance (`gemba meeting attend`) before issuing its minutes")
                }
                let actor = Actor(username: username, at: now())
                for var row in try MeetingAttendanceRecord.filter(Column("meeting_id") == meeting.id && Column("status") == "invited").fetchAll(db) {
                    row.status = AttendanceStatus.absent.rawValue
                    row.recordedBy = username
                    row.recordedAt = actor.at
                    try AuditTrail.track(db, .meetingAttendance, key: row.key, action: "meeting.attend", by: actor.because("not recorded when the minutes were issued")) {
                        try row.update(db)
                    }
                }
                meeting.status = "minutes_issued"
                meeting.issuedBy = username
                meeting.issuedAt = actor.at
                meeting.minutesHash = try minutesContentHash(db, meeting)
                try AuditTrail.track(db, .meeting, key: meeting.id, action: "meeting.close", by: actor.because("minutes of \(series.title) issued")) {
                    try meeting.update(db)
                }
            }
        }
    }

    /// One change of a meeting's record by its facilitator or a `meeting.manage` holder: refused
    /// once the minutes are issued or before the meeting's day; the first change marks it held.
    func changeMeeting<T>(_ id: String, by username: String, doing what: String, _ change: (Database, MeetingRecord, Actor) throws -> T) throws -> T {
        try exclusively {
            try store.write { db in
                var meeting = try meetingRecord(db, id)
                try requireMeetingRunner(db, username, facilitator: meeting.facilitator, to: "record \(what) in \(meeting.id)")
                guard meeting.status != "minutes_issued" else { throw closedMeetingError(meeting) }
                guard let day = Day(meeting.heldOn), day <= today() else {
                    throw GembaError.state("\(meeting.id) is planned for \(meeting.heldOn); record \(what) on or after that day")
                }
                let actor = Actor(username: username, at: now())
                if meeting.status == "planned" {
                    meeting.status = "held"
                    meeting.heldAt = actor.at
                    try AuditTrail.track(db, .meeting, key: meeting.id, action: "meeting.held", by: actor) { try meeting.update(db) }
                }
                return try change(db, meeting, actor)
            }
        }
    }

    /// The meeting's facilitator (or the series' for a new meeting), or a `meeting.manage` holder.
    func requireMeetingRunner(_ db: Database, _ username: String, facilitator: String, to what: String) throws {
        let user = try activeUser(db, username)
        guard user.username == facilitator || policies.permissions(ofRoles: user.roleList).contains(.meetingManage) else {
            let roles = policies.roles.values.filter { $0.permissions.contains(.meetingManage) }.map(\.name).sorted()
            throw GembaError.permission("\(username) may not \(what) (the facilitator \(facilitator) or one of the roles \(roles.joined(separator: ", ")) may)")
        }
    }

    func meetingRecord(_ db: Database, _ id: String) throws -> MeetingRecord {
        guard let meeting = try MeetingRecord.fetchOne(db, key: id.uppercased()) else {
            throw GembaError.notFound("no meeting \(id); `gemba meeting list` shows the meetings")
        }
        return meeting
    }

    func closedMeetingError(_ meeting: MeetingRecord) -> GembaError {
        GembaError.state("the minutes of \(meeting.id) were issued\(meeting.issuedAt.map { " on \(Timestamp.readable($0))" } ?? ""); a closed meeting cannot be changed (record it in the next meeting)")
    }
}
