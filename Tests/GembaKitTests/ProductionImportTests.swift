import Foundation
import GRDB
import Testing
@testable import GembaKit

/// `importData`: every kind, idempotence, updates, reversals, SAP layouts, the trail.
@Suite struct ProductionImportTests {
    @Test func reImportingTheSameFileAddsNothing() throws {
        try withPlantRegister { r in
            // Given the worked example imported once
            try WorkedExample.load(r)
            let trail = try r.trailCount()

            // When the production file comes again
            let again = try r.importCSV(.production, WorkedExample.production)

            // Then nothing is added, and the import itself is in the trail
            #expect(again.rowsRead == 2 && again.rowsAdded == 0 && again.rowsSkipped == 2 && again.rowsUpdated == 0)
            #expect(try r.count("production_confirmation") == 2)
            #expect(try r.trailCount() == trail + 1)
            let entry = try #require(try r.register.trail().last)
            #expect(entry.action == "data.import" && entry.actor == "carl" && entry.entityId == String(again.id))
            #expect(entry.newValue?.contains(again.fileSha256) == true && again.fileSha256.count == 64)
            #expect(try r.register.importBatches().map(\.kind) == ["production", "hours", "safety", "downtime", "production", "calendar"])
            #expect(try r.register.verify().problems.isEmpty)
        }
    }

    @Test func aLaterExportUpdatesHoldsAndWorkOrders() throws {
        try withPlantRegister { r in
            // Given an open hold and a released work order
            try r.importCSV(.holds, """
                line,product,lot,quantity,reason,opened,released
                L2,VC72-E,LOT-1,500,Weld pull test low,2026-03-02 08:00,
                """)
            try r.importCSV(.workOrders, """
                order,type,equipment,line,priority,status,planned_date,created,text
                4000001,PM01,WELDER-2,L2,1,REL,2026-03-03,2026-03-02,Horn worn
                4000002,PM03,,,low,CRTD,2026-03-20,2026-03-02,Compressor inspection
                """)
            #expect(try r.register.openQualityHolds().map(\.lot) == ["LOT-1"])
            #expect(try r.register.openWorkOrders().map(\.order) == ["4000001", "4000002"])

            // When the next export has the hold released and the order technically complete
            let holds = try r.importCSV(.holds, """
                line,product,lot,quantity,reason,opened,released
                L2,VC72-E,LOT-1,500,Weld pull test low,2026-03-02 08:00,2026-03-04 15:00
                """)
            let orders = try r.importCSV(.workOrders, """
                order,type,equipment,line,priority,status,planned_date,created,text
                4000001,PM01,WELDER-2,L2,1,REL PCNF TECO,2026-03-03,2026-03-02,Horn worn
                """)

            // Then the rows change, counted as updated
            #expect(holds.rowsUpdated == 1 && orders.rowsUpdated == 1)
            r.move(to: try Day.on("2026-03-05"))
            #expect(try r.register.openQualityHolds().isEmpty)
            #expect(try r.register.openQualityHolds(at: try Day.on("2026-03-03").start).map(\.lot) == ["LOT-1"])
            #expect(try r.register.openWorkOrders().map { "\($0.order) \($0.priority) \($0.line ?? "-")" } == ["4000002 4 -"])
        }
    }

    @Test func calendarChangesShowWhatTheLastImportsChanged() throws {
        try withPlantRegister { r in
            // Given a calendar imported yesterday, and a changed one today
            try r.importCSV(.calendar, "date,shift,line,planned_time_min\n2026-03-03,A,L1,480\n2026-03-03,B,L1,480\n")
            r.advance(days: 1)
            let changed = try r.importCSV(.calendar, "date,shift,line,planned_time_min\n2026-03-03,A,L1,480\n2026-03-03,B,L1,240\n")

            // Then only the changed shift shows as a change of the last 24 hours
            #expect(changed.rowsUpdated == 1 && changed.rowsSkipped == 1)
            let changes = try r.register.shiftCalendarChanges(since: r.clock.now().addingTimeInterval(-86_400 + 60))
            #expect(changes.map { "\($0.line) \($0.day) \($0.shift) \(Int($0.plannedMinutes))" } == ["L1 2026-03-03 B 240"])
            let plan = try r.register.shiftCalendar(line: "L1", from: try Day.on("2026-03-03"), to: try Day.on("2026-03-03"))
            #expect(plan.map(\.plannedMinutes) == [480, 240])
        }
    }

    @Test func overdueWorkOrdersAreLateItems() throws {
        try withPlantRegister { r in
            // Given (the clock on 2026-03-02) an order planned a week ago and one in 20 days
            try r.importCSV(.workOrders, """
                order,type,line,priority,status,planned_date
                1,PM01,L1,1,REL,2026-02-23
                2,PM02,L1,2,CRTD,2026-03-22
                3,PM02,L1,2,CLSD,2026-02-01
                """)
            #expect(try r.register.productionLateItems(withinDays: 7).map { "\($0.kind) \($0.daysOverdue)" } == ["work-order 7"])
            #expect(try r.register.productionLateItems(withinDays: 30).count == 2)
        }
    }

