import Foundation
import GembaKit
import Testing

/// The README walkthrough, command by command, on the real binary.
@Suite struct WalkthroughTests {
    static let procedure = "# Line clearance\n\n1. Remove every part, label and document of the last order.\n2. Check the line is empty.\n"

    @Test func documentIsWrittenReviewedApprovedAndReleasedToGit() throws {
        try Sandbox.with { s in
            let started = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))

            // Given a register with an admin (the first user, no --as) and three people the admin adds,
            // piping the admin's password and then the new user's
            let created = try s.run(["init", "--register", s.register.path, "--policies", s.policies.path])
            #expect(created.succeeded, "\(created)")
            #expect(created.stdout.contains("Created register \(s.register.path)"))
            let admin = try s.gemba("user", "add", "ada", "--name", "Ada Admin", "--role", "admin", "--password-stdin", stdin: "ada-password-1\n")
            #expect(admin.stdout == "Added ada (Ada Admin), roles: admin\n", "\(admin)")
            for member in [Staff.author, Staff.reviewer, Staff.approver] {
                let added = try s.gemba(
                    "user", "add", member.username, "--name", member.name, "--role", member.roles[0], "--as", "ada", "--password-stdin",
                    stdin: "ada-password-1\n\(member.password)\n")
                #expect(added.succeeded, "\(added)")
            }
            let people = try decodeJSON([Person].self, try s.gemba("user", "list", "--json"))
            #expect(people.map(\.username) == ["ada", "alice", "bob", "carol"])

            // When the author writes the SOP and sends it for review
            try s.write("sop.md", Self.procedure)
            let new = try s.gemba("doc", "new", "--type", "SOP", "--title", "Line clearance", "--file", "sop.md", "--as", "alice")
            #expect(new.stdout == "SOP-0001\n", "\(new)")
            let review = try s.gemba("review", "start", "SOP-0001", "--as", "alice", "--password-stdin", stdin: "alice-password-1\n")
            #expect(review.succeeded, "\(review)")

            // Then it waits in the reviewer's inbox
            let inbox = try s.gemba("review", "inbox", "--as", "bob")
            let row = try #require(inbox.stdoutLines.first { $0.hasPrefix("SOP-0001") }, "\(inbox)")
            #expect(row.contains("review") && row.contains("0/1") && row.contains("Line clearance"), "\(row)")

            // When the reviewer and then the approver sign
            let reviewed = try s.gemba("review", "sign", "SOP-0001", "--as", "bob", "--meaning", "reviewed", "--password-stdin", stdin: "bob-password-1\n")
            #expect(reviewed.stdout.hasPrefix("Signed SOP-0001 rev A: Reviewed by Bob Reviewer (bob) on "), "\(reviewed)")
            #expect(reviewed.stdout.contains("Next step: approval"))
            #expect(try s.gemba("review", "inbox", "--as", "bob").stdout == "Nothing waits for your signature.\n")
            let approved = try s.gemba("review", "sign", "SOP-0001", "--as", "carol", "--meaning", "approved", "--password-stdin", stdin: "carol-password-1\n")
            #expect(approved.stdout.contains("Approved by Carol Approver (carol) on "), "\(approved)")
            #expect(approved.stdout.contains("SOP-0001 rev A is effective from \(utcDay()) (tag SOP-0001/A)"), "\(approved)")
            let finished = Date()

            // Then doc show says effective and shows the three manifestations: printed name, UTC time, meaning
            let show = try s.gemba("doc", "show", "SOP-0001")
            #expect(show.succeeded, "\(show)")
            #expect(show.stdout.contains("Revision status: effective   Document status: effective"), "\(show)")
            #expect(show.stdout.contains("Remove every part, label and document of the last order."))
            let utc = #"on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$"#
            for expected in ["Authored by Alice Author \\(alice\\) ", "Reviewed by Bob Reviewer \\(bob\\) ", "Approved by Carol Approver \\(carol\\) "] {
                #expect(show.stdoutLines.contains { $0.range(of: "^  " + expected + utc, options: .regularExpression) != nil }, "\(expected) in \(show)")
            }

            // And the JSON of doc show and doc history carry the same manifestations, at times inside this test
            let shown = try decodeJSON(ShownDocument.self, try s.gemba("doc", "show", "SOP-0001", "--json"))
            #expect(shown.document.status == "effective" && shown.revision.tag == "SOP-0001/A")
            #expect(shown.content == Self.procedure)
            let signatures = shown.revision.signatures
            #expect(signatures.map(\.meaning) == ["authored", "reviewed", "approved"])
            #expect(signatures.map(\.name) == ["Alice Author", "Bob Reviewer", "Carol Approver"])
            for signature in signatures {
                let at = try #require(utcTimestamp(signature.signedAt), "\(signature.signedAt) is not ISO 8601 UTC")
                #expect(signature.signedAt.hasSuffix("Z") && at >= started && at <= finished, "\(signature.signedAt)")
                #expect(signature.manifestation == "\(signature.meaning.capitalized) by \(signature.name) (\(signature.username)) on \(signature.signedAt.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC"))")
                #expect(signature.commit == shown.revision.draftCommit)
            }
            let history = try s.gemba("doc", "history", "SOP-0001", "--json")
            for signature in signatures { #expect(history.stdout.contains(signature.manifestation), "\(signature.manifestation)") }

            // And stock git sees the release commit on main, the tagged file and a sound repository
            let log = try s.git("log", "--oneline", "main")
            #expect(log.stdoutLines.first?.hasSuffix(" SOP-0001 rev A: Line clearance") == true, "\(log)")
            let releaseMessage = try s.git("log", "-1", "--format=%B", "main")
            for signature in signatures {
                #expect(releaseMessage.stdout.contains("Signed-off-by: \(signature.name) <\(signature.username)> \(signature.meaning) \(signature.signedAt)"), "\(releaseMessage)")
            }
            #expect(try s.git("cat-file", "-t", "SOP-0001/A").stdout == "tag\n")
            let file = try s.git("show", "SOP-0001/A:documents/SOP-0xxx/SOP-0001/SOP-0001.md")
            #expect(file.succeeded && file.stdout == Self.procedure, "\(file)")
            let fsck = try s.git("fsck", "--strict")
            #expect(fsck.succeeded, "\(fsck)")

            // And gemba verify finds nothing wrong
            let verify = try s.gemba("verify")
            #expect(verify.succeeded && verify.stdout.hasPrefix("verify: OK"), "\(verify)")
        }
    }
}
