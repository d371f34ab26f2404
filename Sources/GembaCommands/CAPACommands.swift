import ArgumentParser
import Foundation
import GembaKit

struct CAPACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capa", abstract: "Corrective actions: containment, root cause, actions, verification, effectiveness, closure.",
        subcommands: [CAPANew.self, CAPAList.self, CAPAShow.self, CAPAContain.self, CAPARootCause.self, CAPAActionCommand.self, CAPAVerify.self,
                      CAPAEffectiveness.self, CAPAClose.self, CAPAOverdue.self, CAPAAgingCommand.self])
}

extension CAPASource: ExpressibleByArgument {}
extension CAPAState: ExpressibleByArgument {}
extension CauseCategory: ExpressibleByArgument {}
extension EffectivenessResult: ExpressibleByArgument {}
extension CAPASignatureMeaning: ExpressibleByArgument {}

struct CAPANew: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "Open a CAPA for findings, or on its own. Prints its ID (CAPA-YYYY-NNN).")

    @Option(help: "Title.") var title: String
    @Option(help: "A finding it answers (AUD-.../F<n>); repeat for several.") var finding: [String] = []
    @Option(help: "Without findings: customer-complaint, safety-incident, internal or supplier.") var source: CAPASource?
    @Option(help: "The complaint, incident or report number.") var reference: String?
    @Option(help: "major, minor, observation, ofi (default: the most serious grade of the findings).") var grade: FindingGrade?
    @Option(help: "Who owns the CAPA (default: the first finding's owner).") var owner: String?
    @Option(help: "The problem statement: what, where, when, how many.") var problem: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let new = NewCAPA(title: title, findings: finding, source: source, sourceReference: reference, grade: grade, owner: owner, problem: problem)
        let register = try registerOptions.open()
        let id = try register.openCAPA(new, by: try actor.username())
        if output.json { return try Output.json(try register.capaView(id)) }
        print(id)
    }
}

struct CAPAList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List CAPAs, newest first.")

    @Option(help: "Only this state.") var state: CAPAState?
    @Option(help: "Only this owner.") var owner: String?
    @Flag(help: "Leave out closed CAPAs.") var open = false
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        try register.recordRead("capas", what: "capa list", by: actor.optionalUsername)
        let capas = try register.capas(state: state, owner: owner, openOnly: open)
        if output.json { return try Output.json(capas) }
        if capas.isEmpty { return print("No CAPA.") }
        Output.table(["CAPA", "GRADE", "STATE", "OWNER", "OPENED", "DAYS", "NEXT DUE", "TITLE"], capas.map { c in
            [c.id, c.grade, c.state, c.owner, c.openedOn, String(c.openDays), c.nextDue ?? "-", Output.clip(c.title, 50) + (c.reopened > 0 ? " [reopened \(c.reopened)x]" : "")]
        })
    }
}

struct CAPAShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a CAPA: problem, containment, root cause, actions, signatures.")

    @Argument var id: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let view = try register.capaView(id)
        try register.recordRead(view.summary.id, what: "capa show", by: actor.optionalUsername)
        if output.json { return try Output.json(view) }
        CAPAPrinters.capa(view)
    }
}

struct CAPAContain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "contain", abstract: "Record the containment and its date (open -> contained).")

    @Argument var id: String
    @Option(help: "What was done at once (sorted, quarantined, stopped...).") var action: String
    @Option(help: "The day it was in place (YYYY-MM-DD; default: today).") var date: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let day = try date.map { try DayArgument.parse($0, "--date") }
        let view = try registerOptions.open().containCAPA(id.uppercased(), containment: action, on: day, by: try actor.username())
        try CAPAPrinters.done(view, output.json)
    }
}

struct CAPARootCause: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "root-cause", abstract: "Record the root cause: the whys, the cause and its category.")

    @Argument var id: String
    @Option(help: "One answer to \"why?\", first to last; repeat (1 to 5).") var why: [String] = []
    @Option(help: "The root cause.") var cause: String
    @Option(help: "man, machine, method, material, measurement or environment.") var category: CauseCategory
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let view = try registerOptions.open().recordRootCause(id.uppercased(), whys: why, rootCause: cause, category: category, by: try actor.username())
        try CAPAPrinters.done(view, output.json)
    }
}

