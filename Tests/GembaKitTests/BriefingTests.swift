import Foundation
import Testing
@testable import GembaKit

/// A register with the plant, import and meeting policies (and the test notification policy
/// with `schedule`), for the briefing.
func withBriefingRegister<T>(schedule: Bool = false, _ body: (TestRegister) throws -> T) throws -> T {
    let names = [PlantPolicy.fileName, ImportMapping.fileName, MeetingPolicy.fileName, "training.yaml"]
    var edits: [String: (String) -> String] = [:]
    for name in names {
        let text = try shippedPolicy(name)
        edits[name] = { _ in text }
    }
    if schedule { edits[NotificationPolicy.fileName] = { _ in testNotifications() } }
    return try withRegister(policies: edits, body)
}

@Suite("Morning briefing")
struct BriefingTests {
    @Test("The briefing has yesterday's output, losses, holds, work orders, actions, due items and tiles against the board")
    func sections() throws {
        try withBriefingRegister { r in
            // Given the worked example of docs/kpis.md on Monday 2026-03-02, an L1 board with an OEE
            // target it misses and a scrap target it meets, a hold, work orders and an overdue action
            r.move(to: try Day.on("2026-02-20"))
            _ = try r.releasedBoard("""
                board: L1
                line: L1
                targets:
                  - kpi: oee
                    target: 0.95
                    effective_from: 2026-01-01
                  - kpi: scrap_ratio
                    target: 0.05
                    direction: lower_is_better
                    effective_from: 2026-01-01
                """)
            _ = try r.actionItem("Fix the <guard>", owner: "rob", due: try Day.on("2026-02-27"), priority: .high)
            r.move(to: try Day.on("2026-03-03"))
            r.clock.set(try Day.on("2026-03-03").start.addingTimeInterval(6 * 3600))
            try WorkedExample.load(r)
            try r.importCSV(.holds, """
                line,product,lot,quantity,reason,opened,released
                L1,VC72-E,LOT-7,120,Coating weight low,2026-03-02 08:00,
                L2,VC72-E,LOT-8,90,Released before the meeting,2026-03-01 08:00,2026-03-02 18:00
                """)
            try r.importCSV(.workOrders, """
                order,type,equipment,line,priority,status,planned_date,created,text
                4000002,PM03,,,4,CRTD,2026-03-20,2026-03-02,Compressor inspection
                4000001,PM01,COATER-C1,L1,1,REL,2026-03-03,2026-03-02,Drive motor
                4000003,PM01,COATER-C1,L1,1,TECO,2026-03-03,2026-03-02,Done already
                """)

            // When the briefing for 2026-03-03 is made
            let briefing = try r.register.briefing(date: try Day.on("2026-03-03"))

            // Then the figures are of 2026-03-02 and match the KPI report
            let row = try #require(try r.report().rows.first)
            #expect(briefing.reportDay == "2026-03-02" && briefing.timeZone == "Europe/Berlin")
            let l1 = try #require(briefing.lines.first { $0.line == "L1" })
            #expect(l1.plannedQty == 1800 && l1.producedQty == 1900 && l1.oee == row.oee && l1.scheduleAttainment == row.scheduleAttainment)
            #expect(l1.orders.map(\.order) == ["4711", "4712"])
            #expect(briefing.lines.map(\.line) == ["L1", "L2", "L3"])

            // And the downtime list leaves out the planned break, longest first
            #expect(!briefing.downtime.contains { $0.reason == "BREAK" })
            #expect(briefing.downtime.map(\.reason).first == "MOTOR" || briefing.downtime.map(\.reason).first == "CHANGEOVER")
            #expect(Set(briefing.downtime.map(\.reason)) == ["CHANGEOVER", "JAM", "MINOR", "MOTOR"])
            #expect(zip(briefing.downtime, briefing.downtime.dropFirst()).allSatisfy { $0.minutes >= $1.minutes })

            // And holds open at the start of the meeting's day, work orders not complete by priority, the overdue action
            #expect(briefing.holds.map(\.lot) == ["LOT-7"])
            #expect(briefing.workOrders.map(\.order) == ["4000001", "4000002"])
            #expect(briefing.actions.map(\.text) == ["Fix the <guard>"] && briefing.actions.first?.daysOverdue == 4)

            // And the tiles compare the day's values with the board's targets
            let oee = try #require(briefing.tiles.first { $0.line == "L1" && $0.kpi == "oee" })
            #expect(oee.value == row.oee && oee.target == 0.95 && oee.status == .red && oee.board == "BOARD-001 rev A")
            let scrap = try #require(briefing.tiles.first { $0.line == "L1" && $0.kpi == "scrap_ratio" })
            #expect(scrap.status == .green && scrap.value == row.scrapRatio)
            #expect(briefing.tiles.first { $0.line == "L2" && $0.kpi == "oee" }?.status == KPITile.Status.none)
            let trir = try #require(briefing.tiles.first { $0.line == "all" && $0.kpi == "trir" })
            #expect(trir.from == "2026-01-01" && trir.to == "2026-03-02" && close(trir.value, 1 * 200_000 / 4000))
        }
    }

