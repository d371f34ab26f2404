import ArgumentParser
import Foundation
import GembaKit

struct MeetingSeriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series", abstract: "Meeting series (tier-1/2/3 daily, weekly and monthly reviews).", subcommands: [SeriesAdd.self, SeriesList.self])
}

struct SeriesAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Start a meeting series of a kind in policies/meetings.yaml.")

    @Argument(help: "The series' key, e.g. T1-L2 or OPS-WEEKLY.") var key: String
    @Option(help: "The kind (policies/meetings.yaml), e.g. tier-1, ops-review.") var kind: String
    @Option(help: "The line, for a kind with scope line.") var line: String?
    @Option(help: "Title (default: the kind's name and the line).") var title: String?
    @Option(help: "Who chairs its meetings.") var facilitator: String
    @Option(help: "Invited besides the kind's default attendees; repeat.") var member: [String] = []
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let new = NewMeetingSeries(id: key, kind: kind, title: title, line: line, facilitator: facilitator, members: member)
        let view = try registerOptions.open().addMeetingSeries(new, by: try actor.username())
        if output.json { return try Output.json(view) }
        print("\(view.id): \(view.title); members: \(view.members.joined(separator: ", "))")
    }
}

struct SeriesList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The meeting series.")

    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let series = try registerOptions.open().meetingSeries()
        if output.json { return try Output.json(series) }
        if series.isEmpty { return print("No meeting series.") }
        Output.table(["SERIES", "KIND", "LINE", "FACILITATOR", "MEETINGS", "LAST", "TITLE"], series.map { s in
            [s.id, s.kind, s.line ?? "-", s.facilitator, String(s.meetings), s.lastMeeting ?? "-", Output.clip(s.title, 45)]
        })
    }
}
