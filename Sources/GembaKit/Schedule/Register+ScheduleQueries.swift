import Foundation
import GRDB

extension Register {
    /// The events overlapping the query's window, by start time.
    public func scheduleEvents(_ query: ScheduleQuery = ScheduleQuery()) throws -> [ScheduleEventView] {
        let policy = try notificationPolicy()
        let time = try plantTime()
        if let stakeholder = query.stakeholder { _ = try policy.group(stakeholder) }
        return try store.read { db in
            var request = ScheduleEventRecord.order(Column("start_at"), Column("id"))
            if let from = query.from { request = request.filter(Column("end_at") > Timestamp.string(from)) }
            if let to = query.to { request = request.filter(Column("start_at") < Timestamp.string(to)) }
            if let kind = query.kind { request = request.filter(Column("kind") == kind.rawValue) }
            if !query.includeCancelled { request = request.filter(Column("status") != ScheduleStatus.cancelled.rawValue) }
            var records = try request.fetchAll(db)
            if let line = query.line { records = records.filter { JSONList.decode($0.lines).contains(line) } }
            if let stakeholder = query.stakeholder { records = records.filter { stakeholderGroups(of: $0, policy: policy).contains(stakeholder) } }
            return try scheduleViews(db, records, policy: policy, time: time)
        }
    }

    /// One event with its history and notices.
    public func scheduleEvent(_ id: String) throws -> ScheduleEventDetail {
        let policy = try notificationPolicy()
        let time = try plantTime()
        return try store.read { db in
            let record = try scheduleEventRecord(db, id)
            guard let event = try scheduleViews(db, [record], policy: policy, time: time).first else { throw GembaError.notFound("no schedule event \(id)") }
            let history = try ScheduleChangeRecord.filter(Column("event_id") == record.id).order(Column("number")).fetchAll(db)
            let notices = try NoticeRecord.filter(Column("event_id") == record.id).order(Column("id")).fetchAll(db)
            return ScheduleEventDetail(event: event, history: history.map { $0.view(title: record.title) }, notices: try noticeViews(db, notices))
        }
    }

    /// Every change of every event since a moment (additions, field changes, cancellations), oldest first.
    public func scheduleChanges(since: Date) throws -> [ScheduleChangeView] {
        try store.read { db in
            let titles = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, title FROM schedule_event").map { ($0["id"] as String, $0["title"] as String) })
            return try ScheduleChangeRecord.filter(Column("changed_at") >= Timestamp.string(since)).order(Column("changed_at"), Column("event_id"), Column("number"))
                .fetchAll(db).map { $0.view(title: titles[$0.eventId] ?? "") }
        }
    }

    /// Consecutive local days of the plant's calendar with the events active in each
    /// (cancelled events left out): `schedule week` and `schedule month`.
    public func schedulePeriod(from first: Day, days: Int, line: String? = nil) throws -> SchedulePeriodView {
        let time = try plantTime()
        let last = first.addingDays(max(days, 1) - 1)
        let events = try scheduleEvents(ScheduleQuery(line: line, from: time.start(of: first), to: time.start(of: last.addingDays(1)), includeCancelled: false))
        let names = ["", "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let dayViews = (0..<max(days, 1)).map { offset -> ScheduleDayView in
            let day = first.addingDays(offset)
            let (start, end) = (time.start(of: day), time.start(of: day.addingDays(1)))
            let weekday = time.calendar.component(.weekday, from: start.addingTimeInterval(43_200))
            return ScheduleDayView(day: day.description, weekday: names[weekday], events: events.filter { $0.startDate < end && $0.endDate > start })
        }
        return SchedulePeriodView(from: first.description, to: last.description, timeZone: time.zone.identifier, line: line, days: dayViews)
    }

    func scheduleViews(_ db: Database, _ records: [ScheduleEventRecord], policy: NotificationPolicy, time: PlantTime) throws -> [ScheduleEventView] {
        let names = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT username, name FROM user").map { ($0["username"] as String, $0["name"] as String) })
        return try records.map { record in
            let participants = JSONList.decode(record.participants)
            let documents = JSONList.decode(record.documents)
            var assignments: [String] = []
            if !participants.isEmpty && !documents.isEmpty {
                let open = try TrainingAssignmentRecord.filter(participants.contains(Column("username")) && Column("status") == "open").fetchAll(db)
                assignments = open.filter { a in documents.contains(a.documentId) || documents.contains("\(a.documentId)/\(a.revisionLetter)") }
                    .map { "\($0.documentId)/\($0.revisionLetter)/\($0.username)" }.sorted()
            }
            return ScheduleEventView(
                id: record.id, kind: ScheduleKind(rawValue: record.kind) ?? .productionChange, title: record.title, lines: JSONList.decode(record.lines),
                start: Timestamp.string(record.startAt), end: Timestamp.string(record.endAt), localStart: time.local(record.startAt),
                localEnd: time.local(record.endAt), owner: record.owner, ownerName: names[record.owner] ?? record.owner,
                status: ScheduleStatus(rawValue: record.status) ?? .planned, stakeholders: stakeholderGroups(of: record, policy: policy).sorted(),
                namedStakeholders: JSONList.decode(record.stakeholders),
                links: ScheduleLinks(eco: record.eco, documents: documents, participants: participants, trainingAssignments: assignments),
                note: record.note, sequence: record.sequence, createdBy: record.createdBy, createdAt: Timestamp.string(record.createdAt),
                updatedAt: Timestamp.string(record.updatedAt))
        }
    }
}

extension ScheduleChangeRecord {
    func view(title: String) -> ScheduleChangeView {
        ScheduleChangeView(
            event: eventId, title: title, number: number, field: field, oldValue: oldValue, newValue: newValue, reason: reason, by: changedBy,
            at: Timestamp.string(changedAt), sequence: sequence)
    }
}
