import Foundation
import Testing

/// docs/reliability.md, "Eight writers at once": six CLI loops and two HTTP clients (each on a
/// `gemba serve` of its own) sign at the same time, each its own SOPs (reviewed, then approved,
/// which releases). A writer told "busy ... try again" tries again; any other failure is a bug.
/// Exactly every signing is recorded, main's history is linear, no lock file is left, and no
/// raw SQLite error reaches a user. The suite runs 8 x 12; scripts/reliability-concurrency 8 x 250.
@Suite struct ReliabilityConcurrencyTests {
    static let route = ReliabilityKillTests.route
    static let rawDatabaseErrors = ["database is locked", "SQLITE_BUSY", "SQLite error", "sqlite3", "SQLITE_"]

    @Test(.timeLimit(.minutes(120)))
    func eightWritersAtOnceRecordEverySigningOnce() throws {
        let perWriter = FaultSize.integer("GEMBA_CONCURRENCY_SIGNINGS", default: 12)
        let cliWriters = 6, httpWriters = 2
        try Sandbox.with { s in
            // Given 8 x perWriter / 2 SOPs in review, two servers and API tokens for both signers
            try s.setUpPlant()
            let ids = try s.sopsInReview((cliWriters + httpWriters) * perWriter / 2)
            let cycles = try s.openCycles()
            let tokens = [try s.apiToken(for: Staff.reviewer), try s.apiToken(for: Staff.approver)]
            let mainBefore = try s.firstParentCount()
            let servers = try (0..<httpWriters).map { _ in try ServedRegister.start(s) }
            let log = WriterLog()
            let started = Date()

            // When the eight writers sign at once
            let group = DispatchGroup()
            for writer in 0..<(cliWriters + httpWriters) {
                let mine = Array(ids[(writer * perWriter / 2)..<((writer + 1) * perWriter / 2)])
                group.enter()
                Thread {
                    defer { group.leave() }
                    if writer < cliWriters {
                        Self.signThroughCLI(mine, in: s, log: log)
                    } else {
                        Self.signThroughAPI(mine, client: servers[writer - cliWriters].client, cycles: cycles, tokens: tokens, log: log)
                    }
                }.start()
            }
            group.wait()
            let seconds = Date().timeIntervalSince(started)
            for server in servers {
                server.process.kill()
                log.check(server: server.process.finish())
            }

            // Then every signing was acknowledged once and recorded once, and nothing raw was shown
            let report = log.report()
            #expect(report.failures.isEmpty, "\(report.failures.prefix(5).joined(separator: "\n"))")
            #expect(report.rawErrors.isEmpty, "\(report.rawErrors.prefix(5).joined(separator: "\n"))")
            #expect(report.acknowledged == ids.count * 2)
            let recorded = try s.readRegister { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM signature WHERE meaning IN ('reviewed', 'approved')") }
            #expect(recorded == ids.count * 2, "recorded \(recorded ?? 0) signatures")
            let states = try s.signingStates()
            #expect(states.values.allSatisfy { $0.isWhole && $0.approved == 1 }, "\(states.filter { !$0.value.isWhole || $0.value.approved != 1 }.prefix(5))")

            // And main is one line of one release commit per SOP, nothing unreachable, no lock files
            #expect(try s.firstParentCount() == mainBefore + ids.count)
            let merges = try s.git("rev-list", "--first-parent", "--count", "--min-parents=3", "refs/heads/main")
            #expect(merges.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "\(merges)")
            let releases = try s.readRegister { db in try String.fetchAll(db, sql: "SELECT release_commit FROM revision WHERE release_commit IS NOT NULL") }
            let line = Set(try s.git("rev-list", "--first-parent", "refs/heads/main").stdoutLines.filter { !$0.isEmpty })
            #expect(releases.count == ids.count && releases.allSatisfy(line.contains), "a release commit is off main's first-parent line")
            let unreachable = try s.git("fsck", "--unreachable", "--no-reflogs")
            #expect(!unreachable.stdout.contains("unreachable commit"), "lost commits: \(unreachable)")
            #expect(try s.gitLockFiles().isEmpty)
            let verify = try s.gemba("verify")
            #expect(verify.succeeded, "\(verify)")
            let fsck = try s.git("fsck", "--strict")
            #expect(fsck.succeeded, "\(fsck)")
            print("""
                reliability-concurrency: \(cliWriters) CLI loops + \(httpWriters) API clients x \(perWriter) signings: \
                \(report.acknowledged) acknowledged, \(recorded ?? 0) recorded in \(String(format: "%.1f", seconds)) s \
                (\(String(format: "%.1f", Double(report.acknowledged) / seconds)) signings/s); \(report.retries) told to try again and retried; \
                \(report.rawErrors.count) raw database errors shown; main +\(ids.count) commits, linear
                """)
        }
    }

    /// Signs each SOP's route with `gemba review sign`, one process per signing.
    static func signThroughCLI(_ ids: [String], in s: Sandbox, log: WriterLog) {
        for id in ids {
            for (member, meaning) in route {
                for attempt in 1... {
                    let outcome: Outcome
                    do {
                        outcome = try s.startGemba(
                            ["review", "sign", id, "--as", member.username, "--meaning", meaning, "--password-stdin"], stdin: member.password + "\n"
                        ).finish()
                    } catch {
                        log.fail("cannot start gemba: \(error)")
                        return
                    }
                    log.check(shown: outcome.stdout + outcome.stderr, by: outcome.command.joined(separator: " "))
                    if outcome.succeeded, outcome.stdout.hasPrefix("Signed \(id) rev A: ") {
                        log.acknowledge()
                        break
                    }
                    let oneLine = outcome.status == 2 && outcome.stderr.hasPrefix("gemba: ") && outcome.stderr.filter { $0 == "\n" }.count == 1
                    if oneLine, outcome.stderr.contains("try again"), attempt < 50 {
                        log.retried()
                        continue
                    }
                    log.fail("\(outcome)")
                    break
                }
            }
        }
    }

    /// Signs each SOP's route through POST /api/v1/reviews/:cycle/sign.
    static func signThroughAPI(_ ids: [String], client: APIClient, cycles: [String: Int64], tokens: [String], log: WriterLog) {
        for id in ids {
            guard let cycle = cycles[id] else {
                log.fail("\(id) has no open review cycle")
                continue
            }
            for (step, (member, meaning)) in route.enumerated() {
                for attempt in 1... {
                    let answer = client.call("POST", "/api/v1/reviews/\(cycle)/sign", token: tokens[step], json: Sandbox.signingJSON(member, meaning: meaning))
                    log.check(shown: answer.body, by: "POST /api/v1/reviews/\(cycle)/sign")
                    if answer.succeeded, answer.body.contains("\"document\"") {
                        log.acknowledge()
                        break
                    }
                    if answer.status == 503, answer.body.contains("try again"), attempt < 50 {
                        log.retried()
                        continue
                    }
                    log.fail("\(id) \(meaning): \(answer)")
                    break
                }
            }
        }
    }
}

/// What the writers met, gathered from their threads.
final class WriterLog: @unchecked Sendable {
    struct Report {
        let acknowledged: Int
        let retries: Int
        let failures: [String]
        let rawErrors: [String]
    }

    private let lock = NSLock()
    private var acknowledged = 0
    private var retries = 0
    private var failures: [String] = []
    private var rawErrors: [String] = []

    func acknowledge() { lock.withLock { acknowledged += 1 } }
    func retried() { lock.withLock { retries += 1 } }
    func fail(_ what: String) { lock.withLock { failures.append(what) } }

    /// Records any raw SQLite error text in what a user saw.
    func check(shown text: String, by what: String) {
        guard ReliabilityConcurrencyTests.rawDatabaseErrors.contains(where: text.contains) else { return }
        lock.withLock { rawErrors.append("\(what): \(text)") }
    }

    /// A server's own output (its log on standard error) may not hold raw SQLite errors either.
    func check(server: Outcome) {
        check(shown: server.stderr, by: "gemba serve (log)")
    }

    func report() -> Report {
        lock.withLock { Report(acknowledged: acknowledged, retries: retries, failures: failures, rawErrors: rawErrors) }
    }
}
