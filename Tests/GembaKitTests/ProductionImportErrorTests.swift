import Foundation
import Testing
@testable import GembaKit

/// A bad row stops the import with `FILE:LINE: column X: ...`, and nothing of the file is kept.
@Suite struct ProductionImportErrorTests {
    /// Imports `text` (whose first rows are good) and checks the error and that nothing was kept.
    private func refused(
        _ r: TestRegister, _ kind: ImportKind, _ text: String, mapping: String? = nil, starts prefix: String? = nil, has part: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let message = r.importError(kind, text, mapping: mapping)
        if let prefix { #expect(message.hasPrefix(prefix), "\(message)", sourceLocation: sourceLocation) }
        if let part { #expect(message.contains(part), "\(message)", sourceLocation: sourceLocation) }
        let rows = try r.count(kind.table), batches = try r.count("import_batch")
        #expect(rows == 0 && batches == 0, "\(message)", sourceLocation: sourceLocation)
    }

    @Test func badRowsNameFileLineAndColumn() throws {
        try withPlantRegister { r in
            let good = "2026-03-02,A,L1,1,VC72-E,100,90,1,1\n"
            let header = "date,shift,line,order,product,planned_qty,produced_qty,scrap_qty,rework_qty\n"
            try refused(r, .production, header + good + "2026-03-02,A,L1,2,VC72-E,100,ninety,1,1\n", starts: "production.csv:3: column produced_qty: 'ninety' is not a number")
            try refused(r, .production, header + good + "2026-03-02,A,L9,2,VC72-E,100,90,1,1\n", starts: "production.csv:3: column line: unknown line 'L9'; policies/plant.yaml defines L1, L2, L3")
            try refused(r, .production, header + good + "2026-02-30,A,L1,2,VC72-E,100,90,1,1\n", starts: "production.csv:3: column date: '2026-02-30' is not a date")
            try refused(r, .production, header + good + "2026-03-02,Z,L1,2,VC72-E,100,90,1,1\n", has: "column shift: unknown shift 'Z'")
            try refused(r, .production, header + good + "2026-03-02,A,L1,2,VC72-E,100,90,80,20\n", has: "column scrap_qty: scrap 80.0 and rework 20.0 exceed the produced quantity 90.0")
            try refused(r, .production, header + good + "2026-03-02,A,L1,2,NEW-CELL,100,90,1,1\n", has: "column ideal_cycle_s: empty, and policies/plant.yaml gives no ideal cycle time for product NEW-CELL on L1")
            try refused(r, .production, header + good + "2026-03-02,A,L1,2,VC72-E,100,-5,0,0\n", has: "-5 is negative")
        }
    }

    @Test func missingColumnsUnknownMappingsAndBrokenCSV() throws {
        try withPlantRegister { r in
            try refused(r, .calendar, "date,shift,line\n2026-03-02,A,L1\n", starts: "calendar.csv:1: column planned_time_min: missing; a calendar file needs date, shift, line, planned_time_min (the header has: date, shift, line)")
            try refused(r, .production, "date,order,produced_qty\n2026-03-02,1,5\n", has: "column line or work_center: missing")
            try refused(r, .production, "date,line\n", mapping: "sap-xx", starts: "unknown mapping 'sap-xx'; known mappings: sap-pp, sap-pm, coois-de, mes-downtime")
            try refused(r, .downtime, "x\n", mapping: "sap-pp", has: "mapping 'sap-pp' is for production files, not downtime")
            try refused(r, .calendar, "", has: "the file is empty")
            try refused(r, .calendar, "date,shift,line,planned_time_min\n2026-03-02,A,\"L1,480\n", has: "a quoted field is never closed")
            try refused(r, .calendar, "date,shift,line,planned_time_min\n2026-03-02,A,L1,1500\n", has: "1500.0 minutes is more than a day")
        }
    }

    @Test func downtimeEndsAfterItStartsAndHasACategory() throws {
        try withPlantRegister { r in
            let header = "line,start,end,reason,category\n"
            try refused(r, .downtime, header + "L1,2026-03-02 10:00,2026-03-02 09:00,JAM,unplanned\n", starts: "downtime.csv:2: column end: ends at 2026-03-02T08:00:00Z, not after it starts at 2026-03-02T09:00:00Z")
            try refused(r, .downtime, header + "L1,2026-03-02 25:00,2026-03-02 26:00,JAM,unplanned\n", has: "column start: '2026-03-02 25:00' is not a time")
            try refused(r, .downtime, header + "L1,2026-03-02 10:00,2026-03-02 11:00,JAM,coffee\n", has: "column category: 'coffee' is not a category")
            try refused(r, .holds, "line,product,lot,quantity,reason,opened,released\nL1,P,LOT,5,Bad,2026-03-02 10:00,2026-03-01 10:00\n", has: "column released: released at")
            try refused(r, .safety, "date,area,recordable,days_away\n2026-03-02,L1,no,3\n", has: "column recordable: a case with days away")
            try refused(r, .workOrders, "order,type,priority,status\n1,PM01,1,OPEN\n", has: "column status: 'OPEN' holds no system status")
            try refused(r, .workOrders, "order,type,priority,status\n1,PM01,urgentish,REL\n", has: "column priority: 'urgentish' is not a priority")
        }
    }

    @Test func aPostedSAPConfirmationNeverChanges() throws {
        try withPlantRegister { r in
            try r.importCSV(.production, "RUECK,RMZHL,BUDAT,AUFNR,ARBPL,MATNR,LMNGA\n7,1,20260302,9,COAT-1,VC72-E,100\n", mapping: "sap-pp")
            let message = r.importError(.production, "RUECK,RMZHL,BUDAT,AUFNR,ARBPL,MATNR,LMNGA\n7,1,20260302,9,COAT-1,VC72-E,120\n", mapping: "sap-pp")
            #expect(message.contains("production.csv:2: column produced_qty: confirmation 7/1 was imported in batch 1 with produced_qty 100, now 120"))
            let batches = try r.count("import_batch"), produced = try r.report().row(line: "L1")?.producedQty
            #expect(batches == 1 && produced == 100)
            #expect(r.importError(.production, "RUECK,RMZHL,BUDAT,AUFNR,ARBPL,MATNR,LMNGA\n7,1,20260302,9,PRESS-9,VC72-E,120\n", mapping: "sap-pp")
                .contains("column work_center: work center 'PRESS-9' belongs to no line"))
        }
    }

    /// Rows are parsed on a second thread while the first stores them (`ImportPipeline`), in
    /// chunks of 1,024 with up to eight chunks ahead. Files far longer than that: the first bad row
    /// is the one named whichever side finds it, and a good file arrives whole and in order.
    @Test(.timeLimit(.minutes(2))) func aLongFileNamesItsFirstBadRowWhicheverSideFindsIt() throws {
        try withPlantRegister { r in
            let header = "RUECK,RMZHL,BUDAT,AUFNR,ARBPL,MATNR,LMNGA\n"
            func rows(_ range: ClosedRange<Int>, quantity: Int = 10) -> String {
                range.map { "\($0),1,20260302,\($0),COAT-1,VC72-E,\(quantity)\n" }.joined()
            }
            // The parser finds row 15,000 (line 15,001) bad, long after the writer started.
            var text = header + rows(1...14_999) + "15000,1,20260302,15000,COAT-1,VC72-E,ten\n" + rows(15_001...16_000)
            var message = r.importError(.production, text, mapping: "sap-pp")
            #expect(message.hasPrefix("production.csv:15001: column yield_qty: 'ten' is not a number"), "\(message)")
            #expect(try r.count("production_confirmation") == 0 && r.count("import_batch") == 0)

            // A good file of 20,000 rows: every row stored, in file order.
            let batch = try r.importCSV(.production, header + rows(1...20_000), mapping: "sap-pp")
            #expect(batch.rowsRead == 20_000 && batch.rowsAdded == 20_000)
            let ordered = try r.database().read { db in
                try String.fetchAll(db, sql: "SELECT confirmation FROM production_confirmation ORDER BY id")
            }
            #expect(ordered == (1...20_000).map(String.init))

            // The writer finds line 3 bad (a posted confirmation changed) while the parser, ahead,
            // would find line 18,001 bad too: the writer's row is named and the parser stopped.
            text = header + rows(1...1) + rows(2...2, quantity: 11) + rows(3...17_999) + "18000,1,2026-13-45,18000,COAT-1,VC72-E,10\n"
            message = r.importError(.production, text, mapping: "sap-pp")
            #expect(message.hasPrefix("production.csv:3: column produced_qty: confirmation 2/1 was imported in batch"), "\(message)")
            #expect(try r.count("production_confirmation") == 20_000 && r.count("import_batch") == 1)

            // Both in the parser's last chunk, which it hands over with its error: the writer's row
            // (line 1,031) comes first in the file and is the one named.
            text = header + rows(1...1029) + rows(1030...1030, quantity: 11) + rows(1031...1039) + "1040,1,2026-13-45,1040,COAT-1,VC72-E,10\n"
            message = r.importError(.production, text, mapping: "sap-pp")
            #expect(message.hasPrefix("production.csv:1031: column produced_qty: confirmation 1030/1 was imported in batch"), "\(message)")

            // Re-importing the good file adds nothing; a file whose only bad row is its last is refused whole.
            let again = try r.importCSV(.production, header + rows(1...20_000), mapping: "sap-pp")
            #expect(again.rowsRead == 20_000 && again.rowsAdded == 0 && again.rowsSkipped == 20_000)
            message = r.importError(.production, header + rows(20_001...30_000) + "30001,1,20260302,30001,COAT-1,VC72-E,-3\n", mapping: "sap-pp")
            #expect(message.hasPrefix("production.csv:10002: column yield_qty: -3 is negative"), "\(message)")
            #expect(try r.count("production_confirmation") == 20_000 && r.count("import_batch") == 2)
        }
    }

    /// A writer that fails while the parser waits to hand over a chunk (it stops after eight
    /// ahead): the parser is released and stopped before `run` returns, and the writer's error
    /// is the one thrown. A hang here fails the time limit.
    @Test(.timeLimit(.minutes(2))) func aWriterThatFailsReleasesAParserWaitingToHandOver() throws {
        struct WriterFailed: Error {}
        try withPlantRegister { r in
            let text = "RUECK,RMZHL,BUDAT,AUFNR,ARBPL,MATNR,LMNGA\n" + (1...20_000).map { "\($0),1,20260302,\($0),COAT-1,VC72-E,10\n" }.joined()
            let reader = CSVReader(bytes: Array(text.utf8), file: "production.csv")
            #expect(try reader.next())
            let mapping = try r.register.importMapping("sap-pp", for: .production)
            let header = (0..<reader.fieldCount).map { mapping.column(forHeader: reader.text($0)) }
            let source = try ImportRowSource(reader: reader, header: header, kind: .production, mapping: mapping, plant: try r.register.plantPolicy())
            var chunks: [[Int]] = []
            #expect(throws: WriterFailed.self) {
                _ = try ImportPipeline.run(.production, from: source) { rows in
                    chunks.append(rows.map(\.line))
                    // Time for the parser to fill its eight chunks and wait.
                    if chunks.count == 1 { Thread.sleep(forTimeInterval: 1) }
                    if chunks.count == 2 { throw WriterFailed() }
                }
            }
            #expect(chunks == [Array(2...1025), Array(1026...2049)])
        }
    }

    @Test func aRegisterWithoutPlantPolicySaysWhatIsMissing() throws {
        try withRegister { r in
            #expect(r.importError(.calendar, WorkedExample.calendar).contains("this register has no policies/plant.yaml"))
        }
    }
}
