import Foundation
import Testing
@testable import GembaKit

/// A notifications.yaml for tests: a maintenance group (webhook when given), a line-1 group
/// (e-mail when an SMTP port is given) and a group without channels.
func testNotifications(webhook: String? = nil, smtpPort: Int? = nil, retry: String = "[5, 30]") -> String {
    var text = """
        time_zone: Europe/Berlin
        delivery:
          timeout_seconds: 3
          retry_minutes: \(retry)

        """
    if let smtpPort { text += "smtp:\n  host: 127.0.0.1\n  port: \(smtpPort)\n  from: gemba@plant.test\n  helo: gemba.test\n  tls: none\n" }
    text += """
        groups:
          maintenance:
            name: Maintenance planning
            kinds: [maintenance_shutdown, engineering_change]

        """
    if let webhook { text += "    webhook: \(webhook)\n" }
    text += """
          line1:
            name: Line 1 leads
            kinds: [maintenance_shutdown, production_change, expedite, training_event]
            lines: [L1]
            ask: ["Line 1 lead, ext. 101"]

        """
    if smtpPort != nil { text += "    email: [lead-l1@plant.test, planner@plant.test]\n" }
    text += """
          quiet:
            name: Quiet group
            kinds: [safety_audit]

        """
    return text
}

/// A fresh register with the shipped training.yaml (for the areas L1, L2, L3, QA...) and `notifications`.
func withScheduleRegister<T>(notifications: String = testNotifications(), _ body: (TestRegister) throws -> T) throws -> T {
    let training = try String(contentsOf: shippedPolicyFolder.appendingPathComponent("training.yaml"), encoding: .utf8)
    return try withRegister(policies: ["training.yaml": { _ in training }, NotificationPolicy.fileName: { _ in notifications }], body)
}

extension TestRegister {
    /// A UTC instant written as `2026-03-10T06:00:00Z`.
    func utc(_ text: String) throws -> Date { try #require(Timestamp.parse(text)) }

    /// An event added by carl (coordinator) with UTC times.
    @discardableResult
    func event(
        _ kind: ScheduleKind, _ lines: [String], _ start: String, _ end: String, title: String? = nil, eco: String? = nil,
        participants: [String] = [], stakeholders: [String] = [], status: ScheduleStatus = .planned
    ) throws -> ScheduleEventView {
        try register.addScheduleEvent(
            NewScheduleEvent(
                kind: kind, title: title ?? "\(kind.label) \(lines.joined(separator: ","))", lines: lines, start: try utc(start), end: try utc(end),
                owner: "carl", status: status, stakeholders: stakeholders, eco: eco ?? (kind == .engineeringChange ? "ECO-2026-001" : nil),
                participants: participants), by: "carl")
    }

}
