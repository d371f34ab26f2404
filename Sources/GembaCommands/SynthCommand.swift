import ArgumentParser
import Foundation
import GembaKit

struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Build a large synthetic register from a seed, for benchmarks and tests (docs/synth.md).",
        discussion: """
            The same arguments give the same register: the same rows, audit-trail hashes and git commit ids. \
            Every person's password is --password (printed at the end).
            """)

    @OptionGroup var registerOptions: RegisterOptions
    @Option(help: ArgumentHelp("Documents to create.", valueName: "n")) var documents: Int
    @Option(help: ArgumentHelp("Revisions per document on average.", valueName: "r")) var revisions: Int = 3
    @Option(help: ArgumentHelp("People (accounts) in the plant.", valueName: "p")) var people: Int = 100
    @Option(help: ArgumentHelp("Years of history.", valueName: "y")) var years: Int = 5
    @Option(help: ArgumentHelp("The seed of the generator.", valueName: "s")) var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Production lines (default: one per 2,000 documents, 3 to 50).", valueName: "l")) var lines: Int?
    @Option(help: ArgumentHelp("The last day of the history (default: \(SynthParameters.defaultEnd)).", valueName: "YYYY-MM-DD")) var end: String?
    @Option(help: ArgumentHelp("Every person's password.", valueName: "password")) var password: String = SynthParameters.defaultPassword
    @Option(help: ArgumentHelp("Folder with the policy YAML files (default: the policies shipped with gemba).", valueName: "dir")) var policies: String?
    @Flag(help: "Replace an existing register at --register.") var replace = false
    @OptionGroup var output: OutputOptions

    func run() throws {
        var parameters = SynthParameters(
            documents: documents, revisions: revisions, people: people, years: years, seed: seed, lines: lines, password: password)
        if let end {
            guard let day = Day(end) else { throw GembaError(.invalidInput, "--end must be a date YYYY-MM-DD, not '\(end)'") }
            parameters.end = day
        }
        try parameters.validate()
        let folder = try Locations.find("policies", explicit: policies, environment: "GEMBA_POLICIES", marker: "document-types.yaml")
        let (_, files) = try Policies.load(directory: folder)
        let started = Date()
        if !output.json {
            print("Building a synthetic register at \(registerOptions.url.path): \(parameters.commandLine) ...")
        }
        let summary = try Register.synthesize(parameters, at: registerOptions.url, policyFiles: files, replace: replace)
        if output.json {
            try Output.json(summary)
            return
        }
        let seconds = Date().timeIntervalSince(started)
        let counts = summary.counts
        let made = [
            "\(counts["documents", default: 0]) documents", "\(counts["releases", default: 0]) releases", "\(counts["signatures", default: 0]) signatures",
            "\(counts["periodic reviews", default: 0]) periodic reviews",
            "\(counts["training assignments", default: 0]) training assignments (\(counts["training signatures", default: 0]) signed)",
            "\(counts["obsolete", default: 0]) made obsolete", "\(counts["audits", default: 0]) audits with \(counts["findings", default: 0]) findings",
            "\(counts["CAPAs", default: 0]) CAPAs (\(counts["CAPAs closed", default: 0]) closed)",
            "\(counts["production rows", default: 0]) production-data rows in \(counts["import batches", default: 0]) imports",
        ]
        print("Built \(summary.register) in \(String(format: "%.1f", seconds)) s: \(made.joined(separator: ", ")); "
            + "\(summary.trailEntries) audit-trail entries; main at \(summary.mainCommit.prefix(12))")
        print("It is synthetic: `gemba trail` starts with register_info.synthetic = \"\(summary.command)\"")
        print("Every account's password is \(summary.password). Some logins (gemba user list shows all \(summary.logins.count)):")
        var shown: [String: Int] = [:]
        for login in summary.logins {
            guard let role = login.roles.first(where: { !$0.hasPrefix("crew-") }), shown[role, default: 0] < 2 else { continue }
            shown[role, default: 0] += 1
            print("  \(login.username.padding(toLength: 16, withPad: " ", startingAt: 0)) \(login.name) (\(login.roles.joined(separator: ", ")))")
        }
    }
}
