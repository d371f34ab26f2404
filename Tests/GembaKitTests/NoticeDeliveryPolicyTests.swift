import Foundation
import Testing
@testable import GembaKit

@Suite struct NoticeDeliveryPolicyTests {
    /// A notifications.yaml whose smtp block is `smtp` (lines after `smtp:`), with a group sending e-mail.
    private func policy(_ smtp: [String]) -> String {
        (["delivery:", "  timeout_seconds: 5", "  retry_minutes: [5]", "smtp:"] + smtp.map { "  " + $0 }
            + ["groups:", "  line1:", "    name: Line 1", "    kinds: [expedite]", "    email: [lead@plant.test]"]).joined(separator: "\n") + "\n"
    }

    private let base = ["host: mail.plant.test", "from: gemba@plant.test"]

    /// The error message parsing `smtp` gives; records an issue when it parses.
    private func refusal(_ smtp: [String]) -> String {
        do {
            _ = try NotificationPolicy.parse(Data(policy(smtp).utf8))
            Issue.record("accepted: \(smtp)")
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func tlsModesAndTheirDefaultPorts() throws {
        let plain = try #require(try NotificationPolicy.parse(Data(policy(base).utf8)).smtp)
        #expect(plain.tls == .none && plain.port == 25 && plain.caFile == nil && plain.username == nil)
        let starttls = try #require(try NotificationPolicy.parse(Data(policy(base + ["tls: starttls"]).utf8)).smtp)
        #expect(starttls.tls == .starttls && starttls.port == 587)
        let implicit = try #require(try NotificationPolicy.parse(Data(policy(base + ["tls: implicit", "port: 2465"]).utf8)).smtp)
        #expect(implicit.tls == .implicit && implicit.port == 2465)
        let full = try #require(
            try NotificationPolicy.parse(
                Data(policy(base + ["tls: starttls", "ca_file: /etc/gemba/plant-ca.pem", "username: gemba", "password_env: GEMBA_SMTP_PASSWORD"]).utf8)
            ).smtp)
        #expect(full.caFile == "/etc/gemba/plant-ca.pem" && full.username == "gemba" && full.passwordEnvironment == "GEMBA_SMTP_PASSWORD")
    }

    @Test func mistakesAreRefusedWithFileAndLine() {
        // Line 4 is `smtp:`; its keys start on line 5.
        #expect(refusal(base + ["tls: ssl"]) == "policies/notifications.yaml:7: tls must be none, starttls (port 587) or implicit (port 465), not 'ssl'")
        #expect(refusal(base + ["ca_file: /etc/ca.pem"]) == "policies/notifications.yaml:7: ca_file is only used with tls: starttls or implicit")
        #expect(refusal(base + ["tls: implicit", "ca_file: plant-ca.pem"]) == "policies/notifications.yaml:8: ca_file must be an absolute path to a PEM file, not 'plant-ca.pem'")
        #expect(refusal(base + ["username: gemba", "password_env: P"]) == "policies/notifications.yaml:7: SMTP AUTH (username) needs tls: starttls or implicit; gemba never sends a password in clear")
        #expect(refusal(base + ["tls: starttls", "username: gemba"]) == "policies/notifications.yaml:8: username needs password_env: the name of the environment variable that holds the password")
        #expect(refusal(base + ["tls: starttls", "password_env: GEMBA_SMTP_PASSWORD"]) == "policies/notifications.yaml:8: password_env needs a username")
        #expect(refusal(base + ["tls: starttls", "username: gemba", "password_env: hunter2!"]).hasPrefix("policies/notifications.yaml:9: password_env is the NAME of an environment variable"))
        #expect(refusal(base + ["helo: bad name"]) == "policies/notifications.yaml:7: helo 'bad name' must be a host name (letters, digits, '.' and '-')")
        #expect(refusal(base + ["verify: false"]).hasPrefix("policies/notifications.yaml:7: unknown key 'verify'"))
    }

    @Test func aPasswordInTheFileIsRefusedWithWhereItBelongs() {
        let message = refusal(base + ["tls: starttls", "username: gemba", "password: hunter2"])
        #expect(message == "policies/notifications.yaml:9: a password never goes into the policy file (it is in git): put it in an environment variable of `gemba notices deliver` and name that variable with password_env")
        #expect(!message.contains("hunter2"))
    }

    @Test func theShippedPolicyStillParses() throws {
        let shipped = try Data(contentsOf: shippedPolicyFolder.appendingPathComponent(NotificationPolicy.fileName))
        let smtp = try #require(try NotificationPolicy.parse(shipped).smtp)
        #expect(smtp.tls == .starttls && smtp.port == 587 && smtp.caFile == nil && smtp.username == nil)
    }
}
