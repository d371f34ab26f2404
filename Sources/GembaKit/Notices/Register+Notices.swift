import Foundation
import GRDB

extension Register {
    /// The outbox, newest first; with `pendingOnly`, the notices still to be delivered.
    public func notices(pendingOnly: Bool = false, event: String? = nil) throws -> [NoticeView] {
        try store.read { db in
            var request = NoticeRecord.order(Column("id").desc)
            if pendingOnly { request = request.filter(Column("status") == NoticeStatus.pending.rawValue) }
            if let event { request = request.filter(Column("event_id") == event.uppercased()) }
            return try noticeViews(db, try request.fetchAll(db))
        }
    }

    func noticeViews(_ db: Database, _ records: [NoticeRecord]) throws -> [NoticeView] {
        try records.map { record in
            let id = record.id ?? 0
            let attempts = try NoticeAttemptRecord.filter(Column("notice_id") == id).order(Column("number")).fetchAll(db)
            return NoticeView(
                id: id, event: record.eventId, change: NoticeChange(rawValue: record.change) ?? .updated, stakeholder: record.stakeholder,
                sequence: record.sequence, subject: record.subject, body: record.body, ask: record.ask, webhook: record.webhook,
                email: JSONList.decode(record.email), status: NoticeStatus(rawValue: record.status) ?? .pending, attempts: record.attempts,
                nextAttemptAt: record.nextAttemptAt.map(Timestamp.string), createdBy: record.createdBy, createdAt: Timestamp.string(record.createdAt),
                deliveredAt: record.deliveredAt.map(Timestamp.string), attemptLog: attempts.map(\.view))
        }
    }
}

extension NoticeAttemptRecord {
    var view: NoticeAttemptView {
        NoticeAttemptView(number: number, channel: channel, target: target, at: Timestamp.string(at), outcome: outcome, detail: detail)
    }
}
