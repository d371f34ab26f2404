import ArgumentParser
import Foundation
import GembaKit
import GembaWeb

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a fresh register from the sample plant, then show overdue reviews, reviews due in 30 days and open review cycles.")

    @OptionGroup var registerOptions: RegisterOptions
    @Option(help: ArgumentHelp("The sample register folder (default: the one shipped with gemba).", valueName: "dir")) var sample: String?
    @Flag(help: "Delete an existing register at --register first.") var replace = false
    @Flag(help: "Then serve the register in the browser (gemba serve), printing a login.") var serve = false
    @Option(help: ArgumentHelp("With --serve: the address to listen on.", valueName: "address")) var host = "127.0.0.1"
    @Option(help: ArgumentHelp("With --serve: the port to listen on.", valueName: "port")) var port = 8080

    func run() async throws {
        let password = try build()
        guard serve else { return }
        let url = registerOptions.url
        let app = try await WebApplication.build(WebConfiguration(register: url, host: host, port: port))
        let banner = """

            Gemba serves the sample register at http://\(host):\(port)/
            Log in as mkeller (coordinator), nberg (reviewer), schen (quality) or tbrandt (approver);
            every demo account's password is \(password). Ctrl-C stops the server.

            """
        FileHandle.standardOutput.write(Data(banner.utf8))
        try await app.runService()
    }

    private func sampleFolder() throws -> URL {
        try Locations.find("sample-register", explicit: sample, environment: "GEMBA_SAMPLE", marker: "people.yaml")
    }

    /// Builds the register and prints the report; returns the demo password.
    private func build() throws -> String {
        let target = registerOptions.url
        let fm = FileManager.default
        if fm.fileExists(atPath: target.path) {
            guard replace else {
                throw GembaError(.register, "\(target.path) already exists; pass --replace to rebuild it, or choose another --register")
            }
            guard fm.fileExists(atPath: target.appendingPathComponent(Register.databaseFile).path) else {
                throw GembaError(.register, "\(target.path) exists and is not a gemba register; refusing to delete it")
            }
            try fm.removeItem(at: target)
        }
        let sampleFolder = try sampleFolder()
        let policyFolder = try Locations.find("policies", explicit: nil, environment: "GEMBA_POLICIES", marker: "document-types.yaml")
        let (_, files) = try Policies.load(directory: policyFolder)
        print("Building the sample register from \(sampleFolder.path): replaying about five years of drafts, reviews and signatures (about a minute) ...")
        let started = Date()
        let (register, summary) = try SampleRegister.build(sample: sampleFolder, into: target, policyFiles: files)
        print("Built \(target.path): \(summary.documents) documents, \(summary.people) people, \(summary.signatures) signatures in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        print("Every demo account's password is \(summary.demoPassword) (for example --as mkeller)")
        print("Audits: \(try register.audits().count); CAPAs: \(try register.capas(openOnly: true).count) open of \(try register.capas().count), \(try register.capaOverdue().count) CAPA item(s) overdue (gemba capa list, gemba capa overdue)")
        let matrix = try register.trainingMatrix()
        print("Training: \(matrix.counts["trained"] ?? 0) trained, \(matrix.counts["due"] ?? 0) due, \(matrix.counts["overdue"] ?? 0) overdue (gemba training matrix); certificates expired or due for renewal: \(try register.certificationsDue().count) (gemba cert due)")
        let drift = try register.boardDrift()
        print("Boards: \(try register.boards().count) effective, \(drift.count) drift item(s) (gemba boards check)")
        let actions = try register.actionItems()
        print("Meetings: \(try register.meetings().count) in \(try register.meetingSeries().count) series; action items: \(actions.count) open, \(actions.filter { ($0.daysOverdue ?? 0) > 0 }.count) overdue, \(actions.filter { $0.escalationLevel >= 2 }.count) escalated to level 2 or higher (gemba meeting list, gemba actions)")
        if let production = try DemoCommand.productionLine(register) { print(production) }
        let requests = try register.requests(RequestFilter(openOnly: true))
        let plans = try register.onboardingPlans()
        print("Requests: \(requests.count) open, \(requests.filter { ($0.daysOverdue ?? 0) > 0 }.count) overdue (gemba request aging); onboarding: \(plans.count) people, \(plans.reduce(0) { $0 + $1.late }) item(s) late (gemba onboarding status)")
        let events = try register.scheduleEvents()
        print("Schedule: \(events.count) events (gemba schedule month), \(try register.scheduleConflicts(from: Date()).count) conflict(s) ahead (gemba schedule conflicts), \(try register.notices(pendingOnly: true).count) notice(s) waiting for delivery (gemba notices)")
        print("")
        print("== Periodic reviews overdue ==")
        Printers.due(try register.reviewsOverdue(), empty: "None.")
        print("")
        print("== Periodic reviews due within 30 days ==")
        Printers.due(try register.reviewsDue(withinDays: 30).filter { $0.daysOverdue <= 0 }, empty: "None.")
        print("")
        print("== Open review cycles ==")
        Printers.cycles(try register.openReviewCycles())
        if (try? register.plantPolicy()) != nil {
            print("")
            print(BriefingRenderer.render(try register.briefing(), as: .text), terminator: "")
        }
        print("")
        print("Try: gemba doc list --register \(target.path)")
        print("     gemba briefing --format html --out briefing.html --register \(target.path)")
        print("     gemba review inbox --as nberg --register \(target.path)")
        print("     git --git-dir \(target.path)/content.git log --oneline --first-parent main | head")
        if !serve { print("     gemba serve --register \(target.path)    (then log in at http://127.0.0.1:8080/)") }
        return summary.demoPassword
    }

    /// One line on the sample's production data: last 30 days' OEE, open holds and work orders.
    static func productionLine(_ register: Register) throws -> String? {
        guard let plant = try? register.plantPolicy(), !(try register.importBatches()).isEmpty else { return nil }
        let yesterday = plant.localDay(Date()).addingDays(-1)
        let from = yesterday.addingDays(-29)
        let report = try register.kpiReport(KPIQuery(from: from, to: yesterday))
        let lines = report.rows.filter { $0.line != plantRowLine }.map { "\($0.line) \(KPIFormat.percent($0.oee))" }.joined(separator: ", ")
        let plantOEE = KPIFormat.percent(report.row(line: plantRowLine)?.oee)
        return "Production: OEE \(plantOEE) over the last 30 days (\(lines)); \(try register.openQualityHolds().count) quality holds and \(try register.openWorkOrders().count) work orders open (gemba kpi report --all --from \(from) --to \(yesterday))"
    }
}
