import Foundation
import GembaKit
import Hummingbird

/// `/api/v1/kpis`: the KPI report and the downtime Pareto with the query of `gemba kpi report`.
/// Their keys are written as named (`scrapRatio`), as the CLI's KPI JSON is (docs/kpis.md).
extension RouteTable {
    func addKPIAPI() {
        let range: [APIParameter] = [
            .named("line", .lines, "A line of policies/plant.yaml; repeat for several. Without it: every line and the plant as a whole (line `all`), as --all", repeated: true),
            .day("from", "First plant-local day", required: true),
            .day("to", "Last plant-local day, included", required: true),
        ]
        apiGet("/api/v1/kpis/report", .staff, "KPIs per line and period, as `gemba kpi report --json` (ratios null when there is no data)",
               tag: "kpis", query: range + [.choice("by", KPIPeriod.allCases.map(\.rawValue), "Periods (default: the whole range)")]) { request in
            let (lines, from, to) = try request.kpiRange()
            let by = try request.queryChoice("by", KPIPeriod.self)
            return try await request.run { register in try register.kpiReport(KPIQuery(lines: lines, from: from, to: to, by: by)) }
        }

        apiGet("/api/v1/kpis/pareto", .staff, "Downtime by reason and by category, largest first, as `gemba kpi pareto --json`", tag: "kpis",
               query: range) { request in
            let (lines, from, to) = try request.kpiRange()
            return try await request.run { register in try register.downtimePareto(lines: lines, from: from, to: to) }
        }
    }
}

extension PageRequest {
    /// `line` (one or more; none is `--all`) and the days `from` to `to`, as `--line`/`--all`, `--from`, `--to`.
    func kpiRange() throws -> (lines: [String]?, from: Day, to: Day) {
        let lines = try queryList("line")
        let from = try requiredDay("from"), to = try requiredDay("to")
        return (lines.isEmpty ? nil : lines, from, to)
    }
}

extension KPIReport: APIView {
    static let apiSchema = JSONSchema.ref("KPIReport")
    static var apiKeys: APIResponse.Keys { .asNamed }
}

extension DowntimePareto: APIView {
    static let apiSchema = JSONSchema.ref("DowntimePareto")
    static var apiKeys: APIResponse.Keys { .asNamed }
}

extension APISchemas {
    static let kpis: [String: JSONSchema] = {
        var row: [String: JSONSchema] = ["line": .string, "from": .day, "to": .day, "performanceFlag": .boolean]
        for key in [
            "plannedOperationTimeMin", "plannedDowntimeMin", "plannedBusyTimeMin", "setupTimeMin", "unplannedDowntimeMin", "minorStopTimeMin",
            "actualProductionTimeMin", "producedQty", "goodQty", "scrapQty", "reworkQty", "plannedQty", "hoursWorked",
        ] { row[key] = .number }
        for key in ["availability", "performance", "quality", "oee", "scrapRatio", "reworkRatio", "mtbfMin", "mttrMin", "scheduleAttainment",
                    "onTimeAttainment", "trir", "dart"] { row[key] = .nullable(.number) }
        for key in ["failures", "ordersDue", "ordersOnTime", "recordableCases", "dartCases"] { row[key] = .integer }
        let entry = JSONSchema.object([
            "name": .string, "category": .string, "minutes": .number, "stops": .integer, "share": .number, "cumulativeShare": .number,
        ])
        return [
            "KPIRow": .object(row),
            "KPITile": .object(["line": .string, "kpi": .string, "from": .day, "to": .day, "status": .oneOf(["green", "red", "none"])], optional: [
                "value": .number, "target": .number, "direction": .string, "unit": .string, "board": .string,
            ]),
            "KPIReport": .object([
                "plant": .string, "timeZone": .string, "from": .day, "to": .day, "by": .nullable(.cases(KPIPeriod.self)),
                "rows": .list("KPIRow"), "targets": .list("KPITile"),
            ]),
            "DowntimePareto": .object([
                "lines": .array(.string), "from": .day, "to": .day, "totalMinutes": .number, "byReason": .array(entry), "byCategory": .array(entry),
            ]),
        ]
    }()
}
