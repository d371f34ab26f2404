import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// docs/reliability.md, "Killed at random moments": signings and releases (the approval that
/// completes an SOP's route commits, tags and records its release), through the CLI and through
/// `gemba serve`'s JSON API, with one process SIGKILLed at a random moment in every run of five.
/// After each run: `gemba verify` (and `gemba repair` when it fails), `git fsck --strict`, every
/// acknowledged signature present exactly once, every SOP whole. The suite runs a small seeded
/// version; scripts/reliability-kill runs 200 runs of 5 (1,000 signings and releases).
@Suite struct ReliabilityKillTests {
    static let route = [(Staff.reviewer, "reviewed"), (Staff.approver, "approved")]

    @Test(.timeLimit(.minutes(180)))
    func signingsAndReleasesKilledAtRandomMomentsLoseNothing() throws {
        let runs = FaultSize.integer("GEMBA_KILL_RUNS", default: 10)
        let perRun = FaultSize.integer("GEMBA_KILL_PER_RUN", default: 5)
        let seed = FaultSize.seed("GEMBA_KILL_SEED", default: 20_261_126)
        print("reliability-kill: seed \(seed) (GEMBA_KILL_SEED), \(runs) runs of \(perRun) signings (GEMBA_KILL_RUNS, GEMBA_KILL_PER_RUN)")
        var random = FaultRandom(seed: seed)
        try Sandbox.with { s in
            // Given SOPs in review, two signatures each (the second releases), and API tokens
            try s.setUpPlant()
            let ids = try s.sopsInReview((runs * perRun + 1) / 2)
            let cycles = try s.openCycles()
            let tokens = [try s.apiToken(for: Staff.reviewer), try s.apiToken(for: Staff.approver)]
            let mainBefore = try s.firstParentCount()
            var book = KillBook()

            for run in 1...runs {
                // When five signings run one after the other and one of them (or the server
                // answering it) is killed after a random delay
                let states = try s.signingStates()
                let pending = ids.filter { (states[$0]?.signed ?? 2) < 2 }
                if pending.isEmpty { break }
                let chosen = Array(pending.shuffled(using: &random).prefix(perRun)).map { ($0, states[$0]?.signed ?? 0) }
                let run = KillRun(
                    number: run, signings: chosen, viaServer: Int.random(in: 0..<4, using: &random) == 0,
                    victim: Int.random(in: 0..<chosen.count, using: &random),
                    fraction: Bool.random(using: &random) ? Double.random(in: 0.5...1.1, using: &random) : Double.random(in: 0...1.2, using: &random))
                if run.viaServer {
                    try runThroughServer(run, in: s, cycles: cycles, tokens: tokens, book: &book)
                } else {
                    try runThroughCLI(run, in: s, book: &book)
                }
                // Then the register verifies (after repair if needed) and nothing acknowledged is lost
                try checkAfter(run, in: s, book: &book)
                if run.number.isMultiple(of: 20) { print("reliability-kill: \(run.number) of \(runs) runs done, \(book.acknowledged.count) signings acknowledged") }
            }

            // And the SOPs not yet signed sign normally, every one ends effective, main is linear
            for (id, state) in try s.signingStates() where state.signed < 2 {
                for (member, meaning) in Self.route.dropFirst(state.signed) { try s.sign(id, as: member, meaning: meaning) }
            }
            let final = try s.signingStates()
            #expect(final.count == ids.count && final.values.allSatisfy { $0.isWhole && $0.approved == 1 }, "\(final.filter { !$0.value.isWhole })")
            #expect(try s.firstParentCount() == mainBefore + ids.count, "main's first-parent line must hold one release commit per SOP")
            let verify = try s.gemba("verify")
            #expect(verify.succeeded, "\(verify)")
            let fsck = try s.git("fsck", "--strict")
            #expect(fsck.succeeded, "\(fsck)")
            print(book.summary(seed: seed, runs: runs))
        }
    }

    private func delay(_ run: KillRun, whole: Double) -> useconds_t {
        useconds_t(max(0, run.fraction * whole) * 1_000_000)
    }

    private func runThroughCLI(_ run: KillRun, in s: Sandbox, book: inout KillBook) throws {
        var killed = false
        for (index, (id, step)) in run.signings.enumerated() {
            let (member, meaning) = Self.route[step]
            let started = Date()
            let signing = try s.startGemba(
                ["review", "sign", id, "--as", member.username, "--meaning", meaning, "--password-stdin"], stdin: member.password + "\n")
            if index == run.victim {
                usleep(delay(run, whole: book.whole(server: false, step: step)))
                signing.kill()
            }
            let outcome = signing.finish()
            book.operations += 1
            if outcome.succeeded {
                #expect(outcome.stdout.hasPrefix("Signed \(id) rev A: "), "\(outcome)")
                book.acknowledge(id, meaning)
                if index != run.victim { book.timed(server: false, step: step, Date().timeIntervalSince(started)) }
            } else if outcome.killed {
                #expect(outcome.status == SIGKILL, "\(outcome)")
                killed = true
                book.killedCLI += 1
                book.pendingVictim = (id, meaning)
            } else {
                // After a kill, the next write may find content.git behind the record: it must
                // refuse in one line and point at repair
                let message = expectOneLineError(outcome)
                #expect(killed && message.contains("gemba repair"), "run \(run.number): \(outcome)")
                book.refusedAfterKill += 1
            }
        }
    }

