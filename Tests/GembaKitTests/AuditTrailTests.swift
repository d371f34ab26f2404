import Foundation
import GRDB
import Testing
@testable import GembaKit

/// The hash-chained, append-only audit trail (21 CFR 11.10(e)) and how hand edits are found.
@Suite("Audit trail")
struct AuditTrailTests {
    /// The actions appended by `body`, in order.
    private func appended(_ r: TestRegister, _ body: () throws -> Void) throws -> [TrailEntry] {
        let before = try r.register.trail().count
        try body()
        return Array(try r.register.trail().dropFirst(before))
    }

    @Test func everyOperationAppendsEntries() throws {
        try withRegister { r in
            // Given a register, when a document goes from creation to release, then each step is recorded.
            var id = ""
            let created = try appended(r) { id = try r.createDocument() }
            #expect(created.map(\.action) == ["document.create", "revision.draft", "ref.set"])
            #expect(created.allSatisfy { $0.actor == "alice" && $0.at == "2026-03-02T09:00:00Z" && $0.reason == "Initial release" })
            #expect(created[0].oldValue == nil)
            #expect(created[0].newValue?.contains("\"id\":\"SOP-0001\"") == true)
            #expect(created[2].entityId == "refs/heads/drafts/SOP-0001")

            r.advance(days: 0, hours: 1)
            let saved = try appended(r) { try r.register.editDraft(id, DraftEdit(title: "Torque the nuts"), by: "alice") }
            #expect(saved.map(\.action) == ["revision.save", "ref.set"])
            #expect(saved[0].changes.contains { $0.hasPrefix("title: Torque the wheel nuts -> Torque the nuts") })
            #expect(saved[0].at == "2026-03-02T10:00:00Z")

            let started = try appended(r) { try r.startReview(id) }
            #expect(started.map(\.action) == ["review.start", "signature.sign", "revision.review", "document.status"])
            #expect(started[3].changes == ["status: draft -> in_review"])

            let reviewed = try appended(r) { try r.sign(id, "rita", .reviewed) }
            #expect(reviewed.map(\.action) == ["signature.sign", "review.step"])
            #expect(reviewed.allSatisfy { $0.actor == "rita" })

            let approved = try appended(r) { try r.sign(id, "pete", .approved) }
            #expect(approved.map(\.action) == [
                "signature.sign", "review.complete", "revision.approve", "revision.effective", "document.release",
                "ref.set", "ref.set", "ref.delete",
            ])
            #expect(approved.last?.entityId == "refs/heads/drafts/SOP-0001")
            #expect(approved.last?.newValue == nil)

