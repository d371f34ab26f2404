import Foundation
import Yams

/// A kind of meeting series (tier-1 daily, weekly operations review...) from `policies/meetings.yaml`.
public struct MeetingKind: Sendable, Equatable, Codable {
    public enum Scope: String, Sendable, Codable { case line, department, plant }
    public enum CarryOver: String, Sendable, Codable { case series, all }

    public let key: String
    public let name: String
    public let cadence: String
    public let scope: Scope
    public let carryOver: CarryOver
    public let agenda: [String]
    public let attendeeRoles: [String]
    public let lineOnly: Bool
}

/// One escalation level: reached when an open item is `afterDays[priority]` days overdue.
public struct EscalationLevel: Sendable, Equatable, Codable {
    public let level: Int
    public let name: String
    public let description: String
    public let afterDays: [ActionPriority: Int]
    /// The meeting kind the item is carried into at this level, if any.
    public let meeting: String?
}

/// The rules of meetings and action items, from `policies/meetings.yaml`.
public struct MeetingPolicy: Sendable, Equatable {
    public static let fileName = "meetings.yaml"

    public let kinds: [String: MeetingKind]
    public let dueDays: [ActionPriority: Int]
    public let escalation: [EscalationLevel]

    public func kind(_ key: String) throws -> MeetingKind {
        guard let kind = kinds[key] else {
            throw GembaError.invalid("unknown meeting kind '\(key)'; policies/meetings.yaml defines \(kinds.keys.sorted().joined(separator: ", "))")
        }
        return kind
    }

    /// The level an open item has reached: 0 when it is not overdue.
    public func escalationLevel(daysOverdue: Int, priority: ActionPriority) -> EscalationLevel? {
        guard daysOverdue > 0 else { return nil }
        return escalation.last { daysOverdue >= ($0.afterDays[priority] ?? Int.max) }
    }

    /// Parses the policy file; every problem names the file and line.
    public static func parse(_ data: Data, file: String = "policies/\(fileName)", roles: Set<String>) throws -> MeetingPolicy {
        let doc = try YAMLDocument(file: file, data: data)
        try doc.allowOnly(doc.root, ["kinds", "priorities", "escalation"])
        var kinds: [String: MeetingKind] = [:]
        for (key, keyNode, node) in try doc.entries(try doc.child(doc.root, "kinds"), "kinds") {
            guard key.wholeMatch(of: /[a-z][a-z0-9-]{0,29}/) != nil else {
                throw doc.error(keyNode, "kind '\(key)' must be lowercase letters, digits and '-'")
            }
            kinds[key] = try parseKind(doc, key, node, roles: roles)
        }
        guard !kinds.isEmpty else { throw doc.error(doc.root, "'kinds' must define at least one kind of meeting") }
        let dueDays = try priorityDays(doc, try doc.child(doc.root, "priorities"), "priorities", range: 1...365)
        let levels = try doc.sequence(doc.root, "escalation")
        var escalation: [EscalationLevel] = []
        for (index, node) in levels.enumerated() {
            try doc.allowOnly(node, ["level", "name", "description", "after_days", "meeting"])
            let level = try doc.int(node, "level", range: 1...9)
            guard level == index + 1 else { throw doc.error(node, "escalation levels must be numbered 1, 2, 3 ... in order; expected \(index + 1)") }
            let after = try priorityDays(doc, try doc.child(node, "after_days"), "after_days", range: 1...3650)
            if let previous = escalation.last {
                for priority in ActionPriority.allCases where (after[priority] ?? 0) < (previous.afterDays[priority] ?? 0) {
                    throw doc.error(node, "level \(level): after_days for \(priority.rawValue) falls below level \(previous.level)'s")
                }
            }
            let meeting = try doc.optionalString(node, "meeting")
            if let meeting, kinds[meeting] == nil {
                throw doc.error(try doc.child(node, "meeting"), "level \(level) names meeting kind '\(meeting)', which 'kinds' does not define")
            }
            escalation.append(EscalationLevel(
                level: level, name: try doc.string(node, "name"), description: try doc.optionalString(node, "description") ?? "",
                afterDays: after, meeting: meeting))
        }
        return MeetingPolicy(kinds: kinds, dueDays: dueDays, escalation: escalation)
    }

