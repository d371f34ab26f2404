import ArgumentParser
import Foundation
import GembaKit

struct MeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: "Meeting series, meetings, attendance, status updates, decisions, action items and minutes.",
        subcommands: [MeetingSeriesCommand.self, MeetingNew.self, MeetingList.self, MeetingShow.self, MeetingAttend.self, MeetingUpdate.self,
                      MeetingDecide.self, MeetingAction.self, MeetingClose.self, MeetingMinutesCommand.self])
}

extension AttendanceStatus: ExpressibleByArgument {}
extension UpdateRating: ExpressibleByArgument {}
extension MinutesFormat: ExpressibleByArgument {}

struct MeetingNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Plan a meeting of a series: the agenda template plus the open action items it carries over. Prints its ID.")

    @Argument(help: "The series, e.g. T1-L2.") var series: String
    @Option(help: "The meeting's day (YYYY-MM-DD; default: today).") var date: String?
    @Option(help: "Who chairs it (default: the series' facilitator).") var facilitator: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let day = try date.map { try DayArgument.parse($0, "--date") }
        let view = try register.newMeeting(series: series, on: day, facilitator: facilitator, by: try actor.username())
        if output.json { return try Output.json(view) }
        print(view.summary.id)
        let carried = view.agenda.filter { $0.action != nil }.count
        if carried > 0 { print("\(carried) open action item(s) carried into the agenda") }
    }
}

struct MeetingList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Meetings, newest first.")

    @Option(help: "Only this series.") var series: String?
    @Option(help: "From this day (YYYY-MM-DD).") var from: String?
    @Option(help: "To this day (YYYY-MM-DD).") var to: String?
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let meetings = try registerOptions.open().meetings(
            series: series, from: try from.map { try DayArgument.parse($0, "--from") }, to: try to.map { try DayArgument.parse($0, "--to") })
        if output.json { return try Output.json(meetings) }
        if meetings.isEmpty { return print("No meeting.") }
        Output.table(["MEETING", "DATE", "STATUS", "FACILITATOR", "PRESENT", "DECISIONS", "ACTIONS", "SERIES"], meetings.map { m in
            [m.id, m.heldOn, m.status, m.facilitator, String(m.present), String(m.decisions), String(m.actionsRaised), Output.clip(m.title, 40)]
        })
    }
}

struct MeetingShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a meeting: attendance, agenda, updates, decisions, actions.")

    @Argument var id: String
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let view = try registerOptions.open().meetingView(id)
        if output.json { return try Output.json(view) }
        MeetingPrinters.meeting(view)
    }
}

struct MeetingAttend: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attend", abstract: "Record attendance (a person not invited joins as a guest).")

    @Argument var id: String
    @Option(help: "Present (user name); repeat or separate with commas.") var present: [String] = []
    @Option(help: "Absent without notice.") var absent: [String] = []
    @Option(help: "Excused.") var excused: [String] = []
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        var attendance: [String: AttendanceStatus] = [:]
        for (names, status) in [(present, AttendanceStatus.present), (absent, .absent), (excused, .excused)] {
            for name in names.flatMap({ $0.split(separator: ",") }).map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
                if attendance[name] != nil { throw GembaError(.invalidInput, "\(name) is named twice") }
                attendance[name] = status
            }
        }
        let view = try registerOptions.open().recordAttendance(id, attendance, by: try actor.username())
        if output.json { return try Output.json(view) }
        print("\(view.summary.id): \(view.summary.present) present; " + MeetingPrinters.attendanceLine(view))
    }
}

struct MeetingUpdate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "update", abstract: "Record a status update of a line or function.")

    @Argument var id: String
    @Option(help: "The line or function reporting (L1, Maintenance, Quality...).") var subject: String
    @Option(help: "The agenda item it belongs to (Safety, Delivery...).") var topic: String?
    @Option(help: "green, amber or red.") var rating: UpdateRating?
    @Option(help: "The update.") var text: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let view = try registerOptions.open().addStatusUpdates(
            id, [NewStatusUpdate(subject: subject, topic: topic, rating: rating, text: text)], by: try actor.username())
        if output.json { return try Output.json(view) }
        print("\(view.summary.id): update U\(view.updates.last?.number ?? 0) recorded")
    }
}

struct MeetingDecide: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "decide", abstract: "Record a decision.")

    @Argument var id: String
    @Option(help: "The decision.") var text: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let number = try register.recordDecision(id, text: text, by: try actor.username())
        if output.json { return try Output.json(try register.meetingView(id)) }
        print("\(id.uppercased()): decision D\(number) recorded")
    }
}

struct MeetingAction: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "action", abstract: "Raise an action item in the meeting. Prints its ID (ACT-YYYY-NNNN).")

    @Argument var id: String
    @OptionGroup var item: ActionItemOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let view = try registerOptions.open().raiseAction(in: id, try item.newItem(origin: .meeting), by: try actor.username())
        try ActionPrinters.added(view, output.json)
    }
}

struct MeetingClose: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close", abstract: "Issue the minutes: attendance not recorded becomes absent, and the meeting can no longer change.")

    @Argument var id: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let view = try registerOptions.open().closeMeeting(id, by: try actor.username())
        if output.json { return try Output.json(view) }
        print("\(view.summary.id): minutes issued by \(view.issuedByName ?? "-") at \(view.issuedAt ?? "-")")
    }
}

struct MeetingMinutesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "minutes", abstract: "Export the minutes as Markdown or self-contained HTML.")

    @Argument var id: String
    @Option(help: "markdown or html.") var format: MinutesFormat = .markdown
    @Option(help: "Write to this file instead of standard output.") var out: String?
    @OptionGroup var registerOptions: RegisterOptions

    func run() throws {
        let minutes = try registerOptions.open().meetingMinutes(id, format: format)
        guard let out else { return print(minutes, terminator: "") }
        try Data(minutes.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        print("Wrote \(out)")
    }
}
