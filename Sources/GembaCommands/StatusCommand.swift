import ArgumentParser
import Foundation
import GembaKit

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "What is late and what is due soon across the register. Exits 1 when anything is overdue (for cron).")

    @Option(help: "Days ahead counted as due soon.") var within: Int = 30
    @OptionGroup var listing: ListLimitOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if within < 0 || within > 3650 { throw ValidationError("--within must be 0 to 3650 days") }
    }

    func run() throws {
        let status = try registerOptions.open().status(withinDays: within, limit: listing.first)
        if output.json {
            try Output.json(status)
        } else {
            print("Status on \(status.asOf): \(Output.grouped(status.overdueCount)) overdue, \(Output.grouped(status.dueSoonCount)) due within \(within) days")
            if !status.kinds.isEmpty {
                print("")
                Output.table(["KIND", "OVERDUE", "DUE SOON"], status.kinds.map { [$0.kind, Output.grouped($0.overdue), Output.grouped($0.dueSoon)] })
            }
            for (heading, items, total) in [("Overdue", status.overdue, status.overdueCount), ("Due within \(within) days", status.dueSoon, status.dueSoonCount)]
            where !items.isEmpty {
                print("")
                print("== \(heading) ==")
                Output.table(["KIND", "REFERENCE", "DUE", "LATE", "OWNER", "WHAT"], items.map { item in
                    [item.kind, item.reference, item.dueDate, item.daysOverdue > 0 ? "\(item.daysOverdue) d" : "in \(-item.daysOverdue) d",
                     item.owner ?? "-", Output.clip(item.title, 70)]
                })
                if items.count < total { print(Output.more(total - items.count, of: total, what: heading == "Overdue" ? "overdue" : "due soon")) }
            }
        }
        if status.overdueCount > 0 { throw ExitCode(1) }
    }
}
