import Foundation
import GembaKit

/// How KPI reports print: text tables, CSV, and JSON with the contract's camelCase keys.
enum KPIFormat {
    /// KPI JSON keeps its keys as named (`scrapRatio`, `oee`), unlike the snake_case of other commands.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static func percent(_ value: Double?) -> String {
        guard let value else { return "-" }
        return String(format: "%.1f%%", value * 100)
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "-" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.1f", value)
    }

    static func text(_ report: KPIReport) {
        print("\(report.plant): \(report.from) to \(report.to) (plant-local days, \(report.timeZone))")
        var marks: [String: String] = [:]
        for tile in report.targets where tile.status != .none {
            marks["\(tile.line) \(tile.from) \(tile.kpi == "first_pass_yield" ? "quality" : tile.kpi)"] = tile.status == .green ? " ✓" : " ✗"
        }
        Output.table(
            ["LINE", "FROM", "TO", "POT h", "AVAIL", "PERF", "QUAL", "OEE", "SCRAP", "REWORK", "MTBF h", "MTTR min", "SCHED", "ON TIME", "TRIR", "DART"],
            report.rows.map { r in
                func mark(_ kpi: String) -> String { marks["\(r.line) \(r.from) \(kpi)"] ?? "" }
                return [r.line, r.from, r.to, number(r.plannedOperationTimeMin / 60), percent(r.availability) + mark("availability"),
                 percent(r.performance) + (r.performanceFlag ? "!" : "") + mark("performance"), percent(r.quality) + mark("quality"),
                 percent(r.oee) + mark("oee"), percent(r.scrapRatio) + mark("scrap_ratio"), percent(r.reworkRatio) + mark("rework_ratio"),
                 number(r.mtbfMin.map { $0 / 60 }) + mark("mtbf"), number(r.mttrMin) + mark("mttr"),
                 percent(r.scheduleAttainment) + mark("schedule_attainment"), percent(r.onTimeAttainment) + mark("on_time_attainment"),
                 number(r.trir.map { ($0 * 100).rounded() / 100 }) + mark("trir"), number(r.dart.map { ($0 * 100).rounded() / 100 }) + mark("dart")]
            })
        if !marks.isEmpty {
            print("✓ meets, ✗ misses the target of the line's board in force on the period's last day (gemba boards show; --json lists them).")
        }
        if report.rows.contains(where: \.performanceFlag) {
            print("! performance above 100%: the ideal cycle time of a product is slower than the line really runs; correct it in the data or policies/plant.yaml")
        }
        print("TRIR and DART are plant-level (cases x 200,000 / hours worked); null shows as '-'.")
    }

    /// Every field of every row, in the JSON's key order; an empty cell for null.
    static func csv(_ rows: [KPIRow]) -> String { KPIRow.csv(rows) }
}
