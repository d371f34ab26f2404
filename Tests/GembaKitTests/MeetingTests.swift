import Foundation
import GRDB
import Testing
@testable import GembaKit

@Suite struct MeetingTests {
    @Test func aLineSeriesInvitesTheRoleHoldersOfItsLineAndNeedsMeetingManage() throws {
        try withMeetingRegister { r in
            // Given rob and rita placed in L2 and alice in L1
            _ = try r.register.setAreas(of: "rob", to: ["L2"], by: "carl")
            _ = try r.register.setAreas(of: "rita", to: ["L2"], by: "carl")
            _ = try r.register.setAreas(of: "alice", to: ["L1"], by: "carl")
            // When carl starts the L2 tier-1 series, then its members are L2's authors and reviewers
            let series = try r.lineSeries()
            #expect(series.members == ["rita", "rob"] && series.title == "Tier 1 daily line meeting, L2" && series.facilitator == "rob")
            // And a plant series invites the kind's roles (approvers and coordinators) plus extra members
            let plant = try r.register.addMeetingSeries(NewMeetingSeries(id: "t3", kind: "tier-3", facilitator: "pete", members: ["quinn"]), by: "pete")
            #expect(plant.id == "T3" && plant.members == ["carl", "pam", "pete", "quinn", "vera"])
            // Refused: no meeting.manage, a line series without a line, a plant series with one, a duplicate key, a bad key
            #expect(throws: GembaError.permission("rob may not start meeting series (needs one of the roles: approver, coordinator)")) {
                try r.register.addMeetingSeries(NewMeetingSeries(id: "T1-L3", kind: "tier-1", line: "L3", facilitator: "rob"), by: "rob")
            }
            #expect(throws: GembaError.self) { try r.register.addMeetingSeries(NewMeetingSeries(id: "T1-L3", kind: "tier-1", facilitator: "rob"), by: "carl") }
            #expect(throws: GembaError.self) { try r.register.addMeetingSeries(NewMeetingSeries(id: "T3B", kind: "tier-3", line: "L1", facilitator: "rob"), by: "carl") }
            #expect(throws: GembaError.self) { try r.lineSeries() }
            #expect(throws: GembaError.self) { try r.register.addMeetingSeries(NewMeetingSeries(id: "1-bad", kind: "tier-3", facilitator: "rob"), by: "carl") }
            #expect(throws: GembaError.self) { try r.register.addMeetingSeries(NewMeetingSeries(id: "X", kind: "tier-9", facilitator: "rob"), by: "carl") }
            #expect(try r.register.meetingSeries().map(\.id) == ["T1-L2", "T3"])
        }
    }

    @Test func openItemsOfTheSeriesCarryIntoTheNextMeetingByThemselves() throws {
        try withMeetingRegister { r in
            try r.lineSeries()
            try r.lineSeries("T1-L1", line: "L1")
            // Given a meeting that raises two items, one of which is done before the next meeting
            let first = try r.heldMeeting()
            let kept = try r.register.raiseAction(in: first.summary.id, NewActionItem(text: "Replace gripper pads", owner: "rob", priority: .high), by: "rob")
            let finished = try r.register.raiseAction(in: first.summary.id, NewActionItem(text: "Sort film reels", owner: "rob"), by: "rob")
            let elsewhere = try r.actionItem("Other line's item", series: "T1-L1")
            _ = try r.register.completeAction(finished.id, note: "Sorted by lot", by: "rob")
            #expect(kept.series == "T1-L2" && kept.origin == "meeting" && kept.reference == first.summary.id && kept.dueOn == r.today.addingDays(7).description)
            // When the next meeting is planned 9 days later
            r.advance(days: 9)
            let next = try r.register.newMeeting(series: "T1-L2", by: "rob")
            // Then the agenda is the template followed by the open item of its own series only, with its state
            #expect(next.agenda.prefix(6).map(\.title) == ["Safety", "Quality", "Delivery", "Cost", "People", "Open actions"])
            let carried = next.agenda.filter { $0.action != nil }
            #expect(carried.map(\.action) == [kept.id] && carried.first?.title == "\(kept.id): Replace gripper pads")
            #expect(carried.first?.detail == "Rob Writer (rob), high, due \(kept.dueOn), 2 days overdue, escalation level 1 (Owner)")
            #expect(!carried.contains { $0.action == finished.id || $0.action == elsewhere.id })
            #expect(try r.register.actionItem(kept.id).carriedInto == [next.summary.id])
        }
    }

    @Test func thePlantMeetingCarriesEveryOpenItemAndTier2TakesTheEscalatedOnes() throws {
        try withMeetingRegister { r in
            try r.lineSeries()
            try r.plantSeries("T2", kind: "tier-2")
            try r.plantSeries("T3", kind: "tier-3")
            let urgent = try r.actionItem("Guard missing on Z-2", due: r.today.addingDays(1), priority: .high, series: "T1-L2")
            let slow = try r.actionItem("Relabel the racks", due: r.today.addingDays(1), priority: .low, series: "T1-L2")
            let free = try r.actionItem("Order safety shoes", due: r.today.addingDays(20), priority: .low)
            // Four days later the high item is 3 days overdue (level 2), the low one level 1
            r.advance(days: 4)
            let tier2 = try r.register.newMeeting(series: "T2", by: "pete")
            #expect(tier2.agenda.compactMap(\.action) == [urgent.id])
            let tier3 = try r.register.newMeeting(series: "T3", by: "pete")
            #expect(tier3.agenda.compactMap(\.action) == [urgent.id, slow.id, free.id])
            #expect(try r.register.actionItem(urgent.id).item.escalatedTo == ["tier-2"])
        }
    }

    @Test func recordingFollowsTheMeetingsDayAndItsFacilitator() throws {
        try withMeetingRegister { r in
            try r.lineSeries(members: ["rita"])
            // A meeting planned for tomorrow takes nothing yet
            let tomorrow = try r.register.newMeeting(series: "T1-L2", on: r.today.addingDays(1), by: "rob")
            #expect(tomorrow.summary.status == "planned" && tomorrow.attendance.map(\.status) == ["invited", "invited"])
            #expect(throws: GembaError.state("\(tomorrow.summary.id) is planned for \(r.today.addingDays(1)); record attendance on or after that day")) {
                try r.register.recordAttendance(tomorrow.summary.id, ["rob": .present], by: "rob")
            }
            #expect(throws: GembaError.self) { try r.register.newMeeting(series: "T1-L2", on: r.today.addingDays(1), by: "rob") }
            // Today's meeting: the first record marks it held; alice (neither facilitator nor manager) is refused
            let today = try r.register.newMeeting(series: "T1-L2", by: "rob")
            #expect(throws: GembaError.self) { try r.register.recordDecision(today.summary.id, text: "Stop line", by: "alice") }
            let attended = try r.register.recordAttendance(today.summary.id, ["rob": .present, "alice": .excused], by: "rob")
            #expect(attended.summary.status == "held" && attended.attendance.map(\.status) == ["present", "excused", "invited"])
            #expect(attended.attendance.map(\.username) == ["rob", "alice", "rita"])
            let updated = try r.register.addStatusUpdates(
                today.summary.id, [NewStatusUpdate(subject: "L2", topic: "Safety", rating: .green, text: "No incidents"),
                                   NewStatusUpdate(subject: "Maintenance", rating: .red, text: "Stacker down 3 h")], by: "rob")
            #expect(updated.updates.map(\.subject) == ["L2", "Maintenance"] && updated.updates.map(\.number) == [1, 2])
            #expect(try r.register.recordDecision(today.summary.id, text: "Run Z-1 on three shifts", by: "pete") == 1)
            #expect(throws: GembaError.self) { try r.register.addStatusUpdates(today.summary.id, [NewStatusUpdate(subject: " ", text: "x")], by: "rob") }
        }
    }

    @Test func aClosedMeetingCannotBeEditedAndVerifyChecksItsMinutes() throws {
        try withMeetingRegister { r in
            try r.lineSeries(members: ["carl"])
            let planned = try r.register.newMeeting(series: "T1-L2", by: "rob")
            let id = planned.summary.id
            #expect(throws: GembaError.self) { try r.register.closeMeeting(id, by: "rob") }
            _ = try r.register.recordAttendance(id, ["rob": .present], by: "rob")
            try r.register.recordDecision(id, text: "Keep the old fixture until Friday", by: "rob")
            #expect(throws: GembaError.self) { try r.register.closeMeeting(id, by: "alice") }
            // When rob issues the minutes, then the invited but unrecorded become absent and the hash is kept
            let closed = try r.register.closeMeeting(id, by: "rob")
            #expect(closed.summary.status == "minutes_issued" && closed.issuedBy == "rob" && closed.minutesHash?.count == 64)
            #expect(closed.attendance.first { $0.username == "carl" }?.status == "absent")
            // Then nothing of it changes any more
            let refused = "the minutes of \(id) were issued on \(Timestamp.readable(r.clock.now())); a closed meeting cannot be changed (record it in the next meeting)"
            #expect(throws: GembaError.state(refused)) { try r.register.recordDecision(id, text: "Another", by: "rob") }
            #expect(throws: GembaError.state(refused)) { try r.register.recordAttendance(id, ["carl": .present], by: "carl") }
            #expect(throws: GembaError.state(refused)) { try r.register.addStatusUpdates(id, [NewStatusUpdate(subject: "L2", text: "x")], by: "rob") }
            #expect(throws: GembaError.state(refused)) { try r.register.raiseAction(in: id, NewActionItem(text: "x", owner: "rob"), by: "rob") }
            #expect(throws: GembaError.state(refused)) { try r.register.closeMeeting(id, by: "rob") }
            let clean = try r.register.verify()
            #expect(clean.isClean && clean.checked["issued minutes"] == 1, "\(clean.problems)")
            #expect(try r.actions(entity: id).contains("meeting.close"))
            // And a hand edit of a decision shows in verify
            let db = try r.database()
            try db.write { try $0.execute(sql: "UPDATE meeting_decision SET text = 'Scrap the old fixture' WHERE meeting_id = ?", arguments: [id]) }
            let report = try r.register.verify()
            #expect(report.problems.contains { $0.hasPrefix("\(id): the minutes issued by rob") }, "\(report.problems)")
        }
    }
}
