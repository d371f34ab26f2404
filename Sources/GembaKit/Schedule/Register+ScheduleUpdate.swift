import Foundation
import GRDB

extension Register {
    /// Changes an event that is not done or cancelled (`schedule.manage`): every changed field
    /// is kept with its old and new value and the reason, SEQUENCE rises by one, and notices go
    /// to the outbox in the same transaction.
    public func updateScheduleEvent(_ id: String, _ change: ScheduleEventChange, reason: String, by username: String) throws -> ScheduleEventView {
        let reason = try InputChecks.reason(reason)
        if change.status == .cancelled { throw GembaError.invalid("use `gemba schedule cancel EVENT --reason ...` to cancel an event") }
        return try changeScheduleEvent(id, reason: reason, action: "schedule.update", by: username) { db, event, policy in
            let kind = ScheduleKind(rawValue: event.kind) ?? .productionChange
            var fields = event.fields
            if let title = change.title { fields.title = title }
            if let lines = change.lines { fields.lines = lines }
            if let start = change.start { fields.start = start }
            if let end = change.end { fields.end = end }
            if let owner = change.owner { fields.owner = owner }
            if let stakeholders = change.stakeholders { fields.stakeholders = stakeholders }
            if let eco = change.eco { fields.eco = eco }
            if let documents = change.documents { fields.documents = documents }
            if let participants = change.participants { fields.participants = participants }
            if let note = change.note { fields.note = note }
            event.apply(try checkedFields(db, kind: kind, fields, policy: policy))
            if let status = change.status, status.rawValue != event.status {
                let current = ScheduleStatus(rawValue: event.status) ?? .planned
                guard current.allows(status) else { throw GembaError.state("\(event.id) is \(event.status); it cannot become \(status.rawValue)") }
                event.status = status.rawValue
            }
        }
    }

    /// Cancels an event that is not done or cancelled (`schedule.manage`); the calendar feed
    /// publishes it as cancelled.
    public func cancelScheduleEvent(_ id: String, reason: String, by username: String) throws -> ScheduleEventView {
        let reason = try InputChecks.reason(reason)
        return try changeScheduleEvent(id, reason: reason, action: "schedule.cancel", by: username) { _, event, _ in
            event.status = ScheduleStatus.cancelled.rawValue
        }
    }

    private func changeScheduleEvent(
        _ id: String, reason: String, action: String, by username: String, _ change: (Database, inout ScheduleEventRecord, NotificationPolicy) throws -> Void
    ) throws -> ScheduleEventView {
        let policy = try notificationPolicy()
        let time = try plantTime()
        let eventID = try exclusively {
            try store.write { db in
                _ = try requirePermission(db, username, .scheduleManage, to: "change schedule events")
                let before = try scheduleEventRecord(db, id)
                guard ScheduleStatus(rawValue: before.status)?.isFinal != true else {
                    throw GembaError.state("\(before.id) is \(before.status) and does not change any more; add a new event")
                }
                var event = before
                try change(db, &event, policy)
                let oldFields = Dictionary(uniqueKeysWithValues: before.printedFields.map { ($0.0, $0.1) })
                let changes = event.printedFields.compactMap { field, value -> (String, String?, String?)? in
                    let old = oldFields[field] ?? nil
                    return old == value ? nil : (field, old, value)
                }
                guard !changes.isEmpty else { throw GembaError.state("\(before.id): nothing changes; give a new value") }
                let actor = Actor(username: username, at: now(), reason: reason)
                event.sequence += 1
                event.updatedBy = username
                event.updatedAt = actor.at
                try AuditTrail.track(db, .scheduleEvent, key: event.id, action: action, by: actor) { try event.update(db) }
                try recordScheduleChanges(db, event, changes, reason: reason, by: actor)
                let kind: NoticeChange = event.status == ScheduleStatus.cancelled.rawValue ? .cancelled : .updated
                try writeNotices(db, event: event, change: kind, changes: changes, reason: reason, policy: policy, time: time, by: actor, previous: before)
                return event.id
            }
        }
        return try scheduleEvent(eventID).event
    }
}
