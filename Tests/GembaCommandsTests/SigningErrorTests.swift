import Foundation
import GembaKit
import Testing

/// Signatures that must be refused (21 CFR 11.10(f), 11.70, 11.200, 11.300).
@Suite struct SigningErrorTests {
    @Test func wrongPasswordSignsNothingAndOnlyRecordsTheAttempt() throws {
        try Sandbox.with { s in
            // Given SOP-0001 waiting for the reviewer
            try s.setUpPlant()
            _ = try s.documentInReview(type: "SOP", title: "Line clearance")
            let before = try s.snapshot()

            // When the reviewer signs with a wrong password
            let outcome = try s.gemba("review", "sign", "SOP-0001", "--as", "bob", "--meaning", "reviewed", "--password-stdin", stdin: "not-bobs-password\n")

            // Then it fails in one line, signs nothing, and the trail gains only the failed attempt
            #expect(expectOneLineError(outcome) == "wrong password for bob (failed attempt 1 of 5); nothing was signed", "\(outcome)")
            let after = try s.snapshot()
            #expect(after.references == before.references && after.contentFiles == before.contentFiles)
            #expect(Array(after.trail.dropLast()) == before.trail)
            #expect(after.trail.last?.hasSuffix(" signature.failed bob") == true, "\(after.trail.last ?? "-")")
            let cycle = try #require(try s.document("SOP-0001").reviewCycles.last)
            #expect(cycle.status == "open" && cycle.signatures.map(\.meaning) == ["authored"])
        }
    }

    @Test func fiveWrongPasswordsLockTheAccountUntilAnAdminUnlocksIt() throws {
        try Sandbox.with { s in
            // Given SOP-0001 waiting for the reviewer
            try s.setUpPlant()
            _ = try s.documentInReview(type: "SOP", title: "Line clearance")
            func sign(_ password: String) throws -> Outcome {
                try s.gemba("review", "sign", "SOP-0001", "--as", "bob", "--meaning", "reviewed", "--password-stdin", stdin: password + "\n")
            }

            // When the reviewer gets the password wrong five times
            for attempt in 1...4 {
                #expect(expectOneLineError(try sign("guess-\(attempt)-wrong")).contains("failed attempt \(attempt) of 5"))
            }
            let fifth = expectOneLineError(try sign("guess-5-wrong"))

            // Then the account is locked, and even the right password is refused: the attempt is
            // recorded, nothing else is written
            #expect(fifth.contains("now locked") && fifth.contains("gemba user unlock bob"), "\(fifth)")
            #expect(try decodeJSON([Person].self, try s.gemba("user", "list", "--json")).first { $0.username == "bob" }?.locked == true)
            #expect(try s.trail().filter { $0.entityId == "bob" }.map(\.action).suffix(2) == ["signature.failed", "user.locked"])
            let locked = try s.snapshot()
            #expect(expectOneLineError(try sign(Staff.reviewer.password)).contains("is locked"))
            let refused = try s.snapshot()
            #expect(refused.references == locked.references && refused.contentFiles == locked.contentFiles)
            #expect(Array(refused.trail.dropLast()) == locked.trail && refused.trail.last?.hasSuffix(" signature.refused-locked bob") == true)

            // When someone who is not an admin tries to unlock it, then it stays locked and nothing is written
            let notAdmin = try s.gemba("user", "unlock", "bob", "--as", "alice", "--password-stdin", stdin: Staff.author.password + "\n")
            #expect(expectOneLineError(notAdmin).contains("alice may not manage accounts"), "\(notAdmin)")
            #expect(try s.snapshot() == refused)

            // When the admin unlocks it with their password, then the right password signs
            let unlocked = try s.gemba(
                "user", "unlock", "bob", "--as", "ada", "--reason", "identity checked in person", "--password-stdin", stdin: Staff.admin.password + "\n")
            #expect(unlocked.stdout == "Unlocked bob\n", "\(unlocked)")
            #expect(try s.trail().last.map { "\($0.action) \($0.actor) \($0.reason ?? "-")" } == "user.unlock ada identity checked in person")
            #expect(try sign(Staff.reviewer.password).succeeded)
            let bob = try decodeJSON([Person].self, try s.gemba("user", "list", "--json")).first { $0.username == "bob" }
            #expect(bob?.locked == false && bob?.failedAttempts == 0)
        }
    }

