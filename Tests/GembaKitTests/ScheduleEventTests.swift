import Foundation
import Testing
@testable import GembaKit

@Suite struct ScheduleEventTests {
    @Test func addingNumbersTheEventAndKeepsItsHistory() throws {
        try withScheduleRegister { r in
            let first = try r.event(.maintenanceShutdown, ["L1"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z", title: "Coater bearings")
            let second = try r.event(.productionChange, ["L2", "L1", "L2"], "2026-03-11T06:00:00Z", "2026-03-11T14:00:00Z")
            #expect(first.id == "EV-2026-0001" && second.id == "EV-2026-0002")
            #expect(second.lines == ["L1", "L2"])
            #expect(first.localStart == "2026-03-10 07:00" && first.status == .planned && first.sequence == 0)
            let detail = try r.register.scheduleEvent("ev-2026-0001")
            #expect(detail.history.map(\.field) == ["created"])
            #expect(try r.actions(entity: "EV-2026-0001") == ["schedule.add", "schedule.history"])
        }
    }

    @Test func anUpdateKeepsOldAndNewValuesWhoWhenWhyAndRaisesTheSequence() throws {
        try withScheduleRegister { r in
            let event = try r.event(.maintenanceShutdown, ["L1"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z")
            r.advance(days: 1)
            let changed = try r.register.updateScheduleEvent(
                event.id, ScheduleEventChange(start: try r.utc("2026-03-11T06:00:00Z"), end: try r.utc("2026-03-11T14:00:00Z")),
                reason: "Bearings arrive a day late", by: "pete")
            #expect(changed.sequence == 1 && changed.start == "2026-03-11T06:00:00Z")
            let history = try r.register.scheduleEvent(event.id).history.filter { $0.field != "created" }
            #expect(history.map(\.field) == ["start", "end"])
            #expect(history[0].oldValue == "2026-03-10T06:00:00Z" && history[0].newValue == "2026-03-11T06:00:00Z")
            #expect(history.allSatisfy { $0.by == "pete" && $0.reason == "Bearings arrive a day late" && $0.at == "2026-03-03T09:00:00Z" && $0.sequence == 1 })
            let changes = try r.register.scheduleChanges(since: try r.utc("2026-03-03T00:00:00Z"))
            #expect(changes.map(\.field) == ["start", "end"])
        }
    }

    @Test func statusMovesForwardOnlyAndFinalEventsDoNotChange() throws {
        try withScheduleRegister { r in
            let event = try r.event(.safetyAudit, ["L2"], "2026-03-10T06:00:00Z", "2026-03-10T08:00:00Z")
            _ = try r.register.updateScheduleEvent(event.id, ScheduleEventChange(status: .confirmed), reason: "Auditor booked", by: "carl")
            #expect(throws: GembaError.self) {
                try r.register.updateScheduleEvent(event.id, ScheduleEventChange(status: .planned), reason: "back", by: "carl")
            }
            #expect(throws: GembaError.self) {
                try r.register.updateScheduleEvent(event.id, ScheduleEventChange(status: .cancelled), reason: "use cancel", by: "carl")
            }
            let done = try r.register.updateScheduleEvent(event.id, ScheduleEventChange(status: .done), reason: "Audit held", by: "carl")
            #expect(done.status == .done && done.sequence == 2)
            #expect(throws: GembaError.self) { try r.register.cancelScheduleEvent(event.id, reason: "too late", by: "carl") }
            let other = try r.event(.expedite, ["L3"], "2026-03-12T06:00:00Z", "2026-03-12T08:00:00Z")
            let cancelled = try r.register.cancelScheduleEvent(other.id, reason: "Customer withdrew the order", by: "carl")
            #expect(cancelled.status == .cancelled && cancelled.sequence == 1)
            #expect(throws: GembaError.self) {
                try r.register.updateScheduleEvent(other.id, ScheduleEventChange(title: "Again"), reason: "revive", by: "carl")
            }
        }
    }

    @Test func onlyScheduleManagersChangeTheSchedule() throws {
        try withScheduleRegister { r in
            let before = try r.trailCount()
            let new = NewScheduleEvent(kind: .expedite, title: "Rush", lines: ["L1"], start: try r.utc("2026-03-10T06:00:00Z"), end: try r.utc("2026-03-10T08:00:00Z"), owner: "alice")
            #expect(throws: GembaError(.permission, "alice may not plan schedule events (needs one of the roles: approver, coordinator)")) {
                try r.register.addScheduleEvent(new, by: "alice")
            }
            let event = try r.event(.expedite, ["L1"], "2026-03-10T06:00:00Z", "2026-03-10T08:00:00Z")
            #expect(throws: GembaError.self) { try r.register.cancelScheduleEvent(event.id, reason: "no", by: "rita") }
            #expect(throws: GembaError.self) { try r.register.updateScheduleEvent(event.id, ScheduleEventChange(title: "x"), reason: "no", by: "quinn") }
            #expect(try r.trailCount() > before)
            #expect(try r.register.scheduleEvent(event.id).history.count == 1)
        }
    }

