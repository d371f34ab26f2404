import Foundation
import GRDB
import Testing
@testable import GembaKit

/// Each KPI against values computed by hand (docs/kpis.md, "Worked example").
@Suite struct KPITests {
    @Test func theWorkedExampleOfTheDocs() throws {
        try withPlantRegister { r in
            // Given the worked example's calendar, output, stops, incident and hours
            try WorkedExample.load(r)

            // When L1's KPIs for the day are computed
            let row = try #require(try r.report().row(line: "L1"))

            // Then every time and ratio is the hand-computed one
            #expect(row.plannedOperationTimeMin == 960 && row.plannedDowntimeMin == 30 && row.plannedBusyTimeMin == 930)
            // Setup 10:00-11:00 comes before the jam 10:30-11:30, so the jam counts 30 minutes.
            #expect(row.setupTimeMin == 60 && row.unplannedDowntimeMin == 90 && row.minorStopTimeMin == 6)
            #expect(row.actualProductionTimeMin == 774)
            #expect(row.producedQty == 1900 && row.scrapQty == 38 && row.reworkQty == 12 && row.goodQty == 1850)
            #expect(close(row.availability, 774.0 / 930))
            #expect(close(row.performance, 610.0 / 774) && !row.performanceFlag)
            #expect(close(row.quality, 1850.0 / 1900))
            #expect(close(row.oee, 0.6386530843237125))
            #expect(close(row.scrapRatio, 0.02) && close(row.reworkRatio, 12.0 / 1900))
            #expect(row.failures == 2 && close(row.mtbfMin, 387) && close(row.mttrMin, 45))
            #expect(row.plannedQty == 1800 && close(row.scheduleAttainment, 1686.0 / 1800))
            #expect(row.ordersDue == 2 && row.ordersOnTime == 1 && close(row.onTimeAttainment, 0.5))
            #expect(row.recordableCases == 1 && row.dartCases == 1 && row.hoursWorked == 4000 && close(row.trir, 50) && close(row.dart, 50))
        }
    }

    @Test func aProductionDayForTheBriefing() throws {
        try withPlantRegister { r in
            try WorkedExample.load(r)
            let day = try r.register.productionDay(line: "L1", day: try Day.on("2026-03-02"))
            #expect(day.kpis.actualProductionTimeMin == 774)
            #expect(day.orders.map { "\($0.order) \(Int($0.plannedQty ?? -1)) \(Int($0.goodQty))" } == ["4711 1000 1164", "4712 800 686"])
            // Each stop with the minutes it counts that day (the jam loses its overlap with the changeover)
            #expect(day.stops.map { "\($0.reason) \(Int($0.minutes))" } == ["BREAK 30", "CHANGEOVER 60", "JAM 30", "MINOR 6", "MOTOR 60"])
            #expect(day.stops.first?.start == "2026-03-02T08:00:00Z" && day.stops.first?.text == "Breakfast break")
            #expect(throws: GembaError.self) { try r.register.productionDay(line: "L4", day: try Day.on("2026-03-02")) }
        }
    }

    @Test func zeroDenominatorsAreNullAndNeverNaN() throws {
        try withPlantRegister { r in
            // Given a day with nothing planned, produced or worked
            let row = try #require(try r.report().row(line: "L1"))

            // Then every ratio is null, and the JSON says null for each
            #expect(row.availability == nil && row.performance == nil && row.quality == nil && row.oee == nil)
            #expect(row.scrapRatio == nil && row.mtbfMin == nil && row.scheduleAttainment == nil && row.onTimeAttainment == nil)
            #expect(row.trir == nil && row.dart == nil)
            let json = String(decoding: try JSONEncoder().encode(row), as: UTF8.self)
            for key in ["availability", "performance", "quality", "oee", "scrapRatio", "reworkRatio", "scheduleAttainment", "trir", "dart"] {
                #expect(json.contains("\"\(key)\":null"), "\(key) in \(json)")
            }
            #expect(!json.contains("NaN"))

            // Planned time without any output: availability 1, performance 0, OEE 0, quality null
            try r.importCSV(.calendar, "date,shift,line,planned_time_min\n2026-03-02,A,L1,480\n")
            let idle = try #require(try r.report().row(line: "L1"))
            #expect(idle.availability == 1 && idle.performance == 0 && idle.quality == nil && idle.oee == 0)
        }
    }

