import ArgumentParser
import Foundation
import GembaKit

struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle", abstract: "Build and check audit evidence bundles: one ZIP archive an auditor reads offline.",
        subcommands: [BundleBuild.self, BundleVerify.self])
}

struct BundleBuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Write the documents effective on a day, their records and the audit trail into one ZIP archive.")

    @Option(name: .customLong("type"), help: "Only documents of this type; repeat for several (default: every effective document).") var types: [String] = []
    @Option(name: .customLong("document"), help: "This document; repeat for several.") var documents: [String] = []
    @Option(
        name: .customLong("documents-from"),
        help: ArgumentHelp("The documents listed in this file, one ID per line (blank lines and lines starting with # are skipped; - reads standard input).", valueName: "file"))
    var documentsFrom: String?
    @Option(name: .customLong("area"), help: "The documents that apply to this area or line (`gemba doc areas`); repeat for several.") var areas: [String] = []
    @Option(name: .customLong("audit"), help: "This audit: its documents in scope and cited by findings, its findings and corrective actions; repeat for several.")
    var audits: [String] = []
    @Option(name: .customLong("as-of"), help: "The day the bundle shows (YYYY-MM-DD): what was effective at its end, UTC.") var asOf: String
    @Option(help: "The .zip file to write.") var out: String
    @Flag(help: "Replace --out when it exists.") var force = false
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        guard let day = Day(asOf) else { throw GembaError(.invalidInput, "--as-of '\(asOf)' is not a date YYYY-MM-DD") }
        let username = try actor.username()
        let listed = try documentsFrom.map(Self.documentList) ?? []
        let request = BundleRequest(
            scope: BundleScope(types: types, documents: documents + listed, areas: areas, audits: audits), asOf: day, output: URL(fileURLWithPath: out), overwrite: force,
            generator: "gemba \(GembaVersion.current)")
        let result = try registerOptions.open().buildBundle(request, by: username)
        if output.json { return try Output.json(result) }
        print("Wrote \(result.path): \(result.documents.count) document revision(s) of \(Output.clip(result.scope, 100)) as of \(result.asOf), \(result.files) files, \(result.size) bytes")
        print("SHA-256: \(result.sha256)")
    }

    /// The document IDs of a `--documents-from` file: one per line, blank lines and `#` comments
    /// skipped. A line holding more than one word is refused with its number: a list pasted with
    /// titles or commas would otherwise name documents that do not exist.
    static func documentList(_ path: String) throws -> [String] {
        let data: Data
        do {
            data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw GembaError(.invalidInput, "cannot read --documents-from \(path): \((error as NSError).localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw GembaError(.invalidInput, "--documents-from \(path) is not UTF-8 text")
        }
        let name = path == "-" ? "standard input" : path
        var ids: [String] = []
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let id = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if id.isEmpty || id.hasPrefix("#") { continue }
            guard !id.contains(where: { $0.isWhitespace || $0 == "," || $0 == ";" }) else {
                throw GembaError(.invalidInput, "\(name):\(index + 1): '\(Output.clip(id, 60))' is not one document ID; list one ID per line")
            }
            ids.append(id)
        }
        guard !ids.isEmpty else { throw GembaError(.invalidInput, "--documents-from \(name) lists no document") }
        return ids
    }
}

struct BundleVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check a bundle's hashes and document trees, and with --register each revision against the register. Exits 1 on a problem.")

    @Argument(help: "The bundle (.zip) to check.") var file: String
    @Option(help: ArgumentHelp("Also compare each document revision with this register.", valueName: "path")) var register: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        let bundle = URL(fileURLWithPath: file)
        let report = try register.map { try Register.open(at: URL(fileURLWithPath: $0).standardizedFileURL).verifyBundle(at: bundle) }
            ?? EvidenceBundle.verify(at: bundle)
        if output.json {
            try Output.json(report)
        } else {
            let counts = report.checked.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            let against = report.againstRegister ? "against the register" : "hashes and document trees only; pass --register to compare with the register"
            for problem in report.problems { print("problem: \(problem)") }
            print(report.isClean ? "bundle verify: OK (\(counts); \(against))" : "bundle verify: \(report.problems.count) problem(s) (checked \(counts); \(against))")
        }
        if !report.isClean { throw ExitCode(1) }
    }
}
