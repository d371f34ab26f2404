import ArgumentParser
import Foundation
import GembaKit

extension BriefingFormat: ExpressibleByArgument {}

struct BriefingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "briefing",
        abstract: "The morning briefing: yesterday's output, downtime, holds, maintenance, schedule changes, what is due, KPI tiles.")

    @Option(help: "The meeting's day (YYYY-MM-DD, plant-local; default today); the figures are of the day before.") var date: String?
    @Option(help: "text, markdown or html (one self-contained page).") var format: BriefingFormat = .text
    @Option(help: "Write to this file instead of printing.") var out: String?
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let day = try date.map { try DayArgument.parse($0, "--date") }
        let briefing = try registerOptions.open().briefing(date: day)
        if output.json { return try Output.json(briefing) }
        let text = BriefingRenderer.render(briefing, as: format)
        guard let out else { return print(text, terminator: "") }
        try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        print("Wrote \(out): the \(format.rawValue) briefing for \(briefing.date)")
    }
}
