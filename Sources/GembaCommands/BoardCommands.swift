import ArgumentParser
import Foundation
import GembaKit

struct BoardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boards", abstract: "Visual-management boards: KPI targets per line and the documents posted at each point of use.",
        subcommands: [BoardList.self, BoardShow.self, BoardCheck.self])
}

struct BoardList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The effective boards with their line and targets in force.")

    @Option(help: "Show the boards and targets in force on this day (YYYY-MM-DD; default today).") var date: String?
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let day = try date.map { try DayArgument.parse($0, "--date") }
        let register = try registerOptions.open()
        let shownDay = day ?? register.today()
        let boards = try register.boards(on: shownDay)
        if output.json { return try Output.json(boards) }
        guard !boards.isEmpty else { return print("No board was effective on \(shownDay).") }
        Output.table(["BOARD", "REV", "LINE", "TARGETS IN FORCE", "POSTED", "NEXT REVIEW", "TITLE"], boards.map { board in
            [board.id, board.revision, board.line ?? "-", String(board.targets(on: shownDay).count), String(board.posted.count),
             board.nextReviewDue ?? "-", Output.clip(board.title, 50)]
        })
    }
}

struct BoardShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "A board's targets with their periods and its postings.")

    @Argument(help: "Board document ID, e.g. BOARD-001.") var id: String
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let board = try register.board(id)
        if output.json { return try Output.json(board) }
        let today = register.today()
        print("\(board.id) rev \(board.revision): \(board.title)")
        print("Line: \(board.line ?? "-")   Area: \(board.area ?? "-")   Effective: \(board.effectiveOn)   Next review: \(board.nextReviewDue ?? "-")")
        print("")
        Output.table(["KPI", "TARGET", "DIRECTION", "FROM", "TO", "IN FORCE", "UNIT"], board.targets.map { target in
            [target.kpi, String(format: "%g", target.target), target.higherIsBetter ? "higher" : "lower", target.effectiveFrom, target.effectiveTo ?? "open",
             target.covers(today) ? "yes" : "", target.unit ?? ""]
        })
        if !board.posted.isEmpty {
            print("")
            Output.table(["POINT OF USE", "DOCUMENT", "REV POSTED"], board.posted.map { [$0.point, $0.document, $0.revision] })
        }
    }
}

struct BoardCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Drift on the boards: expired targets with no successor, posted revisions no longer effective, boards past review. Exits 1 when there is any.")

    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let drift = try registerOptions.open().boardDrift()
        if output.json {
            try Output.json(drift)
        } else if drift.isEmpty {
            print("No drift: every board has its targets in force, current postings and an up-to-date review.")
        } else {
            Output.table(["BOARD", "LINE", "KIND", "DAYS", "WHAT"], drift.map { item in
                [item.board, item.line ?? "-", item.kind.rawValue.replacingOccurrences(of: "_", with: " "), String(item.days), item.message]
            })
        }
        if !drift.isEmpty { throw ExitCode(1) }
    }
}
