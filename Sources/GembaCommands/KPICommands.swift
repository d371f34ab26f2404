import ArgumentParser
import Foundation
import GembaKit

extension KPIPeriod: ExpressibleByArgument {}

struct KPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpi", abstract: "ISO 22400 KPIs (OEE and its factors, MTBF, MTTR), schedule attainment, OSHA rates, downtime Pareto.",
        subcommands: [KPIReportCommand.self, KPIParetoCommand.self])
}

/// `--line L` (repeatable) or `--all`, and the range of plant-local days.
struct KPIRangeOptions: ParsableArguments {
    @Option(name: .customLong("line"), help: "A line of policies/plant.yaml (repeat for several).") var lines: [String] = []
    @Flag(help: "Every line, and the plant as a whole (line 'all').") var all = false
    @Option(help: ArgumentHelp("First plant-local day (YYYY-MM-DD).", valueName: "date")) var from: String
    @Option(help: ArgumentHelp("Last plant-local day, included (YYYY-MM-DD).", valueName: "date")) var to: String

    func validate() throws {
        if lines.isEmpty == !all { throw ValidationError("give --line L (one or more) or --all") }
        if Day(from) == nil { throw ValidationError("--from must be a date YYYY-MM-DD, not '\(from)'") }
        if Day(to) == nil { throw ValidationError("--to must be a date YYYY-MM-DD, not '\(to)'") }
    }

    var selectedLines: [String]? { all ? nil : lines }
    var fromDay: Day { Day(from) ?? Day(year: 1970, month: 1, day: 1) }
    var toDay: Day { Day(to) ?? Day(year: 1970, month: 1, day: 1) }
}

struct KPIReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "KPIs per line and period; ratios sum first and divide after, null when there is no data (docs/kpis.md).")

    @OptionGroup var range: KPIRangeOptions
    @Option(help: "Periods: day, week (Monday to Sunday) or month (default: the whole range).") var by: KPIPeriod?
    @Flag(help: "Print CSV, one row per line and period.") var csv = false
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if csv && output.json { throw ValidationError("give --json or --csv, not both") }
    }

    func run() throws {
        let report = try registerOptions.open().kpiReport(KPIQuery(lines: range.selectedLines, from: range.fromDay, to: range.toDay, by: by))
        if output.json { return try KPIFormat.json(report) }
        if csv { return print(KPIFormat.csv(report.rows), terminator: "") }
        KPIFormat.text(report)
    }
}

struct KPIParetoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pareto", abstract: "Downtime by reason and by category, largest first, with cumulative shares.")

    @OptionGroup var range: KPIRangeOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let pareto = try registerOptions.open().downtimePareto(lines: range.selectedLines, from: range.fromDay, to: range.toDay)
        if output.json { return try KPIFormat.json(pareto) }
        print("Downtime \(pareto.from) to \(pareto.to) on \(pareto.lines.joined(separator: ", ")): \(KPIFormat.number(pareto.totalMinutes)) min")
        for (title, entries) in [("By reason", pareto.byReason), ("By category", pareto.byCategory)] {
            print("")
            print("== \(title) ==")
            if entries.isEmpty { print("No downtime."); continue }
            Output.table(["NAME", "CATEGORY", "MIN", "STOPS", "SHARE", "CUMULATIVE"], entries.map { e in
                [e.name, e.category, KPIFormat.number(e.minutes), String(e.stops), KPIFormat.percent(e.share), KPIFormat.percent(e.cumulativeShare)]
            })
        }
    }
}
