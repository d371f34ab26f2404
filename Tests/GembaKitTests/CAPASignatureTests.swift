import Crypto
import Foundation
import GRDB
import Testing
@testable import GembaKit

/// CAPA signatures: manifestation, and the SHA-256 of the content they sign (21 CFR 11.50, 11.70).
@Suite("CAPA signatures")
struct CAPASignatureTests {
    @Test func aSignatureRecordsWhoWhenWhatAndTheHashOfTheSignedContent() throws {
        try withAuditRegister { r in
            // Given a CAPA whose actions are done, when quinn signs the verification
            let id = try r.capa(at: .actionsDone)
            let view = try r.verifyCAPA(id)

            // Then the signature row holds the printed name, meaning, UTC time, step and content hash
            let rows = try r.database().read { db in try Row.fetchAll(db, sql: "SELECT * FROM capa_signature WHERE capa_id = ?", arguments: [id]) }
            let row = try #require(rows.first)
            #expect(rows.count == 1)
            let fields = ["username", "printed_name", "meaning", "step", "signed_at"].map { (row[$0] as String?) ?? "" }
            #expect(fields == ["quinn", "Quinn Quality", "verified", "verification", Timestamp.string(r.clock.now())])
            let hash: String = row["content_hash"]
            #expect(hash.count == 64 && view.signatures.first?.contentHash == hash)
            let expected = try r.database().read { db in try r.register.capaContentHash(db, try r.register.capaRecord(db, id)) }
            #expect(hash == expected)
            #expect(try r.actions(entity: id).contains("capa.sign"))
        }
    }

    @Test func verifyFindsSignedContentEditedByHand() throws {
        try withAuditRegister { r in
            // Given a verified CAPA, verify is clean
            let id = try r.capa(at: .verified)
            #expect(try r.register.verify().problems == [])

            // When someone edits the root cause in register.sqlite behind gemba's back
            try r.database().write { db in try db.execute(sql: "UPDATE capa SET root_cause = 'Operator error' WHERE id = ?", arguments: [id]) }

            // Then verify names the CAPA and the signature whose content no longer matches, and the view flags it
            let problems = try r.register.verify().problems
            #expect(problems.contains { $0.hasPrefix("\(id): the content signed 'verified' by Quinn Quality") })
            #expect(problems.contains { $0.hasPrefix("capa \(id): the row differs from its last audit-trail entry") })
            #expect(try r.register.capaView(id).signatures.first?.contentVerified == false)
        }
        try withAuditRegister { r in
            // The evidence of an action is signed content too
            let id = try r.capa(at: .effective)
            try r.database().write { db in try db.execute(sql: "UPDATE capa_action SET evidence = 'nothing' WHERE capa_id = ?", arguments: [id]) }
            let problems = try r.register.verify().problems
            #expect(problems.filter { $0.hasPrefix("\(id): the content signed") }.count == 2)
        }
    }

    @Test func signaturesOfAReopenedRoundAreNotComparedWithTheNewPlan() throws {
        try withAuditRegister { r in
            // Given a CAPA reopened by a "not effective" check and planned anew
            let id = try r.capa(at: .verified)
            r.advance(days: 60)
            try r.effectiveness(id, .notEffective)
            try r.addAction(id, description: "Personal reminders")

            // Then verify is clean, the round-0 signatures are shown unchecked, and the hand-edit check still works
            #expect(try r.register.verify().problems == [])
            let view = try r.register.capaView(id)
            #expect(view.signatures.map(\.contentVerified) == [nil, nil])
        }
    }
}