    private static func parseKind(_ doc: YAMLDocument, _ key: String, _ node: Node, roles: Set<String>) throws -> MeetingKind {
        try doc.allowOnly(node, ["name", "cadence", "scope", "carry_over", "agenda", "attendees"])
        let cadence = try doc.string(node, "cadence")
        guard ["daily", "weekly", "monthly"].contains(cadence) else {
            throw doc.error(try doc.child(node, "cadence"), "kind \(key): cadence must be daily, weekly or monthly, not '\(cadence)'")
        }
        let scopeText = try doc.string(node, "scope")
        guard let scope = MeetingKind.Scope(rawValue: scopeText) else {
            throw doc.error(try doc.child(node, "scope"), "kind \(key): scope must be line, department or plant, not '\(scopeText)'")
        }
        let carryText = try doc.string(node, "carry_over")
        guard let carry = MeetingKind.CarryOver(rawValue: carryText) else {
            throw doc.error(try doc.child(node, "carry_over"), "kind \(key): carry_over must be series or all, not '\(carryText)'")
        }
        let agenda = try doc.strings(node, "agenda")
        guard !agenda.isEmpty, agenda.allSatisfy({ $0.count <= 100 }), Set(agenda).count == agenda.count else {
            throw doc.error(try doc.child(node, "agenda"), "kind \(key): the agenda must list 1 or more different items of up to 100 characters")
        }
        let attendees = try doc.child(node, "attendees")
        try doc.allowOnly(attendees, ["roles", "line_only"])
        let attendeeRoles = try doc.strings(attendees, "roles")
        for role in attendeeRoles where !roles.contains(role) {
            throw doc.error(attendees, "kind \(key): attendee role '\(role)' is not a role of roles.yaml (\(roles.sorted().joined(separator: ", ")))")
        }
        let lineOnly = try doc.bool(attendees, "line_only")
        if lineOnly && scope != .line {
            throw doc.error(attendees, "kind \(key): line_only needs scope: line")
        }
        return MeetingKind(
            key: key, name: try doc.string(node, "name"), cadence: cadence, scope: scope, carryOver: carry, agenda: agenda,
            attendeeRoles: attendeeRoles, lineOnly: lineOnly)
    }

    private static func priorityDays(_ doc: YAMLDocument, _ node: Node, _ what: String, range: ClosedRange<Int>) throws -> [ActionPriority: Int] {
        try doc.allowOnly(node, Set(ActionPriority.allCases.map(\.rawValue)))
        var days: [ActionPriority: Int] = [:]
        for priority in ActionPriority.allCases {
            days[priority] = try doc.int(node, priority.rawValue, range: range)
        }
        return days
    }
}

extension Register {
    /// The register's meeting rules: `policies/meetings.yaml` on main. A register created before
    /// meetings existed has none, and cannot start meetings or action items.
    public func meetingPolicy() throws -> MeetingPolicy {
        guard let data = try policyFile(MeetingPolicy.fileName) else {
            throw GembaError(.policy, "this register has no policies/\(MeetingPolicy.fileName) (it was created before meetings existed); meetings need a register made by `gemba init` of this version")
        }
        return try MeetingPolicyCache.shared.policy(data, roles: Set(policies.roles.keys))
    }
}

/// Parsed meeting policies by file content and roles, so a command or the demo's replay parses
/// the YAML once, not at every call.
private final class MeetingPolicyCache: @unchecked Sendable {
    static let shared = MeetingPolicyCache()
    private let lock = NSLock()
    private var entries: [String: MeetingPolicy] = [:]

    func policy(_ data: Data, roles: Set<String>) throws -> MeetingPolicy {
        let key = roles.sorted().joined(separator: ",") + "\n" + data.base64EncodedString()
        if let cached = lock.withLock({ entries[key] }) { return cached }
        let policy = try MeetingPolicy.parse(data, roles: roles)
        lock.withLock {
            if entries.count >= 16 { entries.removeAll() }
            entries[key] = policy
        }
        return policy
    }
}
