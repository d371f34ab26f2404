import Foundation
import GRDB

extension Register {
    /// Action items as `query` asks, most escalated and most overdue first, then by due date.
    /// Public view for `gemba actions`, the morning briefing and the web pages.
    public func actionItems(_ query: ActionQuery = ActionQuery()) throws -> [ActionItemView] {
        guard let policy = try optionalMeetingPolicy() else { return [] }
        let today = today()
        let views = try store.read { db -> [ActionItemView] in
            var request = ActionItemRecord.all()
            if !query.includeClosed || query.overdueOnly || query.dueWithinDays != nil {
                request = request.filter([ActionStatus.open.rawValue, ActionStatus.inProgress.rawValue].contains(Column("status")))
            }
            if let owner = query.owner { request = request.filter(Column("owner") == owner) }
            if let origin = query.origin { request = request.filter(Column("origin") == origin.rawValue) }
            if let series = query.series { request = request.filter(Column("series_id") == series.uppercased()) }
            let names = try peopleNames(db)
            return try request.fetchAll(db).map { actionView($0, policy: policy, names: names, today: today) }
        }
        return views.filter { item in
            let late = item.daysOverdue ?? Int.min
            if query.overdueOnly && late <= 0 { return false }
            if let within = query.dueWithinDays, late < -within { return false }
            return true
        }.sorted { a, b in
            (a.escalationLevel, a.daysOverdue ?? Int.min, b.dueOn, b.id) > (b.escalationLevel, b.daysOverdue ?? Int.min, a.dueOn, a.id)
        }
    }

    /// One action item with its comments and the meetings that carried it.
    public func actionItem(_ id: String) throws -> ActionItemDetail {
        let policy = try meetingPolicy()
        let today = today()
        return try store.read { db in
            let record = try actionRecord(db, id)
            let names = try peopleNames(db)
            let comments = try ActionCommentRecord.filter(Column("action_id") == record.id).order(Column("number")).fetchAll(db).map { c in
                ActionCommentView(number: c.number, text: c.text, by: c.writtenBy, byName: names[c.writtenBy] ?? c.writtenBy, at: Timestamp.string(c.writtenAt))
            }
            let carried = try String.fetchAll(db, sql: """
                SELECT m.id FROM meeting_agenda_item a JOIN meeting m ON m.id = a.meeting_id WHERE a.action_id = ? ORDER BY m.held_on, m.id
                """, arguments: [record.id])
            return ActionItemDetail(item: actionView(record, policy: policy, names: names, today: today), comments: comments, carriedInto: carried)
        }
    }

    /// Open action items overdue or due within `withinDays`, for `gemba status` (kind `action`).
    public func actionLateItems(withinDays: Int) throws -> [LateItem] {
        let today = today()
        let horizon = today.addingDays(withinDays).description
        return try store.read { db in
            try ActionItemRecord.filter(
                [ActionStatus.open.rawValue, ActionStatus.inProgress.rawValue].contains(Column("status")) && Column("due_on") <= horizon
            ).order(Column("due_on"), Column("id")).fetchAll(db).compactMap { item in
                guard let due = Day(item.dueOn) else { return nil }
                return LateItem(kind: "action", reference: item.id, title: "\(item.text) [\(item.priority)]", owner: item.owner,
                                dueDate: item.dueOn, daysOverdue: due.days(until: today))
            }
        }
    }

    func actionView(_ record: ActionItemRecord, policy: MeetingPolicy?, names: [String: String], today: Day) -> ActionItemView {
        let open = ActionStatus(rawValue: record.status)?.isOpen == true
        let late = open ? Day(record.dueOn).map { $0.days(until: today) } : nil
        let level = late.flatMap { policy?.escalationLevel(daysOverdue: $0, priority: ActionPriority(rawValue: record.priority) ?? .medium) }
        let kinds = policy?.escalation.filter { $0.level <= (level?.level ?? 0) }.compactMap(\.meeting) ?? []
        return ActionItemView(
            id: record.id, text: record.text, owner: record.owner, ownerName: names[record.owner] ?? record.owner, dueOn: record.dueOn,
            priority: record.priority, status: record.status, origin: record.origin, reference: record.originReference, meeting: record.meetingId,
            series: record.seriesId, createdBy: record.createdBy, createdAt: Timestamp.string(record.createdAt), closedBy: record.closedBy,
            closedAt: record.closedAt.map(Timestamp.string), resolution: record.resolution, daysOverdue: late, escalationLevel: level?.level ?? 0,
            escalation: level?.name, escalatedTo: kinds)
    }
}