    @Test func rollUpsSumTimesAndQuantitiesBeforeDividing() throws {
        try withPlantRegister { r in
            // Given L1's worked example, and L2 with a short day: 60 min planned, a 30 min breakdown
            try WorkedExample.load(r)
            try r.importCSV(.calendar, "date,shift,line,planned_time_min\n2026-03-03,A,L2,60\n", name: "l2.csv")
            try r.importCSV(.downtime, "line,start,end,reason,category\nL2,2026-03-03 06:00,2026-03-03 06:30,JAM,unplanned\n", name: "l2-down.csv")

            // When both days and both lines roll up
            let report = try r.report(nil, from: "2026-03-02", to: "2026-03-03")
            let plant = try #require(report.row(line: plantRowLine))

            // Then availability is (774 + 30) / (930 + 60), not the average of 0.832 and 0.5
            #expect(close(plant.availability, 804.0 / 990))
            #expect(report.rows.map(\.line) == ["L1", "L2", "L3", "all"])
            #expect(plant.failures == 3 && close(plant.mttrMin, 120.0 / 3))

            // And per day, each day is its own period
            let daily = try r.report(["L1", "L2"], from: "2026-03-02", to: "2026-03-03", by: .day)
            #expect(daily.rows.map { "\($0.line) \($0.from)" } == ["L1 2026-03-02", "L2 2026-03-02", "all 2026-03-02", "L1 2026-03-03", "L2 2026-03-03", "all 2026-03-03"])
            #expect(daily.row(line: "L2", from: "2026-03-03")?.availability == 0.5)
        }
    }

    @Test func overlappingStopsCountOnceAndMidnightSplitsInPlantTime() throws {
        try withPlantRegister { r in
            // Given two overlapping breakdowns and one from 23:30 to 00:45 Berlin time (given in UTC)
            try r.importCSV(.calendar, """
                date,shift,line,planned_time_min
                2026-03-02,C,L1,480
                2026-03-03,C,L1,480
                """)
            try r.importCSV(.downtime, """
                line,start,end,reason,category
                L1,2026-03-02 12:00,2026-03-02 13:00,JAM,unplanned
                L1,2026-03-02 12:30,2026-03-02 13:30,MOTOR,unplanned
                L1,2026-03-02T22:30:00Z,2026-03-02T23:45:00Z,SENSOR,unplanned
                """)

            // Then the overlap counts once (90 min, not 120) plus 30 min before midnight
            let daily = try r.report(from: "2026-03-02", to: "2026-03-03", by: .day)
            #expect(daily.row(line: "L1", from: "2026-03-02")?.unplannedDowntimeMin == 120)
            // And 45 min after midnight count on the 3rd, where no failure starts
            let third = try #require(daily.row(line: "L1", from: "2026-03-03"))
            #expect(third.unplannedDowntimeMin == 45 && third.failures == 0 && third.mttrMin == nil)
            #expect(daily.row(line: "L1", from: "2026-03-02")?.failures == 3)

            // And the Pareto gives the overlap to the stop that started first
            let pareto = try r.register.downtimePareto(lines: ["L1"], from: try Day.on("2026-03-02"), to: try Day.on("2026-03-03"))
            #expect(pareto.totalMinutes == 165)
            #expect(pareto.byReason.map { "\($0.name) \(Int($0.minutes))" } == ["SENSOR 75", "JAM 60", "MOTOR 30"])
            #expect(pareto.byCategory.map(\.name) == ["unplanned"] && pareto.byCategory.first?.cumulativeShare == 1)
        }
    }

