import ArgumentParser
import Foundation
import GembaKit

struct TrainingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "training", abstract: "Read-and-understood training on document revisions: assignments, signatures, matrix.",
        subcommands: [
            TrainingList.self, TrainingSign.self, TrainingShow.self, TrainingMatrixCommand.self, TrainingDue.self, TrainingOverdue.self,
            TrainingRequire.self, TrainingRequirements.self,
        ])
}

struct TrainingList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Your open training assignments (or another person's with --user).")

    @Option(help: "Whose assignments (default: the acting user).") var user: String?
    @Flag(help: "Include signed and closed assignments.") var all = false
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let whose = try user ?? actor.username()
        let items = try registerOptions.open().trainingAssignments(for: whose, includeClosed: all)
        if output.json { return try Output.json(items) }
        if items.isEmpty { return print(all ? "\(whose) has no training assignments." : "Nothing to read for \(whose).") }
        TrainingPrinters.assignments(items, showPerson: false)
    }
}

struct TrainingSign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign", abstract: "Sign \"read and understood\" for the revision of a document you are assigned, with your password.")

    @Argument(help: "Document ID, e.g. SOP-0007.") var id: String
    @Option(help: "The revision, when both the effective and an approved revision await you.") var revision: String?
    @OptionGroup var password: PasswordOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let username = try actor.username()
        let secret = try password.password(for: username)
        let signed = try register.signTraining(id.uppercased(), revision: revision, signer: SignerCredentials(username: username, password: secret))
        if output.json { return try Output.json(signed) }
        print("Signed \(signed.reference): \(signed.acknowledgement?.manifestation ?? "read and understood")")
    }
}

struct TrainingShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Who must read a document, and everyone's assignment on its effective and approved revisions.")

    @Argument(help: "Document ID, e.g. SOP-0007.") var id: String
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let status = try registerOptions.open().trainingStatus(of: id.uppercased())
        if output.json { return try Output.json(status) }
        TrainingPrinters.requirement(status.requirement)
        if status.assignments.isEmpty { return print("No assignments.") }
        TrainingPrinters.assignments(status.assignments, showPerson: true)
        for item in status.assignments {
            if let acknowledgement = item.acknowledgement, !acknowledgement.contentVerified {
                print("\(item.reference) \(item.username): SIGNED CONTENT DOES NOT MATCH: run gemba verify")
            }
        }
    }
}

struct TrainingMatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix", abstract: "People by documents: trained, due or overdue, for everyone or one role or area.")

    @Option(help: "Only people holding this role.") var role: String?
    @Option(help: "Only people in this area or line (policies/training.yaml).") var area: String?
    @Flag(help: "Print CSV (one row per person, one column per document) for a spreadsheet.") var csv = false
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if csv && output.json { throw ValidationError("give --json or --csv, not both") }
    }

    func run() throws {
        let matrix = try registerOptions.open().trainingMatrix(role: role, area: area)
        if output.json { return try Output.json(matrix) }
        if csv { return print(matrix.csv(), terminator: "") }
        TrainingPrinters.matrix(matrix)
    }
}

struct TrainingDue: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "due", abstract: "Open training assignments due within a number of days (overdue ones first).")

    @Option(help: "Days ahead to look (default: policies/register.yaml reviews.due_soon_days).") var within: Int?
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let within, within < 0 || within > 3650 { throw ValidationError("--within must be 0 to 3650 days") }
    }

    func run() throws {
        let register = try registerOptions.open()
        let days = within ?? register.policies.settings.dueSoonDays
        let items = try register.trainingDue(withinDays: days)
        if output.json { return try Output.json(items) }
        if items.isEmpty { return print("No training is due within \(days) days.") }
        TrainingPrinters.assignments(items, showPerson: true)
    }
}

struct TrainingOverdue: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overdue", abstract: "Training assignments past their due date, most overdue first. Exits 1 when there are any (for cron).")

    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let items = try registerOptions.open().trainingOverdue()
        if output.json {
            try Output.json(items)
        } else if items.isEmpty {
            print("No training is overdue.")
        } else {
            TrainingPrinters.assignments(items, showPerson: true)
        }
        if !items.isEmpty { throw ExitCode(1) }
    }
}

