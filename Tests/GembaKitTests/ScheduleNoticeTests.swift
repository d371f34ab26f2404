import Foundation
import Testing
@testable import GembaKit

@Suite struct ScheduleNoticeTests {
    @Test func noticesGoToTheGroupsFollowingTheKindAndLinesAndToNamedGroups() throws {
        try withScheduleRegister { r in
            try r.event(.maintenanceShutdown, ["L1"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z")
            #expect(Set(try r.register.notices().map(\.stakeholder)) == ["maintenance", "line1"])
            try r.event(.maintenanceShutdown, ["L2"], "2026-03-11T06:00:00Z", "2026-03-11T14:00:00Z")
            #expect(try r.register.notices(event: "EV-2026-0002").map(\.stakeholder) == ["maintenance"])
            try r.event(.productionChange, ["L3"], "2026-03-11T06:00:00Z", "2026-03-11T14:00:00Z")
            #expect(try r.register.notices(event: "EV-2026-0003").isEmpty)
            try r.event(.productionChange, ["L3"], "2026-03-12T06:00:00Z", "2026-03-12T14:00:00Z", stakeholders: ["quiet"])
            let named = try r.register.notices(event: "EV-2026-0004")
            #expect(named.map(\.stakeholder) == ["quiet"] && named.first?.status == .notRouted)
        }
    }

    @Test func aChangeTellsOldAndNewValuesWhyAndWhomToAsk() throws {
        try withScheduleRegister { r in
            let event = try r.event(.maintenanceShutdown, ["L1"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z", title: "Coater bearings")
            _ = try r.register.updateScheduleEvent(
                event.id, ScheduleEventChange(start: try r.utc("2026-03-11T06:00:00Z"), end: try r.utc("2026-03-11T14:00:00Z")),
                reason: "Bearings arrive late", by: "carl")
            let notice = try #require(try r.register.notices(event: event.id).first { $0.stakeholder == "line1" && $0.change == .updated })
            #expect(notice.body.contains("start: 2026-03-10T06:00:00Z -> 2026-03-11T06:00:00Z"))
            #expect(notice.body.contains("Why: Bearings arrive late"))
            #expect(notice.ask == "Carl Coordinator (carl, owner); Line 1 lead, ext. 101")
            #expect(notice.sequence == 1 && notice.subject.contains("changed: EV-2026-0001 Coater bearings"))
        }
    }

    @Test func movingAnEventOffALineStillTellsTheGroupOfTheOldLine() throws {
        try withScheduleRegister { r in
            let event = try r.event(.productionChange, ["L1"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z")
            _ = try r.register.updateScheduleEvent(event.id, ScheduleEventChange(lines: ["L2"]), reason: "Moved to L2", by: "carl")
            #expect(try r.register.notices(event: event.id).map(\.change) == [.updated, .added])
        }
    }

    @Test func cancellationsAndExpeditesWriteTheirOwnNotices() throws {
        try withScheduleRegister { r in
            let rush = try r.event(.expedite, ["L1"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z")
            #expect(try r.register.notices(event: rush.id).map(\.change) == [.expedite])
            _ = try r.register.cancelScheduleEvent(rush.id, reason: "Order withdrawn", by: "carl")
            let cancelled = try #require(try r.register.notices(event: rush.id).first)
            #expect(cancelled.change == .cancelled && cancelled.body.contains("status: planned -> cancelled") && cancelled.body.contains("Why: Order withdrawn"))
        }
    }

    @Test func noticesAreWrittenInTheSameTransactionAsTheChange() throws {
        try withScheduleRegister { r in
            try r.event(.maintenanceShutdown, ["L1"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z")
            let actions = try r.register.trail().suffix(4).map { "\($0.action) \($0.entityId) \($0.at)" }
            #expect(actions == [
                "schedule.add EV-2026-0001 2026-03-02T09:00:00Z", "schedule.history EV-2026-0001/H1 2026-03-02T09:00:00Z",
                "notice.write 1 2026-03-02T09:00:00Z", "notice.write 2 2026-03-02T09:00:00Z",
            ])
        }
    }

    @Test func theNotificationPolicyRefusesMistakesWithFileAndLine() throws {
        let base = testNotifications(smtpPort: 2525)
        #expect(throws: GembaError.self) { try NotificationPolicy.parse(Data(base.replacingOccurrences(of: "tls: none", with: "tls: ssl").utf8)) }
        #expect(throws: GembaError.self) { try NotificationPolicy.parse(Data(base.replacingOccurrences(of: "[maintenance_shutdown, engineering_change]", with: "[shutdown]").utf8)) }
        #expect(throws: GembaError.self) { try NotificationPolicy.parse(Data(testNotifications(webhook: "ftp://x").utf8)) }
        let noSMTP = base.replacingOccurrences(of: "smtp:\n  host: 127.0.0.1\n  port: 2525\n  from: gemba@plant.test\n  helo: gemba.test\n  tls: none\n", with: "")
        do {
            _ = try NotificationPolicy.parse(Data(noSMTP.utf8))
            Issue.record("a group with e-mail but no smtp settings was accepted")
        } catch let error as GembaError {
            #expect(error.message.hasPrefix("policies/notifications.yaml:") && error.message.contains("no 'smtp' settings"))
        }
        let shipped = try Data(contentsOf: shippedPolicyFolder.appendingPathComponent(NotificationPolicy.fileName))
        let policy = try NotificationPolicy.parse(shipped)
        #expect(policy.timeZone?.identifier == "Europe/Berlin" && !policy.groups.isEmpty)
        #expect(policy.retryDelay(afterFailures: 1) == 300 && policy.retryDelay(afterFailures: 99) == 720 * 60)
    }
}
