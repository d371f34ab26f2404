import Foundation
import GembaKit
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A signing killed at a random moment leaves a register that verifies, or that `gemba repair`
/// brings back to one that verifies, without losing a signature it reported.
@Suite struct CrashSafetyTests {
    static let kills = 20

    @Test(.timeLimit(.minutes(5)))
    func signingKilledAtRandomMomentsLeavesARepairableRegister() throws {
        try Sandbox.with { s in
            // Given 22 forms in review, each waiting for one approval (the light route); the first
            // two are signed without interruption to time a whole signing on this machine
            try s.setUpPlant()
            let ids = (1...Self.kills + 2).map { String(format: "FORM-%04d", $0) }
            for (number, id) in ids.enumerated() {
                #expect(try s.documentInReview(type: "FORM", title: "Checklist \(number + 1)") == id)
            }
            var whole = 0.0
            for id in ids.prefix(2) {
                let started = Date()
                try s.sign(id, as: Staff.approver, meaning: "approved")
                whole = max(whole, Date().timeIntervalSince(started) * 1_000_000)
            }
            var finishedFirst = 0, killedAfterCommit = 0, killedBeforeCommit = 0, needingRepair = 0
            var delays: [Int] = []

            for (kill, id) in ids.dropFirst(2).enumerated() {
                // When the approver's signing is killed after a random delay of 0-250 ms: every
                // other one anywhere in that range, the others near the time a whole signing takes
                let aimed = Int(whole * 0.5)...max(Int(whole * 0.5), min(Int(whole * 1.2), 250_000))
                let delay = Int.random(in: kill.isMultiple(of: 2) ? 0...250_000 : aimed)
                delays.append(delay / 1000)
                let signing = try s.startGemba(
                    ["review", "sign", id, "--as", "carol", "--meaning", "approved", "--password-stdin"], stdin: Staff.approver.password + "\n")
                usleep(useconds_t(delay))
                signing.kill()
                let outcome = signing.finish()
                #expect(outcome.killed ? outcome.status == SIGKILL : outcome.succeeded, "\(outcome)")

                // Then verify passes, or repair makes it pass
                let verify = try s.gemba("verify")
                if !verify.succeeded {
                    needingRepair += 1
                    let repair = try s.gemba("repair")
                    #expect(repair.succeeded && repair.stdout.contains("repaired: "), "after \(delay / 1000) ms: \(verify)\n\(repair)")
                    let again = try s.gemba("verify")
                    try #require(again.succeeded, "repair did not fix what the kill after \(delay / 1000) ms left: \(again)")
                }

                // And the signing happened entirely or not at all; what was reported signed is signed
                let form = try s.document(id)
                let cycle = try #require(form.reviewCycles.last)
                let approved = cycle.signatures.contains { $0.username == "carol" && $0.meaning == "approved" }
                if outcome.stdout.contains("Signed \(id)") {
                    #expect(approved, "\(id) was reported signed, but the signature is missing")
                }
                if approved {
                    #expect(form.summary.status == "effective" && cycle.status == "approved" && form.revisions.last?.tag == "\(id)/A", "\(id): \(form.summary)")
                    #expect(try s.git("rev-parse", "--verify", "refs/tags/\(id)/A").succeeded)
                    if !outcome.killed { finishedFirst += 1 } else { killedAfterCommit += 1 }
                } else {
                    #expect(form.summary.status == "in_review" && cycle.status == "open" && cycle.signatures.count == 1, "\(id): \(form.summary)")
                    killedBeforeCommit += 1
                }
            }

            // Then every form left in review can still be approved, and the register stays sound
            for id in ids {
                if try s.document(id).summary.status == "in_review" { try s.sign(id, as: Staff.approver, meaning: "approved") }
            }
            #expect(try decodeJSON([DocumentSummary].self, try s.gemba("doc", "list", "--json")).allSatisfy { $0.status == "effective" })
            let verify = try s.gemba("verify")
            #expect(verify.succeeded, "\(verify)")
            let fsck = try s.git("fsck", "--strict")
            #expect(fsck.succeeded, "\(fsck)")
            print("""
                crash safety: \(Self.kills) signings (a whole one takes \(Int(whole / 1000)) ms) killed after \(delays.map(String.init).joined(separator: ",")) ms: \
                \(finishedFirst) finished first, \(killedAfterCommit) killed after the commit, \(killedBeforeCommit) killed before it; \
                \(needingRepair) left the register needing repair (verify failed before repair)
                """)
        }
    }
}