    @Test func invalidEventsAreRefusedAndNothingIsWritten() throws {
        try withScheduleRegister { r in
            let before = try r.trailCount()
            let start = "2026-03-10T06:00:00Z"
            #expect(throws: GembaError.self) { try r.event(.expedite, ["L1"], start, start) }
            #expect(throws: GembaError.self) { try r.event(.expedite, ["L9"], start, "2026-03-10T08:00:00Z") }
            #expect(throws: GembaError.self) { try r.event(.expedite, [], start, "2026-03-10T08:00:00Z") }
            #expect(throws: GembaError.self) { try r.event(.expedite, ["L1"], start, "2026-03-10T08:00:00Z", eco: "ECO-1") }
            #expect(throws: GembaError.self) { try r.event(.safetyAudit, ["L1"], start, "2026-03-10T08:00:00Z", participants: ["rob"]) }
            #expect(throws: GembaError.self) { try r.event(.trainingEvent, ["L1"], start, "2026-03-10T08:00:00Z", participants: ["nobody"]) }
            #expect(throws: GembaError.self) { try r.event(.expedite, ["L1"], start, "2026-03-10T08:00:00Z", stakeholders: ["unknown"]) }
            #expect(throws: GembaError.self) {
                try r.register.addScheduleEvent(
                    NewScheduleEvent(kind: .engineeringChange, title: "No ECO", lines: ["L1"], start: try r.utc(start), end: try r.utc("2026-03-10T08:00:00Z"), owner: "carl"), by: "carl")
            }
            #expect(try r.trailCount() == before)
            #expect(try r.register.scheduleEvents().isEmpty && r.register.notices().isEmpty)
        }
    }

    @Test func updatesNeedAReasonAndAChange() throws {
        try withScheduleRegister { r in
            let event = try r.event(.expedite, ["L1"], "2026-03-10T06:00:00Z", "2026-03-10T08:00:00Z", title: "Rush")
            #expect(throws: GembaError.self) { try r.register.updateScheduleEvent(event.id, ScheduleEventChange(title: "Rush 2"), reason: " ", by: "carl") }
            #expect(throws: GembaError.self) { try r.register.updateScheduleEvent(event.id, ScheduleEventChange(title: "Rush"), reason: "same", by: "carl") }
            #expect(throws: GembaError.self) {
                try r.register.updateScheduleEvent(event.id, ScheduleEventChange(end: try r.utc("2026-03-10T05:00:00Z")), reason: "before start", by: "carl")
            }
            #expect(try r.register.scheduleEvent(event.id).event.sequence == 0)
        }
    }

    @Test func trainingEventsLinkDocumentsParticipantsAndTheirAssignments() throws {
        try withScheduleRegister { r in
            let document = try r.releasedDocument("WI")
            let event = try r.register.addScheduleEvent(
                NewScheduleEvent(
                    kind: .trainingEvent, title: "WI walkthrough", lines: ["L1"], start: try r.utc("2026-03-10T06:00:00Z"),
                    end: try r.utc("2026-03-10T08:00:00Z"), owner: "carl", documents: [document.lowercased()], participants: ["rob", "alice"]), by: "carl")
            #expect(event.links.documents == [document] && event.links.participants == ["alice", "rob"])
            #expect(throws: GembaError.self) {
                try r.register.updateScheduleEvent(event.id, ScheduleEventChange(documents: ["\(document)/Z"]), reason: "wrong revision", by: "carl")
            }
            let revised = try r.register.updateScheduleEvent(event.id, ScheduleEventChange(documents: ["\(document)/A"]), reason: "pin the revision", by: "carl")
            #expect(revised.links.documents == ["\(document)/A"])
        }
    }

    @Test func verifyChecksScheduleRowsAgainstTheTrail() throws {
        try withScheduleRegister { r in
            let event = try r.event(.maintenanceShutdown, ["L1"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z")
            #expect(try r.register.verify().isClean)
            try r.database().write { db in try db.execute(sql: "UPDATE schedule_event SET title = 'edited' WHERE id = ?", arguments: [event.id]) }
            #expect(try r.register.verify().problems.contains { $0.contains(event.id) })
        }
    }
}
