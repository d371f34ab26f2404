import Foundation
import Testing
@testable import GembaKit

@Suite(.serialized) struct NoticeDeliveryTests {
    @Test func aWebhookNoticeIsPostedAsJSONTextAndRecorded() throws {
        let posts = Recorder()
        let server = try webhookServer(posts) { 200 }
        defer { server.stop() }
        try withScheduleRegister(notifications: testNotifications(webhook: "http://127.0.0.1:\(server.port)/hook")) { r in
            try r.event(.engineeringChange, ["L2"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z", title: "New weld recipe", eco: "ECO-2026-014")
            let report = try r.register.deliverNotices(by: "carl")
            #expect(report.delivered.count == 1 && report.retrying.isEmpty)
            let body = try #require(posts.all.first)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String])
            #expect(json["text"]?.contains("Engineering change planned: EV-2026-0001 New weld recipe") == true)
            #expect(json["text"]?.contains("ECO: ECO-2026-014") == true)
            let notice = try #require(try r.register.notices().first)
            #expect(notice.status == .delivered && notice.attempts == 1 && notice.deliveredAt == "2026-03-02T09:00:00Z")
            #expect(notice.attemptLog.map(\.detail) == ["HTTP 200"])
            #expect(try r.actions(entity: "1/A1") == ["notice.attempt"])
            #expect(try r.register.deliverNotices().attempts.isEmpty)
            #expect(try r.register.verify().isClean)
        }
    }

    @Test func aFailedWebhookWaitsWithBackoffAndIsRetriedUntilItIsTaken() throws {
        let posts = Recorder()
        let answers = Recorder()
        let server = try webhookServer(posts) { answers.add("x"); return answers.all.count < 3 ? 503 : 204 }
        defer { server.stop() }
        try withScheduleRegister(notifications: testNotifications(webhook: "http://127.0.0.1:\(server.port)/hook")) { r in
            try r.event(.maintenanceShutdown, ["L2"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z")
            let first = try r.register.deliverNotices()
            #expect(first.retrying.count == 1 && first.attempts.map(\.detail) == ["HTTP 503"])
            var notice = try #require(try r.register.notices(pendingOnly: true).first)
            #expect(notice.attempts == 1 && notice.nextAttemptAt == "2026-03-02T09:05:00Z")
            #expect(try r.register.deliverNotices().waiting == 1)
            #expect(posts.all.count == 1)
            r.clock.advance(seconds: 300)
            _ = try r.register.deliverNotices()
            notice = try #require(try r.register.notices(pendingOnly: true).first)
            #expect(notice.attempts == 2 && notice.nextAttemptAt == "2026-03-02T09:35:00Z")
            r.clock.advance(seconds: 1800)
            let last = try r.register.deliverNotices()
            #expect(last.delivered.count == 1)
            notice = try #require(try r.register.notices().first)
            #expect(notice.status == .delivered && notice.attemptLog.map(\.outcome) == ["failed", "failed", "delivered"])
            #expect(notice.attemptLog.map(\.detail) == ["HTTP 503", "HTTP 503", "HTTP 204"])
        }
    }

    @Test func anUnreachableWebhookFailsCleanlyIntoRetry() throws {
        // A port nothing listens on: the connection is refused at once.
        let closed = try LocalServer { _ in }
        let port = closed.port
        closed.stop()
        try withScheduleRegister(notifications: testNotifications(webhook: "http://127.0.0.1:\(port)/hook")) { r in
            try r.event(.maintenanceShutdown, ["L2"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z")
            let report = try r.register.deliverNotices()
            #expect(report.retrying.count == 1 && report.attempts.first?.outcome == "failed")
            let notice = try #require(try r.register.notices().first)
            #expect(notice.status == .pending && notice.body.contains("Maintenance shutdown"))
            r.advance(days: 2)
            #expect(try r.register.scheduleLateItems(withinDays: 0).contains { $0.kind == "notice" && $0.daysOverdue == 1 })
        }
    }

    @Test func anEmailNoticeIsSentOverSMTPToEveryAddress() throws {
        let mail = Recorder()
        let server = try smtpServer(mail)
        defer { server.stop() }
        try withScheduleRegister(notifications: testNotifications(smtpPort: server.port)) { r in
            try r.event(.expedite, ["L1"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z", title: "Rush order für Kunde")
            let report = try r.register.deliverNotices()
            #expect(report.delivered.count == 1, "\(report)")
            #expect(mail.all.prefix(3) == ["MAIL FROM:<gemba@plant.test>", "RCPT TO:<lead-l1@plant.test>", "RCPT TO:<planner@plant.test>"])
            let message = try #require(mail.all.last)
            #expect(message.contains("Subject: =?UTF-8?B?"))
            #expect(message.contains("To: lead-l1@plant.test, planner@plant.test"))
            #expect(message.contains("Expedite EV-2026-0001 \"Rush order für Kunde\" requested by Carl Coordinator (carl)."))
            let notice = try #require(try r.register.notices().first)
            #expect(notice.attemptLog.first?.detail == "250 2.0.0 queued as 42")
        }
    }

    @Test func aRefusedRecipientKeepsTheNoticePendingWithTheSMTPReply() throws {
        let mail = Recorder()
        let server = try smtpServer(mail) { "550 5.1.1 no such mailbox" }
        defer { server.stop() }
        try withScheduleRegister(notifications: testNotifications(smtpPort: server.port)) { r in
            try r.event(.expedite, ["L1"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z")
            let report = try r.register.deliverNotices()
            #expect(report.retrying.count == 1)
            let notice = try #require(try r.register.notices(pendingOnly: true).first)
            #expect(notice.attemptLog.first?.detail.contains("550 5.1.1 no such mailbox") == true)
            #expect(notice.nextAttemptAt == "2026-03-02T09:05:00Z")
        }
    }

    @Test func aNoticeWithBothChannelsResendsOnlyTheOneThatFailed() throws {
        let posts = Recorder()
        let web = try webhookServer(posts) { 200 }
        defer { web.stop() }
        let mail = Recorder()
        let replies = Recorder()
        let smtp = try smtpServer(mail) { replies.add("x"); return replies.all.count == 1 ? "451 try later" : "250 OK" }
        defer { smtp.stop() }
        var text = testNotifications(webhook: "http://127.0.0.1:\(web.port)/hook", smtpPort: smtp.port)
        text = text.replacingOccurrences(of: "    webhook: http", with: "    email: [maint@plant.test]\n    webhook: http")
        try withScheduleRegister(notifications: text) { r in
            try r.event(.engineeringChange, ["L3"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z")
            #expect(try r.register.deliverNotices().retrying.count == 1)
            r.clock.advance(seconds: 300)
            #expect(try r.register.deliverNotices().delivered.count == 1)
            #expect(posts.all.count == 1)
            let notice = try #require(try r.register.notices().first)
            #expect(notice.attemptLog.map { "\($0.channel) \($0.outcome)" } == ["webhook delivered", "email failed", "email delivered"])
        }
    }
}