struct CAPAActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "action", abstract: "Plan and complete a CAPA's actions.", subcommands: [CAPAActionAdd.self, CAPAActionDone.self])
}

struct CAPAActionAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Plan an action. Prints its ID (CAPA-.../A<n>).")

    @Argument var id: String
    @Option(help: "What will be done (default with --revise: \"Revise DOCUMENT\").") var action: String?
    @Option(help: "Who does it.") var owner: String
    @Option(help: "Due date (YYYY-MM-DD; default: the CAPA's completion deadline).") var due: String?
    @Option(help: "A document to revise: the action completes when its next revision becomes effective.") var revise: String?
    @Option(help: "With --revise: the revision letter that must become effective.") var revision: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if action == nil && revise == nil { throw ValidationError("say what will be done with --action (or --revise DOCUMENT)") }
    }

    func run() throws {
        let text = action ?? "Revise \(revise?.uppercased() ?? "")\(revision.map { " to rev \($0.uppercased())" } ?? "")"
        let new = NewCAPAAction(description: text, owner: owner, dueOn: try due.map { try DayArgument.parse($0, "--due") }, document: revise, revision: revision)
        let added = try registerOptions.open().addCAPAAction(id.uppercased(), new, by: try actor.username())
        if output.json { return try Output.json(added) }
        print(added.id)
    }
}

struct CAPAActionDone: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "done", abstract: "Complete an action with the evidence that it was done.")

    @Argument(help: "The action, e.g. CAPA-2026-004/A2.") var action: String
    @Option(help: "The completion evidence (work order, record, training list...).") var evidence: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let done = try register.completeCAPAAction(action.uppercased(), evidence: evidence, by: try actor.username())
        if output.json { return try Output.json(done) }
        print("\(done.id) is done; \(done.capa) is \(try register.capaView(done.capa).summary.state)")
    }
}

struct CAPAVerify: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Sign that the actions were done (meaning \"verified\"); starts the effectiveness clock.")

    @Argument var id: String
    @Option(help: "A comment recorded with the signature.") var comment: String?
    @OptionGroup var password: PasswordOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let view = try register.verifyCAPA(id.uppercased(), signer: try CAPAPrinters.signer(actor, password), comment: comment)
        try CAPAPrinters.signed(view, output.json)
    }
}

struct CAPAEffectiveness: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "effectiveness", abstract: "Sign the effectiveness check: effective, or not-effective (reopens the CAPA).")

    @Argument var id: String
    @Option(help: "effective or not-effective.") var result: EffectivenessResult
    @Option(help: "What was checked or found (needed for not-effective).") var comment: String?
    @OptionGroup var password: PasswordOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let view = try register.checkCAPAEffectiveness(id.uppercased(), result: result, signer: try CAPAPrinters.signer(actor, password), comment: comment)
        try CAPAPrinters.signed(view, output.json)
    }
}

struct CAPAClose: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close an effective CAPA, signed by the quality role.")

    @Argument var id: String
    @Option(help: "approved or responsibility.") var meaning: CAPASignatureMeaning = .approved
    @Option(help: "A comment recorded with the signature.") var comment: String?
    @OptionGroup var password: PasswordOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let view = try register.closeCAPA(id.uppercased(), meaning: meaning, signer: try CAPAPrinters.signer(actor, password), comment: comment)
        try CAPAPrinters.signed(view, output.json)
    }
}

struct CAPAOverdue: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overdue", abstract: "CAPA plans, actions and effectiveness checks past due, most overdue first. Exits 1 when there are any (for cron).")

    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        try register.recordRead("capas", what: "capa overdue", by: actor.optionalUsername)
        let overdue = try register.capaOverdue()
        if output.json { try Output.json(overdue) } else { CAPAPrinters.late(overdue, empty: "No CAPA item is overdue.") }
        if !overdue.isEmpty { throw ExitCode(1) }
    }
}

