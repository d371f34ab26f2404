import Foundation
import GembaKit

/// KPI trends against the board's targets and the downtime Pareto, drawn as SVG on the server,
/// and the report as CSV (what `gemba kpi report --csv` prints).
extension RouteTable {
    func addKPIRoutes() {
        get("/kpi", .staff, "KPI trend charts against target and the downtime Pareto (`?line=`, `from`, `to`, `by` day, week or month)") { request in
            let choice = try KPIChoice(request)
            let model = try await request.run { register in try KPIPageModel(register, choice) }
            return try await request.site.page("kpi", title: "KPIs \(model.lineLabel)", model, for: request)
        }

        get("/kpi.csv", .staff, "The KPI report of the same choice as CSV, one row per line and period") { request in
            let choice = try KPIChoice(request)
            let (csv, range) = try await request.run { register in
                let query = try choice.query(register)
                return (KPIRow.csv(try register.kpiReport(query).rows), "\(query.from)-\(query.to)")
            }
            return DocumentUpload.attachment(Data(csv.utf8), name: "kpi-\((choice.line ?? "lines").fileNameSafe)-\(range).csv")
        }
    }
}

/// What the KPI page shows: a line (or `all`: every line and the plant), a range of
/// plant-local days and the periods. Days left out default to the four weeks up to yesterday.
struct KPIChoice: Sendable {
    let line: String?
    let from: Day?
    let to: Day?
    let by: KPIPeriod

    init(_ request: PageRequest) throws {
        line = request.query("line")
        from = try request.queryDay("from")
        to = try request.queryDay("to")
        guard let period = KPIPeriod(rawValue: request.query("by") ?? KPIPeriod.day.rawValue) else {
            throw WebError.badRequest("by must be day, week or month")
        }
        by = period
    }

    /// The line shown: the one asked for, else the plant's first line.
    func line(_ register: Register) throws -> String {
        if let line { return line }
        return try register.plantPolicy().lines.first?.id ?? plantRowLine
    }

    func query(_ register: Register) throws -> KPIQuery {
        let yesterday = try register.plantToday().addingDays(-1)
        let last = to ?? yesterday
        let first = from ?? last.addingDays(-27)
        let line = try line(register)
        return KPIQuery(lines: line == plantRowLine ? nil : [line], from: first, to: last, by: by)
    }
}
