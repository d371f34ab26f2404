import Foundation
import GembaKit
import Testing

/// `gemba synth` end to end: the real binary builds a register that verify, status, review
/// overdue and stock git accept; bad arguments fail in one line and write nothing.
@Suite struct SynthCommandTests {
    private func synth(_ s: Sandbox, _ extra: [String] = []) throws -> Outcome {
        try s.run(["synth", "--documents", "30", "--revisions", "2", "--people", "16", "--years", "3", "--seed", "5",
                   "--policies", s.policies.path, "--register", s.register.path] + extra)
    }

    @Test func buildsARegisterThatVerifyStatusAndGitAccept() throws {
        try Sandbox.with { s in
            // When gemba synth builds a small register
            let built = try synth(s)
            #expect(built.succeeded, "\(built)")
            #expect(built.stdout.contains("password is synthetic-register-1"), "\(built)")
            #expect(built.stdout.contains("gemba synth --documents 30 --revisions 2 --people 16 --years 3 --seed 5"), "\(built)")

            // Then verify, git fsck and the everyday commands accept it
            let verify = try s.gemba("verify")
            #expect(verify.succeeded, "\(verify)")
            let fsck = try s.git("fsck", "--strict", "--no-dangling")
            #expect(fsck.succeeded, "\(fsck)")
            let tags = try s.git("tag", "--list")
            #expect(tags.stdoutLines.filter { !$0.isEmpty }.count >= 30, "\(tags)")
            let status = try s.gemba("status")
            #expect([0, 1].contains(status.status) && !status.killed, "\(status)")
            let overdue = try s.gemba("review", "overdue", "--json")
            #expect([0, 1].contains(overdue.status) && overdue.stderr.isEmpty, "\(overdue)")
            let people = try s.gemba("user", "list")
            #expect(people.succeeded && people.stdoutLines.count > 16, "\(people)")

            // And status lists the most urgent rows first and counts the rest; --all lists every one
            let everything = try decodeJSON(RegisterStatus.self, try s.gemba("status", "--all", "--json"), exitCodes: [1])
            try #require(everything.overdueCount > 2 && everything.isComplete, "\(everything.kinds)")
            let first = try s.gemba("status", "--limit", "2")
            #expect(first.status == 1 && first.stdout.contains("... and \(everything.overdueCount - 2) more overdue (\(everything.overdueCount) in all)"), "\(first)")
            #expect(first.stdout.components(separatedBy: "\n").filter { line in everything.kinds.contains { line.hasPrefix($0.kind + " ") } }.count
                    == everything.kinds.count + min(2, everything.overdueCount) + min(2, everything.dueSoonCount), "\(first)")
            let firstJSON = try decodeJSON(RegisterStatus.self, try s.gemba("status", "--limit", "2", "--json"), exitCodes: [1])
            #expect(firstJSON.items == Array(everything.overdue.prefix(2)) + Array(everything.dueSoon.prefix(2)))
            #expect(firstJSON.kinds == everything.kinds && !firstJSON.isComplete)
            let reviews = try decodeJSON(PeriodicReviewList.self, try s.gemba("review", "overdue", "--limit", "1", "--json"), exitCodes: [0, 1])
            #expect(reviews.total == everything.kinds.first { $0.kind == "periodic-review" }?.overdue ?? 0 && reviews.items.count == min(1, reviews.total))
            let zero = try s.gemba("status", "--limit", "0")
            #expect(zero.status == 64 && zero.stderr.hasPrefix("Error: --limit must be at least 1\n"), "\(zero)")

            // And --replace rebuilds exactly the same history
            let main = try s.git("rev-parse", "refs/heads/main")
            let rebuilt = try synth(s, ["--replace"])
            #expect(rebuilt.succeeded, "\(rebuilt)")
            #expect(try s.git("rev-parse", "refs/heads/main").stdout == main.stdout)
        }
    }

    @Test(arguments: [
        (["--documents", "0"], "--documents"),
        (["--documents", "10", "--people", "3"], "--people"),
        (["--documents", "10", "--end", "yesterday"], "--end"),
        (["--documents", "10", "--password", "short"], "--password"),
    ])
    func badArgumentsFailInOneLineAndWriteNothing(_ arguments: [String], _ named: String) throws {
        try Sandbox.with { s in
            let outcome = try s.run(["synth", "--policies", s.policies.path, "--register", s.register.path] + arguments)
            let message = expectOneLineError(outcome)
            #expect(message.contains(named), "\(outcome)")
            #expect(!FileManager.default.fileExists(atPath: s.register.path))
        }
    }

    @Test func refusesAFolderInUseWithoutReplace() throws {
        try Sandbox.with { s in
            // Given a folder with someone's file in it
            try FileManager.default.createDirectory(at: s.register, withIntermediateDirectories: true)
            let file = s.register.appendingPathComponent("notes.txt")
            try Data("keep me".utf8).write(to: file)

            // When synth is pointed at it, with and without --replace
            let refused = try synth(s)
            let message = expectOneLineError(refused)
            #expect(message.contains("--replace"), "\(refused)")
            let stillRefused = try synth(s, ["--replace"])
            #expect(expectOneLineError(stillRefused).contains("not a gemba register"), "\(stillRefused)")

            // Then the folder is as it was, and no staging folder is left beside it
            #expect(try FileManager.default.contentsOfDirectory(atPath: s.register.path) == ["notes.txt"])
            #expect(try String(contentsOf: file, encoding: .utf8) == "keep me")
            #expect(try FileManager.default.contentsOfDirectory(atPath: s.folder.path).filter { $0.hasPrefix(".") }.isEmpty)
        }
    }
}
