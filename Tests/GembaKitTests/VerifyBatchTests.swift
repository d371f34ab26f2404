import Foundation
import GRDB
import Testing
@testable import GembaKit

/// `verify` reads documents a thousand at a time with their revisions, signatures and review
/// cycles. Whatever the batch size, it must find the same problems: a record naming a document
/// in another batch, or none at all, included.
@Suite("Verify in batches")
struct VerifyBatchTests {
    private func problems(_ r: TestRegister, batchSize: Int) throws -> [String] {
        try Register.$verificationBatchSize.withValue(batchSize) { try r.register.verify().problems }
    }

    @Test func everyBatchSizeFindsTheSameProblems() throws {
        try withRegister { r in
            // Given five documents: three released (one of them revised and in review), one draft, one in review
            let first = try r.releasedDocument()
            r.advance(days: 1)
            let second = try r.releasedDocument(text: "# Steps\n\n1. Check the brake fluid.\n")
            let third = try r.releasedDocument("WI", text: "# Steps\n\n1. Reset the printer.\n")
            r.advance(days: 1)
            try r.register.reviseDocument(third, RevisionRequest(changeReason: "Printer model changed", changeClass: .major), by: "alice")
            try r.startReview(third)
            try r.createDocument(title: "Label the bins")
            let fifth = try r.createDocument(title: "Sweep the floor")
            try r.startReview(fifth)
            try r.sign(fifth, "rita", .reviewed)
            for size in [1, 2, 3, 1_000] { #expect(try problems(r, batchSize: size) == [], "batch size \(size)") }

            // When rita's review of the first document is moved onto the fifth's cycle (another batch),
            // and a revision is recorded for a document that does not exist
            let review = try r.signatureID(first, "A", meaning: .reviewed)
            let cycle = try #require(try r.register.store.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM review_cycle WHERE document_id = ? ORDER BY id DESC", arguments: [fifth])
            })
            try r.forge(.signature, key: String(review), "UPDATE signature SET cycle_id = ? WHERE id = ?", [cycle, review])
            var unchecked = Configuration()
            unchecked.foreignKeysEnabled = false
            try DatabaseQueue(path: r.root.appendingPathComponent(Register.databaseFile).path, configuration: unchecked).write { db in
                try db.execute(sql: """
                    INSERT INTO revision SELECT 'ZZZ-9999', letter, seq, status, title, author, change_reason, change_class, eco, main_file,
                    draft_commit, draft_tree, created_at, updated_at, planned_effective, approved_at, effective_on, effective_at,
                    release_commit, tag_object, superseded_at, obsolete_at FROM revision WHERE document_id = ?
                    """, arguments: [second])
            }

            // Then every batch size reports the same problems, naming the moved signature, the
            // revision it no longer holds up and the revision of no document
            let expected = try problems(r, batchSize: 1_000)
            #expect(expected.contains { $0.hasPrefix("signature \(review) (Rita Reviewer, reviewed, \(first) rev A): belongs to review cycle \(cycle) of \(fifth) rev A") }, "\(expected)")
            #expect(expected.contains { $0.hasPrefix("\(first) rev A: it is effective but no approved review cycle holds every signature") }, "\(expected)")
            #expect(expected.contains { $0.hasPrefix("ZZZ-9999 rev A: draft commit") }, "\(expected)")
            for size in [1, 2, 3] {
                #expect(try problems(r, batchSize: size).sorted() == expected.sorted(), "batch size \(size)")
            }
            _ = third
        }
    }

    @Test func mainIsReadInOnePassInEitherLayout() throws {
        try withRegister { r in
            // Given a released SOP-0001, and a tree that also holds its folder at the flat place, and a WI-0001 only there
            let id = try r.releasedDocument()
            let main = try #require(try r.ref(Register.mainRef))
            let repository = r.register.repository
            let mainTree = try repository.commit(main).tree
            let folder = try #require(try DocumentTree.folder(id, inTree: mainTree, in: repository)).id
            let both = try repository.tree(base: mainTree, applying: [
                .upsertTree(path: DocumentTree.flatPath(id), tree: folder), .upsertTree(path: DocumentTree.flatPath("WI-0001"), tree: folder),
            ])

            // Then the grouped folder comes first, the flat one second, and a folder only in the flat layout is found
            #expect(try r.register.folders(inTree: mainTree) == [id: [folder]])
            #expect(try r.register.folders(inTree: both) == [id: [folder, folder], "WI-0001": [folder]])
        }
    }
}

