import Foundation
import GRDB

extension Register {
    /// Adds an event `EV-YYYY-NNNN` (`schedule.manage`) and writes its notices to the outbox in
    /// the same transaction.
    public func addScheduleEvent(_ new: NewScheduleEvent, by username: String) throws -> ScheduleEventView {
        let policy = try notificationPolicy()
        let time = try plantTime()
        guard new.status == .planned || new.status == .confirmed else {
            throw GembaError.invalid("a new event is planned or confirmed; mark it done later with `gemba schedule update --status done`")
        }
        let id = try exclusively {
            try store.write { db in
                _ = try requirePermission(db, username, .scheduleManage, to: "plan schedule events")
                let fields = try checkedFields(
                    db, kind: new.kind,
                    CheckedEventFields(
                        title: new.title, lines: new.lines, start: new.start, end: new.end, owner: new.owner, stakeholders: new.stakeholders,
                        eco: new.eco, documents: new.documents, participants: new.participants, note: new.note), policy: policy)
                let actor = Actor(username: username, at: now(), reason: new.note)
                let year = Day(actor.at).year
                let seq = (try Int.fetchOne(db, sql: "SELECT max(seq) FROM schedule_event WHERE year = ?", arguments: [year]) ?? 0) + 1
                var event = ScheduleEventRecord(
                    id: String(format: "EV-%04d-%04d", year, seq), year: year, seq: seq, kind: new.kind.rawValue, title: "", lines: "[]",
                    startAt: actor.at, endAt: actor.at, owner: username, status: new.status.rawValue, stakeholders: "[]", eco: nil, documents: "[]",
                    participants: "[]", note: nil, sequence: 0, createdBy: username, createdAt: actor.at, updatedBy: username, updatedAt: actor.at)
                event.apply(fields)
                try AuditTrail.track(db, .scheduleEvent, key: event.id, action: "schedule.add", by: actor) { try event.insert(db) }
                let summary = "\(new.kind.label), \(fields.lines.joined(separator: ", ")), \(Timestamp.string(fields.start)) - \(Timestamp.string(fields.end))"
                try recordScheduleChanges(db, event, [("created", nil, summary)], reason: "added", by: actor)
                let change: NoticeChange = new.kind == .expedite ? .expedite : .added
                try writeNotices(db, event: event, change: change, changes: [], reason: new.note, policy: policy, time: time, by: actor, previous: nil)
                return event.id
            }
        }
        return try scheduleEvent(id).event
    }

    /// Appends history rows (one per changed field) for an event.
    func recordScheduleChanges(_ db: Database, _ event: ScheduleEventRecord, _ changes: [(String, String?, String?)], reason: String, by actor: Actor) throws {
        var number = try Int.fetchOne(db, sql: "SELECT max(number) FROM schedule_change WHERE event_id = ?", arguments: [event.id]) ?? 0
        for (field, old, new) in changes {
            number += 1
            let row = ScheduleChangeRecord(
                eventId: event.id, number: number, field: field, oldValue: old, newValue: new, reason: reason, changedBy: actor.username,
                changedAt: actor.at, sequence: event.sequence)
            try AuditTrail.track(db, .scheduleChange, key: row.key, action: "schedule.history", by: actor) { try row.insert(db) }
        }
    }
}
