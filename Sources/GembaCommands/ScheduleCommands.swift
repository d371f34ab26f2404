import ArgumentParser
import Foundation
import GembaKit

extension ScheduleKind: ExpressibleByArgument {}
extension ScheduleStatus: ExpressibleByArgument {}

/// `--line L1,L2` or `--line L1 --line L2`.
func splitList(_ values: [String]) -> [String] {
    values.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
}

struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule", abstract: "Plan shutdowns, engineering changes, training, audits and production changes; find conflicts; publish a calendar.",
        subcommands: [
            ScheduleAdd.self, ScheduleUpdate.self, ScheduleCancel.self, ScheduleList.self, ScheduleShow.self, ScheduleConflicts.self,
            ScheduleICS.self, ScheduleWeek.self, ScheduleMonth.self, ScheduleChanges.self,
        ])
}

/// The fields `schedule add` and `schedule update` share.
struct ScheduleFieldOptions: ParsableArguments {
    @Option(help: "What happens (one line).") var title: String?
    @Option(help: "Lines or areas (L1,L2 or repeated).") var line: [String] = []
    @Option(help: "Start: 2027-01-07T06:00:00Z, with an offset, or local 2027-01-07 07:00 in the plant's time zone.") var start: String?
    @Option(help: "End, like --start.") var end: String?
    @Option(help: "Who is responsible.") var owner: String?
    @Option(help: "Stakeholder groups to tell besides those following the kind and lines (policies/notifications.yaml).") var stakeholder: [String] = []
    @Option(help: "Engineering changes: the ECO number.") var eco: String?
    @Option(help: "Engineering changes: revisions brought into effect (SOP-0007/C); training events: documents trained (WI-0003).") var document: [String] = []
    @Option(help: "Training events: people taking part (user names, comma-separated or repeated).") var participant: [String] = []
    @Option(help: "A note shown in notices and the calendar.") var note: String?
}

struct ScheduleAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an event (schedule.manage). Prints its ID (EV-YYYY-NNNN).")

    @Option(help: "maintenance_shutdown, engineering_change, training_event, safety_audit, production_change or expedite.") var kind: ScheduleKind
    @OptionGroup var fields: ScheduleFieldOptions
    @Option(help: "planned or confirmed.") var status: ScheduleStatus = .planned
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let username = try actor.username()
        guard let title = fields.title, let start = fields.start, let end = fields.end else {
            throw GembaError(.invalidInput, "a new event needs --title, --start and --end")
        }
        let new = NewScheduleEvent(
            kind: kind, title: title, lines: splitList(fields.line), start: try register.scheduleTime(start, "--start"),
            end: try register.scheduleTime(end, "--end"), owner: fields.owner ?? username, status: status, stakeholders: splitList(fields.stakeholder),
            eco: fields.eco, documents: splitList(fields.document), participants: splitList(fields.participant), note: fields.note)
        let event = try register.addScheduleEvent(new, by: username)
        if output.json { return try Output.json(event) }
        print(event.id)
    }
}

struct ScheduleUpdate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Change an event (schedule.manage): only the options given change; --reason is required. Lists replace the old ones.")

    @Argument var event: String
    @OptionGroup var fields: ScheduleFieldOptions
    @Option(help: "confirmed or done.") var status: ScheduleStatus?
    @Option(help: "Why it changes (kept in the history and sent in the notices).") var reason: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        func list(_ values: [String]) -> [String]? { values.isEmpty ? nil : splitList(values) }
        let change = ScheduleEventChange(
            title: fields.title, lines: list(fields.line), start: try fields.start.map { try register.scheduleTime($0, "--start") },
            end: try fields.end.map { try register.scheduleTime($0, "--end") }, owner: fields.owner, status: status,
            stakeholders: list(fields.stakeholder), eco: fields.eco, documents: list(fields.document), participants: list(fields.participant),
            note: fields.note)
        let view = try register.updateScheduleEvent(event, change, reason: reason, by: try actor.username())
        if output.json { return try Output.json(view) }
        print("\(view.id) changed (sequence \(view.sequence)): \(view.status.rawValue), \(view.localStart) to \(view.localEnd)")
    }
}

struct ScheduleCancel: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel an event (schedule.manage); stakeholders are told.")

    @Argument var event: String
    @Option(help: "Why it is cancelled.") var reason: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let view = try registerOptions.open().cancelScheduleEvent(event, reason: reason, by: try actor.username())
        if output.json { return try Output.json(view) }
        print("\(view.id) cancelled (sequence \(view.sequence))")
    }
}

struct ScheduleList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Events overlapping a window, by start time.")

    @Option(help: "Only this line or area.") var line: String?
    @Option(help: "From this day (local midnight) or time.") var from: String?
    @Option(help: "Up to this day (exclusive, local midnight) or time.") var to: String?
    @Option(help: "Only this kind.") var kind: ScheduleKind?
    @Option(help: "Only events this stakeholder group is told about.") var stakeholder: String?
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let query = ScheduleQuery(
            line: line, from: try from.map { try register.scheduleBound($0, "--from") }, to: try to.map { try register.scheduleBound($0, "--to") },
            kind: kind, stakeholder: stakeholder)
        let events = try register.scheduleEvents(query)
        if output.json { return try Output.json(events) }
        SchedulePrinters.list(events, zone: try register.plantTime().zone.identifier)
    }
}

struct ScheduleShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "An event with its links, history and notices.")

    @Argument var event: String
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let detail = try registerOptions.open().scheduleEvent(event)
        if output.json { return try Output.json(detail) }
        SchedulePrinters.detail(detail)
    }
}

struct ScheduleConflicts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts", abstract: "Shutdowns overlapping shutdowns, production, training of the line's people, engineering changes or safety audits. Exits 1 when any.")

    @Option(help: "From this day or time (default: today).") var from: String?
    @Option(help: "Up to this day (exclusive) or time.") var to: String?
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let start = try from.map { try register.scheduleBound($0, "--from") } ?? register.scheduleBound(try register.plantToday().description, "--from")
        let conflicts = try register.scheduleConflicts(from: start, to: try to.map { try register.scheduleBound($0, "--to") })
        if output.json { try Output.json(conflicts) } else { SchedulePrinters.conflicts(conflicts) }
        if !conflicts.isEmpty { throw ExitCode(1) }
    }
}

struct ScheduleICS: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ics", abstract: "Write the schedule as an iCalendar (RFC 5545) file to subscribe to.")

    @Option(help: "Only this line or area.") var line: String?
    @Option(help: "Only events this stakeholder group is told about.") var stakeholder: String?
    @Option(help: "The .ics file to write (replaced atomically).") var out: String
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let url = URL(fileURLWithPath: out)
        let count = try registerOptions.open().writeScheduleCalendar(to: url, line: line, stakeholder: stakeholder)
        if output.json { return try Output.json(["file": url.path, "events": String(count)]) }
        print("Wrote \(count) event(s) to \(url.path)")
    }
}

struct ScheduleChanges: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "changes", abstract: "Every change of the schedule in the last hours: who, when, old, new, why.")

    @Option(help: "How many hours back (default 24).") var hours: Int = 24
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let changes = try registerOptions.open().scheduleChanges(since: Date().addingTimeInterval(-Double(max(hours, 0)) * 3600))
        if output.json { return try Output.json(changes) }
        SchedulePrinters.changes(changes, empty: "No schedule change in the last \(hours) h.")
    }
}
