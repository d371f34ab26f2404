import Foundation
import GRDB
import Testing
@testable import GembaKit

@Suite struct ActionItemTests {
    @Test func anItemIsNumberedPerYearAndDueByItsPriority() throws {
        try withMeetingRegister { r in
            let first = try r.actionItem(priority: .critical)
            let second = try r.actionItem("Second", owner: "alice", priority: .low)
            #expect(first.id == "ACT-2026-0001" && second.id == "ACT-2026-0002")
            #expect(first.dueOn == r.today.addingDays(2).description && second.dueOn == r.today.addingDays(30).description)
            #expect(first.status == "open" && first.origin == "other" && first.createdBy == "carl" && first.daysOverdue == -2 && first.escalationLevel == 0)
            // Refused: no meeting.manage, a past due date, an unknown owner, empty text
            #expect(throws: GembaError.permission("rob may not add action items (needs one of the roles: approver, coordinator)")) {
                try r.register.addActionItem(NewActionItem(text: "x", owner: "rob"), by: "rob")
            }
            #expect(throws: GembaError.invalid("--due \(r.today.addingDays(-1)) is in the past")) { try r.actionItem(due: r.today.addingDays(-1)) }
            #expect(throws: GembaError.self) { try r.actionItem(owner: "nobody") }
            #expect(throws: GembaError.self) { try r.actionItem("  ") }
            #expect(try r.actions(entity: first.id) == ["action.add"])
        }
    }

    @Test func anItemsOriginNamesARealRecord() throws {
        try withMeetingRegister { r in
            let sop = try r.releasedDocument()
            func add(_ origin: ActionOrigin, _ reference: String?) throws -> ActionItemView {
                try r.register.addActionItem(NewActionItem(text: "Follow up", owner: "rob", origin: origin, reference: reference), by: "carl")
            }
            #expect(throws: GembaError.invalid("an item of origin audit needs --reference (the audit it comes from)")) { try add(.audit, nil) }
            #expect(throws: GembaError.self) { try add(.audit, "AUD-2026-001") }
            #expect(throws: GembaError.self) { try add(.capa, "CAPA-2026-001") }
            #expect(throws: GembaError.self) { try add(.board, sop) }
            #expect(throws: GembaError.self) { try add(.meeting, nil) }
            #expect(throws: GembaError.self) { try add(.meeting, "T1-L2-2026-03-02") }
            #expect(try add(.other, "Customer visit 12 March").reference == "Customer visit 12 March")
        }
    }

    @Test func theOwnerMovesAnItemAlongAndOnlyManagersReplanOrCancel() throws {
        try withMeetingRegister { r in
            let item = try r.actionItem()
            // open -> in_progress -> open by the owner; the same status again is refused
            #expect(try r.register.updateActionItem(item.id, ActionChange(status: .inProgress), by: "rob").status == "in_progress")
            #expect(throws: GembaError.state("\(item.id) is already in_progress")) {
                try r.register.updateActionItem(item.id, ActionChange(status: .inProgress), by: "rob")
            }
            #expect(try r.register.updateActionItem(item.id, ActionChange(status: .open), by: "rob").status == "open")
            // Refused: closing through update, a new date from the owner, a new date without a reason, someone else
            #expect(throws: GembaError.self) { try r.register.updateActionItem(item.id, ActionChange(status: .done), by: "rob") }
            #expect(throws: GembaError.self) { try r.register.updateActionItem(item.id, ActionChange(dueOn: r.today.addingDays(9), reason: "Parts late"), by: "rob") }
            #expect(throws: GembaError.invalid("a new due date needs --reason (why it moves)")) {
                try r.register.updateActionItem(item.id, ActionChange(dueOn: r.today.addingDays(9)), by: "carl")
            }
            #expect(throws: GembaError.self) { try r.register.updateActionItem(item.id, ActionChange(status: .inProgress), by: "alice") }
            #expect(throws: GembaError.self) { try r.register.updateActionItem(item.id, ActionChange(), by: "carl") }
            // A manager re-plans with a reason, recorded in the trail
            let replanned = try r.register.updateActionItem(
                item.id, ActionChange(owner: "alice", dueOn: r.today.addingDays(9), priority: .high, reason: "Parts late"), by: "carl")
            #expect(replanned.owner == "alice" && replanned.priority == "high" && replanned.dueOn == r.today.addingDays(9).description)
            #expect(try r.register.trail(entity: item.id).last?.reason == "Parts late")
            // The owner may not cancel; a manager may
            #expect(throws: GembaError.self) { try r.register.cancelAction(item.id, reason: "Not needed", by: "alice") }
            let cancelled = try r.register.cancelAction(item.id, reason: "Supplier fixed it", by: "pete")
            #expect(cancelled.status == "cancelled" && cancelled.resolution == "Supplier fixed it" && cancelled.closedBy == "pete" && cancelled.daysOverdue == nil)
            // A closed item changes no more
            #expect(throws: GembaError.self) { try r.register.completeAction(item.id, note: "Done", by: "alice") }
            #expect(throws: GembaError.self) { try r.register.updateActionItem(item.id, ActionChange(status: .open), by: "carl") }
            #expect(throws: GembaError.self) { try r.register.cancelAction(item.id, reason: "Again", by: "carl") }
        }
    }

    @Test func theOwnerOrAManagerClosesItAsDoneAndOthersOnlyComment() throws {
        try withMeetingRegister { r in
            let item = try r.actionItem()
            #expect(throws: GembaError.self) { try r.register.completeAction(item.id, note: "Done", by: "alice") }
            #expect(throws: GembaError.self) { try r.register.completeAction(item.id, note: " ", by: "rob") }
            #expect(throws: GembaError.self) { try r.register.commentOnAction(item.id, text: "Me too", by: "alice") }
            let comment = try r.register.commentOnAction(item.id, text: "Guard ordered, PO 4711", by: "rob")
            #expect(comment.number == 1 && comment.byName == "Rob Writer")
            let done = try r.register.completeAction(item.id, note: "Guard fitted and checked", by: "rob")
            #expect(done.status == "done" && done.resolution == "Guard fitted and checked" && done.closedBy == "rob")
            #expect(try r.register.commentOnAction(item.id, text: "Checked again at the 5S round", by: "carl").number == 2)
            #expect(try r.register.actionItem(item.id).comments.map(\.by) == ["rob", "carl"])
            #expect(try r.actions(entity: item.id) == ["action.add", "action.comment", "action.done", "action.comment"])
            #expect(try r.register.verify().isClean)
        }
    }

    @Test func queriesListOverdueItemsWithTheirEscalationMostEscalatedFirst() throws {
        try withMeetingRegister { r in
            let high = try r.actionItem("High", due: r.today.addingDays(1), priority: .high)
            let low = try r.actionItem("Low", owner: "alice", due: r.today.addingDays(1), priority: .low)
            let later = try r.actionItem("Later", due: r.today.addingDays(20), priority: .medium)
            let closed = try r.actionItem("Closed", due: r.today.addingDays(1))
            _ = try r.register.completeAction(closed.id, note: "Done", by: "rob")
            r.advance(days: 9)
            let open = try r.register.actionItems()
            #expect(open.map(\.id) == [high.id, low.id, later.id])
            #expect(open.map(\.escalationLevel) == [3, 1, 0] && open.map(\.daysOverdue) == [8, 8, -11])
            #expect(open.first?.escalation == "Plant manager (tier 3)" && open.first?.escalatedTo == ["tier-2", "tier-3"])
            #expect(try r.register.actionItems(ActionQuery(overdueOnly: true)).map(\.id) == [high.id, low.id])
            #expect(try r.register.actionItems(ActionQuery(owner: "alice")).map(\.id) == [low.id])
            #expect(try r.register.actionItems(ActionQuery(origin: .meeting)).isEmpty)
            #expect(try r.register.actionItems(ActionQuery(includeClosed: true)).count == 4)
            #expect(try r.register.actionItems(ActionQuery(dueWithinDays: 5)).map(\.id) == [high.id, low.id])
            // gemba status gathers them as kind "action"
            let late = try r.register.actionLateItems(withinDays: 30)
            #expect(late.map(\.reference) == [high.id, low.id, later.id] && late.first?.kind == "action" && late.first?.daysOverdue == 8)
            #expect(try r.register.status(withinDays: 30).overdue.filter { $0.kind == "action" }.count == 2)
        }
    }
}