    @Test func performanceAboveOneIsReportedUncappedAndFlagged() throws {
        try withPlantRegister { r in
            // Given 60 min of running and 90 min worth of ideal cycles
            try r.importCSV(.calendar, "date,shift,line,planned_time_min\n2026-03-02,A,L1,60\n")
            try r.importCSV(.production, "date,line,order,product,produced_qty,ideal_cycle_s\n2026-03-02,L1,1,VC72-E,90,60\n")

            let row = try #require(try r.report().row(line: "L1"))
            #expect(row.performance == 1.5 && row.performanceFlag && row.oee == 1.5)
        }
    }

    @Test func scheduleAttainmentCapsEachItemAtItsPlan() throws {
        try withPlantRegister { r in
            // Given one order over-produced and one short
            try r.importCSV(.production, """
                date,line,order,product,planned_qty,produced_qty,due_date,final
                2026-03-02,L1,A1,VC72-E,100,150,2026-03-02,
                2026-03-02,L1,A2,VC72-E,100,60,2026-03-03,
                2026-03-03,L1,A2,VC72-E,,30,2026-03-03,X
                """)

            // Then the surplus of A1 does not hide A2's miss: (100 + 60) / 200
            let day = try #require(try r.report().row(line: "L1"))
            #expect(day.scheduleAttainment == 0.8 && day.ordersDue == 1 && day.ordersOnTime == 1)
            // A2 is due on the 3rd: short of its plan, but finally confirmed by then
            let next = try #require(try r.report(from: "2026-03-03", to: "2026-03-03").row(line: "L1"))
            #expect(next.ordersDue == 1 && next.ordersOnTime == 1 && next.scheduleAttainment == nil)
        }
    }

