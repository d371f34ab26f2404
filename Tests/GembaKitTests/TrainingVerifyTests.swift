import Foundation
import GRDB
import Testing
@testable import GembaKit

/// `verify` checks every "read and understood" acknowledgement against the revision it signs.
@Suite struct TrainingVerifyTests {
    @Test func verifyCatchesAnAcknowledgementMovedToOtherContent() throws {
        try withTrainingRegister { r in
            // Given olga signed rev A and rev B is released since
            let id = try r.releasedDocument()
            try r.read(id, by: "olga")
            try r.releaseRevision(id)
            #expect(try r.register.verify().isClean)
            let b = try #require(try r.register.document(id).revisions.last?.releaseCommit)

            // When someone edits her acknowledgement by hand to point at rev B's content
            let database = try r.database()
            try database.write { db in
                try db.execute(sql: "UPDATE training_assignment SET signed_commit = ? WHERE document_id = ? AND revision_letter = 'A' AND username = 'olga'",
                               arguments: [b, id])
            }
            try database.close()

            // Then verify names the acknowledgement and the trail mismatch, and the view flags it
            let problems = try r.register.verify().problems
            #expect(problems.contains { $0.hasPrefix("training acknowledgement \(id)/A/olga (Olga Operator, read and understood):") && $0.contains("is not the content of \(id) rev A") })
            #expect(problems.contains { $0.hasPrefix("training_assignment \(id)/A/olga: the row differs from its last audit-trail entry") })
            #expect(try r.assignment(id, "A", "olga")?.acknowledgement?.contentVerified == false)
        }
    }

    @Test func verifyCatchesATrainingRowAddedByHand() throws {
        try withTrainingRegister { r in
            let id = try r.releasedDocument()
            let database = try r.database()
            try database.write { db in
                try db.execute(sql: """
                    INSERT INTO certification (username, kind, issued_on, expires_on, recorded_by, recorded_at)
                    VALUES ('olga', 'forklift', '2026-01-01', '2029-01-01', 'carl', '2026-01-02T10:00:00Z')
                    """)
                try db.execute(sql: "UPDATE training_assignment SET due_on = '2027-01-01' WHERE document_id = ? AND username = 'otto'", arguments: [id])
            }
            try database.close()
            let problems = try r.register.verify().problems
            #expect(problems.contains("certification 1: the row has no audit-trail entry; it was added outside gemba"))
            #expect(problems.contains { $0.hasPrefix("training_assignment \(id)/A/otto: the row differs") })
        }
    }
}
