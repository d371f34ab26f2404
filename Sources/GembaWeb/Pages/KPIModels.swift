import Foundation
import GembaKit

/// The KPI page: one trend chart per KPI of the report's rows for the chosen line, the board
/// target where one is in force, the downtime Pareto, and the figures as a table.
struct KPIPageModel {
    struct Chart {
        let title: String
        let svg: String
    }

    struct Row {
        let period: String
        let cells: [Cell]
    }

    struct Cell {
        let text: String
        /// `green`, `red` or empty: against the target in force.
        let mark: String
    }

    struct ParetoRow {
        let name: String
        let category: String
        let minutes: String
        let stops: Int
        let share: String
        let cumulative: String
    }

    /// The KPIs charted, as boards name them, with their printed names.
    static let charted: [(kpi: String, name: String)] = [
        ("oee", "OEE"), ("availability", "Availability"), ("performance", "Performance"), ("quality", "Quality"),
        ("schedule_attainment", "Schedule attainment"), ("scrap_ratio", "Scrap ratio"),
    ]
    static let paretoBars = 12

    let line: String
    let lineLabel: String
    let lineOptions: [ChoiceOption]
    let byOptions: [ChoiceOption]
    let from: String
    let to: String
    let timeZone: String
    let charts: [Chart]
    let headers: [String]
    let rows: [Row]
    let hasRows: Bool
    let paretoSVG: String
    let pareto: [ParetoRow]
    let hasPareto: Bool
    let downtimeMinutes: String
    let csvHref: String

    init(_ register: Register, _ choice: KPIChoice) throws {
        let plant = try register.plantPolicy()
        let query = try choice.query(register)
        let line = try choice.line(register)
        let report = try register.kpiReport(query)
        self.line = line
        lineLabel = line == plantRowLine ? "all lines" : line
        lineOptions = ChoiceOption.list(plant.lines.map { ($0.id, "\($0.id) – \($0.name)") } + [(plantRowLine, "All lines and the plant")], selected: line)
        byOptions = ChoiceOption.list(KPIPeriod.allCases.map { ($0.rawValue, $0.rawValue) }, selected: choice.by.rawValue)
        from = report.from
        to = report.to
        timeZone = report.timeZone
        let rows = report.rows.filter { $0.line == line }
        func target(_ row: KPIRow, _ kpi: String) -> KPITile? {
            report.targets.first { $0.line == row.line && $0.from == row.from && ($0.kpi == kpi || (kpi == "quality" && $0.kpi == "first_pass_yield")) }
        }
        let labels = rows.map { Self.label($0, by: choice.by) }
        charts = Self.charted.map { kpi, name in
            let points = zip(rows, labels).map { row, label in
                TrendChart.Point(label: label, value: row.value(ofKPI: kpi), target: target(row, kpi)?.target)
            }
            return Chart(title: name, svg: TrendChart(title: "\(name) · \(lineLabelText(line))", points: points, format: .percent).svg)
        }
        headers = Self.charted.map(\.name)
        self.rows = zip(rows, labels).map { row, label in
            Row(period: row.from == row.to ? row.from : "\(row.from) – \(row.to)", cells: Self.charted.map { kpi, _ in
                let tile = target(row, kpi)
                let mark = tile.map { $0.status == .none ? "" : $0.status.rawValue } ?? ""
                return Cell(text: BriefingRenderer.percent(row.value(ofKPI: kpi)), mark: mark)
            })
        }
        hasRows = !rows.isEmpty
        let downtime = try register.downtimePareto(lines: query.lines, from: query.from, to: query.to)
        // At most `paretoBars` bars: the smallest reasons share the last one.
        func bar(_ entry: DowntimeParetoEntry) -> ParetoChart.Bar {
            ParetoChart.Bar(label: entry.name, minutes: entry.minutes, cumulativeShare: entry.cumulativeShare)
        }
        var bars = downtime.byReason.prefix(Self.paretoBars).map(bar)
        if downtime.byReason.count > Self.paretoBars {
            let rest = downtime.byReason.dropFirst(Self.paretoBars - 1)
            bars = downtime.byReason.prefix(Self.paretoBars - 1).map(bar)
                + [ParetoChart.Bar(label: "\(rest.count) other reasons", minutes: rest.reduce(0) { $0 + $1.minutes }, cumulativeShare: rest.last?.cumulativeShare ?? 1)]
        }
        paretoSVG = ParetoChart(title: "Downtime by reason · \(lineLabelText(line)), \(query.from) to \(query.to)", bars: bars).svg
        pareto = downtime.byReason.map { e in
            ParetoRow(name: e.name, category: e.category, minutes: BriefingRenderer.qty((e.minutes * 10).rounded() / 10), stops: e.stops,
                      share: BriefingRenderer.percent(e.share), cumulative: BriefingRenderer.percent(e.cumulativeShare))
        }
        hasPareto = !pareto.isEmpty
        downtimeMinutes = BriefingRenderer.qty((downtime.totalMinutes * 10).rounded() / 10)
        csvHref = "/kpi.csv?line=\(line.urlPathEncoded)&from=\(query.from)&to=\(query.to)&by=\(choice.by.rawValue)"
    }

    /// A period's label under the chart: `03-02` for days, the Monday for weeks, `2026-03` for months.
    static func label(_ row: KPIRow, by: KPIPeriod) -> String {
        switch by {
        case .day: String(row.from.dropFirst(5))
        case .week: "wk " + String(row.from.dropFirst(5))
        case .month: String(row.from.prefix(7))
        }
    }
}

private func lineLabelText(_ line: String) -> String { line == plantRowLine ? "plant" : line }
