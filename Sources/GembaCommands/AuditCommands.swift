import ArgumentParser
import Foundation
import GembaKit

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Plan and run audits: scope, checklist, findings, report, closure, assessor accounts.",
        subcommands: [AuditNew.self, AuditList.self, AuditShow.self, AuditStart.self, AuditCheck.self, AuditFinding.self, AuditReport.self,
                      AuditClose.self, AuditAssessorCommand.self])
}

extension AuditKind: ExpressibleByArgument {}
extension AuditStatus: ExpressibleByArgument {}
extension FindingGrade: ExpressibleByArgument {}
extension ChecklistResult: ExpressibleByArgument {}

enum DayArgument {
    static func parse(_ text: String, _ option: String) throws -> Day {
        guard let day = Day(text) else { throw GembaError(.invalidInput, "\(option) '\(text)' is not a date YYYY-MM-DD") }
        return day
    }
}

struct AuditNew: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "Plan an audit. Prints its ID (AUD-YYYY-NNN).")

    @Option(help: "internal, surveillance, certification, supplier, customer or safety.") var kind: AuditKind
    @Option(help: "Title.") var title: String
    @Option(help: "The standard audited against, e.g. \"ISO 9001:2015\" or \"21 CFR 211\".") var standard: String
    @Option(help: "Clause numbers in scope, e.g. \"4.4, 7.5, 8.5.1\".") var clauses: String
    @Option(help: "An area or line in scope; repeat for several.") var area: [String] = []
    @Option(help: "A document ID in scope; repeat for several.") var document: [String] = []
    @Option(help: "The auditing organisation (certification body, customer...).") var body: String?
    @Option(help: "The lead auditor's name.") var lead: String
    @Option(help: "First day (YYYY-MM-DD).") var start: String
    @Option(help: "Last day (YYYY-MM-DD; default: the first day).") var end: String?
    @Option(help: "A checklist template: NAME reads policies/audit-checklist-NAME.yaml (e.g. iso9001).") var checklist: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let first = try DayArgument.parse(start, "--start")
        let new = NewAudit(
            kind: kind, title: title, standard: standard, clauses: clauses, areas: area, documents: document, auditingBody: body,
            leadAuditor: lead, startsOn: first, endsOn: try end.map { try DayArgument.parse($0, "--end") } ?? first, checklist: checklist)
        let id = try registerOptions.open().createAudit(new, by: try actor.username())
        if output.json { try Output.json(["id": id, "status": AuditStatus.planned.rawValue]) } else { print(id) }
    }
}

struct AuditList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List audits, newest first.")

    @Option(help: "Only this status: planned, in_progress, report_issued, closed.") var status: AuditStatus?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        try register.recordRead("audits", what: "audit list", by: actor.optionalUsername)
        let audits = try register.audits(status: status)
        if output.json { return try Output.json(audits) }
        if audits.isEmpty { return print("No audit.") }
        Output.table(["AUDIT", "KIND", "STATUS", "DATES", "STANDARD", "FINDINGS", "TITLE"], audits.map { a in
            [a.id, a.kind, a.status, a.startsOn == a.endsOn ? a.startsOn : "\(a.startsOn)..\(a.endsOn)", Output.clip(a.standard, 20),
             AuditPrinters.counts(a.findings), Output.clip(a.title, 50)]
        })
    }
}

struct AuditShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an audit: scope, checklist, findings and assessors.")

    @Argument var id: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let view = try register.auditView(id)
        try register.recordRead(view.summary.id, what: "audit show", by: actor.optionalUsername)
        if output.json { return try Output.json(view) }
        AuditPrinters.audit(view)
    }
}

struct AuditStart: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start a planned audit (planned -> in progress).")

    @Argument var id: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let view = try registerOptions.open().startAudit(id.uppercased(), by: try actor.username())
        if output.json { return try Output.json(view) }
        print("\(view.summary.id) is in progress")
    }
}

struct AuditCheck: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Answer a checklist item of an audit in progress.")

    @Argument var id: String
    @Argument(help: "The checklist item, e.g. 7.5.") var item: String
    @Option(help: "conform, nonconform or na.") var result: ChecklistResult
    @Option(help: "What was seen (needed for nonconform).") var note: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let checked = try registerOptions.open().checkAuditItem(id.uppercased(), item: item, result: result, note: note, by: try actor.username())
        if output.json { return try Output.json(checked) }
        print("\(id.uppercased()) item \(checked.item) (\(checked.clause)): \(checked.result ?? "-")")
    }
}