struct TrainingRequire: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "require", abstract: "Set which roles must read one document (overriding its type), or return it to its type's roles.",
        discussion: """
            People newly required get the effective revision at once (due in new_role_due_days, policies/training.yaml); \
            open assignments nobody requires any more are cancelled. Needs training.manage.
            """)

    @Argument(help: "Document ID, e.g. SOP-0007.") var id: String
    @Option(name: .long, help: "A role whose holders must read the document; repeat for several.") var role: [String] = []
    @Flag(help: "Nobody needs to read this document.") var none = false
    @Flag(name: .customLong("type-default"), help: "Drop the document's own requirement: its type's roles apply again.") var typeDefault = false
    @Option(help: "Why the requirement changes (recorded in the audit trail).") var reason: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        let modes = [!role.isEmpty, none, typeDefault].filter { $0 }.count
        if modes != 1 { throw ValidationError("give --role (one or more), --none or --type-default") }
    }

    func run() throws {
        let roles: [String]? = typeDefault ? nil : (none ? [] : role)
        let change = try registerOptions.open().requireTraining(id.uppercased(), roles: roles, reason: reason, by: try actor.username())
        if output.json { return try Output.json(change) }
        TrainingPrinters.requirement(change.requirement)
        TrainingPrinters.changes(change.changes)
    }
}

struct TrainingRequirements: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "requirements", abstract: "Which roles must read each effective document, and why.")

    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let requirements = try registerOptions.open().trainingRequirements()
        if output.json { return try Output.json(requirements) }
        Output.table(["DOCUMENT", "ROLES", "FROM", "TITLE"], requirements.map {
            [$0.document, $0.roles.isEmpty ? "-" : $0.roles.joined(separator: ","), $0.source, Output.clip($0.title, 60)]
        })
    }
}

/// Text views of training records.
enum TrainingPrinters {
    static func assignments(_ items: [TrainingAssignmentView], showPerson: Bool) {
        let header = ["DOCUMENT", "REV", "STATUS"] + (showPerson ? ["USER", "NAME"] : []) + ["DUE", "LATE", "SIGNED", "TITLE"]
        Output.table(header, items.map { item in
            let late = (item.daysOverdue ?? 0) > 0 ? "\(item.daysOverdue ?? 0) d" : ""
            let person = showPerson ? [item.username, item.name] : []
            return [item.document, item.revision, item.status] + person
                + [item.dueDate, late, item.acknowledgement?.signedAt ?? "", Output.clip(item.title, 50)]
        })
    }

    static func requirement(_ requirement: TrainingRequirementView) {
        let who = requirement.roles.isEmpty ? "nobody" : "holders of " + requirement.roles.joined(separator: ", ")
        let source = requirement.source == "document"
            ? "set for the document by \(requirement.setBy ?? "-") on \(requirement.setAt ?? "-"): \(requirement.reason ?? "")"
            : "from type \(requirement.type) in policies/training.yaml"
        print("\(requirement.document) (\(requirement.title)) must be read by \(who) (\(source))")
    }

    static func changes(_ changes: TrainingChanges) {
        print("Assigned: \(changes.assigned.isEmpty ? "nobody" : changes.assigned.map { "\($0.username) (\($0.reference), due \($0.dueDate))" }.joined(separator: ", "))")
        if !changes.cancelled.isEmpty {
            print("Cancelled: \(changes.cancelled.map { "\($0.username) (\($0.reference))" }.joined(separator: ", "))")
        }
    }

    static func matrix(_ matrix: TrainingMatrix) {
        let scope = [matrix.role.map { "role \($0)" }, matrix.area.map { "area \($0)" }].compactMap { $0 }.joined(separator: ", ")
        print("Training matrix on \(matrix.date)\(scope.isEmpty ? "" : " (\(scope))"): \(matrix.people.count) people, \(matrix.documents.count) documents")
        guard !matrix.cells.isEmpty else { return print("Nobody here must read any effective document.") }
        print("ok = trained, due = assignment open, LATE = overdue, ?? = required but not assigned, . = not required")
        let codes: [TrainingCellStatus: String] = [.trained: "ok", .due: "due", .overdue: "LATE", .unassigned: "??"]
        // Blocks of documents, so the table fits a terminal.
        for start in stride(from: 0, to: matrix.documents.count, by: 8) {
            let block = Array(matrix.documents[start..<min(start + 8, matrix.documents.count)])
            print("")
            Output.table(["USER", "NAME"] + block.map { "\($0.id)/\($0.revision)" }, matrix.people.map { person in
                [person.username, Output.clip(person.name, 20)] + block.map { document in
                    matrix.cell(person.username, document.id).flatMap { codes[$0.status] } ?? "."
                }
            })
        }
        print("")
        print("Trained \(matrix.counts["trained"] ?? 0), due \(matrix.counts["due"] ?? 0), overdue \(matrix.counts["overdue"] ?? 0), not assigned \(matrix.counts["unassigned"] ?? 0)")
    }
}
