import Foundation
import Testing
@testable import GembaKit

/// The test notifications with e-mail sent to `host:port` with `tls` and any further smtp lines.
func tlsNotifications(port: Int, tls: String, host: String = "localhost", caFile: String? = TLSFixtures.caFile, extra: [String] = []) -> String {
    var lines = ["  tls: \(tls)"]
    if let caFile { lines.append("  ca_file: \(caFile)") }
    return testNotifications(smtpPort: port)
        .replacingOccurrences(of: "  host: 127.0.0.1\n", with: "  host: \(host)\n")
        .replacingOccurrences(of: "  tls: none\n", with: (lines + extra).map { $0 + "\n" }.joined())
}

/// The name of the environment variable the AUTH tests keep the password in.
let testPasswordVariable = "GEMBA_TEST_SMTP_PASSWORD"

@Suite(.serialized) struct NoticeDeliveryTLSTests {
    /// Adds an expedite on L1 (the line-1 group has e-mail), delivers, and returns the notice.
    private func deliverOne(_ r: TestRegister) throws -> (DeliveryReport, NoticeView) {
        try r.event(.expedite, ["L1"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z", title: "Rush order")
        let report = try r.register.deliverNotices()
        return (report, try #require(try r.register.notices().first))
    }

    @Test func starttlsUpgradesBeforeAnythingElseAndSaysEHLOAgain() throws {
        let seen = Recorder()
        let server = try LocalSMTPServer(FakeSMTP(security: .starttls), seen)
        defer { server.stop() }
        try withScheduleRegister(notifications: tlsNotifications(port: server.port, tls: "starttls")) { r in
            let (report, notice) = try deliverOne(r)
            #expect(report.delivered == [notice.id], "\(report)")
            #expect(notice.status == .delivered)
            #expect(notice.attemptLog.first?.detail.hasPrefix("250 2.0.0 queued as 42 (STARTTLS, TLS 1.") == true, "\(notice.attemptLog)")
            let lines = seen.all
            #expect(lines.prefix(3) == ["clear: EHLO gemba.test", "clear: STARTTLS", "tls: EHLO gemba.test"], "\(lines)")
            #expect(lines.dropFirst(2).allSatisfy { $0.hasPrefix("tls: ") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("tls: MESSAGE ") && $0.contains("Rush order") })
            #expect(try r.register.verify().isClean)
        }
    }

    @Test func implicitTLSSpeaksTLSFromTheFirstByte() throws {
        let seen = Recorder()
        let server = try LocalSMTPServer(FakeSMTP(security: .implicit), seen)
        defer { server.stop() }
        try withScheduleRegister(notifications: tlsNotifications(port: server.port, tls: "implicit")) { r in
            let (report, notice) = try deliverOne(r)
            #expect(report.delivered.count == 1, "\(report)")
            #expect(notice.attemptLog.first?.detail.contains("(implicit TLS, TLS 1.") == true, "\(notice.attemptLog)")
            #expect(seen.all.first == "tls: EHLO gemba.test")
            #expect(seen.all.allSatisfy { $0.hasPrefix("tls: ") }, "\(seen.all)")
        }
    }

    @Test func aCertificateNotIssuedByTheConfiguredCAFailsIsRecordedAndRetried() throws {
        let seen = Recorder()
        let server = try LocalSMTPServer(FakeSMTP(security: .starttls, certificate: "self-signed"), seen)
        defer { server.stop() }
        try withScheduleRegister(notifications: tlsNotifications(port: server.port, tls: "starttls")) { r in
            let (report, first) = try deliverOne(r)
            #expect(report.retrying == [first.id])
            #expect(first.status == .pending && first.attempts == 1 && first.nextAttemptAt == "2026-03-02T09:05:00Z")
            let detail = try #require(first.attemptLog.first?.detail)
            #expect(detail == "TLS: the certificate of localhost:\(server.port) is not trusted (not issued by the CA in \(TLSFixtures.caFile), or expired); no message was sent")
            r.clock.advance(seconds: 300)
            #expect(try r.register.deliverNotices().retrying.count == 1)
            let second = try #require(try r.register.notices().first)
            #expect(second.attempts == 2 && second.nextAttemptAt == "2026-03-02T09:35:00Z")
            #expect(second.attemptLog.map(\.outcome) == ["failed", "failed"])
            #expect(!seen.all.contains { $0.contains("MAIL FROM") || $0.contains("MESSAGE") }, "\(seen.all)")
            #expect(try r.actions(entity: "1/A2") == ["notice.attempt"])
            #expect(try r.register.verify().isClean)
        }
    }

    @Test func withoutCAFileTheSystemTrustStoreDecidesAndRefusesTheTestCA() throws {
        let server = try LocalSMTPServer(FakeSMTP(security: .implicit), Recorder())
        defer { server.stop() }
        try withScheduleRegister(notifications: tlsNotifications(port: server.port, tls: "implicit", caFile: nil)) { r in
            let (_, notice) = try deliverOne(r)
            #expect(notice.status == .pending)
            #expect(notice.attemptLog.first?.detail.contains("is not trusted (not issued by the system trust store") == true, "\(notice.attemptLog)")
        }
    }

    @Test func theHostNameIsChecked() throws {
        // The certificate is for localhost; the policy names the server by its address.
        let seen = Recorder()
        let server = try LocalSMTPServer(FakeSMTP(security: .implicit), seen)
        defer { server.stop() }
        try withScheduleRegister(notifications: tlsNotifications(port: server.port, tls: "implicit", host: "127.0.0.1")) { r in
            let (_, notice) = try deliverOne(r)
            #expect(notice.status == .pending)
            #expect(notice.attemptLog.first?.detail == "TLS: the certificate of 127.0.0.1:\(server.port) is not issued for 127.0.0.1 (host name check failed); no message was sent")
            #expect(!seen.all.contains { $0.hasPrefix("tls: ") }, "\(seen.all)")
        }
    }

    @Test func aServerWithoutSTARTTLSIsRefusedAndNothingIsSentInClear() throws {
        let seen = Recorder()
        let server = try LocalSMTPServer(FakeSMTP(security: .plain), seen)
        defer { server.stop() }
        try withScheduleRegister(notifications: tlsNotifications(port: server.port, tls: "starttls")) { r in
            let (report, notice) = try deliverOne(r)
            #expect(report.retrying.count == 1)
            #expect(notice.attemptLog.first?.detail == "localhost:\(server.port) does not offer STARTTLS; with tls: starttls gemba sends nothing in clear, so no message was sent")
            #expect(notice.nextAttemptAt == "2026-03-02T09:05:00Z")
            #expect(seen.all == ["clear: EHLO gemba.test"])
        }
    }

    @Test func dataBehindTheSTARTTLSReplyIsRefusedAsInjection() throws {
        let seen = Recorder()
        let server = try LocalSMTPServer(FakeSMTP(security: .starttls, injectAfterSTARTTLS: true), seen)
        defer { server.stop() }
        try withScheduleRegister(notifications: tlsNotifications(port: server.port, tls: "starttls")) { r in
            let (_, notice) = try deliverOne(r)
            #expect(notice.attemptLog.first?.detail == "localhost:\(server.port) sent data after its STARTTLS reply; refused as a possible injection")
            #expect(seen.all.prefix(2) == ["clear: EHLO gemba.test", "clear: STARTTLS"])
            #expect(!seen.all.contains { $0.hasPrefix("tls: ") || $0.contains("MAIL FROM") }, "\(seen.all)")
        }
    }

    @Test func aPlainClientAtAnImplicitTLSPortTimesOutWithAHint() throws {
        let server = try LocalSMTPServer(FakeSMTP(security: .implicit), Recorder())
        defer { server.stop() }
        try withScheduleRegister(notifications: tlsNotifications(port: server.port, tls: "none", caFile: nil)) { r in
            let started = Date()
            let (_, notice) = try deliverOne(r)
            #expect(Date().timeIntervalSince(started) < 10)
            #expect(notice.attemptLog.first?.detail == "no greeting from localhost:\(server.port) within 3 s (a server that expects TLS at once, as on port 465, needs tls: implicit)")
        }
    }

    @Test func implicitTLSAgainstAPlainServerFailsTheHandshake() throws {
        let seen = Recorder()
        let server = try LocalSMTPServer(FakeSMTP(security: .plain), seen)
        defer { server.stop() }
        try withScheduleRegister(notifications: tlsNotifications(port: server.port, tls: "implicit")) { r in
            let (_, notice) = try deliverOne(r)
            let detail = try #require(notice.attemptLog.first?.detail)
            #expect(detail.hasPrefix("TLS handshake with localhost:\(server.port) failed (the server does not speak TLS here: check port and tls)"), "\(detail)")
            // The plain server read the ClientHello as garbage; no SMTP command reached it.
            #expect(!seen.all.contains { $0.hasPrefix("clear: EHLO") || $0.hasPrefix("clear: MAIL") }, "\(seen.all.count)")
        }
    }

    @Test func authPlainGoesOverTLSWithThePasswordFromTheEnvironment() throws {
        let seen = Recorder()
        let server = try LocalSMTPServer(FakeSMTP(security: .starttls, auth: ["LOGIN", "PLAIN"]), seen)
        defer { server.stop() }
        setenv(testPasswordVariable, "s3cret pass", 1)
        defer { unsetenv(testPasswordVariable) }
        let text = tlsNotifications(port: server.port, tls: "starttls", extra: ["  username: mailer", "  password_env: \(testPasswordVariable)"])
        try withScheduleRegister(notifications: text) { r in
            let (report, notice) = try deliverOne(r)
            #expect(report.delivered.count == 1, "\(notice.attemptLog)")
            let auth = try #require(seen.all.first { $0.hasPrefix("tls: AUTH PLAIN ") })
            #expect(Data(base64Encoded: String(auth.dropFirst(16))) == Data("\u{0}mailer\u{0}s3cret pass".utf8))
            #expect(seen.all.firstIndex(of: auth) ?? 0 < seen.all.firstIndex { $0.contains("MAIL FROM") } ?? 0)
            #expect(!seen.all.contains { $0.hasPrefix("clear: AUTH") })
        }
    }

    @Test func authLoginIsUsedWhenTheServerOffersOnlyLogin() throws {
        let seen = Recorder()
        let server = try LocalSMTPServer(FakeSMTP(security: .implicit, auth: ["LOGIN"]), seen)
        defer { server.stop() }
        setenv(testPasswordVariable, "s3cret pass", 1)
        defer { unsetenv(testPasswordVariable) }
        let text = tlsNotifications(port: server.port, tls: "implicit", extra: ["  username: mailer", "  password_env: \(testPasswordVariable)"])
        try withScheduleRegister(notifications: text) { r in
            let (report, notice) = try deliverOne(r)
            #expect(report.delivered.count == 1, "\(notice.attemptLog)")
            #expect(seen.all.contains("tls: AUTH LOGIN"))
        }
    }

    @Test func aRefusedPasswordFailsWithoutShowingIt() throws {
        let seen = Recorder()
        let server = try LocalSMTPServer(FakeSMTP(security: .implicit, auth: ["PLAIN"], password: "another"), seen)
        defer { server.stop() }
        setenv(testPasswordVariable, "s3cret pass", 1)
        defer { unsetenv(testPasswordVariable) }
        let text = tlsNotifications(port: server.port, tls: "implicit", extra: ["  username: mailer", "  password_env: \(testPasswordVariable)"])
        try withScheduleRegister(notifications: text) { r in
            let (report, notice) = try deliverOne(r)
            #expect(report.retrying.count == 1)
            let detail = try #require(notice.attemptLog.first?.detail)
            #expect(detail == "SMTP AUTH PLAIN: 535 5.7.8 bad credentials")
            #expect(!seen.all.contains { $0.contains("MAIL FROM") })
            let trail = try r.register.trail().map { "\($0.oldValue ?? "") \($0.newValue ?? "")" }.joined()
            #expect(!trail.contains("s3cret") && !trail.contains(Data("s3cret pass".utf8).base64EncodedString()))
        }
    }

    @Test func aMissingPasswordVariableFailsBeforeConnecting() throws {
        let seen = Recorder()
        let server = try LocalSMTPServer(FakeSMTP(security: .implicit, auth: ["PLAIN"]), seen)
        defer { server.stop() }
        unsetenv("GEMBA_TEST_UNSET_PASSWORD")
        let text = tlsNotifications(port: server.port, tls: "implicit", extra: ["  username: mailer", "  password_env: GEMBA_TEST_UNSET_PASSWORD"])
        try withScheduleRegister(notifications: text) { r in
            let (_, notice) = try deliverOne(r)
            #expect(notice.attemptLog.first?.detail == "the environment variable GEMBA_TEST_UNSET_PASSWORD (smtp password_env) is not set for `gemba notices deliver`; nothing was sent")
            #expect(seen.all.isEmpty)
        }
    }

    @Test func anUnreadableCAFileFailsTheAttemptWithItsPath() throws {
        let server = try LocalSMTPServer(FakeSMTP(security: .implicit), Recorder())
        defer { server.stop() }
        try withScheduleRegister(notifications: tlsNotifications(port: server.port, tls: "implicit", caFile: "/nonexistent/plant-ca.pem")) { r in
            let (_, notice) = try deliverOne(r)
            #expect(notice.attemptLog.first?.detail.hasPrefix("ca_file /nonexistent/plant-ca.pem cannot be read as PEM certificates") == true, "\(notice.attemptLog)")
            #expect(notice.status == .pending)
        }
    }
}
