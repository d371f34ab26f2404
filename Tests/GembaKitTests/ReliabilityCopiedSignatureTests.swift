import Foundation
import GRDB
import GembaGit
import Testing
@testable import GembaKit

/// A signature copied onto another record, or content changed after it was signed, is found by
/// `verify` even when the forger also wrote well-formed audit-trail entries for the change
/// (`forge`): what catches it then is what the signature is bound to, not the trail.
@Suite("Reliability: copied signatures and changed content")
struct ReliabilityCopiedSignatureTests {
    /// Copies signature `source` as a new row onto `cycle` with `changes` applied; returns its id.
    @discardableResult
    private func copySignature(_ r: TestRegister, _ source: Int64, onto cycle: Int64, _ changes: String) throws -> Int64 {
        let id = try #require(try r.register.store.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) + 1 FROM signature") })
        try r.forge(.signature, key: String(id), """
            INSERT INTO signature (id, cycle_id, document_id, revision_letter, step_index, step_name, username, printed_name, meaning, signed_at, commit_id, tree_id, comment)
            SELECT ?, c.id, c.document_id, c.revision_letter, s.step_index, s.step_name, s.username, s.printed_name, s.meaning, s.signed_at, c.pinned_commit, c.pinned_tree, s.comment
            FROM signature s, review_cycle c WHERE s.id = ? AND c.id = ?
            """, [id, source, cycle])
        if !changes.isEmpty { try r.forge(.signature, key: String(id), "UPDATE signature SET \(changes) WHERE id = ?", [id]) }
        return id
    }

