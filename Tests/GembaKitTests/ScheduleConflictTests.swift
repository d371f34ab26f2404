import Foundation
import Testing
@testable import GembaKit

@Suite struct ScheduleConflictTests {
    @Test func touchingEdgesDoNotConflictButOverlapsDoAndSayByHowMuch() throws {
        try withScheduleRegister { r in
            let shutdown = try r.event(.maintenanceShutdown, ["L1"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z")
            try r.event(.productionChange, ["L1"], "2026-03-10T14:00:00Z", "2026-03-10T22:00:00Z")
            try r.event(.expedite, ["L1"], "2026-03-10T02:00:00Z", "2026-03-10T06:00:00Z")
            #expect(try r.register.scheduleConflicts().isEmpty)
            let overlapping = try r.event(.expedite, ["L1", "L2"], "2026-03-10T11:30:00Z", "2026-03-10T16:00:00Z")
            let conflicts = try r.register.scheduleConflicts()
            #expect(conflicts.count == 1)
            let conflict = try #require(conflicts.first)
            #expect(conflict.rule == .productionDuringShutdown && conflict.shutdown == shutdown.id && conflict.other == overlapping.id)
            #expect(conflict.lines == ["L1"] && conflict.overlapMinutes == 150)
            #expect(conflict.overlapStart == "2026-03-10T11:30:00Z" && conflict.overlapEnd == "2026-03-10T14:00:00Z")
            #expect(conflict.message.contains("overlap 2 h 30 min"))
        }
    }

    @Test func otherLinesAndCancelledEventsNeverConflict() throws {
        try withScheduleRegister { r in
            try r.event(.maintenanceShutdown, ["L1"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z")
            try r.event(.productionChange, ["L2"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z")
            let second = try r.event(.maintenanceShutdown, ["L1"], "2026-03-10T08:00:00Z", "2026-03-10T09:00:00Z")
            #expect(try r.register.scheduleConflicts().map(\.rule) == [.shutdownOverlap])
            _ = try r.register.cancelScheduleEvent(second.id, reason: "merged into the first", by: "carl")
            #expect(try r.register.scheduleConflicts().isEmpty)
        }
    }

    @Test func multiDayShutdownsConflictWithEveryRule() throws {
        try withScheduleRegister { r in
            try r.register.setAreas(of: "rob", to: ["L2"], by: "ada")
            try r.register.setAreas(of: "alice", to: ["L3"], by: "ada")
            let shutdown = try r.event(.maintenanceShutdown, ["L2"], "2026-03-09T22:00:00Z", "2026-03-12T06:00:00Z", title: "Annual L2 overhaul")
            try r.event(.maintenanceShutdown, ["L2", "L3"], "2026-03-11T00:00:00Z", "2026-03-13T00:00:00Z")
            try r.event(.engineeringChange, ["L2"], "2026-03-12T05:00:00Z", "2026-03-12T09:00:00Z", eco: "ECO-2026-014")
            try r.event(.safetyAudit, ["L2"], "2026-03-10T09:00:00Z", "2026-03-10T11:00:00Z")
            try r.event(.trainingEvent, ["QA"], "2026-03-11T07:00:00Z", "2026-03-11T09:00:00Z", participants: ["rob", "alice"])
            let conflicts = try r.register.scheduleConflicts().filter { $0.shutdown == shutdown.id }
            #expect(Set(conflicts.map(\.rule)) == [.shutdownOverlap, .changeDuringShutdown, .auditDuringShutdown, .trainingDuringShutdown])
            let overlap = try #require(conflicts.first { $0.rule == .shutdownOverlap })
            #expect(overlap.overlapMinutes == 30 * 60 && overlap.message.contains("1 d 6 h"))
            let training = try #require(conflicts.first { $0.rule == .trainingDuringShutdown })
            #expect(training.people == ["rob"] && training.lines == ["L2"])
            #expect(try r.register.scheduleConflicts(from: try r.utc("2026-03-12T06:00:00Z")).map(\.rule) == [.changeDuringShutdown])
        }
    }

    @Test func trainingOfPeopleFromOtherLinesDoesNotConflict() throws {
        try withScheduleRegister { r in
            try r.register.setAreas(of: "rob", to: ["L1"], by: "ada")
            try r.event(.maintenanceShutdown, ["L2"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z")
            try r.event(.trainingEvent, ["L2"], "2026-03-10T07:00:00Z", "2026-03-10T09:00:00Z", participants: ["rob"])
            #expect(try r.register.scheduleConflicts().isEmpty)
        }
    }

    @Test func localTimesAreReadInThePlantTimeZone() throws {
        try withScheduleRegister { r in
            #expect(try r.register.scheduleTime("2026-03-10 07:00") == r.utc("2026-03-10T06:00:00Z"))
            #expect(try r.register.scheduleTime("2026-07-10T07:00") == r.utc("2026-07-10T05:00:00Z"))
            #expect(try r.register.scheduleTime("2026-07-10T07:00:00+02:00") == r.utc("2026-07-10T05:00:00Z"))
            #expect(throws: GembaError.self) { try r.register.scheduleTime("2026-03-29 02:30") }
            #expect(throws: GembaError.self) { try r.register.scheduleTime("2026-10-25 02:30") }
            #expect(throws: GembaError.self) { try r.register.scheduleTime("2026-02-30 10:00") }
            #expect(throws: GembaError.self) { try r.register.scheduleTime("tomorrow") }
            // A shutdown given in local time and production given in UTC: 07:00-15:00 Berlin is 06:00-14:00 Z.
            _ = try r.register.addScheduleEvent(
                NewScheduleEvent(kind: .maintenanceShutdown, title: "Local", lines: ["L1"], start: try r.register.scheduleTime("2026-03-10 07:00"),
                                 end: try r.register.scheduleTime("2026-03-10 15:00"), owner: "carl"), by: "carl")
            try r.event(.productionChange, ["L1"], "2026-03-10T14:00:00Z", "2026-03-10T18:00:00Z")
            #expect(try r.register.scheduleConflicts().isEmpty)
            try r.event(.productionChange, ["L1"], "2026-03-10T13:59:00Z", "2026-03-10T18:00:00Z")
            #expect(try r.register.scheduleConflicts().map(\.overlapMinutes) == [1])
        }
    }

    @Test func weekViewsShowLocalDaysWithTheEventsActiveInThem() throws {
        try withScheduleRegister { r in
            // 23:30 UTC on Monday is 00:30 on Tuesday in Berlin.
            try r.event(.maintenanceShutdown, ["L1"], "2026-03-09T23:30:00Z", "2026-03-11T10:00:00Z")
            let cancelled = try r.event(.expedite, ["L2"], "2026-03-12T08:00:00Z", "2026-03-12T10:00:00Z")
            _ = try r.register.cancelScheduleEvent(cancelled.id, reason: "not needed", by: "carl")
            let week = try r.register.schedulePeriod(from: try Day.on("2026-03-09"), days: 7)
            #expect(week.days.map(\.weekday) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
            #expect(week.days.map(\.events.count) == [0, 1, 1, 0, 0, 0, 0])
            #expect(try r.register.schedulePeriod(from: try Day.on("2026-03-09"), days: 7, line: "L2").days.allSatisfy(\.events.isEmpty))
        }
    }
}
