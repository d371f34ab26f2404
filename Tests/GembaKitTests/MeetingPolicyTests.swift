import Foundation
import Testing
@testable import GembaKit

@Suite struct MeetingPolicyTests {
    let roles: Set<String> = ["coordinator", "approver", "quality", "operator", "author", "reviewer", "admin", "viewer"]

    func shipped() throws -> String {
        try String(contentsOf: shippedPolicyFolder.appendingPathComponent(MeetingPolicy.fileName), encoding: .utf8)
    }

    @Test func theShippedPolicyDefinesTheFiveKindsAndThreeLevels() throws {
        let policy = try MeetingPolicy.parse(Data(try shipped().utf8), roles: roles)
        #expect(policy.kinds.keys.sorted() == ["ops-review", "quality-review", "tier-1", "tier-2", "tier-3"])
        #expect(try policy.kind("tier-1").agenda == ["Safety", "Quality", "Delivery", "Cost", "People", "Open actions"])
        #expect(try policy.kind("tier-3").carryOver == .all && policy.kind("tier-1").lineOnly)
        #expect(policy.escalation.map(\.level) == [1, 2, 3] && policy.escalation.compactMap(\.meeting) == ["tier-2", "tier-3"])
        #expect(policy.dueDays[.critical] == 2 && policy.dueDays[.low] == 30)
    }

    @Test(arguments: [
        (0, ActionPriority.medium, 0), (-3, .critical, 0), (1, .medium, 1), (6, .medium, 1), (7, .medium, 2), (13, .medium, 2), (14, .medium, 3),
        (13, .low, 1), (14, .low, 2), (30, .low, 3), (1, .critical, 2), (3, .critical, 3), (2, .high, 1), (3, .high, 2), (7, .high, 3),
    ])
    func escalationRisesWithDaysOverdueAndPriority(days: Int, priority: ActionPriority, level: Int) throws {
        let policy = try MeetingPolicy.parse(Data(try shipped().utf8), roles: roles)
        #expect(policy.escalationLevel(daysOverdue: days, priority: priority)?.level ?? 0 == level)
    }

    @Test(arguments: [
        ("    meeting: tier-2", "    meeting: tier-9", "names meeting kind 'tier-9'"),
        ("  - level: 3", "  - level: 4", "numbered 1, 2, 3 ... in order; expected 3"),
        ("    after_days: {low: 30, medium: 14, high: 7, critical: 3}", "    after_days: {low: 30, medium: 5, high: 7, critical: 3}",
         "after_days for medium falls below level 2's"),
        ("      roles: [approver, coordinator]", "      roles: [approver, foreman]", "attendee role 'foreman' is not a role"),
        ("    cadence: weekly", "    cadence: fortnightly", "cadence must be daily, weekly or monthly"),
        ("    carry_over: all", "    carry_over: some", "carry_over must be series or all"),
        ("  critical: 2", "  critical: 0", "'critical' must be between 1 and 365"),
        ("  low: 30", "  lowest: 30", "unknown key 'lowest'"),
    ])
    func aMalformedPolicyIsRefusedWithItsFileAndLine(original: String, replacement: String, problem: String) throws {
        let text = try shipped()
        let line = lineNumber(of: original.trimmingCharacters(in: .whitespaces), in: text)
        try #require(line > 0, "the shipped file has no line '\(original)'")
        let edited = replacingLine(original.trimmingCharacters(in: .whitespaces), with: [replacement])(text)
        let error = try #require(throws: GembaError.self) { try MeetingPolicy.parse(Data(edited.utf8), roles: roles) }
        #expect(error.kind == .policy && error.message.hasPrefix("policies/meetings.yaml:") && error.message.contains(problem), "\(error)")
    }

    @Test func initRefusesAMalformedMeetingPolicy() throws {
        try withTemporaryFolder { folder in
            var files = try testPolicyFiles()
            files[MeetingPolicy.fileName] = Data("kinds: {}\npriorities: {low: 1, medium: 1, high: 1, critical: 1}\nescalation: []\n".utf8)
            let error = try #require(throws: GembaError.self) {
                try Register.create(at: folder.appendingPathComponent("r"), policyFiles: files, setupBy: .init(name: "A", email: "a@b.c", time: startOfTests))
            }
            #expect(error.message.contains("meetings.yaml") && error.message.contains("at least one kind"), "\(error)")
        }
    }

    @Test func aRegisterWithoutTheMeetingPolicyRefusesMeetingsButListsNothing() throws {
        try withRegister { r in
            #expect(try r.register.actionItems().isEmpty && r.register.meetingSeries().isEmpty)
            #expect(try r.register.actionLateItems(withinDays: 30).isEmpty)
            let error = try #require(throws: GembaError.self) { try r.lineSeries() }
            #expect(error.kind == .policy && error.message.contains("no policies/meetings.yaml"))
        }
    }
}
