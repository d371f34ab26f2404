import ArgumentParser
import Foundation
import GembaKit

struct TrailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trail", abstract: "Show the audit trail (who, when, what, old and new values, why).")

    @Option(help: "Only entries about this document (with its revisions, reviews, signatures) or user.") var entity: String?
    @Option(help: "Only the last N entries.") var limit: Int?
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let entries = try registerOptions.open().trail(entity: entity, limit: limit)
        if output.json { return try Output.json(entries) }
        for entry in entries {
            print("#\(entry.seq) \(entry.at) \(entry.actor) \(entry.action) \(entry.entityType) \(entry.entityId)\(entry.reason.map { " - \($0)" } ?? "")")
            for change in entry.changes { print("    \(Output.clip(change, 160))") }
        }
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check the whole register: database, audit trail, git objects, tags, drafts and signatures.")

    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let report = try Register.openForVerification(at: registerOptions.url).verify()
        if output.json { try Output.json(report) } else { Printers.verification(report) }
        if !report.isClean { throw ExitCode(1) }
    }
}

struct RepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair", abstract: "Fix what an interrupted write can leave behind, and report what was done.")

    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let report = try Register.open(at: registerOptions.url).repair()
        if output.json { try Output.json(report) } else {
            if report.actions.isEmpty { print("Nothing to repair.") }
            for action in report.actions { print("repaired: \(action)") }
            Printers.verification(report.after)
        }
        if !report.after.isClean { throw ExitCode(1) }
    }
}
