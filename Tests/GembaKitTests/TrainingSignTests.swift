import Foundation
import GRDB
import GembaGit
import Testing
@testable import GembaKit

/// "Read and understood" signatures (21 CFR 11.50, 11.70, 11.200).
@Suite struct TrainingSignTests {
    @Test func theSignatureBindsTheExactReleasedRevision() throws {
        try withTrainingRegister { r in
            // Given an effective SOP olga must read
            let id = try r.releasedDocument()
            r.advance(days: 2, hours: 3)

            // When she signs
            let signed = try r.read(id, by: "olga")

            // Then the acknowledgement names her, the meaning, the UTC time and rev A's release commit and folder tree
            let acknowledgement = try #require(signed.acknowledgement)
            let release = try #require(try r.ref("refs/heads/main"))
            #expect(signed.status == "signed" && signed.revision == "A")
            #expect(acknowledgement.name == "Olga Operator" && acknowledgement.meaning == "read and understood")
            #expect(acknowledgement.signedAt == Timestamp.string(r.clock.now()))
            #expect(acknowledgement.commit == release.hex)
            #expect(acknowledgement.tree == (try r.folderTree(id, in: release))?.hex)
            #expect(acknowledgement.contentVerified)
            #expect(acknowledgement.manifestation == "Read and understood by Olga Operator (olga) on \(Timestamp.readable(r.clock.now())): \(id) rev A")
            #expect(try r.actions(entity: id).last == "training.sign")
            #expect(try r.register.verify().isClean)
        }
    }

    @Test func anApprovedRevisionIsSignedOnItsSignedDraft() throws {
        try withTrainingRegister { r in
            // Given rev A approved, effective in a week
            let id = try r.createDocument()
            try r.startReview(id, effectiveOn: r.today.addingDays(7))
            try r.signStandardRoute(id)
            let draft = try #require(try r.register.document(id).revisions.first?.draftCommit)

            // When olga reads it before it is effective
            let acknowledgement = try #require(try r.read(id, by: "olga").acknowledgement)

            // Then she signed the approved draft, and the acknowledgement still holds once released
            #expect(acknowledgement.commit == draft && acknowledgement.contentVerified)
            r.advance(days: 7)
            try r.register.releaseDue()
            #expect(try r.assignment(id, "A", "olga")?.acknowledgement?.contentVerified == true)
            #expect(try r.register.verify().isClean)
        }
    }

    @Test func someoneWithoutAnOpenAssignmentCannotSign() throws {
        try withTrainingRegister { r in
            let id = try r.releasedDocument()
            let before = try r.trailCount()
            // rita (a reviewer) was not assigned; olga cannot sign twice
            let error = try #require(throws: GembaError.self) { try r.read(id, by: "rita") }
            #expect(error.kind == .state && error.message.contains("rita has no open training assignment for \(id)"))
            try r.read(id, by: "olga")
            let twice = try #require(throws: GembaError.self) { try r.read(id, by: "olga") }
            #expect(twice.message.contains("olga has no open training assignment"))
            #expect(throws: GembaError.self) { try r.read("SOP-0099", by: "olga") }
            #expect(try r.trailCount() == before + 1)
        }
    }

    @Test func wrongPasswordsAreRecordedAndLockTheAccount() throws {
        try withTrainingRegister { r in
            // Given otto's open assignment
            let id = try r.releasedDocument()

            // When he types a wrong password
            let wrong = try #require(throws: GembaError.self) { try r.read(id, by: "otto", password: "not my password") }

            // Then nothing is signed, and the failure is in the trail
            #expect(wrong.kind == .authentication)
            #expect(try r.assignment(id, "A", "otto")?.status == "open")
            #expect(try r.actions(entity: "otto").last == "signature.failed")

            // When he fails four more times, the account locks, and even the right password is refused
            for _ in 0..<4 { _ = try? r.read(id, by: "otto", password: "not my password") }
            let locked = try #require(throws: GembaError.self) { try r.read(id, by: "otto") }
            #expect(locked.kind == .locked)
            #expect(try r.assignment(id, "A", "otto")?.status == "open")

            // After an unlock he signs, and the failed-attempt count is reset
            _ = try r.register.unlockUser("otto", by: r.credentials("ada"), reason: "identity checked")
            try r.read(id, by: "otto")
            #expect(try r.register.users().first { $0.username == "otto" }?.failedAttempts == 0)
        }
    }

    @Test func withTwoOpenRevisionsTheSignerSaysWhich() throws {
        try withTrainingRegister { r in
            // Given olga has not read rev A, and rev B is approved for next week
            let id = try r.releasedDocument()
            try r.releaseRevision(id, effectiveOn: r.today.addingDays(7))

            // When she signs without saying which revision, she is asked to
            let error = try #require(throws: GembaError.self) { try r.read(id, by: "olga") }
            #expect(error.kind == .invalidInput && error.message.contains("revs A and B"))

            // Then with --revision she signs B, and A stays open until B is effective
            #expect(try r.read(id, by: "olga", revision: "b").revision == "B")
            #expect(try r.assignment(id, "A", "olga")?.status == "open")
            #expect(throws: GembaError.self) { try r.read(id, by: "olga", revision: "C") }
        }
    }
}
