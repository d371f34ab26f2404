import Foundation
import GembaGit
import Testing
@testable import GembaKit

/// Electronic signatures under 21 CFR Part 11: authentication, lockout, manifestation, linking.
@Suite("Signatures")
struct SignatureTests {
    @Test func wrongPasswordIsRecordedAndSignsNothing() throws {
        try withRegister { r in
            // Given a review waiting for rita
            let id = try r.createDocument()
            try r.startReview(id)

            // when she types a wrong password
            let error = try #require(throws: GembaError.self) { try r.sign(id, "rita", .reviewed, password: "wrong password") }

            // then nothing is signed, and the attempt is in the audit trail and on her account.
            #expect(error.kind == .authentication)
            #expect(error.message.contains("failed attempt 1 of 5"))
            #expect(try r.register.openReviewCycles().first?.signatures.count == 1)
            let entry = try #require(try r.register.trail(entity: "rita").last)
            #expect(entry.action == "signature.failed")
            #expect(entry.actor == "rita")
            #expect(entry.reason == "wrong password while signing SOP-0001 rev A")
            #expect(entry.changes == ["failed_attempts: 0 -> 1"])
            #expect(try r.register.users().first { $0.username == "rita" }?.failedAttempts == 1)

            // A right password afterwards signs and clears the count.
            try r.sign(id, "rita", .reviewed)
            #expect(try r.register.users().first { $0.username == "rita" }?.failedAttempts == 0)
        }
    }

    @Test func fiveFailuresLockTheAccountUntilAnAdminUnlocks() throws {
        try withRegister { r in
            // Given a review waiting for rita
            let id = try r.createDocument()
            try r.startReview(id)

            // when she fails four times, she is warned; the fifth failure locks her account,
            for attempt in 1...4 {
                let error = try #require(throws: GembaError.self) { try r.sign(id, "rita", .reviewed, password: "guess \(attempt)") }
                #expect(error.kind == .authentication)
            }
            let fifth = try #require(throws: GembaError.self) { try r.sign(id, "rita", .reviewed, password: "guess 5") }
            #expect(fifth.kind == .locked)
            #expect(try r.register.users().first { $0.username == "rita" }?.locked == true)
            #expect(Array(try r.actions(entity: "rita").suffix(5)) == Array(repeating: "signature.failed", count: 4) + ["user.locked"])

            // and even the right password cannot sign while it is locked.
            let locked = try #require(throws: GembaError.self) { try r.sign(id, "rita", .reviewed) }
            #expect(locked.kind == .locked)
            #expect(try r.register.openReviewCycles().first?.signatures.count == 1)

            // A non-administrator cannot unlock it;
            #expect(throws: GembaError.self) { _ = try r.register.unlockUser("rita", by: r.credentials("carl"), reason: "asked nicely") }
            // the administrator unlocks it, the count is reset, and rita signs.
            let person = try r.register.unlockUser("rita", by: r.credentials("ada"), reason: "identity checked by phone")
            #expect(person.locked == false)
            #expect(person.failedAttempts == 0)
            #expect(try r.register.trail(entity: "rita").last?.reason == "identity checked by phone")
            #expect(try r.sign(id, "rita", .reviewed).nextStep == "approval")
        }
    }

    @Test func lockoutFollowsThePolicy() throws {
        let strict: (String) -> String = { $0.replacingOccurrences(of: "max_failed_attempts: 5", with: "max_failed_attempts: 2") }
        try withRegister(policies: ["register.yaml": strict]) { r in
            // Given a policy of two attempts, when rita fails twice, then she is locked.
            let id = try r.createDocument()
            try r.startReview(id)
            #expect((#expect(throws: GembaError.self) { try r.sign(id, "rita", .reviewed, password: "guess one") })?.kind == .authentication)
            #expect((#expect(throws: GembaError.self) { try r.sign(id, "rita", .reviewed, password: "guess two") })?.kind == .locked)
        }
    }

    @Test func manifestationShowsNameTimeAndMeaning() throws {
        try withRegister { r in
            // Given a released document whose signatures were given at known times
            let id = try r.createDocument()
            try r.startReview(id)
            r.clock.set(startOfTests.addingTimeInterval(3600 + 7))
            try r.sign(id, "rita", .reviewed)
            r.clock.set(startOfTests.addingTimeInterval(2 * 86_400 + 65))
            try r.sign(id, "pete", .approved)

            // when the document is shown
            let revision = try #require(try r.register.document(id).revisions.first)

            // then every signature shows the printed name, the UTC time and the meaning.
            #expect(revision.signatures.map(\.meaning) == ["authored", "reviewed", "approved"])
            #expect(revision.signatures.map(\.name) == ["Alice Author", "Rita Reviewer", "Pete Approver"])
            #expect(revision.signatures.map(\.signedAt) == ["2026-03-02T09:00:00Z", "2026-03-02T10:00:07Z", "2026-03-04T09:01:05Z"])
            #expect(revision.signatures[1].manifestation == "Reviewed by Rita Reviewer (rita) on 2026-03-02 10:00:07 UTC")
            #expect(revision.signatures[2].manifestation == "Approved by Pete Approver (pete) on 2026-03-04 09:01:05 UTC")
            #expect(revision.signatures.allSatisfy { $0.contentVerified })
        }
    }

    @Test func signatureIsLinkedToTheExactContent() throws {
        try withRegister { r in
            // Given a started review on the draft's head commit
            let id = try r.createDocument()
            try r.startReview(id)
            let draft = try #require(try r.ref("refs/heads/drafts/\(id)"))
            let folder = try #require(try r.folderTree(id, in: draft))

            // when the reviewer signs
            let result = try r.sign(id, "rita", .reviewed)

            // then the signature records that commit and that folder tree.
            #expect(result.signature.commit == draft.hex)
            #expect(result.signature.tree == folder.hex)
            #expect(result.signature.contentVerified)
            let cycle = try #require(try r.register.openReviewCycles().first)
            #expect(cycle.signatures.allSatisfy { $0.commit == draft.hex && $0.tree == folder.hex })
        }
    }

    @Test func anExpiredPasswordCannotSign() throws {
        try withRegister { r in
            // Given a review waiting for rita, whose password is more than 365 days old
            let id = try r.createDocument()
            try r.startReview(id)
            r.advance(days: 366)

            // when she signs, then she is told to change it first;
            let error = try #require(throws: GembaError.self) { try r.sign(id, "rita", .reviewed) }
            #expect(error.kind == .authentication)
            #expect(error.message.contains("expired"))
            #expect(try r.register.openReviewCycles().first?.signatures.count == 1)

            // after she changes it, the new password signs.
            try r.register.changePassword(of: "rita", to: "a brand new secret", by: r.credentials("rita"))
            #expect(try r.sign(id, "rita", .reviewed, password: "a brand new secret").nextStep == "approval")
        }
    }
}