    @Test func sapConfirmationsSumAndReversalsNetOut() throws {
        try withPlantRegister { r in
            // Given AFRU rows: two confirmations of one operation, and a reversal of the second
            let afru = """
                RUECK,RMZHL,BUDAT,AUFNR,VORNR,ARBPL,WERKS,MATNR,LMNGA,XMNGA,RMNGA,MEINH,AUERU,STOKZ,STZHL
                0000100,1,20260302,000001004711,0010,COAT-1,BRN2,VC72-E,500,10,0,ST,,,
                0000100,2,20260302,000001004711,0010,COAT-1,BRN2,VC72-E,300,5,5,ST,X,,
                0000100,3,20260302,000001004711,0010,COAT-1,BRN2,VC72-E,300,5,5,ST,,X,2
                """
            let first = try r.importCSV(.production, afru, mapping: "sap-pp")
            #expect(first.rowsAdded == 3 && first.rowsReversed == 1 && first.mapping == "sap-pp")
            // Then only the first confirmation counts (produced = yield + scrap + rework)
            var row = try #require(try r.report().row(line: "L1"))
            #expect(row.producedQty == 510 && row.scrapQty == 10)

            // When the reversal's original is posted again in S/4 API names with a new counter
            let api = """
                confirmationGroup,confirmationCount,postingDate,productionOrder,workCenter,material,confirmationYieldQuantity,confirmationScrapQuantity,confirmationReworkQuantity,isFinalConfirmation,isReversed
                0000100,4,2026-03-02,000001004711,CAL-1,VC72-E,280,20,0,true,false
                """
            try r.importCSV(.production, api, mapping: "sap-pp")
            row = try #require(try r.report().row(line: "L1"))
            #expect(row.producedQty == 810 && row.scrapQty == 30)
            // And re-importing both files adds and reverses nothing
            let again = try r.importCSV(.production, afru, mapping: "sap-pp")
            #expect(again.rowsAdded == 0 && again.rowsReversed == 0 && again.rowsSkipped == 3)
        }
    }

    @Test func aReversalBeforeItsOriginalStillNetsItOut() throws {
        try withPlantRegister { r in
            let reversal = "RUECK,RMZHL,BUDAT,AUFNR,ARBPL,MATNR,LMNGA,STOKZ\n7,1,20260302,9,COAT-1,VC72-E,100,X\n"
            #expect(try r.importCSV(.production, reversal, name: "rev.csv", mapping: "sap-pp").rowsReversed == 0)
            let original = try r.importCSV(.production, "RUECK,RMZHL,BUDAT,AUFNR,ARBPL,MATNR,LMNGA\n7,1,20260302,9,COAT-1,VC72-E,100\n", name: "orig.csv", mapping: "sap-pp")
            #expect(original.rowsAdded == 1 && original.rowsReversed == 1)
            #expect(try r.report().row(line: "L1")?.producedQty == 0)
        }
    }

    @Test func sapWorkOrdersAndNamedMappings() throws {
        try withPlantRegister { r in
            // Given an IW38 export: the line comes from the functional location
            let pm = """
                AUFNR,AUART,EQUNR,TPLNR,ARBPL,PRIOK,ERDAT,STTXT,GSTRP,KTEXT
                000004000123,PM01,10000456,BRN2-L2-WELD,MECH-01,1,20260301,REL  PCNF NMAT,20260303,Replace sonotrode
                000004000124,PM03,10000789,BRN2-UTIL-AIR,MECH-01,3,20260301,CRTD,20260310,Compressor check
                """
            #expect(try r.importCSV(.workOrders, pm, mapping: "sap-pm").rowsAdded == 2)
            let orders = try r.register.openWorkOrders()
            #expect(orders.map { "\($0.order) \($0.status) \($0.line ?? "-") \($0.plannedOn ?? "-")" }
                == ["000004000123 PCNF L2 2026-03-03", "000004000124 CRTD - 2026-03-10"])

            // And the shipped coois-de mapping reads a German list report
            let coois = """
                Buchungsdatum;Schicht
                """.replacingOccurrences(of: ";", with: ",") + ",Arbeitsplatz,Auftrag,Material,Sollmenge,Gutmenge,Ausschuss,Nacharbeit\n"
                + "02.03.2026,A,STACK-2,4711,VC60-P,\"1.000,0\",\"950,0\",\"10,5\",0\n"
            #expect(try r.importCSV(.production, coois, mapping: "coois-de").rowsAdded == 1)
            #expect(try r.report(["L2"]).row(line: "L2")?.producedQty == 960.5)
        }
    }

    @Test func onlyPeopleWithDataImportMayImport() throws {
        try withPlantRegister { r in
            let message = r.importError(.calendar, WorkedExample.calendar, by: "alice")
            let batches = try r.count("import_batch")
            #expect(message.contains("alice may not import production data") && batches == 0, "\(message)")
        }
    }
}
