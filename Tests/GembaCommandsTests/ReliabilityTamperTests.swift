import Foundation
import GRDB
import Testing
@testable import GembaKit

/// Random hand edits of the demo plant's register.sqlite with the real `sqlite3` shell: every one
/// must make `gemba verify` fail, and its first problem must name the first entry or row edited.
/// `GEMBA_TAMPER_COUNT` and `GEMBA_TAMPER_SEED` choose how many and which (scripts/reliability-tamper
/// runs 1,000); a failure prints the seed, the edit and its SQL.
@Suite("Reliability: tampering with sqlite3", .serialized)
struct ReliabilityTamperTests {
    static let environment = ProcessInfo.processInfo.environment
    static let count = environment["GEMBA_TAMPER_COUNT"].flatMap(Int.init) ?? 50
    static let seed = environment["GEMBA_TAMPER_SEED"].flatMap(UInt64.init) ?? 20_261_125
    /// Every this many edits the real `gemba verify --json` runs too and must agree.
    static let cliEvery = environment["GEMBA_TAMPER_CLI_EVERY"].flatMap(Int.init) ?? 10

    @Test func everyRandomHandEditIsDetectedAndNamed() async throws {
        let build = try await DemoPlant.built()
        try Sandbox.with { s in
            // Given a copy of the demo plant that verifies clean, and its register.sqlite kept aside
            let demo = try build.copy(into: s)
            let file = demo.appendingPathComponent(Register.databaseFile)
            try #require(try sqlite3(file, "PRAGMA wal_checkpoint(TRUNCATE);", in: s).succeeded)
            let pristine = s.folder.appendingPathComponent("pristine.sqlite")
            try FileManager.default.copyItem(at: file, to: pristine)
            let clean = try Register.openForVerification(at: demo).verify()
            try #require(clean.isClean, "the demo plant does not verify clean: \(clean.problems)")

            // when each of the seeded random edits is made on a fresh copy with sqlite3,
            var generator = try TamperGenerator(path: pristine.path, seed: Self.seed)
            var before: [String: [String: [String]]] = [:]
            var applied = 0, refused = 0, unchanged = 0, throughCLI = 0
            var failures: [String] = []
            var byKind: [String: Int] = [:]
            let started = Date()
            while applied < Self.count, refused + unchanged < Self.count * 5 {
                let tamper = try generator.next()
                try restore(file, from: pristine)
                guard try sqlite3(file, tamper.sql, in: s).succeeded else {
                    refused += 1  // a constraint of the schema refused it: not an edit that happened
                    continue
                }
                if before[tamper.table] == nil { before[tamper.table] = try TamperOracle.fingerprint(generator.database, table: tamper.table) }
                let changed = TamperOracle.changedKeys(before: before[tamper.table] ?? [:], after: try fingerprint(file, table: tamper.table))
                guard !changed.isEmpty else {
                    unchanged += 1
                    continue
                }
                applied += 1
                let kind = tamper.table == "audit_trail" ? "audit trail" : TamperGenerator.signatureTables.contains(tamper.table) ? "signatures" : "other records"
                byKind[kind, default: 0] += 1
                let expected = TamperOracle.expectedPrefixes(table: tamper.table, changed: changed)
                let where_ = "seed \(Self.seed), edit \(applied): \(tamper)\n  expected the first problem to start with one of \(expected)"

                // then verify reports it, and its first problem names the first broken entry or row.
                let problems: [String]
                do {
                    problems = try Register.openForVerification(at: demo).verify().problems
                } catch {
                    failures.append("\(where_)\n  verify threw instead of reporting: \(error)")
                    continue
                }
                guard let first = problems.first, expected.contains(where: first.hasPrefix) else {
                    failures.append("\(where_)\n  got: \(problems.prefix(3))")
                    continue
                }
                if applied % Self.cliEvery == 0 {
                    throughCLI += 1
                    let outcome = try s.run(["verify", "--json", "--register", demo.path])
                    let report = try? JSONDecoder().decode(VerificationReport.self, from: Data(outcome.stdout.utf8))
                    if outcome.status != 1 || report?.problems.first != first {
                        failures.append("\(where_)\n  gemba verify --json disagrees with the library: \(outcome)")
                    }
                }
            }
            let seconds = Date().timeIntervalSince(started)
            print("""
                tamper: seed \(Self.seed): \(applied) hand edits made with sqlite3 (\(refused) refused by the schema, \(unchanged) changed nothing), \
                \(applied - failures.count) detected with the first broken entry named, \(throughCLI) also through gemba verify, \
                \(String(format: "%.1f", seconds)) s; edits by target: \(byKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                """)
            #expect(applied == Self.count, "only \(applied) of \(Self.count) edits could be made")
            #expect(failures.isEmpty, "\(failures.count) of \(applied) edits not detected or not named:\n\(failures.prefix(15).joined(separator: "\n"))")
        }
    }

    // MARK: Helpers

    /// Runs SQL through the real sqlite3 shell, stopping at the first error.
    private func sqlite3(_ file: URL, _ sql: String, in sandbox: Sandbox) throws -> Outcome {
        try Subprocess(
            executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: ["sqlite3", "-bail", file.path], displayName: "sqlite3", stdin: sql,
            directory: sandbox.folder, environment: GembaExecutable.cleanEnvironment
        ).finish()
    }

    /// Puts the pristine register.sqlite back (no WAL left over from the last edit).
    private func restore(_ file: URL, from pristine: URL) throws {
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: file.path + suffix)
        }
        try FileManager.default.copyItem(at: pristine, to: file)
    }

    private func fingerprint(_ file: URL, table: String) throws -> [String: [String]] {
        let queue = try DatabaseQueue(path: file.path)
        defer { try? queue.close() }
        return try TamperOracle.fingerprint(queue, table: table)
    }
}
