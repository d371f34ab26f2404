import Foundation
import Testing
@testable import GembaKit

/// Counts the SMTP sessions open at once, and holds each message until two were open together
/// (or `patience` passed), so two deliverers are sure to overlap.
final class SessionOverlap: @unchecked Sendable {
    private let lock = NSLock()
    private var open = 0
    private var most = 0
    let patience: TimeInterval

    init(patience: TimeInterval = 5) { self.patience = patience }

    func opened() { lock.withLock { open += 1; most = max(most, open) } }
    func closed() { lock.withLock { open -= 1 } }
    var mostAtOnce: Int { lock.withLock { most } }

    func waitForTwo() {
        let deadline = Date().addingTimeInterval(patience)
        while mostAtOnce < 2 && Date() < deadline { usleep(10_000) }
    }
}

@Suite(.serialized) struct NoticeDeliveryClaimTests {
    @Test func twoDeliverersAtOnceSendEveryNoticeExactlyOnce() throws {
        let mail = Recorder()
        let overlap = SessionOverlap()
        let server = try LocalServer { connection in
            overlap.opened()
            defer { overlap.closed() }
            smtpSession(connection, mail, beforeAccepting: overlap.waitForTwo)
        }
        defer { server.stop() }
        try withScheduleRegister(notifications: testNotifications(smtpPort: server.port)) { r in
            for day in 10...15 {
                try r.event(.expedite, ["L1"], "2026-03-\(day)T06:00:00Z", "2026-03-\(day)T14:00:00Z", title: "Rush \(day)")
            }
            let other = try Register.open(at: r.root, clock: r.clock)
            let reports = Recorder()
            let failures = Recorder()
            let group = DispatchGroup()
            for register in [r.register, other] {
                let deliverer = UncheckedRegister(register)
                DispatchQueue.global().async(group: group) {
                    do {
                        let report = try deliverer.register.deliverNotices(by: nil, batch: 2)
                        reports.add(report.delivered.map(String.init).joined(separator: ","))
                    } catch {
                        failures.add("\(error)")
                    }
                }
            }
            #expect(group.wait(timeout: .now() + 60) == .success)
            #expect(failures.all.isEmpty, "\(failures.all)")
            // The two overlapped. (The server may count three: a deliverer's next session can
            // open before the server's handler of its last one has returned, on a loaded machine.)
            #expect(overlap.mostAtOnce >= 2)
            let delivered = reports.all.map { $0.split(separator: ",").map(String.init) }
            #expect(delivered.allSatisfy { !$0.isEmpty }, "each deliverer sent some: \(delivered)")
            #expect(delivered.flatMap { $0 }.sorted() == (1...6).map(String.init))
            let messages = mail.all.filter { $0.contains("Message-ID: <notice-") }
            #expect(messages.count == 6)
            let ids = Set(messages.compactMap { $0.firstMatch(of: /Message-ID: <notice-(\d+)-/).map { String($0.1) } })
            #expect(ids.count == 6)
            let notices = try r.register.notices()
            #expect(notices.allSatisfy { $0.status == .delivered && $0.attempts == 1 && $0.attemptLog.count == 1 })
            #expect(try r.register.verify().isClean)
        }
    }

    @Test func aClaimHoldsOffOtherDeliverersUntilItRunsOut() throws {
        let mail = Recorder()
        let server = try smtpServer(mail)
        defer { server.stop() }
        try withScheduleRegister(notifications: testNotifications(smtpPort: server.port)) { r in
            try r.event(.expedite, ["L1"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z")
            // A deliverer claims the notice and crashes before sending.
            let policy = try r.register.notificationPolicy()
            let claim = try r.register.claimDueNotices(for: "system pid 1 crashed", limit: 10, policy: policy, by: Register.systemActor)
            #expect(claim.notices.count == 1)
            let until = try #require(claim.notices.first?.claimedUntil)
            // Two recipients at timeout 3 s: 3 x 14 s of SMTP, plus the 60 s margin.
            #expect(until == r.clock.now().addingTimeInterval(42 + 60))

            let blocked = try r.register.deliverNotices()
            #expect(blocked.attempts.isEmpty && blocked.claimedElsewhere == 1 && blocked.waiting == 0)
            #expect(mail.all.isEmpty)

            r.clock.advance(seconds: 102)
            let report = try r.register.deliverNotices()
            #expect(report.delivered.count == 1 && report.claimedElsewhere == 0)
            #expect(mail.all.filter { $0.hasPrefix("MAIL FROM") }.count == 1)
            let notice = try #require(try r.register.notices().first)
            #expect(notice.status == .delivered && notice.attempts == 1)
            let actions = try r.register.trail().filter { $0.entityType == "notice" && $0.entityId == "1" }.map(\.action)
            #expect(actions == ["notice.write", "notice.claim", "notice.claim", "notice.delivered"])
            let last = try #require(try r.register.trail().last { $0.entityType == "notice" })
            #expect(last.changes.contains { $0.hasPrefix("claimed_by: ") && $0.hasSuffix("-> null") }, "\(last.changes)")
            #expect(try r.register.verify().isClean)
        }
    }

    @Test func aFailedAttemptClearsTheClaimAndWaitsForItsRetry() throws {
        let mail = Recorder()
        let server = try smtpServer(mail) { "451 4.3.0 try later" }
        defer { server.stop() }
        try withScheduleRegister(notifications: testNotifications(smtpPort: server.port)) { r in
            try r.event(.expedite, ["L1"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z")
            #expect(try r.register.deliverNotices().retrying.count == 1)
            let record = try r.register.store.read { db in try NoticeRecord.fetchOne(db, key: 1) }
            #expect(record?.claimedBy == nil && record?.claimedUntil == nil && record?.status == "pending")
            let again = try r.register.deliverNotices()
            #expect(again.attempts.isEmpty && again.waiting == 1 && again.claimedElsewhere == 0)
        }
    }

    @Test func theDatabaseRefusesAClaimOnADeliveredNotice() throws {
        let server = try smtpServer(Recorder())
        defer { server.stop() }
        try withScheduleRegister(notifications: testNotifications(smtpPort: server.port)) { r in
            try r.event(.expedite, ["L1"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z")
            #expect(try r.register.deliverNotices().delivered.count == 1)
            #expect(throws: (any Error).self) {
                try r.register.store.write { db in
                    try db.execute(sql: "UPDATE notice SET claimed_by = 'x', claimed_until = '2026-03-02T10:00:00Z' WHERE id = 1")
                }
            }
            #expect(throws: (any Error).self) {
                try r.register.store.write { db in try db.execute(sql: "UPDATE notice SET claimed_by = 'x' WHERE id = 1") }
            }
        }
    }
}

/// Hands a register to another thread; each deliverer in the test uses its own register object.
private struct UncheckedRegister: @unchecked Sendable {
    let register: Register
    init(_ register: Register) { self.register = register }
}
