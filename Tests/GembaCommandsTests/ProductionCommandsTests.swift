import Foundation
import GembaKit
import Testing

/// `gemba data ...` and `gemba kpi ...` end to end on the real binary.
@Suite struct ProductionCommandsTests {
    private func load(_ s: Sandbox) throws {
        try s.setUpPlant(extra: [Staff.coordinator])
        try s.write("cal.csv", "date,shift,line,planned_time_min\r\n2026-03-02,A,L1,480\r\n2026-03-02,B,L1,480\r\n")
        try s.write("prod.csv", """
            date,shift,line,order,product,planned_qty,produced_qty,scrap_qty,rework_qty,due_date
            2026-03-02,A,L1,4711,VC72-E,1000,1200,24,12,2026-03-02
            2026-03-02,B,L1,4712,VC60-P,800,700,14,0,2026-03-02

            """)
        try s.write("down.csv", """
            line,start,end,reason,category,text
            L1,2026-03-02 09:00,2026-03-02 09:30,BREAK,planned,Breakfast break
            L1,2026-03-02 10:00,2026-03-02 11:00,CHANGEOVER,setup,To VC60-P
            L1,2026-03-02 10:30,2026-03-02 11:30,JAM,unplanned,"Web break, during changeover"
            L1,2026-03-02 13:00,2026-03-02 13:06,MINOR,minor_stop,
            L1,2026-03-02T20:30:00Z,2026-03-02T21:30:00Z,MOTOR,unplanned,Drive motor

            """)
        for (kind, file) in [("calendar", "cal.csv"), ("production", "prod.csv"), ("downtime", "down.csv")] {
            let imported = try s.gemba("data", "import", kind, file, "--as", "carl")
            #expect(imported.succeeded && imported.stdout.hasPrefix("Imported \(kind) from \(file) as batch "), "\(imported)")
        }
    }

    @Test func importReportAndParetoThroughTheBinary() throws {
        try Sandbox.with { s in
            // Given the worked example of docs/kpis.md imported by the coordinator
            try load(s)

            // When the production file is imported again, nothing is added
            let again = try s.gemba("data", "import", "production", "prod.csv", "--as", "carl")
            #expect(again.stdout.contains("2 rows read, 0 added, 0 updated, 2 unchanged, 0 reversed"), "\(again)")

            // Then the JSON report has the contract's keys, fractions, and null for no data
            let json = try s.gemba("kpi", "report", "--line", "L1", "--from", "2026-03-02", "--to", "2026-03-02", "--json")
            #expect(json.succeeded, "\(json)")
            for key in ["\"scrapRatio\" : 0.02", "\"trir\" : null", "\"dart\" : null", "\"line\" : \"L1\"", "\"from\" : \"2026-03-02\"", "\"performanceFlag\" : false"] {
                #expect(json.stdout.contains(key), "\(key)")
            }
            let report = try JSONDecoder().decode(KPIReport.self, from: Data(json.stdout.utf8))
            let row = try #require(report.rows.first)
            #expect(report.rows.count == 1 && row.actualProductionTimeMin == 774 && row.availability == 774.0 / 930 && row.onTimeAttainment == 0.5)

            // And CSV gives one header and one row per line and period
            let csv = try s.gemba("kpi", "report", "--all", "--from", "2026-03-02", "--to", "2026-03-03", "--by", "day", "--csv")
            let lines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first == KPIRow.fieldNames.joined(separator: ",") && lines.count == 1 + 2 * 4, "\(csv)")
            #expect(lines.contains { $0.hasPrefix("L1,2026-03-02,2026-03-02,960,30,930,60,90,6,774,1900,1850,38,12,") })

            // And the text report and the Pareto
            let text = try s.gemba("kpi", "report", "--line", "L1", "--from", "2026-03-02", "--to", "2026-03-02")
            #expect(text.stdout.contains("L1    2026-03-02  2026-03-02  16     83.2%  78.8%  97.4%  63.9%"), "\(text)")
            let pareto = try JSONDecoder().decode(DowntimePareto.self, from: Data(try s.gemba("kpi", "pareto", "--line", "L1", "--from", "2026-03-02", "--to", "2026-03-02", "--json").stdout.utf8))
            #expect(pareto.byReason.map(\.name) == ["CHANGEOVER", "MOTOR", "BREAK", "JAM", "MINOR"] && pareto.totalMinutes == 186)
            #expect(try s.gemba("verify").succeeded)
        }
    }

    @Test func aBadRowStopsTheImportInOneLine() throws {
        try Sandbox.with { s in
            try load(s)
            try s.write("bad.csv", "date,shift,line,order,product,produced_qty\n2026-03-03,A,L1,1,VC72-E,10\n2026-03-03,A,L1,2,VC72-E,1O\n")
            let message = expectOneLineError(try s.gemba("data", "import", "production", "bad.csv", "--as", "carl"))
            #expect(message == "bad.csv:3: column produced_qty: '1O' is not a number (write 1234.5); nothing from this file was imported")
            let batches = try JSONDecoder().decode([ImportBatchRow].self, from: Data(try s.gemba("data", "list", "--json").stdout.utf8))
            #expect(batches.map(\.file_name) == ["down.csv", "prod.csv", "cal.csv"])

            #expect(expectOneLineError(try s.gemba("data", "import", "production", "prod.csv", "--mapping", "nope", "--as", "carl")).hasPrefix("unknown mapping 'nope'"))
            #expect(expectOneLineError(try s.gemba("data", "import", "production", "missing.csv", "--as", "carl")).hasPrefix("missing.csv: cannot read the file"))
            #expect(expectOneLineError(try s.gemba("data", "import", "production", "prod.csv", "--as", "alice")).contains("alice may not import production data"))
            #expect(try s.gemba("data", "import", "bogus", "prod.csv", "--as", "carl").status == 64)
            #expect(try s.gemba("kpi", "report", "--from", "2026-03-02", "--to", "2026-03-02").status == 64)
            #expect(expectOneLineError(try s.gemba("kpi", "report", "--line", "L7", "--from", "2026-03-02", "--to", "2026-03-02")).hasPrefix("unknown line 'L7'"))
        }
    }
}

/// `gemba data list --json` rows (snake_case, as every other command but `kpi`).
struct ImportBatchRow: Decodable {
    let id: Int
    let file_name: String
    let rows_added: Int
}