    @Test func lineDayQuantitiesAndAttainmentAreTheirSQLDefinition() throws {
        try withPlantRegister { r in
            // Given 600 seeded confirmations on three lines over six days: orders confirmed
            // several times a day and over several days, products and plans sometimes missing,
            // and every tenth followed by a reversal of an earlier one
            var random = SynthRandom(seed: 7)
            var csv = "date,line,order,product,planned_qty,produced_qty,scrap_qty,rework_qty,ideal_cycle_s,confirmation,counter,reversal,reverses_counter\n"
            for index in 0..<600 {
                let produced = Int(random.next() % 120)
                let scrap = produced == 0 ? 0 : Int(random.next() % UInt64(produced / 4 + 1))
                let rework = produced == 0 ? 0 : Int(random.next() % UInt64(produced / 4 + 1))
                let planned = random.next() % 3 == 0 ? "" : String(random.next() % 100)
                let product = ["VC72-E", "VC80", ""][Int(random.next() % 3)]
                let day = "2026-03-0\(1 + random.next() % 6),L\(1 + random.next() % 3)"
                csv += "\(day),A\(random.next() % 9),\(product),\(planned),\(produced),\(scrap),\(rework),\(1 + random.next() % 60),\(index),1,,\n"
                if index % 10 == 9 { csv += "\(day),A1,VC80,,5,0,0,30,\(index - 5),2,X,1\n" }
            }
            _ = try r.importCSV(.production, csv)

            // When the line-day totals of the range are read
            let plant = try r.register.plantPolicy()
            let range = CivilDay.number(try Day.on("2026-03-02"))...CivilDay.number(try Day.on("2026-03-05"))
            let data = try r.register.store.read { db in try KPIData.load(db, range: range, days: plant.days) }

            // Then they are the sums of the SQL definition: each line item (order, product) of a
            // line-day counts its good quantity up to its plan, when it has one
            let expected = try r.register.store.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT q.line, q.day, q.produced, q.scrap, q.rework, q.ideal, a.attained, a.planned FROM (
                        SELECT line, day, SUM(produced_qty) AS produced, SUM(scrap_qty) AS scrap, SUM(rework_qty) AS rework,
                            SUM(ideal_cycle_s * produced_qty) AS ideal
                        FROM production_confirmation WHERE reversal = 0 AND reversed = 0 AND day BETWEEN '2026-03-02' AND '2026-03-05'
                        GROUP BY line, day) q
                    LEFT JOIN (
                        SELECT line, day, SUM(MIN(good, planned)) AS attained, SUM(planned) AS planned FROM (
                            SELECT line, day, SUM(produced_qty - scrap_qty - rework_qty) AS good, SUM(planned_qty) AS planned
                            FROM production_confirmation WHERE reversal = 0 AND reversed = 0 AND day BETWEEN '2026-03-02' AND '2026-03-05'
                            GROUP BY line, day, order_no, product HAVING planned IS NOT NULL)
                        GROUP BY line, day) a ON a.line = q.line AND a.day = q.day
                    """)
            }
            let reversed = try r.register.store.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM production_confirmation WHERE reversed = 1") ?? 0
            }
            #expect(reversed == 60 && expected.count == 12 && data.lineDays.count == 12)
            for row in expected {
                let day = try #require(CivilDay.number(text: row[1]))
                let totals = try #require(data.lineDays[KPIData.LineDay(line: row[0], day: day)])
                let sums: [Double] = [row[2], row[3], row[4], row[5], row[6] ?? 0, row[7] ?? 0]
                #expect([totals.produced, totals.scrap, totals.rework, totals.idealTime, totals.attainedQty, totals.plannedQty] == sums, "\(row)")
            }
        }
    }

    @Test func eachOrderDueIsReadThroughTheOrderIndexNotByScanningItsLine() throws {
        try withPlantRegister { r in
            // A year of SAP data has a due date on every confirmation: scanning the line's
            // history once per due order took hours
            let plan = try r.register.store.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + KPIData.onTimeSQL, arguments: ["2026-01-01", "2026-12-31"]).map { $0["detail"] as String }
            }
            #expect(plan.contains { $0.contains("production_order_line (order_no=? AND line=?)") }, "\(plan)")
        }
    }

    @Test func theReportReadsConfirmationsInIndexOrderWithoutSortingThem() throws {
        try withPlantRegister { r in
            // A year is a million confirmations: they are read in the day/line index's order,
            // a line-day's rows together, and never sorted
            let plan = try r.register.store.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + KPIData.productionSQL, arguments: ["2026-01-01", "2026-12-31"]).map { $0["detail"] as String }
            }
            #expect(plan.contains { $0.contains("production_day_line (day>? AND day<?)") }, "\(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        }
    }

    @Test func safetyRatesArePlantLevelAndSummed() throws {
        try withPlantRegister { r in
            // Given a recordable case in week 1, a restricted one in week 2 and a first aid case
            try r.importCSV(.safety, """
                case,date,area,recordable,days_away,restricted,transferred
                S1,2026-03-02,L1,yes,0,0,0
                S2,2026-03-10,L2,yes,0,3,0
                S3,2026-03-11,L3,no,,,
                """)
            try r.importCSV(.hours, "date,area,hours\n2026-03-02,Plant,10000\n2026-03-09,Plant,30000\n")

            // Then each week's rates, and the fortnight's from summed cases and hours
            let weeks = try r.report(["L1"], from: "2026-03-02", to: "2026-03-15", by: .week)
            #expect(weeks.rows.map(\.trir) == [20, 200_000.0 / 30_000] && weeks.rows.map(\.dart) == [0, 200_000.0 / 30_000])
            let whole = try #require(try r.report(["L1"], from: "2026-03-02", to: "2026-03-15").rows.first)
            #expect(whole.recordableCases == 2 && whole.dartCases == 1 && whole.trir == 10 && whole.dart == 5)
        }
    }

    @Test func monthsAndWeeksAreClippedToTheRange() throws {
        try withPlantRegister { r in
            let months = try r.report(from: "2026-01-15", to: "2026-03-02", by: .month)
            #expect(months.rows.map { "\($0.from)..\($0.to)" } == ["2026-01-15..2026-01-31", "2026-02-01..2026-02-28", "2026-03-01..2026-03-02"])
            let weeks = try r.report(from: "2026-03-04", to: "2026-03-16", by: .week)
            #expect(weeks.rows.map(\.from) == ["2026-03-04", "2026-03-09", "2026-03-16"])
            #expect(throws: GembaError.self) { try r.report(from: "2026-03-05", to: "2026-03-04") }
            #expect(throws: GembaError.self) { try r.report(["L9"]) }
        }
    }
}