    @Test("Text, Markdown and HTML carry every section; HTML is self-contained and escaped")
    func formats() throws {
        try withBriefingRegister { r in
            r.move(to: try Day.on("2026-03-03"))
            try WorkedExample.load(r)
            _ = try r.actionItem("Fix the <guard> | now", owner: "rob", due: try Day.on("2026-03-03"))
            let briefing = try r.register.briefing(date: try Day.on("2026-03-03"))
            let titles = ["Output on 2026-03-02 against plan", "KPI tiles", "Unplanned downtime, setups and minor stops on 2026-03-02, longest first",
                          "Open quality holds", "Open maintenance work orders by priority", "Schedule changes in the last 24 hours",
                          "Actions due or overdue", "Document reviews and CAPA due this week"]
            let text = BriefingRenderer.render(briefing, as: .text)
            let markdown = BriefingRenderer.render(briefing, as: .markdown)
            let html = BriefingRenderer.render(briefing, as: .html)
            for title in titles {
                #expect(text.contains("== \(title) =="), "\(title)")
                #expect(markdown.contains("## \(title)"), "\(title)")
                #expect(html.contains("<h2>\(title)</h2>"), "\(title)")
            }
            #expect(text.contains("No open hold.") && text.contains("today"))
            #expect(markdown.contains("Fix the <guard> \\| now"))
            #expect(html.contains("Fix the &lt;guard&gt; | now") && !html.contains("<guard>"))
            #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
            #expect(html.contains("@media print"))
            // One printed page for three lines: the text stays short
            #expect(text.split(separator: "\n").count < 90, "\(text)")
        }
    }

    @Test("Schedule changes of the last 24 hours are in the briefing, newest first; older ones are not")
    func scheduleChanges() throws {
        try withBriefingRegister(schedule: true) { r in
            r.move(to: try Day.on("2026-03-01"))
            let old = try r.event(.maintenanceShutdown, ["L2"], "2026-03-20T06:00:00Z", "2026-03-20T14:00:00Z", title: "Old shutdown")
            r.move(to: try Day.on("2026-03-03"))
            let shutdown = try r.event(.maintenanceShutdown, ["L1"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z", title: "Coater bearing")
            r.clock.set(r.clock.now().addingTimeInterval(600))
            _ = try r.register.updateScheduleEvent(
                shutdown.id, ScheduleEventChange(end: try r.utc("2026-03-10T18:00:00Z")), reason: "Spare part late", by: "carl")
            let changes = try r.register.briefing(date: try Day.on("2026-03-03")).scheduleChanges
            #expect(!changes.contains { $0.what.hasPrefix(old.id) })
            #expect(changes.first?.what == "\(shutdown.id) Coater bearing" && changes.first?.line == "L1")
            #expect(changes.first?.detail.contains("Spare part late") == true && changes.first?.detail.contains("2026-03-10T18:00:00Z") == true)
        }
    }

    @Test("Without plant data the briefing says so instead of failing")
    func emptyPlant() throws {
        try withBriefingRegister { r in
            let briefing = try r.register.briefing()
            #expect(briefing.lines.allSatisfy { $0.producedQty == 0 && $0.oee == nil })
            #expect(briefing.downtime.isEmpty && briefing.holds.isEmpty && briefing.workOrders.isEmpty)
            #expect(briefing.tiles.allSatisfy { $0.status == .none })
            #expect(BriefingRenderer.render(briefing, as: .text).contains("No downtime recorded."))
        }
    }
}

@Suite("KPI reports against board targets")
struct KPITargetTests {
    @Test("Each row is compared with the target of the board revision in force on its last day")
    func reportTargets() throws {
        try withBriefingRegister { r in
            // Given an L1 board with an OEE target of 0.95 until 2026-03-01 and 0.10 from 2026-03-02
            r.move(to: try Day.on("2026-02-20"))
            _ = try r.releasedBoard("""
                board: L1
                line: L1
                targets:
                  - kpi: oee
                    target: 0.95
                    effective_from: 2026-01-01
                    effective_to: 2026-03-01
                  - kpi: oee
                    target: 0.10
                    effective_from: 2026-03-02
                  - kpi: trir
                    target: 1.0
                    direction: lower_is_better
                    effective_from: 2026-01-01
                """)
            r.move(to: try Day.on("2026-03-04"))
            try WorkedExample.load(r)

            // When reports for the day and for the week before it are made
            let day = try r.report(["L1", "L2"])
            let before = try r.report(["L1", "L2"], from: "2026-02-23", to: "2026-03-01")

            // Then the day's OEE is green against 0.10, the plant's TRIR red against 1.0, L2 has no target
            let oee = try #require(day.targets.first { $0.line == "L1" && $0.kpi == "oee" })
            #expect(oee.status == .green && oee.target == 0.10 && oee.value == day.row(line: "L1")?.oee && oee.board == "BOARD-001 rev A")
            #expect(day.targets.first { $0.line == "all" && $0.kpi == "trir" }?.status == .red)
            #expect(!day.targets.contains { $0.line == "L2" })
            // And the week before has no OEE value, so no colour, against the older target
            let earlier = try #require(before.targets.first { $0.line == "L1" && $0.kpi == "oee" })
            #expect(earlier.target == 0.95 && earlier.value == nil && earlier.status == KPITile.Status.none)
        }
    }
}
