import ArgumentParser
import Foundation
import GembaKit

struct NoticesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notices", abstract: "The outbox of schedule notices to stakeholders, and their delivery.",
        subcommands: [NoticesList.self, NoticesDeliver.self], defaultSubcommand: NoticesList.self)
}

struct NoticesList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Notices, newest first, with their delivery attempts.")

    @Flag(help: "Only notices still to be delivered.") var pending = false
    @Option(help: "Only notices about this event.") var event: String?
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let notices = try registerOptions.open().notices(pendingOnly: pending, event: event)
        if output.json { return try Output.json(notices) }
        if notices.isEmpty { return print(pending ? "No notice is waiting for delivery." : "No notice.") }
        Output.table(["NOTICE", "EVENT", "CHANGE", "TO", "STATUS", "TRIES", "NEXT TRY", "LAST RESULT", "SUBJECT"], notices.map { n in
            [String(n.id), n.event, n.change.rawValue, n.stakeholder, n.status.rawValue, String(n.attempts), n.nextAttemptAt ?? "-",
             Output.clip(n.attemptLog.last.map { "\($0.channel) \($0.outcome): \($0.detail)" } ?? "-", 40), Output.clip(n.subject, 60)]
        })
    }
}

struct NoticesDeliver: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver", abstract: "Send the pending notices that are due (webhook, e-mail); failures wait for their retry. Exits 1 when any failed.")

    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let report = try registerOptions.open().deliverNotices(by: actor.optionalUsername)
        if output.json {
            try Output.json(report)
        } else {
            for attempt in report.attempts { print("\(attempt.at) \(attempt.channel) \(attempt.target): \(attempt.outcome) (\(attempt.detail))") }
            print("Delivered \(report.delivered.count), failed and waiting for a retry \(report.retrying.count), not yet due \(report.waiting)")
            if report.claimedElsewhere > 0 { print("\(report.claimedElsewhere) due notice(s) were being sent by another `notices deliver`") }
        }
        if !report.retrying.isEmpty { throw ExitCode(1) }
    }
}
