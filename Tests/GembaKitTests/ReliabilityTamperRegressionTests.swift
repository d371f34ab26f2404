import Foundation
import GRDB
import GembaGit
import Testing
@testable import GembaKit

/// Hand edits the random tamper run (Tests/GembaCommandsTests/ReliabilityTamperTests.swift)
/// found undetected, unnamed or crashing `verify`, kept as regression tests; each failed before
/// the fix in AuditTrail/TrailVerification.swift or Register/Register+Verify.swift.
@Suite("Reliability: tamper regressions")
struct ReliabilityTamperRegressionTests {
    /// Drops the trail's guards, runs `sql`, and puts the guards back as they were.
    private func editTrail(_ r: TestRegister, _ sql: String) throws {
        let queue = try r.database()
        try queue.write { db in
            let triggers = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_trail'")
            for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger["name"] as String)") }
            try db.execute(sql: sql)
            for trigger in triggers { try db.execute(sql: trigger["sql"] as String) }
        }
        try queue.close()
    }

    @Test func aTimeRewrittenAsTheSameInstantIsAnAlteredEntry() throws {
        try withRegister { r in
            // Given a register, when entry 4's time is rewritten with +00:00 instead of Z (the same instant)
            try r.releasedDocument()
            try editTrail(r, "UPDATE audit_trail SET at = replace(at, 'Z', '+00:00') WHERE seq = 4")

            // then verify names entry 4 first (it hashed the parsed time, so this passed before).
            let problems = try r.problems()
            #expect(problems.first?.hasPrefix("audit trail: entry 4 was altered") == true, "\(problems)")
        }
    }

    @Test func deletingTheNewestEntriesIsFound() throws {
        try withRegister { r in
            // Given a register whose newest entry changes no row (a failed signing attempt)
            let id = try r.createDocument()
            try r.startReview(id)
            #expect(throws: GembaError.self) { try r.sign(id, "rita", .reviewed, password: "wrong") }
            let last = try #require(try r.register.trail().last)

            // when the newest entries are deleted, the chain left is whole, but verify names the first one missing.
            try editTrail(r, "DELETE FROM audit_trail WHERE seq >= \(last.seq - 1)")
            let problems = try r.problems()
            #expect(problems.first?.hasPrefix("audit trail: entry \(last.seq - 1) is missing (the trail ends at \(last.seq - 2), gemba last wrote entry \(last.seq))") == true,
                    "\(problems)")
        }
    }

    @Test func textChangedToItsDecomposedFormIsFound() throws {
        try withRegister { r in
            // Given a document titled with an umlaut, when its title is rewritten in decomposed Unicode (u + U+0308)
            let id = try r.createDocument(title: "Prüfung der Drehmomente")
            try r.handEdit("UPDATE document SET title = ? WHERE id = ?", ["Prüfung der Drehmomente".decomposedStringWithCanonicalMapping, id])

            // then verify names the row (Swift's == called the two titles equal).
            let problems = try r.problems()
            #expect(problems.first == "document \(id): the row differs from its last audit-trail entry; it was edited outside gemba", "\(problems)")
        }
    }

    @Test func aValueOfAnotherTypeInTheTrailIsReportedNotACrash() throws {
        try withRegister { r in
            // Given a register, when an entry's new value is replaced by a blob and another's reason by a number
            try r.releasedDocument()
            try editTrail(r, "UPDATE audit_trail SET new_value = CAST(new_value AS BLOB) WHERE seq = 6; UPDATE audit_trail SET reason = 7 WHERE seq = 9")

            // then verify reports entry 6 as altered.
            let problems = try r.problems()
            #expect(problems.first?.hasPrefix("audit trail: entry 6 was altered") == true, "\(problems)")
        }
    }

    @Test func verifyStillRunsWhenTheRecordOfMainIsEdited() throws {
        try withRegister { r in
            // Given a register, when the recorded target of main is changed by hand
            try r.releasedDocument()
            try r.handEdit("UPDATE git_ref SET target = '0000000000000000000000000000000000000000' WHERE name = 'refs/heads/main'")

            // then the register does not open for work, but verify opens it and names the row first.
            #expect(throws: GembaError.self) { _ = try Register.open(at: r.root) }
            let problems = try Register.openForVerification(at: r.root).verify().problems
            #expect(problems.first == "git_ref refs/heads/main: the row differs from its last audit-trail entry; it was edited outside gemba", "\(problems)")
        }
    }

    @Test func aForeignKeyProblemNamesTheRowByItsKey() throws {
        try withRegister { r in
            // Given a released document, when a signature is pointed at a review cycle that does not exist
            let id = try r.releasedDocument()
            let signature = try r.signatureID(id, "A", meaning: .approved)
            try r.handEdit("UPDATE signature SET cycle_id = 999 WHERE id = ?", [signature])

            // then the row is named first, and the foreign key by the signature's key, not a rowid.
            let problems = try r.problems()
            #expect(problems.first == "signature \(signature): the row differs from its last audit-trail entry; it was edited outside gemba", "\(problems)")
            #expect(problems.contains("signature \(signature): points at a missing review_cycle; it was edited outside gemba"))
        }
    }
}
