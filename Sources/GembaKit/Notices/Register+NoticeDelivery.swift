import Foundation
import GRDB

extension Register {
    /// How many due notices a deliverer claims at a time.
    static let deliveryBatch = 10

    /// Sends every pending notice whose next attempt is due: a JSON POST to the group's webhook
    /// and/or one e-mail to its addresses. Every attempt is recorded (time, outcome, HTTP status
    /// or SMTP reply). A notice stays pending until each of its channels took it; after a failure
    /// the next attempt waits `retry_minutes` of policies/notifications.yaml. Nothing is dropped.
    /// Deliverers may run at once (cron and a person): each claims a batch of due notices under
    /// the register lock, sends outside it and records the outcome under it, so no notice is sent
    /// twice; the claim of a deliverer that crashed runs out and the notice is due again.
    public func deliverNotices(by username: String? = nil) throws -> DeliveryReport {
        try deliverNotices(by: username, batch: Register.deliveryBatch)
    }

    func deliverNotices(by username: String?, batch: Int) throws -> DeliveryReport {
        let policy = try notificationPolicy()
        let actorName = try username.map { name in try store.read { db in try activeUser(db, name).username } } ?? Register.systemActor
        let claimant = "\(actorName) pid \(ProcessInfo.processInfo.processIdentifier) \(UUID().uuidString.prefix(8).lowercased())"
        let mailer = policy.smtp.map { smtp in Result { try SMTPClient(settings: smtp, timeout: policy.timeoutSeconds) } }
        var report: DeliveryReport?
        while true {
            let claim = try claimDueNotices(for: claimant, limit: batch, policy: policy, by: actorName)
            if report == nil { report = DeliveryReport(waiting: claim.waiting, claimedElsewhere: claim.claimedElsewhere) }
            guard !claim.notices.isEmpty else { break }
            for notice in claim.notices {
                // A claim that ran out (the sends before took longer than their timeouts allow) may be another's now.
                guard let until = notice.claimedUntil, now() < until else { continue }
                var outcomes: [(channel: String, target: String, ok: Bool, detail: String)] = []
                if !notice.webhookDone, let target = notice.webhook {
                    let (ok, detail) = postWebhook(target, notice, policy)
                    outcomes.append(("webhook", target, ok, detail))
                }
                let addresses = JSONList.decode(notice.email)
                if !notice.emailDone, !addresses.isEmpty {
                    let (ok, detail) = sendMail(addresses, notice, mailer)
                    outcomes.append(("email", addresses.joined(separator: ", "), ok, detail))
                }
                let attempts = try recordAttempts(notice, outcomes, claimant: claimant, policy: policy, by: actorName)
                report?.attempts += attempts
                if attempts.allSatisfy({ $0.outcome == "delivered" }) { report?.delivered.append(notice.id ?? 0) } else { report?.retrying.append(notice.id ?? 0) }
            }
        }
        return report ?? DeliveryReport()
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

    private func sendMail(_ addresses: [String], _ notice: NoticeRecord, _ mailer: Result<SMTPClient, any Error>?) -> (Bool, String) {
        guard let mailer else { return (false, "policies/notifications.yaml has no smtp settings") }
        do {
            let client = try mailer.get()
            var password: String?
            if let name = client.settings.passwordEnvironment {
                guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
                    return (false, "the environment variable \(name) (smtp password_env) is not set for `gemba notices deliver`; nothing was sent")
                }
                password = value
            }
            let message = MailMessage(
                from: client.settings.from, recipients: addresses, subject: notice.subject, body: notice.body, date: now(),
                messageID: "notice-\(notice.id ?? 0)-\(notice.sequence)-\(Int(now().timeIntervalSince1970))@gemba")
            return (true, try client.send(message, password: password))
        } catch {
            return (false, "\(error)")
        }
    }

    /// Records one round of attempts on a notice and moves it on: delivered when every channel
    /// took it, else pending with the next attempt after the policy's wait, and the claim cleared.
    /// The attempts are recorded whatever happened meanwhile: they were made. Should the claim
    /// have run out and another deliverer hold the notice now, that one moves it on.
    private func recordAttempts(
        _ sent: NoticeRecord, _ outcomes: [(channel: String, target: String, ok: Bool, detail: String)], claimant: String,
        policy: NotificationPolicy, by actorName: String
    ) throws -> [NoticeAttemptView] {
        try exclusively {
            try store.write { db in
                guard var notice = try NoticeRecord.fetchOne(db, key: sent.id) else { return [] }
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
                guard notice.status == NoticeStatus.pending.rawValue else { return views }
                let heldByAnother = notice.claimedBy != claimant && (notice.claimedUntil.map { $0 > actor.at } ?? false)
                notice.attempts += 1
                if notice.webhookDone && notice.emailDone {
                    notice.status = NoticeStatus.delivered.rawValue
                    notice.deliveredAt = actor.at
                    notice.nextAttemptAt = nil
                    (notice.claimedBy, notice.claimedUntil) = (nil, nil)
                } else if !heldByAnother {
                    notice.nextAttemptAt = actor.at.addingTimeInterval(policy.retryDelay(afterFailures: notice.attempts))
                    (notice.claimedBy, notice.claimedUntil) = (nil, nil)
                }
                let changed = notice
                try AuditTrail.track(db, .notice, key: key, action: changed.deliveredAt == nil ? "notice.retry" : "notice.delivered", by: actor) {
                    try changed.update(db)
                }
                return views
            }
        }
    }
}
