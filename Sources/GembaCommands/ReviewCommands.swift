import ArgumentParser
import Foundation
import GembaKit

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "Route documents through review and approval; periodic reviews.",
        subcommands: [ReviewStart.self, ReviewSign.self, ReviewReject.self, ReviewConclude.self, ReviewInbox.self, ReviewOpen.self, ReviewDue.self, ReviewOverdue.self])
}

extension SignatureMeaning: ExpressibleByArgument {}
extension PeriodicOutcome: ExpressibleByArgument {}

struct ReviewStart: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Send a draft for review (the author signs it as authored), or start a periodic review with --periodic.")

    @Argument var id: String
    @Flag(help: "Start the periodic review of the effective revision.") var periodic = false
    @Option(help: "The date the revision becomes effective once approved (YYYY-MM-DD; default: at approval).") var effective: String?
    @OptionGroup var password: PasswordOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if periodic && effective != nil { throw ValidationError("--effective applies to a new revision, not to a periodic review") }
    }

    func run() throws {
        let register = try registerOptions.open()
        let username = try actor.username()
        let cycle: ReviewCycleView
        if periodic {
            cycle = try register.startPeriodicReview(id.uppercased(), by: username)
        } else {
            var day: Day?
            if let effective {
                guard let parsed = Day(effective) else { throw GembaError(.invalidInput, "--effective '\(effective)' is not a date YYYY-MM-DD") }
                day = parsed
            }
            let secret = try password.password(for: username)
            cycle = try register.startRevisionReview(id.uppercased(), effectiveOn: day, signer: SignerCredentials(username: username, password: secret))
        }
        if output.json { return try Output.json(cycle) }
        print("\(cycle.document) rev \(cycle.revision): \(cycle.kind) review started; waiting for '\(cycle.step ?? "-")' (\(cycle.stepRole ?? "-")), due \(cycle.stepDue ?? "-")")
    }
}

struct ReviewSign: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sign", abstract: "Sign the open review step of a document with your password.")

    @Argument var id: String
    @Option(help: "What the signature means: reviewed, approved or responsibility (must match the step).") var meaning: SignatureMeaning
    @Option(help: "A comment recorded with the signature.") var comment: String?
    @OptionGroup var password: PasswordOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let username = try actor.username()
        let secret = try password.password(for: username)
        let result = try register.sign(id.uppercased(), meaning: meaning, signer: SignerCredentials(username: username, password: secret), comment: comment)
        if output.json { return try Output.json(result) }
        print("Signed \(result.document) rev \(result.revision): \(result.signature.manifestation)")
        if let next = result.nextStep { print("Next step: \(next)") }
        if let status = result.revisionStatus {
            switch status {
            case "effective": print("\(result.document) rev \(result.revision) is effective from \(result.effectiveDate ?? "-") (tag \(result.tag ?? "-"))")
            case "approved": print("\(result.document) rev \(result.revision) is approved; it becomes effective on \(result.effectiveDate ?? "-")")
            default: print("\(result.document) rev \(result.revision) is now \(status)")
            }
        } else if result.cycleStatus == "concluded" {
            print("Periodic review of \(result.document) concluded with no change")
        }
    }
}

struct ReviewReject: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject the open review; the revision returns to draft with your comment.")

    @Argument var id: String
    @Option(help: "Why it is rejected.") var comment: String
    @OptionGroup var password: PasswordOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let username = try actor.username()
        let secret = try password.password(for: username)
        let cycle = try register.reject(id.uppercased(), comment: comment, signer: SignerCredentials(username: username, password: secret))
        if output.json { return try Output.json(cycle) }
        print("Rejected \(cycle.document) rev \(cycle.revision): back to draft (\(comment))")
    }
}

struct ReviewConclude: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conclude", abstract: "End a periodic review with revise (opens a draft) or retire (asks approval to obsolete).")

    @Argument var id: String
    @Option(help: "revise or retire. (\"No change\" is concluded by signing the route.)") var outcome: PeriodicOutcome
    @Option(help: "Why.") var reason: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let cycle = try registerOptions.open().concludePeriodicReview(id.uppercased(), outcome: outcome, reason: reason, by: try actor.username())
        if output.json { return try Output.json(cycle) }
        print("Periodic review of \(cycle.document) concluded: \(outcome.rawValue)")
    }
}

struct ReviewInbox: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inbox", abstract: "Review steps waiting for your signature.")

    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let items = try registerOptions.open().inbox(for: try actor.username())
        if output.json { return try Output.json(items) }
        if items.isEmpty { return print("Nothing waits for your signature.") }
        Output.table(["DOCUMENT", "REV", "KIND", "STEP", "SIGNED", "DUE", "LATE", "TITLE"], items.map { item in
            let c = item.cycle
            return [c.document, c.revision, c.kind, c.step ?? "-", "\(c.stepSignaturesGiven ?? 0)/\(c.stepSignaturesNeeded ?? 0)", item.stepDue,
                    item.daysOverdue > 0 ? "\(item.daysOverdue) d" : "", Output.clip(c.title, 50)]
        })
    }
}

struct ReviewOpen: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "List every open review cycle.")

    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let cycles = try registerOptions.open().openReviewCycles()
        if output.json { return try Output.json(cycles) }
        Printers.cycles(cycles)
    }
}

struct ReviewDue: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "due", abstract: "Periodic reviews due within a number of days (overdue ones first).")

    @Option(help: "Days ahead to look (default: policies/register.yaml reviews.due_soon_days).") var within: Int?
    @OptionGroup var listing: ListLimitOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let within, within < 0 || within > 3650 { throw ValidationError("--within must be 0 to 3650 days") }
    }

    func run() throws {
        let register = try registerOptions.open()
        let days = within ?? register.policies.settings.dueSoonDays
        let due = try register.reviewsDue(withinDays: days, limit: listing.first)
        if output.json { return try Output.json(due) }
        Printers.due(due, what: "due within \(days) days", empty: "No periodic review is due within \(days) days.")
    }
}

struct ReviewOverdue: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overdue", abstract: "Periodic reviews past their due date, most overdue first. Exits 1 when there are any (for cron).")

    @OptionGroup var listing: ListLimitOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let overdue = try registerOptions.open().reviewsOverdue(limit: listing.first)
        if output.json { try Output.json(overdue) } else { Printers.due(overdue, what: "overdue", empty: "No periodic review is overdue.") }
        if overdue.total > 0 { throw ExitCode(1) }
    }
}