    private func runThroughServer(_ run: KillRun, in s: Sandbox, cycles: [String: Int64], tokens: [String], book: inout KillBook) throws {
        let server = try ServedRegister.start(s)
        defer {
            server.process.kill()
            _ = server.process.finish()
        }
        for (index, (id, step)) in run.signings.enumerated() {
            let (member, meaning) = Self.route[step]
            let cycle = try #require(cycles[id])
            let (client, token, body) = (server.client, tokens[step], Sandbox.signingJSON(member, meaning: meaning))
            let call: @Sendable () -> APIAnswer = { client.call("POST", "/api/v1/reviews/\(cycle)/sign", token: token, json: body) }
            let started = Date()
            book.operations += 1
            guard index == run.victim else {
                let answer = call()
                #expect(answer.succeeded, "run \(run.number), \(id): \(answer)")
                if answer.succeeded {
                    book.acknowledge(id, meaning)
                    book.timed(server: true, step: step, Date().timeIntervalSince(started))
                }
                continue
            }
            let answer = AnswerWhileKilling(call) {
                usleep(delay(run, whole: book.whole(server: true, step: step)))
                server.process.kill()
            }.answer
            book.killedServer += 1
            if answer.succeeded {
                book.acknowledge(id, meaning)
            } else {
                // No answer at all: the server died first. Any answer must be a success.
                #expect(answer.status == nil, "run \(run.number), \(id): \(answer)")
                book.pendingVictim = (id, meaning)
            }
            // The server is gone; the rest of this run's signings wait for a later run
            return
        }
    }

    private func checkAfter(_ run: KillRun, in s: Sandbox, book: inout KillBook) throws {
        let verify = try s.gemba("verify")
        if !verify.succeeded {
            book.noteRepairNeeded(verify)
            let repair = try s.gemba("repair")
            #expect(repair.succeeded, "run \(run.number): \(verify)\n\(repair)")
            book.noteRepaired(repair)
            let again = try s.gemba("verify")
            try #require(again.succeeded, "run \(run.number): repair did not fix what the kill left: \(again)")
        }
        let fsck = try s.git("fsck", "--strict")
        #expect(fsck.succeeded, "run \(run.number): \(fsck)")
        #expect(try s.gitLockFiles().isEmpty, "run \(run.number): lock files left after repair")

        let states = try s.signingStates()
        let tags = try s.gitTags()
        for (id, state) in states {
            #expect(state.isWhole, "run \(run.number), \(id) is half-written: \(state)")
            #expect(tags["\(id)/A"] == state.tagObject, "run \(run.number), \(id): tag \(tags["\(id)/A"] ?? "none"), recorded \(state.tagObject ?? "none")")
        }
        for acknowledged in book.acknowledged {
            let state = states[acknowledged.id]
            let count = acknowledged.meaning == "reviewed" ? state?.reviewed : state?.approved
            #expect(count == 1, "run \(run.number): \(acknowledged.id) \(acknowledged.meaning) was acknowledged but is recorded \(count ?? 0) times")
        }
        if let (id, meaning) = book.pendingVictim {
            let state = states[id]
            let landed = (meaning == "reviewed" ? state?.reviewed : state?.approved) == 1
            if landed { book.killedAfterCommit += 1 } else { book.killedBeforeCommit += 1 }
            book.pendingVictim = nil
        }
    }
}

/// One run: its signings (SOP and step), whether through the server, which one is killed, and
/// when (a fraction of the time a whole signing of that kind takes).
struct KillRun {
    let number: Int
    let signings: [(String, Int)]
    let viaServer: Bool
    let victim: Int
    let fraction: Double
}

/// An API call on a thread of its own while `kill` runs on this one; the call's answer.
struct AnswerWhileKilling {
    let answer: APIAnswer

    init(_ call: @escaping @Sendable () -> APIAnswer, kill: () -> Void) {
        final class Box: @unchecked Sendable { var answer: APIAnswer? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        Thread {
            box.answer = call()
            done.signal()
        }.start()
        kill()
        done.wait()
        answer = box.answer ?? APIAnswer(status: nil, body: "", failure: "no answer")
    }
}
