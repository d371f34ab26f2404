import Foundation
import Testing
@testable import GembaKit

/// An action "revise SOP-0001" completes when that revision becomes effective, in the release
/// transaction itself.
@Suite("CAPA document actions")
struct CAPADocumentActionTests {
    @Test func anActionCompletesWhenTheDocumentsNextRevisionBecomesEffective() throws {
        try withAuditRegister { r in
            // Given an effective SOP and a CAPA with the action "revise" it
            let sop = try r.releasedDocument()
            let id = try r.capa(at: .rootCaused)
            let action = try r.register.addCAPAAction(id, NewCAPAAction(description: "Revise \(sop): reminders", owner: "alice", document: sop), by: "rob")
            #expect(action.document == sop && action.documentRevision == nil)

            // When someone tries to complete it by hand, then it is refused
            expectAuditRefusal(.state, "completes by itself when \(sop)") { _ = try r.register.completeCAPAAction(action.id, evidence: "done", by: "carl") }

            // When rev B is drafted, reviewed and signed
            try r.register.reviseDocument(sop, RevisionRequest(changeReason: "Calibration reminders", changeClass: .minor), by: "alice")
            r.advance(days: 1)
            try r.startReview(sop)
            #expect(try r.register.capaAction(action.id).status == "open")
            try r.signStandardRoute(sop)

            // Then the action is done with the revision as its evidence, and the CAPA's actions are done
            let done = try r.register.capaAction(action.id)
            #expect(done.status == "done" && done.completedRevision == "B" && done.doneBy == "pete")
            #expect(done.evidence == "\(sop) rev B became effective on \(r.today)")
            #expect(try r.capaState(id) == "actions_done")

            // And the trail records it in the same transaction as the release, right after the document's release entry
            let trail = try r.register.trail()
            let released = try #require(trail.firstIndex { $0.action == "document.release" && $0.entityId == sop && ($0.newValue ?? "").contains("\"effective_revision\":\"B\"") })
            #expect(trail[released + 1].action == "capa.action-done-by-release" && trail[released + 1].entityId == action.id)
            #expect(trail[released + 1].at == trail[released].at && trail[released + 1].reason == "\(sop) rev B became effective")
            #expect(try r.register.verify().problems == [])
        }
    }

    @Test func aNamedRevisionWaitsForThatRevisionAndAFutureEffectiveDate() throws {
        try withAuditRegister { r in
            let sop = try r.releasedDocument()
            let id = try r.capa(at: .rootCaused)
            // A revision already effective cannot be awaited
            expectAuditRefusal(.state, "\(sop) rev A is already effective") {
                _ = try r.register.addCAPAAction(id, NewCAPAAction(description: "Revise", owner: "alice", document: sop, revision: "A"), by: "rob")
            }
            let action = try r.register.addCAPAAction(id, NewCAPAAction(description: "Revise to rev C", owner: "alice", document: sop, revision: "c"), by: "rob")
            #expect(action.documentRevision == "C")

            // When rev B becomes effective, the action waits for rev C
            try r.register.reviseDocument(sop, RevisionRequest(changeReason: "Typo", changeClass: .minor), by: "alice")
            try r.startReview(sop)
            try r.signStandardRoute(sop)
            #expect(try r.register.capaAction(action.id).status == "open")

            // When rev C is approved with an effective date a week ahead, it completes on that day, by the system
            try r.register.reviseDocument(sop, RevisionRequest(changeReason: "Reminders", changeClass: .minor), by: "alice")
            try r.startReview(sop, effectiveOn: r.today.addingDays(7))
            try r.signStandardRoute(sop)
            #expect(try r.register.capaAction(action.id).status == "open")
            r.advance(days: 7)
            try r.register.releaseDue()
            let done = try r.register.capaAction(action.id)
            #expect(done.status == "done" && done.completedRevision == "C" && done.doneBy == Register.systemActor)
            #expect(try r.register.verify().problems == [])
        }
    }
}