struct AuditFinding: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "finding", abstract: "Record a finding of an audit in progress. Prints its ID (AUD-.../F<n>).")

    @Argument var id: String
    @Option(help: "major, minor, observation or ofi (opportunity for improvement).") var grade: FindingGrade
    @Option(help: "The clause, e.g. 7.1.5.2.") var clause: String
    @Option(help: "What is wrong, or could be better.") var description: String
    @Option(help: "The objective evidence seen.") var evidence: String
    @Option(help: "A document revision the evidence points at: SOP-0012 or SOP-0012/C; repeat for several.") var document: [String] = []
    @Option(help: "A record the evidence points at (form, log, lot...); repeat for several.") var record: [String] = []
    @Option(help: "The area or line.") var area: String?
    @Option(help: "Who owns the finding (user name).") var owner: String
    @Option(help: "The checklist item it came from.") var item: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let new = NewFinding(
            grade: grade, clause: clause, description: description, evidence: evidence, documents: document, records: record, area: area,
            owner: owner, checklistItem: item)
        let finding = try registerOptions.open().addFinding(id.uppercased(), new, by: try actor.username())
        if output.json { return try Output.json(finding) }
        print(finding.id + (finding.capaRequired ? " (a \(finding.gradeName): needs a CAPA, `gemba capa new --finding \(finding.id) ...`)" : ""))
    }
}

struct AuditReport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Issue the audit report (in progress -> report issued).")

    @Argument var id: String
    @Option(help: "The report's summary.") var summary: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let view = try registerOptions.open().issueAuditReport(id.uppercased(), summary: summary, by: try actor.username())
        if output.json { return try Output.json(view) }
        print("\(view.summary.id): report issued (\(AuditPrinters.counts(view.summary.findings)))")
    }
}

struct AuditClose: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close an audit whose nonconformities all have a CAPA.")

    @Argument var id: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let view = try registerOptions.open().closeAudit(id.uppercased(), by: try actor.username())
        if output.json { return try Output.json(view) }
        print("\(view.summary.id) is closed")
    }
}

struct AuditAssessorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assessor", abstract: "External assessors' read-only accounts.", subcommands: [AuditAssessorAdd.self])
}

struct AuditAssessorAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a read-only account for an external auditor; it expires at the end of the audit's last day (UTC).",
        discussion: """
            Needs user.manage or audit.manage. gemba asks for your password, then the assessor's. With --password-stdin the \
            first line of standard input is your password and the second the assessor's.
            """)

    @Argument var id: String
    @Argument(help: "The assessor's user name (never reused).") var username: String
    @Option(help: "The assessor's printed name.") var name: String
    @Option(help: "E-mail address.") var email: String?
    @OptionGroup var password: PasswordOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let manager = try actor.username()
        let managerPassword = try password.password(for: manager)
        let secret = try password.newPassword(for: username)
        let view = try register.addAssessor(
            id.uppercased(), NewAssessor(username: username, name: name, email: email, password: secret),
            by: SignerCredentials(username: manager, password: managerPassword))
        if output.json { return try Output.json(view) }
        print("Added assessor \(view.username) (\(view.name)) for \(view.audit), read-only until \(view.expiresAt)")
    }
}

enum AuditPrinters {
    static func counts(_ findings: [String: Int]) -> String {
        let parts = FindingGrade.allCases.compactMap { grade in findings[grade.rawValue].map { "\($0) \(grade.rawValue)" } }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    static func audit(_ view: AuditView) {
        let a = view.summary
        print("\(a.id): \(a.title)")
        print("Kind: \(a.kind)   Status: \(a.status)   Dates: \(a.startsOn) to \(a.endsOn)")
        print("Standard: \(a.standard), clauses \(view.clauses)")
        print("Lead auditor: \(a.leadAuditor)\(a.auditingBody.map { " (\($0))" } ?? "")")
        if !view.areas.isEmpty { print("Areas: \(view.areas.joined(separator: ", "))") }
        if !view.documents.isEmpty { print("Documents: \(view.documents.joined(separator: ", "))") }
        if let summary = view.reportSummary { print("Report (\(view.reportIssuedAt ?? "-")): \(summary)") }
        if !view.checklistItems.isEmpty {
            let answered = view.checklistItems.filter { $0.result != nil }.count
            print("")
            print("Checklist \(view.checklist ?? ""): \(answered) of \(view.checklistItems.count) answered")
            Output.table(["ITEM", "RESULT", "QUESTION"], view.checklistItems.map { item in
                [item.item, item.result ?? "-", Output.clip(item.question, 70) + (item.note.map { " [\($0)]" } ?? "")]
            })
        }
        print("")
        if view.findings.isEmpty { print("Findings: none") } else {
            print("Findings:")
            for f in view.findings {
                print("  \(f.id)  \(f.gradeName), clause \(f.clause)\(f.area.map { ", \($0)" } ?? ""), owner \(f.ownerName)\(f.capa.map { ", \($0)" } ?? (f.capaRequired ? ", NO CAPA YET" : ""))")
                print("    \(f.description)")
                print("    Evidence: \(f.evidence)\(f.documents.isEmpty ? "" : " [\(f.documents.joined(separator: ", "))]")\(f.records.isEmpty ? "" : " [\(f.records.joined(separator: "; "))]")")
            }
        }
        for assessor in view.assessors {
            print("Assessor: \(assessor.name) (\(assessor.username)), read-only until \(assessor.expiresAt)\(assessor.expired ? " (expired)" : "")")
        }
        if let next = view.nextStep { print("Next: \(next)") }
    }
}