            // and the trail is a chain of distinct hashes numbered from 1.
            let trail = try r.register.trail()
            #expect(trail.map(\.seq) == Array(1...Int64(trail.count)))
            #expect(Set(trail.map(\.hash)).count == trail.count)
            let report = try r.register.verify()
            #expect(report.problems == [])
            #expect(report.checked["audit-trail entries"] == trail.count)
        }
    }

    @Test func trailNarrowsToOneDocument() throws {
        try withRegister { r in
            // Given two documents, one released
            let id = try r.releasedDocument()
            try r.createDocument("WI")
            // when the trail of the first is asked for, then every entry is about it.
            let entries = try r.register.trail(entity: id)
            #expect(Set(entries.map(\.entityType)) == ["document", "revision", "review_cycle", "signature", "git_ref"])
            #expect(!entries.contains { $0.entityId.contains("WI-0001") || ($0.newValue ?? "").contains("WI-0001") })
            #expect(entries.contains { $0.entityId == "refs/tags/SOP-0001/A" })
        }
    }

    @Test func passwordHashesNeverEnterTheTrail() throws {
        try withRegister { r in
            let entry = try #require(try r.register.trail(entity: "rita").first)
            #expect(entry.action == "user.add")
            #expect(entry.actor == "ada")
            #expect(entry.newValue?.contains("\"password_hash\":\"sha256:") == true)
            #expect(entry.newValue?.contains("scrypt$") == false)
        }
    }

    @Test func triggersRejectUpdateAndDelete() throws {
        try withRegister { r in
            // Given a register with entries
            try r.releasedDocument()
            let before = try r.register.trail()
            let database = try r.database()

            // when another program updates or deletes an entry, then SQLite refuses both,
            let update = #expect(throws: DatabaseError.self) {
                try database.write { db in try db.execute(sql: "UPDATE audit_trail SET actor = 'mallory' WHERE seq = 3") }
            }
            #expect(update?.message?.contains("append-only") == true)
            let delete = #expect(throws: DatabaseError.self) {
                try database.write { db in try db.execute(sql: "DELETE FROM audit_trail WHERE seq = (SELECT max(seq) FROM audit_trail)") }
            }
            #expect(delete?.message?.contains("append-only") == true)

            // and nothing changed.
            #expect(try r.register.trail().map(\.hash) == before.map(\.hash))
            #expect(try r.register.verify().problems == [])
        }
    }

    @Test func editedSignatureIsFound() throws {
        try withRegister { r in
            // Given a released document, when rita's printed name on her signature is changed with SQL
            let id = try r.releasedDocument()
            let database = try r.database()
            let signatureID = try database.write { db in
                try db.execute(sql: "UPDATE signature SET printed_name = 'Someone Else' WHERE username = 'rita'")
                return try Int64.fetchOne(db, sql: "SELECT id FROM signature WHERE username = 'rita'")
            }

            // then verify names that signature row first, and the release commit's manifestation no longer matches.
            let problems = try r.register.verify().problems
            #expect(problems == [
                "signature \(try #require(signatureID)): the row differs from its last audit-trail entry; it was edited outside gemba",
                "\(id) rev A: its recorded signatures differ from the manifestation in its release commit (1 not in the commit, 1 no longer recorded); the signatures were changed outside gemba",
            ])
            #expect(try r.register.document(id).revisions.first?.signatures.contains { $0.name == "Someone Else" } == true)
        }
    }

    @Test func alteredOldEntryIsNamedBySeq() throws {
        try withRegister { r in
            // Given a register, when the update trigger is dropped and entry 5 is rewritten
            try r.releasedDocument()
            let database = try r.database()
            try database.write { db in
                try db.execute(sql: "DROP TRIGGER audit_trail_no_update")
                try db.execute(sql: "UPDATE audit_trail SET reason = 'nothing happened' WHERE seq = 5")
            }

            // then verify names entry 5 and the missing guard.
            let problems = try r.register.verify().problems
            #expect(problems.contains { $0.hasPrefix("audit trail: entry 5 (") && $0.hasSuffix("was altered after it was written") }, "\(problems)")
            #expect(problems.contains("audit trail: the append-only guard audit_trail_no_update was removed"))
            #expect(!problems.contains { $0.contains("entry 4 ") || $0.contains("entry 6 ") })
        }
    }

    /// The entry hash is SHA-256 over "LENGTH:FIELD" lines (length in UTF-8 bytes, a missing value
    /// as NUL), the format `verify` and every register written before check against: pinned to a
    /// value computed outside Swift, and to the definition on random entries.
    @Test func entryHashKeepsItsFormat() throws {
        let at = Date(timeIntervalSince1970: 1_772_442_000)  // 2026-03-02T09:00:00Z
        let entry = TrailEntryRecord(
            seq: 7, at: at, actor: "alice", action: "document.create", entityType: "document", entityId: "SOP-0001", oldValue: nil,
            newValue: #"{"id":"SOP-0001","title":"Drehmoment prüfen"}"#, reason: "Initial release", prevHash: AuditTrail.genesisHash, hash: "")
        #expect(AuditTrail.hash(of: entry) == "06ee61e17dca05912b8232232907e2130800f358f842d5e6c035b0764603f5c6")

        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ09 :\n\"{}é€😀\u{0}")
        func text() -> String { String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) }
        for _ in 0..<500 {
            let entry = TrailEntryRecord(
                seq: Int64.random(in: 1...9_999_999, using: &generator), at: at.addingTimeInterval(Double(Int.random(in: 0...99_999_999))),
                actor: text(), action: text(), entityType: text(), entityId: text(), oldValue: Bool.random() ? nil : text(),
                newValue: Bool.random() ? nil : text(), reason: Bool.random() ? nil : text(), prevHash: text(), hash: "")
            let fields = [
                String(entry.seq), Timestamp.string(entry.at), entry.actor, entry.action, entry.entityType, entry.entityId,
                entry.oldValue ?? "\u{0}", entry.newValue ?? "\u{0}", entry.reason ?? "\u{0}", entry.prevHash,
            ]
            let definition = fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "\n")
            #expect(AuditTrail.hash(of: entry) == SHA256Hex.of(definition))
        }
    }

    @Test func rewrittenChainIsCaughtByTheAnchorsInGit() throws {
        try withRegister { r in
            // Given a released document (its release commit on main names the trail's newest entry)
            try r.releasedDocument()
            let database = try r.database()

            // when someone drops the guards, rewrites entry 5 and recomputes every hash after it
            try database.write { db in
                try db.execute(sql: "DROP TRIGGER audit_trail_no_update")
                try db.execute(sql: "UPDATE audit_trail SET reason = 'nothing happened' WHERE seq = 5")
                var previous = try String.fetchOne(db, sql: "SELECT hash FROM audit_trail WHERE seq = 4") ?? ""
                for var entry in try TrailEntryRecord.fetchAll(db, sql: "SELECT * FROM audit_trail WHERE seq >= 5 ORDER BY seq") {
                    entry.prevHash = previous
                    entry.hash = AuditTrail.hash(of: entry)
                    try db.execute(sql: "UPDATE audit_trail SET prev_hash = ?, hash = ? WHERE seq = ?", arguments: [entry.prevHash, entry.hash, entry.seq])
                    previous = entry.hash
                }
            }

            // then the chain itself looks whole, but the anchor in git no longer matches.
            let report = try r.register.verify()
            #expect(!report.problems.contains { $0.contains("was altered after it was written") })
            #expect(report.problems.contains { $0.hasPrefix("audit trail: entry ") && $0.contains("differs from the hash recorded in commit") }, "\(report.problems)")
            #expect((report.checked["trail anchors in git"] ?? 0) >= 1)
        }
    }

    @Test func deletedEntryIsFound() throws {
        try withRegister { r in
            // Given a register, when the delete trigger is dropped and entry 7 deleted
            try r.releasedDocument()
            let database = try r.database()
            try database.write { db in
                try db.execute(sql: "DROP TRIGGER audit_trail_no_delete")
                try db.execute(sql: "DELETE FROM audit_trail WHERE seq = 7")
            }

            // then verify reports the gap.
            let problems = try r.register.verify().problems
            #expect(problems.contains("audit trail: entry 7 is missing (next is 8); the trail was edited outside gemba"), "\(problems)")
        }
    }

    @Test func rowsAddedOrDeletedByHandAreFound() throws {
        try withRegister { r in
            // Given a released document, when a document row is inserted and a signature row deleted with SQL
            try r.releasedDocument()
            let database = try r.database()
            let deleted = try database.write { db -> Int64? in
                try db.execute(sql: """
                    INSERT INTO document (id, type, number, title, owner, status, latest_revision, created_at)
                    VALUES ('SOP-0099', 'SOP', 99, 'Forged procedure', 'alice', 'effective', 'A', '2026-03-02T09:00:00Z')
                    """)
                let id = try Int64.fetchOne(db, sql: "SELECT max(id) FROM signature")
                try db.execute(sql: "DELETE FROM signature WHERE id = ?", arguments: [id])
                return id
            }

            // then verify names both rows.
            let problems = try r.register.verify().problems
            #expect(problems.contains("document SOP-0099: the row has no audit-trail entry; it was added outside gemba"), "\(problems)")
            #expect(problems.contains("signature \(try #require(deleted)): the row recorded in the audit trail is missing; it was deleted outside gemba"), "\(problems)")
        }
    }
}
