import ArgumentParser
import Foundation
import GembaKit

extension ActionPriority: ExpressibleByArgument {}
extension ActionStatus: ExpressibleByArgument {}
extension ActionOrigin: ExpressibleByArgument {}

/// What an action item is: shared by `action add` and `meeting action`.
struct ActionItemOptions: ParsableArguments {
    @Option(help: "What will be done.") var text: String
    @Option(help: "Who does it.") var owner: String
    @Option(help: "Due date (YYYY-MM-DD; default: today plus the priority's days in policies/meetings.yaml).") var due: String?
    @Option(help: "low, medium, high or critical.") var priority: ActionPriority = .medium

    func newItem(origin: ActionOrigin, reference: String? = nil, series: String? = nil) throws -> NewActionItem {
        NewActionItem(text: text, owner: owner, dueOn: try due.map { try DayArgument.parse($0, "--due") }, priority: priority, origin: origin,
                      reference: reference, series: series)
    }
}

struct ActionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "Open action items with days overdue and escalation level, most escalated first. With --overdue, exits 1 when any is overdue (for cron).")

    @Option(help: "Only this owner.") var owner: String?
    @Flag(help: "Only items past their due date.") var overdue = false
    @Option(help: "Only this origin: meeting, audit, capa, board, other.") var origin: ActionOrigin?
    @Option(help: "Only items carried by this meeting series.") var series: String?
    @Flag(help: "Also items done or cancelled.") var all = false
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let query = ActionQuery(owner: owner, overdueOnly: overdue, origin: origin, series: series, includeClosed: all)
        let items = try registerOptions.open().actionItems(query)
        if output.json { try Output.json(items) } else { ActionPrinters.list(items, empty: overdue ? "No action item is overdue." : "No action item.") }
        if overdue && !items.isEmpty { throw ExitCode(1) }
    }
}

struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action", abstract: "Add, update, comment, complete and cancel action items.",
        subcommands: [ActionAdd.self, ActionUpdate.self, ActionComment.self, ActionDone.self, ActionCancel.self, ActionShow.self])
}

struct ActionAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an action item. Prints its ID (ACT-YYYY-NNNN).")

    @OptionGroup var item: ActionItemOptions
    @Option(help: "meeting, audit, capa, board or other.") var origin: ActionOrigin = .other
    @Option(help: "The record it comes from: meeting, audit or finding, CAPA or CAPA action, BOARD document; free text for other.") var reference: String?
    @Option(help: "A meeting series whose meetings carry the item.") var series: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let view = try registerOptions.open().addActionItem(try item.newItem(origin: origin, reference: reference, series: series), by: try actor.username())
        try ActionPrinters.added(view, output.json)
    }
}

struct ActionUpdate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Change an open item: status open or in_progress (owner); text, owner, due date, priority, series (meeting.manage).")

    @Argument var id: String
    @Option(help: "open or in_progress.") var status: ActionStatus?
    @Option(help: "New text.") var text: String?
    @Option(help: "New owner.") var owner: String?
    @Option(help: "New due date (YYYY-MM-DD; needs --reason).") var due: String?
    @Option(help: "New priority.") var priority: ActionPriority?
    @Option(help: "The meeting series that carries it.") var series: String?
    @Option(help: "Why (recorded in the audit trail).") var reason: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let change = ActionChange(
            status: status, text: text, owner: owner, dueOn: try due.map { try DayArgument.parse($0, "--due") }, priority: priority, series: series,
            reason: reason)
        let view = try registerOptions.open().updateActionItem(id, change, by: try actor.username())
        try ActionPrinters.changed(view, output.json)
    }
}

struct ActionComment: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "comment", abstract: "Comment on an action item.")

    @Argument var id: String
    @Option(help: "The comment.") var text: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let comment = try registerOptions.open().commentOnAction(id, text: text, by: try actor.username())
        if output.json { return try Output.json(comment) }
        print("\(id.uppercased()): comment C\(comment.number) recorded")
    }
}

struct ActionDone: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "done", abstract: "Close an item as done (its owner or meeting.manage).")

    @Argument var id: String
    @Option(help: "What was done.") var note: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try ActionPrinters.changed(try registerOptions.open().completeAction(id, note: note, by: try actor.username()), output.json)
    }
}

struct ActionCancel: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel an item that is no longer needed (meeting.manage).")

    @Argument var id: String
    @Option(help: "Why it is no longer needed.") var reason: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try ActionPrinters.changed(try registerOptions.open().cancelAction(id, reason: reason, by: try actor.username()), output.json)
    }
}

struct ActionShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an action item with its comments and the meetings that carried it.")

    @Argument var id: String
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let detail = try registerOptions.open().actionItem(id)
        if output.json { return try Output.json(detail) }
        ActionPrinters.detail(detail)
    }
}
