import Foundation
import Testing
@testable import GembaKit

/// Overdue CAPA obligations, `gemba status` late items, and the aging report.
@Suite("CAPA overdue and aging")
struct CAPAReportTests {
    @Test func overdueAndDueSoonItemsCoverPlansActionsAndEffectivenessChecks() throws {
        try withAuditRegister { r in
            // Given a major CAPA still open (plan due in 30 days) and one with an action due in 5 days
            let planning = try r.capaForFinding(.major)
            let acting = try r.capa(at: .rootCaused)
            let action = try r.addAction(acting, due: r.today.addingDays(5))
            #expect(try r.register.capaOverdue().isEmpty)

            // Then within 7 days only the action is due soon; within 30 days the plan too
            let soon = try r.register.capaLateItems(withinDays: 7)
            #expect(soon == [LateItem(kind: "capa-action", reference: action.id, title: action.description, owner: "rob", dueDate: r.today.addingDays(5).description, daysOverdue: -5)])
            #expect(Set(try r.register.capaLateItems(withinDays: 30).map(\.reference)) == [action.id, planning])

            // When 31 days pass, the action is 26 days late and the plan of the CAPA still without actions 1 day
            r.advance(days: 31)
            let overdue = try r.register.capaOverdue()
            #expect(overdue.map(\.reference) == [action.id, planning])
            #expect(overdue.map(\.kind) == ["capa-action", "capa-plan"])
            #expect(overdue.map(\.daysOverdue) == [26, 1])
            #expect(overdue.last?.owner == "rob")

            // Given a verified CAPA, its effectiveness check is late once its due date has passed
            try r.complete(action.id)
            try r.verifyCAPA(acting)
            r.advance(days: 61)
            let check = try #require(try r.register.capaOverdue().first { $0.kind == "effectiveness-check" })
            #expect(check.reference == acting && check.daysOverdue == 1 && check.owner == "quinn")
        }
    }

    @Test func agingShowsOpenDaysByGradeAndOwner() throws {
        try withAuditRegister { r in
            // Given CAPAs opened 100, 40 and 10 days before today (rob: major and minor; carl: minor), and one closed
            _ = try r.capa(at: .closed)
            func open(_ grade: FindingGrade, owner: String) throws -> String {
                try r.register.openCAPA(NewCAPA(title: "t", source: .internal, grade: grade, owner: owner, problem: "p"), by: "carl")
            }
            let first = try open(.major, owner: "rob")
            r.advance(days: 60)
            let second = try open(.minor, owner: "rob")
            r.advance(days: 30)
            let third = try open(.minor, owner: "carl")
            r.advance(days: 10)
            let closedSoFar = try r.register.capas(state: .closed).count
            #expect(closedSoFar == 1)

            // When the aging report is made
            let aging = try r.register.capaAging()

            // Then it counts only open CAPAs, with their open days, by grade and by owner
            #expect(aging.asOf == r.today.description && aging.openCount == 3)
            #expect(aging.capas.map(\.capa) == [first, second, third] && aging.capas.map(\.openDays) == [100, 40, 10])
            #expect(aging.byGrade == [
                CAPAAgingGroup(key: "major", name: "major nonconformity", count: 1, averageOpenDays: 100, oldestOpenDays: 100,
                               buckets: ["0-30": 0, "31-60": 0, "61-90": 0, "over 90": 1]),
                CAPAAgingGroup(key: "minor", name: "minor nonconformity", count: 2, averageOpenDays: 25, oldestOpenDays: 40,
                               buckets: ["0-30": 1, "31-60": 1, "61-90": 0, "over 90": 0]),
            ])
            #expect(aging.byOwner == [
                CAPAAgingGroup(key: "rob", name: "Rob Writer", count: 2, averageOpenDays: 70, oldestOpenDays: 100,
                               buckets: ["0-30": 0, "31-60": 1, "61-90": 0, "over 90": 1]),
                CAPAAgingGroup(key: "carl", name: "Carl Coordinator", count: 1, averageOpenDays: 10, oldestOpenDays: 10,
                               buckets: ["0-30": 1, "31-60": 0, "61-90": 0, "over 90": 0]),
            ])
        }
    }
}
