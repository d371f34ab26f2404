import Foundation
import Yams

/// A group of people told about schedule events: who follows which kinds on which lines, whom
/// to ask, and where notices go.
public struct StakeholderGroup: Sendable, Equatable, Codable {
    public let key: String
    public let name: String
    public let kinds: Set<ScheduleKind>
    /// nil: every line and area.
    public let lines: Set<String>?
    /// Whom to ask about the events: names, phone numbers, user names.
    public let ask: [String]
    public let webhook: URL?
    public let email: [String]

    /// True when the group follows events of this kind on any of these lines.
    public func follows(kind: ScheduleKind, lines eventLines: [String]) -> Bool {
        kinds.contains(kind) && (lines.map { !$0.isDisjoint(with: eventLines) } ?? true)
    }
}

/// The rules of stakeholder notices, from `policies/notifications.yaml`.
public struct NotificationPolicy: Sendable, Equatable {
    public static let fileName = "notifications.yaml"

    /// The plant's time zone for local times, used until `policies/plant.yaml` gives one.
    public let timeZone: TimeZone?
    public let timeoutSeconds: Int
    /// Minutes to wait after the 1st, 2nd ... failed attempt; the last repeats.
    public let retryMinutes: [Int]
    public let smtp: SMTPSettings?
    public let groups: [String: StakeholderGroup]

    public func group(_ key: String) throws -> StakeholderGroup {
        guard let group = groups[key] else {
            throw GembaError.invalid("unknown stakeholder group '\(key)'; policies/notifications.yaml defines \(groups.keys.sorted().joined(separator: ", "))")
        }
        return group
    }

    /// The wait before the next attempt after `failures` failed ones.
    public func retryDelay(afterFailures failures: Int) -> TimeInterval {
        let index = min(max(failures, 1), retryMinutes.count) - 1
        return TimeInterval((retryMinutes.isEmpty ? 60 : retryMinutes[index]) * 60)
    }

    /// Parses the policy file; every problem names the file and line.
    public static func parse(_ data: Data, file: String = "policies/\(fileName)") throws -> NotificationPolicy {
        let doc = try YAMLDocument(file: file, data: data)
        try doc.allowOnly(doc.root, ["time_zone", "delivery", "smtp", "groups"])
        let zone = try doc.optionalString(doc.root, "time_zone").map { name in
            guard let zone = TimeZone(identifier: name) else { throw doc.error(try doc.child(doc.root, "time_zone"), "'\(name)' is not an IANA time zone such as Europe/Berlin") }
            return zone
        }
        let delivery = try doc.child(doc.root, "delivery")
        try doc.allowOnly(delivery, ["timeout_seconds", "retry_minutes"])
        let timeout = try doc.int(delivery, "timeout_seconds", range: 1...120)
        let retry = try doc.strings(delivery, "retry_minutes").map { text in
            guard let minutes = Int(text), (1...10_080).contains(minutes) else {
                throw doc.error(try doc.child(delivery, "retry_minutes"), "retry_minutes must list whole minutes from 1 to 10080, not '\(text)'")
            }
            return minutes
        }
        guard !retry.isEmpty else { throw doc.error(delivery, "retry_minutes must list at least one wait") }
        let smtp = try doc.mapping(doc.root, "file")["smtp"].map { try SMTPSettings.parse(doc, $0) }
        var groups: [String: StakeholderGroup] = [:]
        for (key, keyNode, node) in try doc.entries(try doc.child(doc.root, "groups"), "groups") {
            guard key.wholeMatch(of: /[a-z][a-z0-9-]{0,39}/) != nil else {
                throw doc.error(keyNode, "group '\(key)' must be lowercase letters, digits and '-'")
            }
            let group = try parseGroup(doc, key, node)
            if !group.email.isEmpty && smtp == nil {
                throw doc.error(node, "group \(key) sends e-mail, but the file has no 'smtp' settings")
            }
            groups[key] = group
        }
        return NotificationPolicy(timeZone: zone, timeoutSeconds: timeout, retryMinutes: retry, smtp: smtp, groups: groups)
    }

    private static func parseGroup(_ doc: YAMLDocument, _ key: String, _ node: Node) throws -> StakeholderGroup {
        try doc.allowOnly(node, ["name", "kinds", "lines", "ask", "webhook", "email"])
        let kinds = try doc.strings(node, "kinds").map { text in
            guard let kind = ScheduleKind(rawValue: text) else {
                throw doc.error(try doc.child(node, "kinds"), "group \(key): kind '\(text)' is not one of \(ScheduleKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return kind
        }
        let lines = try doc.mapping(node, "group")["lines"] == nil ? nil : Set(try doc.strings(node, "lines"))
        let ask = try doc.mapping(node, "group")["ask"] == nil ? [] : try doc.strings(node, "ask")
        let webhook = try doc.optionalString(node, "webhook").map { text in
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw doc.error(try doc.child(node, "webhook"), "group \(key): webhook '\(text)' must be an http or https URL")
            }
            return url
        }
        let email = try doc.mapping(node, "group")["email"] == nil ? [] : try doc.strings(node, "email")
        for address in email where !isAddress(address) {
            throw doc.error(try doc.child(node, "email"), "group \(key): '\(address)' is not an e-mail address")
        }
        return StakeholderGroup(
            key: key, name: try doc.string(node, "name"), kinds: Set(kinds), lines: lines, ask: ask, webhook: webhook, email: email)
    }

    /// A plain address without spaces or angle brackets, so it can go into RCPT TO safely.
    static func isAddress(_ text: String) -> Bool {
        text.wholeMatch(of: /[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+/) != nil
    }
}

extension Register {
    /// The register's notice rules: `policies/notifications.yaml` on main. A register created
    /// before the schedule existed has none, and cannot schedule events.
    public func notificationPolicy() throws -> NotificationPolicy {
        guard let data = try policyFile(NotificationPolicy.fileName) else {
            throw GembaError(.policy, "this register has no policies/\(NotificationPolicy.fileName) (it was created before the schedule existed); the schedule needs a register made by `gemba init` of this version")
        }
        return try NotificationPolicy.parse(data)
    }
}
