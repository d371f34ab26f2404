import Foundation
import GRDB

extension Register {
    /// ISO 22400 KPIs, schedule attainment and OSHA rates per line and period (docs/kpis.md).
    /// Days are the plant's local days (policies/plant.yaml).
    public func kpiReport(_ query: KPIQuery) throws -> KPIReport {
        let plant = try plantPolicy()
        let lines = try reportLines(query.lines, plant)
        let periods = try checkedPeriods(query)
        let range = CivilDay.number(query.from)...CivilDay.number(query.to)
        let data = try store.read { db in try KPIData.load(db, range: range, days: plant.days) }
        var rows: [KPIRow] = []
        for period in periods {
            var safety = SafetyTotals()
            for day in period { safety += data.safety[day] ?? SafetyTotals() }
            var plantTotals = KPITotals()
            for line in lines {
                var totals = KPITotals()
                for day in period { totals += data.lineDays[KPIData.LineDay(line: line, day: day)] ?? KPITotals() }
                plantTotals += totals
                rows.append(KPIRow(line: line, from: period.lowerBound, to: period.upperBound, totals, safety))
            }
            if query.lines == nil || lines.count > 1 {
                rows.append(KPIRow(line: plantRowLine, from: period.lowerBound, to: period.upperBound, plantTotals, safety))
            }
        }
        return KPIReport(
            plant: plant.name, timeZone: plant.timeZone.identifier, from: query.from.description, to: query.to.description,
            by: query.by?.rawValue, rows: rows, targets: try kpiTargets(rows))
    }

    func reportLines(_ requested: [String]?, _ plant: PlantPolicy) throws -> [String] {
        guard let requested else { return plant.lines.map(\.id) }
        for line in requested where plant.line(line) == nil {
            throw GembaError.invalid("unknown line '\(line)'; policies/plant.yaml defines \(plant.lines.map(\.id).joined(separator: ", "))")
        }
        return requested
    }

    func checkedPeriods(_ query: KPIQuery) throws -> [ClosedRange<Int>] {
        guard query.from <= query.to else { throw GembaError.invalid("--from \(query.from) is after --to \(query.to)") }
        guard query.from.days(until: query.to) <= 3660 else { throw GembaError.invalid("a report covers at most ten years; narrow --from and --to") }
        return query.periods()
    }
}