    private func openCycle(_ r: TestRegister, _ id: String) throws -> Int64 {
        try #require(try r.register.store.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM review_cycle WHERE document_id = ? ORDER BY id DESC", arguments: [id])
        })
    }

    @Test func anApprovalCopiedOntoAnotherDocumentIsFound() throws {
        try withRegister { r in
            // Given SOP-0001 released by pete, and SOP-0002 in review a day later, reviewed by rita
            let first = try r.releasedDocument()
            r.advance(days: 1)
            let second = try r.createDocument(title: "Check the brake fluid")
            try r.startReview(second)
            try r.sign(second, "rita", .reviewed)
            #expect(try r.problems() == [])

            // when pete's approval of SOP-0001 is copied onto SOP-0002's cycle (its content and all), with a chained trail entry
            let copy = try copySignature(r, try r.signatureID(first, "A", meaning: .approved), onto: try openCycle(r, second), "")

            // then verify says the signature was made before the cycle it sits in was open.
            let problems = try r.problems()
            #expect(problems.contains { $0.hasPrefix("signature \(copy) (Pete Approver, approved, \(second) rev A): was made at") && $0.contains("outside the time its review cycle was open") },
                    "\(problems)")
        }
    }

    @Test func aSignatureMovedToAnotherStepIsFound() throws {
        try withRegister { r in
            // Given a released document, when rita's review signature is moved onto the approval step
            let id = try r.releasedDocument()
            let review = try r.signatureID(id, "A", meaning: .reviewed)
            try r.forge(.signature, key: String(review), "UPDATE signature SET step_index = 1 WHERE id = ?", [review])

            // then verify says it does not match that step, and the revision lacks its review.
            let problems = try r.problems()
            #expect(problems.contains { $0.hasPrefix("signature \(review) (Rita Reviewer, reviewed, \(id) rev A): does not match step 1") }, "\(problems)")
            #expect(problems.contains("\(id) rev A: it is effective but no approved review cycle holds every signature its route needs; the record was changed outside gemba"))
        }
    }

    @Test func aSignatureAddedToAReleasedRevisionDiffersFromItsReleaseCommit() throws {
        try withRegister { r in
            // Given a released document, when vera's signature is added to its approval step with every field consistent
            let id = try r.releasedDocument()
            let approval = try r.signatureID(id, "A", meaning: .approved)
            let cycle = try #require(try r.register.store.read { db in try Int64.fetchOne(db, sql: "SELECT cycle_id FROM signature WHERE id = ?", arguments: [approval]) })
            try copySignature(r, approval, onto: cycle, "username = 'vera', printed_name = 'Vera Versatile'")

            // then the release commit's manifestation (pinned by git and the tag) no longer matches.
            let problems = try r.problems()
            #expect(problems.contains { $0.hasPrefix("\(id) rev A: its recorded signatures differ from the manifestation in its release commit (1 not in the commit, 0 no longer recorded)") },
                    "\(problems)")
        }
    }

    @Test func aRevisionMadeEffectiveWithoutSignaturesIsFound() throws {
        try withRegister { r in
            // Given a document in review with no signature yet, when its revision is set effective with a chained trail entry
            let id = try r.createDocument()
            try r.startReview(id)
            try r.forge(.revision, key: "\(id)/A", "UPDATE revision SET status = 'effective' WHERE document_id = ?", [id])

            // then verify says no approved cycle holds the signatures its route needs.
            let problems = try r.problems()
            #expect(problems.contains("\(id) rev A: it is effective but no approved review cycle holds every signature its route needs; the record was changed outside gemba"),
                    "\(problems)")
        }
    }

    @Test func aCAPASignatureCopiedOntoAnotherCAPAIsFound() throws {
        try withAuditRegister { r in
            // Given one CAPA verified by quinn and another whose actions are done
            let verified = try r.capa(at: .effective)
            let other = try r.capa(at: .actionsDone)
            #expect(try r.problems() == [])

            // when quinn's verification is copied onto the other CAPA and it is set verified, with chained trail entries
            let id = try #require(try r.register.store.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) + 1 FROM capa_signature") })
            try r.forge(.capaSignature, key: "\(other)/S\(id)", """
                INSERT INTO capa_signature (id, capa_id, plan_round, step, meaning, username, printed_name, signed_at, content_hash, comment)
                SELECT ?, ?, plan_round, step, meaning, username, printed_name, signed_at, content_hash, comment FROM capa_signature WHERE capa_id = ? AND step = 'verification'
                """, [id, other, verified])
            try r.forge(.capa, key: other, "UPDATE capa SET state = 'verified', effectiveness_due = '2026-06-01' WHERE id = ?", [other])

            // then the copied signature does not match the other CAPA's content.
            let problems = try r.problems()
            #expect(problems.contains { $0.hasPrefix("\(other): the content signed 'verified' by Quinn Quality") }, "\(problems)")
        }
    }

    @Test func aCAPAClosedWithoutItsSignaturesIsFound() throws {
        try withAuditRegister { r in
            // Given a CAPA whose actions are done, when it is set closed with a chained trail entry
            let id = try r.capa(at: .actionsDone)
            try r.forge(.capa, key: id, "UPDATE capa SET state = 'closed', closed_at = updated_at WHERE id = ?", [id])

            // then verify names each missing signature.
            let problems = try r.problems()
            for step in ["verification", "effectiveness", "closure"] {
                #expect(problems.contains("\(id): it is closed but has no \(step) signature in its plan round 0; the record was changed outside gemba"), "\(problems)")
            }
        }
    }

    @Test func aTrainingAcknowledgementCopiedOntoAnotherDocumentIsFound() throws {
        try withTrainingRegister { r in
            // Given two effective SOPs olga must read, and her signature on the first
            let first = try r.releasedDocument()
            let second = try r.releasedDocument(text: "# Steps\n\n1. Check the brake fluid.\n")
            r.advance(days: 1)
            try r.read(first, by: "olga")

            // when her signed fields are copied onto her assignment of the second, with a chained trail entry
            try r.forge(.trainingAssignment, key: "\(second)/A/olga", """
                UPDATE training_assignment SET (status, closed_at, signed_at, printed_name, signed_commit, signed_tree) =
                (SELECT status, closed_at, signed_at, printed_name, signed_commit, signed_tree FROM training_assignment WHERE document_id = ? AND username = 'olga')
                WHERE document_id = ? AND username = 'olga'
                """, [first, second])

            // then the acknowledgement does not point at the second SOP's content.
            let problems = try r.problems()
            #expect(problems.contains { $0.hasPrefix("training acknowledgement \(second)/A/olga (Olga Operator") && $0.contains("is not the content of \(second) rev A") },
                    "\(problems)")
        }
    }

    @Test func aRequestSignatureCopiedOntoAnotherRequestIsFound() throws {
        try withRequestRegister { r in
            // Given one approved requisition and another submitted one
            let approved = try r.requisition()
            _ = try r.register.approveRequest(approved, signer: r.credentials("pete"))
            let other = try r.requisition()
            #expect(try r.problems() == [])

            // when the approval is copied onto the other request, with a chained trail entry
            let id = try #require(try r.register.store.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) + 1 FROM request_signature") })
            let columns = try r.register.store.read { db in try Row.fetchAll(db, sql: "PRAGMA table_info(request_signature)").map { $0["name"] as String } }
            let copied = columns.map { $0 == "id" ? "?" : $0 == "request_id" ? "?" : $0 }.joined(separator: ", ")
            try r.forge(.requestSignature, key: "\(other)/S\(id)", "INSERT INTO request_signature (\(columns.joined(separator: ", "))) SELECT \(copied) FROM request_signature WHERE request_id = ?",
                        [id, other, approved])

            // then it does not match the other request's content.
            let problems = try r.problems()
            #expect(problems.contains { $0.hasPrefix("\(other): the approved signature of") && $0.contains("no longer matches the request's content") }, "\(problems)")
        }
    }
}
