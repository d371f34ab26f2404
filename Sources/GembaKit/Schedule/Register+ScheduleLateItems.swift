import Foundation
import GRDB

extension Register {
    /// For `gemba status`: events whose window has ended but are still planned or confirmed
    /// (mark them done or cancel them; overdue from the day after they ended), events still
    /// only planned that start within the window (confirm them by their start day), and
    /// notices still failing a day after they were written (overdue from then), and one item for
    /// notices never tried a day after they were written (nobody runs `notices deliver`).
    public func scheduleLateItems(withinDays: Int) throws -> [LateItem] {
        guard try policyFile(NotificationPolicy.fileName) != nil else { return [] }
        let today = today()
        let horizon = today.addingDays(withinDays + 1).start
        let (events, notices) = try store.read { db in
            (try ScheduleEventRecord.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM schedule_event WHERE status IN ('planned', 'confirmed') ORDER BY start_at
                """)),
             try NoticeRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM notice WHERE status = ? ORDER BY id"), arguments: [NoticeStatus.pending.rawValue]))
        }
        var items: [LateItem] = []
        for event in events {
            let kind = ScheduleKind(rawValue: event.kind)?.label ?? event.kind
            if event.endAt <= now() {
                let due = Day(event.endAt).addingDays(1)
                items.append(LateItem(
                    kind: "schedule-event", reference: event.id, title: "\(kind) ended, still \(event.status): mark done or cancel - \(event.title)",
                    owner: event.owner, dueDate: due.description, daysOverdue: due.days(until: today)))
            } else if event.status == ScheduleStatus.planned.rawValue, event.startAt < horizon {
                let due = Day(event.startAt)
                items.append(LateItem(
                    kind: "schedule-event", reference: event.id, title: "\(kind) not yet confirmed - \(event.title)", owner: event.owner,
                    dueDate: due.description, daysOverdue: due.days(until: today)))
            }
        }
        var neverTried: [NoticeRecord] = []
        for notice in notices {
            let due = Day(notice.createdAt).addingDays(1)
            guard due.days(until: today) > 0 else { continue }
            guard notice.attempts > 0 else {
                neverTried.append(notice)
                continue
            }
            items.append(LateItem(
                kind: "notice", reference: "notice \(notice.id ?? 0)", title: "not delivered to \(notice.stakeholder) after \(notice.attempts) attempt(s): \(notice.subject)",
                owner: nil, dueDate: due.description, daysOverdue: due.days(until: today)))
        }
        if let oldest = neverTried.first {
            let due = Day(oldest.createdAt).addingDays(1)
            items.append(LateItem(
                kind: "notice", reference: "outbox", title: "\(neverTried.count) notice(s) never sent: run `gemba notices deliver` (for example from cron)",
                owner: nil, dueDate: due.description, daysOverdue: due.days(until: today)))
        }
        return items
    }
}
