import Foundation
import GembaKit
import Testing

/// `gemba demo` and what the sample plant's register must hold (shipped policies and sample).
@Suite struct DemoTests {
    /// The document IDs of the table under `== title ==` in the demo's output.
    static func section(_ title: String, of output: String) -> Set<String> {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.firstIndex(of: Substring("== \(title) ==")) else { return [] }
        let table = lines[(header + 1)...].prefix { !$0.isEmpty }
        return Set(table.dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) })
    }

    @Test func demoPrintsOverdueDueSoonAndOpenReviewCycles() async throws {
        // Given / when the sample plant is built by gemba demo
        let build = try await DemoPlant.built()
        let output = build.output.stdout

        // Then it reports the build and the three lists the sample promises
        #expect(output.contains("33 documents, 19 people"), "\(build.output)")
        #expect(Self.section("Periodic reviews overdue", of: output) == DemoFacts.overdue, "\(output)")
        #expect(Self.section("Periodic reviews due within 30 days", of: output) == DemoFacts.dueWithin30Days, "\(output)")
        #expect(Self.section("Open review cycles", of: output) == DemoFacts.inReview, "\(output)")
        #expect(build.output.stderr.isEmpty)
    }

    @Test func overdueReviewsExitOneAndListTheDocuments() async throws {
        let build = try await DemoPlant.built()
        try Sandbox.with { s in
            // Given the demo register
            let demo = try build.copy(into: s)

            // When the overdue reviews are asked for, as text and as JSON
            let text = try s.run(["review", "overdue", "--register", demo.path])
            let json = try s.run(["review", "overdue", "--json", "--register", demo.path])

            // Then both exit 1 (for cron) and list exactly the overdue documents, most overdue first
            #expect(!text.killed && text.status == 1 && text.stderr.isEmpty, "\(text)")
            #expect(Set(text.stdoutLines.dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }) == DemoFacts.overdue, "\(text)")
            #expect(!json.killed && json.status == 1, "\(json)")
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let overdue = try decoder.decode(PeriodicReviewList.self, from: Data(json.stdout.utf8)).items
            #expect(Set(overdue.map(\.document)) == DemoFacts.overdue)
            #expect(overdue.allSatisfy { $0.daysOverdue > 0 && $0.dueDate < utcDay() })
            #expect(overdue.map(\.daysOverdue) == overdue.map(\.daysOverdue).sorted(by: >))
        }
    }

    @Test func statusListsWhatIsLateAndExitsOne() async throws {
        let build = try await DemoPlant.built()
        try Sandbox.with { s in
            // Given the demo register
            let demo = try build.copy(into: s)

            // When the coordinator asks for the status, as JSON
            let run = try s.run(["status", "--json", "--register", demo.path])

            // Then it exits 1 (something is overdue) and lists the overdue periodic reviews and the
            // open review cycles' steps, overdue ones first
            #expect(!run.killed && run.status == 1 && run.stderr.isEmpty, "\(run)")
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let status = try decoder.decode(RegisterStatus.self, from: Data(run.stdout.utf8))
            let overdueReviews = status.items.filter { $0.kind == "periodic-review" && $0.daysOverdue > 0 }
            #expect(Set(overdueReviews.map { String($0.reference.prefix { $0 != " " }) }) == DemoFacts.overdue)
            let steps = Set(status.items.filter { $0.kind == "review-step" }.map { String($0.reference.prefix { $0 != " " }) })
            #expect(steps.isSubset(of: DemoFacts.inReview) && !steps.isEmpty, "\(steps)")
            let late = status.items.prefix { $0.daysOverdue > 0 }.map(\.daysOverdue)
            #expect(late == late.sorted(by: >))
        }
    }

    @Test func reviewDueWithin30DaysListsOverdueThenDueSoon() async throws {
        let build = try await DemoPlant.built()
        try Sandbox.with { s in
            // Given the demo register
            let demo = try build.copy(into: s)

            // When the reviews due within 30 days are asked for
            let due = try decodeJSON(PeriodicReviewList.self, try s.run(["review", "due", "--within", "30", "--json", "--register", demo.path])).items

            // Then the overdue ones come first, then those due in the next 30 days, and nothing else
            #expect(Set(due.filter { $0.daysOverdue > 0 }.map(\.document)) == DemoFacts.overdue)
            #expect(Set(due.filter { $0.daysOverdue <= 0 }.map(\.document)) == DemoFacts.dueWithin30Days)
            #expect(due.map(\.dueDate) == due.map(\.dueDate).sorted())
            #expect(due.allSatisfy { $0.dueDate <= utcDay(days: 30) && $0.revision != nil })
        }
    }

    @Test func demoRegisterPassesGitFsckAndVerify() async throws {
        let build = try await DemoPlant.built()
        try Sandbox.with { s in
            // Given the demo register
            let demo = try build.copy(into: s)

            // When stock git and gemba check it
            let fsck = try s.git("fsck", "--strict", gitDirectory: demo.appendingPathComponent("content.git"))
            let verify = try s.run(["verify", "--register", demo.path])

            // Then both find it sound
            #expect(fsck.succeeded, "\(fsck)")
            #expect(verify.succeeded && verify.stdout.hasPrefix("verify: OK (") && verify.stdout.contains("33 documents"), "\(verify)")
        }
    }

    @Test func handEditedPrintedNameIsCaughtByVerify() async throws {
        let build = try await DemoPlant.built()
        try Sandbox.with { s in
            // Given the demo register, sound
            let demo = try build.copy(into: s)
            #expect(try s.run(["verify", "--register", demo.path]).succeeded)
            let original = try #require(try s.integer("SELECT count(*) FROM signature WHERE id = 3 AND printed_name <> 'Mallory'", in: demo))
            #expect(original == 1)

            // When someone edits a signature's printed name in register.sqlite by hand
            try s.execute("UPDATE signature SET printed_name = 'Mallory' WHERE id = 3", in: demo)
            let verify = try s.run(["verify", "--register", demo.path])

            // Then verify exits 1, names the edited signature first, and its release's manifestation no longer matches
            #expect(!verify.killed && verify.status == 1, "\(verify)")
            let problems = verify.stdoutLines.filter { $0.hasPrefix("problem: ") }
            #expect(problems.first == "problem: signature 3: the row differs from its last audit-trail entry; it was edited outside gemba", "\(verify)")
            #expect(problems.dropFirst().allSatisfy { $0.contains("differ from the manifestation in its release commit") }, "\(verify)")
            #expect(verify.stdout.contains("verify: \(problems.count) problem(s)"))
        }
    }
}
