import Foundation
import Testing
@testable import GembaKit

/// Who may start and sign a review, and in what order (21 CFR 11.10(f), 11.10(g)).
@Suite("Review workflow")
struct ReviewWorkflowTests {
    @Test func onlyTheAuthorStartsTheReview() throws {
        try withRegister { r in
            // Given alice's draft, when a coordinator sends it for review, then it is refused.
            let id = try r.createDocument()
            let error = try #require(throws: GembaError.self) { try r.startReview(id, by: "carl") }
            #expect(error.kind == .permission)
            #expect(try r.register.openReviewCycles().isEmpty)

            // When alice sends it, then a cycle opens at the review step with her "authored" signature.
            let cycle = try r.startReview(id)
            #expect(cycle.status == "open")
            #expect(cycle.kind == "revision")
            #expect(cycle.step == "review")
            #expect(cycle.stepRole == "reviewer")
            #expect(cycle.signatures.map(\.meaning) == ["authored"])
            #expect(cycle.signatures.first?.username == "alice")
            #expect(try r.register.document(id).summary.status == "in_review")
        }
    }

    @Test func aReviewCannotStartTwice() throws {
        try withRegister { r in
            // Given a draft already in review, when alice starts it again, then it is refused.
            let id = try r.createDocument()
            let first = try r.startReview(id)
            let error = try #require(throws: GembaError.self) { try r.startReview(id) }
            #expect(error.kind == .state)
            #expect(error.message.contains("not a draft"))
            #expect(try r.register.openReviewCycles().map(\.id) == [first.id])
        }
    }

    @Test func onlyADraftCanBeSentForReview() throws {
        try withRegister { r in
            // Given a document whose only revision is effective, when its author starts a review, then it is refused.
            let id = try r.releasedDocument()
            let error = try #require(throws: GembaError.self) { try r.startReview(id) }
            #expect(error.kind == .state)
            #expect(error.message.contains("is effective, not a draft"))
        }
    }

    @Test func theEffectiveDateCannotBeInThePast() throws {
        try withRegister { r in
            let id = try r.createDocument()
            let error = try #require(throws: GembaError.self) { try r.startReview(id, effectiveOn: r.today.addingDays(-1)) }
            #expect(error.kind == .invalidInput)
            #expect(try r.register.document(id).summary.latestStatus == "draft")
        }
    }

    @Test func signingNeedsTheStepsRole() throws {
        try withRegister { r in
            // Given a review at its first step (review, by a reviewer)
            let id = try r.createDocument()
            try r.startReview(id)
            // when an approver signs before the review is done, then it is refused: approval cannot come first.
            let error = try #require(throws: GembaError.self) { try r.sign(id, "pete", .approved) }
            #expect(error.kind == .permission)
            #expect(error.message.contains("needs the role reviewer"))
            #expect(try r.register.openReviewCycles().first?.step == "review")
            #expect(try r.register.openReviewCycles().first?.signatures.count == 1)
        }
    }

    @Test func signingNeedsTheStepsMeaning() throws {
        try withRegister { r in
            // Given the review step, when the reviewer signs it as "approved", then it is refused.
            let id = try r.createDocument()
            try r.startReview(id)
            let error = try #require(throws: GembaError.self) { try r.sign(id, "rita", .approved) }
            #expect(error.kind == .invalidInput)
            #expect(error.message.contains("'reviewed', not 'approved'"))
            #expect(try r.register.openReviewCycles().first?.signatures.count == 1)
        }
    }

    @Test func theAuthorMayNotSignTheirOwnRevision() throws {
        try withRegister { r in
            // Given rob (author and reviewer) wrote the draft and started its review
            let id = try r.createDocument(by: "rob")
            try r.startReview(id, by: "rob")
            // when rob signs the review step, then the shipped policy refuses it.
            let error = try #require(throws: GembaError.self) { try r.sign(id, "rob", .reviewed) }
            #expect(error.kind == .permission)
            #expect(error.message.contains("may not also sign"))
        }
    }

    @Test func thePolicyCanLetAuthorsSign() throws {
        let allow: (String) -> String = { $0.replacingOccurrences(of: "author_may_sign_own_revision: false", with: "author_may_sign_own_revision: true") }
        try withRegister(policies: ["register.yaml": allow]) { r in
            #expect(r.register.policies.settings.authorMaySignOwnRevision)
            // Given a register whose policy lets authors sign, when rob signs his own review step, then it counts.
            let id = try r.createDocument(by: "rob")
            try r.startReview(id, by: "rob")
            let result = try r.sign(id, "rob", .reviewed)
            #expect(result.cycleStatus == "open")
            #expect(result.nextStep == "approval")
        }
    }

    @Test func nobodySignsOneReviewTwice() throws {
        try withRegister { r in
            // Given vera (reviewer and approver) signed the review step
            let id = try r.createDocument()
            try r.startReview(id)
            try r.sign(id, "vera", .reviewed)
            // when she also signs the approval step, then it is refused;
            let error = try #require(throws: GembaError.self) { try r.sign(id, "vera", .approved) }
            #expect(error.kind == .state)
            #expect(error.message.contains("already signed"))
            // another approver completes it.
            #expect(try r.sign(id, "pete", .approved).revisionStatus == "effective")
        }
    }

    @Test func aStepNeedingTwoSignaturesNeedsTwoPeople() throws {
        try withRegister { r in
            // Given a policy (management route: quality review, then two approvals)
            let id = try r.createDocument("POLICY", title: "Quality policy")
            try r.startReview(id)
            #expect(try r.sign(id, "quinn", .reviewed).nextStep == "management approval")
            let first = try r.sign(id, "pete", .approved)
            #expect(first.cycleStatus == "open")
            #expect(first.nextStep == "management approval")
            // when the same approver signs again, then it is refused; a second approver completes it.
            #expect(throws: GembaError.self) { try r.sign(id, "pete", .approved) }
            let second = try r.sign(id, "pam", .approved)
            #expect(second.cycleStatus == "approved")
            #expect(second.revisionStatus == "effective")
        }
    }

    @Test func twoStepRouteGoesReviewThenApproval() throws {
        try withRegister { r in
            // Given a started SOP review
            let id = try r.createDocument()
            try r.startReview(id)

            // when the reviewer signs, then the cycle moves to approval and nothing is released yet;
            let reviewed = try r.sign(id, "rita", .reviewed)
            #expect(reviewed.cycleStatus == "open")
            #expect(reviewed.nextStep == "approval")
            #expect(reviewed.revisionStatus == nil)
            #expect(reviewed.tag == nil)
            #expect(try r.register.openReviewCycles().first?.stepRole == "approver")
            #expect(try r.register.document(id).summary.latestStatus == "in_review")

            // when the approver signs, then the route is complete and the revision released.
            let approved = try r.sign(id, "pete", .approved)
            #expect(approved.cycleStatus == "approved")
            #expect(approved.revisionStatus == "effective")
            #expect(approved.tag == "SOP-0001/A")
            #expect(try r.register.openReviewCycles().isEmpty)
        }
    }

    @Test func withoutAnOpenCycleThereIsNothingToSign() throws {
        try withRegister { r in
            let id = try r.createDocument()
            let error = try #require(throws: GembaError.self) { try r.sign(id, "rita", .reviewed) }
            #expect(error.kind == .state)
        }
    }
}
