import Foundation
import GembaGit
import Testing
@testable import GembaKit

/// Reviews that end without a release: rejected, or void because the content changed.
@Suite("Rejected and void reviews")
struct ReviewVoidTests {
    @Test func rejectReturnsToDraftWithTheComment() throws {
        try withRegister { r in
            // Given a draft in review
            let id = try r.createDocument()
            let first = try r.startReview(id)

            // when the reviewer rejects it
            let rejected = try r.register.reject(id, comment: "Torque value missing its tolerance", signer: r.credentials("rita"))

            // then the cycle is closed as rejected with the comment and a signed rejection, and the revision is a draft again;
            #expect(rejected.id == first.id)
            #expect(rejected.status == "rejected")
            #expect(rejected.comment == "Torque value missing its tolerance")
            #expect(rejected.signatures.last?.meaning == "rejected")
            #expect(rejected.signatures.last?.name == "Rita Reviewer")
            #expect(try r.register.document(id).summary.latestStatus == "draft")
            #expect(try r.register.openReviewCycles().isEmpty)

            // and after a fix the author starts a new review that can be completed.
            try r.register.editDraft(id, DraftEdit(file: try r.markdown("Torque to 120 Nm ± 5.\n")), by: "alice")
            let second = try r.startReview(id)
            #expect(second.id != first.id)
            #expect(second.step == "review")
            #expect(try r.signStandardRoute(id).revisionStatus == "effective")
        }
    }

    @Test func rejectNeedsACommentAndTheStepsRole() throws {
        try withRegister { r in
            let id = try r.createDocument()
            try r.startReview(id)
            // Given the review step, when an approver rejects it, then it is refused;
            let error = try #require(throws: GembaError.self) {
                _ = try r.register.reject(id, comment: "No", signer: r.credentials("pete"))
            }
            #expect(error.kind == .permission)
            // and a rejection without a reason is refused too.
            #expect(throws: GembaError.self) { _ = try r.register.reject(id, comment: "  ", signer: r.credentials("rita")) }
            #expect(try r.register.openReviewCycles().count == 1)
        }
    }

    @Test func editingDuringReviewVoidsTheCycle() throws {
        try withRegister { r in
            // Given a review whose first step is signed
            let id = try r.createDocument()
            let cycle = try r.startReview(id)
            try r.sign(id, "rita", .reviewed)

            // when the author saves the draft again
            try r.register.editDraft(id, DraftEdit(file: try r.markdown("changed after review\n")), by: "alice")

            // then the cycle is void, the revision is a draft, and the approver has nothing to sign;
            let void = try r.register.reviewCycle(cycle.id)
            #expect(void.status == "void")
            #expect(void.comment?.contains("changed after the review started") == true)
            #expect(try r.register.document(id).summary.latestStatus == "draft")
            let error = try #require(throws: GembaError.self) { try r.sign(id, "pete", .approved) }
            #expect(error.kind == .state)

            // a new review starts again from the first step, on the new content.
            let again = try r.startReview(id)
            #expect(again.step == "review")
            #expect(again.pinnedCommit != cycle.pinnedCommit)
            #expect(again.pinnedCommit == (try r.ref("refs/heads/drafts/\(id)"))?.hex)
        }
    }

    @Test func draftMovedBehindGembasBackVoidsTheCycle() throws {
        try withRegister { r in
            // Given a draft in review
            let id = try r.createDocument()
            let cycle = try r.startReview(id)

            // when someone commits to drafts/<ID> with git directly, outside gemba
            let repository = try r.repository()
            let head = try #require(try repository.reference("refs/heads/drafts/\(id)"))
            let tree = try repository.tree(
                base: try repository.commit(head).tree,
                applying: [.upsertFile(path: "\(DocumentTree.path(id))/\(id).md", blob: try repository.writeBlob(Data("Torque to 90 Nm.\n".utf8)))])
            let mallory = GitPerson(name: "Mallory", email: "mallory@example.com", time: r.clock.now())
            let sneaky = try repository.createCommit(tree: tree, parents: [head], author: mallory, committer: mallory, message: "quick fix\n")
            try repository.setReference("refs/heads/drafts/\(id)", to: sneaky, expecting: head, logMessage: "outside gemba")

            // then the next signature fails because the content changed since the review started,
            let error = try #require(throws: GembaError.self) { try r.sign(id, "rita", .reviewed) }
            #expect(error.kind == .conflict)
            #expect(error.message.contains("changed since the review started"), "\(error.message)")

            // nothing was signed, the cycle is void and the revision back to draft;
            let void = try r.register.reviewCycle(cycle.id)
            #expect(void.status == "void")
            #expect(void.signatures.map(\.meaning) == ["authored"])
            #expect(try r.register.document(id).summary.latestStatus == "draft")
            #expect(try r.actions(entity: id).contains("review.void"))

            // and verify reports the branch that moved.
            let problems = try r.register.verify().problems
            #expect(problems.contains { $0.contains("refs/heads/drafts/\(id) points at \(sneaky.hex.prefix(12))") }, "\(problems)")
        }
    }
}
