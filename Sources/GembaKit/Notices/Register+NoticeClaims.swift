import Foundation
import GRDB

/// The due notices one deliverer claimed, and what it saw of the rest of the outbox.
struct NoticeClaim {
    var notices: [NoticeRecord]
    /// Pending notices whose next attempt is later.
    var waiting: Int
    /// Due notices another deliverer is sending now (its claim holds).
    var claimedElsewhere: Int
}

extension Register {
    /// Seconds added to every claim beyond the longest the network may take, for the bookkeeping.
    static let claimMargin: TimeInterval = 60

    /// Claims up to `limit` due notices for `claimant` in one transaction under the register lock.
    /// Each claim holds until the sends before it and its own can have ended, at their timeouts
    /// (plus a margin), so a live deliverer always records its outcome before the claim runs out;
    /// the claim of a deliverer that crashed runs out, and the notice is due again.
    func claimDueNotices(for claimant: String, limit: Int, policy: NotificationPolicy, by actorName: String) throws -> NoticeClaim {
        try exclusively {
            try store.write { db in
                let actor = Actor(username: actorName, at: now())
                let moment = Timestamp.string(actor.at)
                let pending = NoticeRecord.filter(Column("status") == NoticeStatus.pending.rawValue)
                let due = pending.filter(Column("next_attempt_at") <= moment)
                let unclaimed = Column("claimed_until") == nil || Column("claimed_until") <= moment
                var claim = NoticeClaim(
                    notices: try due.filter(unclaimed).order(Column("next_attempt_at"), Column("id")).limit(limit).fetchAll(db),
                    waiting: try pending.filter(Column("next_attempt_at") > moment).fetchCount(db),
                    claimedElsewhere: try due.filter(!unclaimed).fetchCount(db))
                var end = actor.at.addingTimeInterval(Register.claimMargin)
                for index in claim.notices.indices {
                    end += longestDelivery(of: claim.notices[index], policy: policy)
                    claim.notices[index].claimedBy = claimant
                    claim.notices[index].claimedUntil = end
                    let notice = claim.notices[index]
                    try AuditTrail.track(db, .notice, key: String(notice.id ?? 0), action: "notice.claim", by: actor) { try notice.update(db) }
                }
                return claim
            }
        }
    }

    /// The longest one round of a notice's channels can take at the policy's timeouts.
    private func longestDelivery(of notice: NoticeRecord, policy: NotificationPolicy) -> TimeInterval {
        var seconds = 0
        if !notice.webhookDone && notice.webhook != nil { seconds += WebhookClient.longestPost(timeout: policy.timeoutSeconds) }
        let addresses = JSONList.decode(notice.email)
        if !notice.emailDone && !addresses.isEmpty { seconds += SMTPClient.longestSession(timeout: policy.timeoutSeconds, recipients: addresses.count) }
        return TimeInterval(seconds)
    }
}
