import Foundation
import GRDB

extension Register {
    /// Sends every pending notice whose next attempt is due: a JSON POST to the group's webhook
    /// and/or one e-mail to its addresses. Every attempt is recorded (time, outcome, HTTP status
    /// or SMTP reply). A notice stays pending until each of its channels took it; after a failure
    /// the next attempt waits `retry_minutes` of policies/notifications.yaml. Nothing is dropped.
    /// The network is used outside the register lock, so run one deliverer at a time (cron).
    public func deliverNotices(by username: String? = nil) throws -> DeliveryReport {
        let policy = try notificationPolicy()
        let actorName = try username.map { name in try store.read { db in try activeUser(db, name).username } } ?? Register.systemActor
        let moment = now()
        let (due, waiting) = try store.read { db in
            let pending = NoticeRecord.filter(Column("status") == NoticeStatus.pending.rawValue)
            return (try pending.filter(Column("next_attempt_at") <= Timestamp.string(moment)).order(Column("id")).fetchAll(db),
                    try pending.filter(Column("next_attempt_at") > Timestamp.string(moment)).fetchCount(db))
        }
        var report = DeliveryReport(waiting: waiting)
        for notice in due {
            var outcomes: [(channel: String, target: String, ok: Bool, detail: String)] = []
            if !notice.webhookDone, let target = notice.webhook {
                let (ok, detail) = postWebhook(target, notice, policy)
                outcomes.append(("webhook", target, ok, detail))
            }
            let addresses = JSONList.decode(notice.email)
            if !notice.emailDone, !addresses.isEmpty {
                let (ok, detail) = sendMail(addresses, notice, policy)
                outcomes.append(("email", addresses.joined(separator: ", "), ok, detail))
            }
            let attempts = try recordAttempts(notice, outcomes, policy: policy, by: actorName)
            report.attempts += attempts
            if attempts.allSatisfy({ $0.outcome == "delivered" }) { report.delivered.append(notice.id ?? 0) } else { report.retrying.append(notice.id ?? 0) }
        }
        return report
    }

    private func postWebhook(_ target: String, _ notice: NoticeRecord, _ policy: NotificationPolicy) -> (Bool, String) {
        guard let url = URL(string: target) else { return (false, "not a URL") }
        do {
            let status = try WebhookClient(timeout: policy.timeoutSeconds).post(url, text: "\(notice.subject)\n\n\(notice.body)")
            return ((200..<300).contains(status), "HTTP \(status)")
        } catch {
            return (false, "\(error)")
        }
    }

    private func sendMail(_ addresses: [String], _ notice: NoticeRecord, _ policy: NotificationPolicy) -> (Bool, String) {
        guard let smtp = policy.smtp else { return (false, "policies/notifications.yaml has no smtp settings") }
        do {
            let reply = try SMTPClient(settings: smtp, timeout: policy.timeoutSeconds).send(
                to: addresses, subject: notice.subject, body: notice.body, at: now(), messageID: "notice-\(notice.id ?? 0)-\(notice.sequence)-\(Int(now().timeIntervalSince1970))@gemba")
            return (true, reply)
        } catch {
            return (false, "\(error)")
        }
    }

    /// Records one round of attempts on a notice and moves it on: delivered when every channel
    /// took it, else pending with the next attempt after the policy's wait.
    private func recordAttempts(
        _ sent: NoticeRecord, _ outcomes: [(channel: String, target: String, ok: Bool, detail: String)], policy: NotificationPolicy, by actorName: String
    ) throws -> [NoticeAttemptView] {
        try exclusively {
            try store.write { db in
                guard var notice = try NoticeRecord.fetchOne(db, key: sent.id), notice.status == NoticeStatus.pending.rawValue else { return [] }
                let actor = Actor(username: actorName, at: now())
                let key = String(notice.id ?? 0)
                var number = try Int.fetchOne(db, sql: "SELECT max(number) FROM notice_attempt WHERE notice_id = ?", arguments: [notice.id]) ?? 0
                var views: [NoticeAttemptView] = []
                for outcome in outcomes {
                    number += 1
                    let attempt = NoticeAttemptRecord(
                        noticeId: notice.id ?? 0, number: number, channel: outcome.channel, target: outcome.target, at: actor.at,
                        outcome: outcome.ok ? "delivered" : "failed", detail: String(outcome.detail.prefix(500)))
                    try AuditTrail.track(db, .noticeAttempt, key: attempt.key, action: "notice.attempt", by: actor) { try attempt.insert(db) }
                    views.append(attempt.view)
                    if outcome.ok && outcome.channel == "webhook" { notice.webhookDone = true }
                    if outcome.ok && outcome.channel == "email" { notice.emailDone = true }
                }
                notice.attempts += 1
                if notice.webhookDone && notice.emailDone {
                    notice.status = NoticeStatus.delivered.rawValue
                    notice.deliveredAt = actor.at
                    notice.nextAttemptAt = nil
                } else {
                    notice.nextAttemptAt = actor.at.addingTimeInterval(policy.retryDelay(afterFailures: notice.attempts))
                }
                try AuditTrail.track(db, .notice, key: key, action: notice.deliveredAt == nil ? "notice.retry" : "notice.delivered", by: actor) {
                    try notice.update(db)
                }
                return views
            }
        }
    }
}