struct CAPAAgingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "aging", abstract: "Open CAPAs' open days by grade and by owner.")

    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        try register.recordRead("capas", what: "capa aging", by: actor.optionalUsername)
        let aging = try register.capaAging()
        if output.json { return try Output.json(aging) }
        print("Open CAPAs on \(aging.asOf): \(aging.openCount)")
        for (title, groups) in [("By grade", aging.byGrade), ("By owner", aging.byOwner)] where !groups.isEmpty {
            print("")
            print("\(title):")
            Output.table(["", "OPEN", "AVG DAYS", "OLDEST", "0-30", "31-60", "61-90", ">90"], groups.map { g in
                [g.name, String(g.count), String(format: "%.1f", g.averageOpenDays), String(g.oldestOpenDays),
                 String(g.buckets["0-30"] ?? 0), String(g.buckets["31-60"] ?? 0), String(g.buckets["61-90"] ?? 0), String(g.buckets["over 90"] ?? 0)]
            })
        }
    }
}

enum CAPAPrinters {
    static func signer(_ actor: ActorOptions, _ password: PasswordOptions) throws -> SignerCredentials {
        let username = try actor.username()
        return SignerCredentials(username: username, password: try password.password(for: username))
    }

    static func done(_ view: CAPAView, _ json: Bool) throws {
        if json { return try Output.json(view) }
        print("\(view.summary.id) is \(view.summary.state.replacingOccurrences(of: "_", with: " "))")
        if let next = view.nextStep { print("Next: \(next)") }
    }

    static func signed(_ view: CAPAView, _ json: Bool) throws {
        if json { return try Output.json(view) }
        if let signature = view.signatures.last { print("Signed \(view.summary.id): \(signature.manifestation)") }
        try done(view, false)
    }

    static func late(_ items: [LateItem], empty: String) {
        if items.isEmpty { return print(empty) }
        Output.table(["KIND", "REFERENCE", "DUE", "DAYS OVERDUE", "OWNER", "WHAT"], items.map { item in
            [item.kind, item.reference, item.dueDate, item.daysOverdue > 0 ? String(item.daysOverdue) : "due in \(-item.daysOverdue) d",
             item.owner ?? "-", Output.clip(item.title, 60)]
        })
    }

    static func capa(_ view: CAPAView) {
        let c = view.summary
        print("\(c.id): \(c.title)")
        print("Grade: \(view.gradeName)   Source: \(c.source)\(view.sourceReference.map { " \($0)" } ?? "")\(view.findings.isEmpty ? "" : " (\(view.findings.joined(separator: ", ")))")")
        print("Owner: \(c.ownerName) (\(c.owner))   State: \(c.state)\(c.reopened > 0 ? " (reopened \(c.reopened)x)" : "")   Open \(c.openDays) days")
        print("Opened: \(view.openedAt) by \(view.openedBy)   Plan due: \(view.planDue)   Complete due: \(view.completeDue)"
              + (view.effectivenessDue.map { "   Effectiveness check due: \($0)" } ?? ""))
        print("")
        print("Problem: \(view.problem)")
        if let containment = view.containment { print("Containment (\(view.containedOn ?? "-")): \(containment)") }
        if let cause = view.rootCause {
            print("Root cause [\(view.causeCategory ?? "-")]: \(cause)")
            for (index, why) in view.whys.enumerated() { print("  Why \(index + 1): \(why)") }
        }
        if !view.actions.isEmpty {
            print("Actions:")
            for a in view.actions {
                let late = (a.daysOverdue ?? 0) > 0 ? "  OVERDUE \(a.daysOverdue ?? 0) d" : ""
                print("  \(a.id)  \(a.status)  due \(a.dueOn)  \(a.ownerName) (\(a.owner))\(late)")
                print("    \(a.description)\(a.document.map { " [completes when \($0)\(a.documentRevision.map { " rev \($0)" } ?? "") becomes effective]" } ?? "")")
                if let evidence = a.evidence { print("    Evidence: \(evidence) (\(a.doneBy ?? "-"), \(a.doneAt ?? "-"))") }
            }
        }
        if !view.signatures.isEmpty {
            print("Signatures:")
            for s in view.signatures {
                let mark = s.contentVerified == false ? "  [SIGNED CONTENT DOES NOT MATCH: run gemba verify]" : ""
                print("  \(s.manifestation) (\(s.step))\(s.comment.map { ": \($0)" } ?? "")\(mark)")
            }
        }
        if let next = view.nextStep { print("Next: \(next)") }
    }
}