    @Test func authorMayNotSignTheirOwnRevision() throws {
        try Sandbox.with { s in
            // Given an author who is also a reviewer, and their SOP in review
            let dan = Staff.Member(username: "dan", name: "Dan Double", roles: ["author", "reviewer"], password: "dan-password-1")
            try s.setUpPlant(extra: [dan])
            _ = try s.documentInReview(type: "SOP", title: "Line clearance", author: dan)
            let before = try s.snapshot()

            // When the author signs it as reviewer
            let outcome = try s.gemba("review", "sign", "SOP-0001", "--as", "dan", "--meaning", "reviewed", "--password-stdin", stdin: dan.password + "\n")

            // Then it is refused in one line and nothing is written
            #expect(expectOneLineError(outcome).contains("dan wrote SOP-0001 rev A and may not also sign it"), "\(outcome)")
            #expect(try s.snapshot() == before)
        }
    }

    @Test func contentChangedSinceTheReviewStartedVoidsTheCycle() throws {
        try Sandbox.with { s in
            // Given SOP-0001 in review, and its draft branch moved with stock git plumbing to new content
            try s.setUpPlant()
            _ = try s.documentInReview(type: "SOP", title: "Line clearance")
            let branch = "refs/heads/drafts/SOP-0001"
            let pinned = try s.git("rev-parse", branch).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            try s.write("tampered.md", "# Line clearance\n\n1. Skip the check when in a hurry.\n")
            let blob = try s.git("hash-object", "-w", s.folder.appendingPathComponent("tampered.md").path).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let index = ["GIT_INDEX_FILE": s.folder.appendingPathComponent("plumbing.index").path]
            #expect(try s.git("read-tree", pinned, environment: index).succeeded)
            #expect(try s.git("update-index", "--add", "--cacheinfo", "100644,\(blob),documents/SOP-0xxx/SOP-0001/SOP-0001.md", environment: index).succeeded)
            let tree = try s.git("write-tree", environment: index).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let person = ["GIT_AUTHOR_NAME": "Mallory", "GIT_AUTHOR_EMAIL": "m@example.com", "GIT_COMMITTER_NAME": "Mallory", "GIT_COMMITTER_EMAIL": "m@example.com"]
            let commit = try s.git("commit-tree", tree, "-p", pinned, "-m", "quiet fix", environment: person).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let moved = try s.git("update-ref", branch, commit, pinned)
            try #require(moved.succeeded && commit.count == 40, "\(moved)")
            #expect(try s.git("show", "\(branch):documents/SOP-0xxx/SOP-0001/SOP-0001.md").stdout.contains("Skip the check"))

            // When the reviewer signs
            let outcome = try s.gemba("review", "sign", "SOP-0001", "--as", "bob", "--meaning", "reviewed", "--password-stdin", stdin: Staff.reviewer.password + "\n")

            // Then it is refused because the content changed, the cycle is void and nothing is signed
            let message = expectOneLineError(outcome)
            #expect(message.contains("changed since the review started") && message.contains("void") && message.contains(String(pinned.prefix(12))), "\(outcome)")
            let detail = try s.document("SOP-0001")
            let cycle = try #require(detail.reviewCycles.last)
            #expect(cycle.status == "void" && cycle.signatures.map(\.meaning) == ["authored"], "\(cycle)")
            #expect(detail.revisions.last?.status == "draft")
            #expect(try s.trail().filter { $0.action == "signature.sign" }.count == 1, "only the author's signature")
            #expect(try s.gemba("review", "inbox", "--as", "bob").stdout == "Nothing waits for your signature.\n")
        }
    }

    @Test func registerFromANewerGembaIsRefusedUntouched() throws {
        try Sandbox.with { s in
            // Given a register whose schema has a migration this gemba does not know
            try s.setUpPlant()
            _ = try s.documentInReview(type: "SOP", title: "Line clearance")
            try s.execute("INSERT INTO grdb_migrations (identifier) VALUES ('2099-01-01 from a newer gemba')")
            let trailBefore = try s.integer("SELECT count(*) FROM audit_trail")
            let migrationsBefore = try s.integer("SELECT count(*) FROM grdb_migrations")
            let filesBefore = try s.files(under: s.content)

            for command in [["doc", "list"], ["verify"], ["review", "sign", "SOP-0001", "--as", "bob", "--meaning", "reviewed", "--password-stdin"]] {
                // When a command opens it
                let outcome = try s.startGemba(command, stdin: Staff.reviewer.password + "\n").finish()

                // Then it says a newer gemba wrote it, and writes nothing
                let message = expectOneLineError(outcome)
                #expect(message.contains("newer version of gemba") && message.contains("2099-01-01 from a newer gemba"), "\(outcome)")
            }
            #expect(try s.integer("SELECT count(*) FROM audit_trail") == trailBefore)
            #expect(try s.integer("SELECT count(*) FROM signature") == 1)
            #expect(try s.integer("SELECT count(*) FROM grdb_migrations") == migrationsBefore)
            #expect(try s.files(under: s.content) == filesBefore)
        }
    }
}
