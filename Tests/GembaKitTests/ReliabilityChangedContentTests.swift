import Foundation
import GRDB
import GembaGit
import Testing
@testable import GembaKit

/// A document's content changed in content.git after it was signed: a new commit on the tag, a
/// moved tag, a rewritten blob, and the same with the register's records forged to match.
@Suite("Reliability: content changed after signing")
struct ReliabilityChangedContentTests {
    private let mallory = GitPerson(name: "Mallory", email: "mallory@example.com", time: startOfTests)

    /// A commit on top of `base` whose copy of the document's main file says `text`.
    private func changedCommit(_ repository: Repository, on base: ObjectID, _ id: String, _ text: String) throws -> ObjectID {
        let blob = try repository.writeBlob(Data(text.utf8))
        let tree = try repository.tree(base: try repository.commit(base).tree, applying: [.upsertFile(path: "\(DocumentTree.path(id))/\(id).md", blob: blob)])
        return try repository.createCommit(tree: tree, parents: [base], author: mallory, committer: mallory, message: "\(id): torque lowered\n")
    }

    @Test func aNewCommitOnTheTagIsFound() throws {
        try withRegister { r in
            // Given a released document, when its tag is replaced by one on a new commit with other content
            let id = try r.releasedDocument()
            let repository = try r.repository()
            let tagName = "refs/tags/\(id)/A"
            let oldTag = try #require(try repository.reference(tagName))
            let release = try #require(try repository.reference("refs/heads/main"))
            let changed = try changedCommit(repository, on: release, id, "# Steps\n\n1. Torque to 80 Nm.\n")
            let newTag = try repository.createTagObject(name: "\(id)/A", target: changed, tagger: mallory, message: "\(id) revision A\n")
            try repository.setReference(tagName, to: newTag, expecting: oldTag, logMessage: "outside gemba")

            // then verify reports the tag against the register's record.
            let problems = try r.problems()
            #expect(problems.contains("content.git: \(tagName) points at \(newTag.hex.prefix(12)), the register records \(oldTag.hex.prefix(12)); run `gemba repair`"), "\(problems)")
        }
    }

    @Test func aNewCommitOnTheTagWithForgedRecordsIsFound() throws {
        try withRegister { r in
            // Given a released document, when its tag moves to a new commit with other content and the
            // register's records of the release and the tag are forged to match (with chained trail entries)
            let id = try r.releasedDocument()
            let repository = try r.repository()
            let tagName = "refs/tags/\(id)/A"
            let oldTag = try #require(try repository.reference(tagName))
            let release = try #require(try repository.reference("refs/heads/main"))
            let changed = try changedCommit(repository, on: release, id, "# Steps\n\n1. Torque to 80 Nm.\n")
            let newTag = try repository.createTagObject(name: "\(id)/A", target: changed, tagger: mallory, message: "\(id) revision A\n")
            try repository.setReference(tagName, to: newTag, expecting: oldTag, logMessage: "outside gemba")
            try r.forge(.gitRef, key: tagName, "UPDATE git_ref SET target = ? WHERE name = ?", [newTag.hex, tagName])
            try r.forge(.revision, key: "\(id)/A", "UPDATE revision SET release_commit = ?, tag_object = ? WHERE document_id = ?", [changed.hex, newTag.hex, id])

            // then the release is no longer built on the signed draft, its files differ from the signed
            // ones, and its commit lacks the manifestation of the signatures.
            let problems = try r.problems()
            #expect(problems.contains("\(id) rev A: release commit \(changed.hex.prefix(12)) is not built on the signed draft \(try #require(try r.register.store.read { db in try String.fetchOne(db, sql: "SELECT draft_commit FROM revision WHERE document_id = ?", arguments: [id]) }).prefix(12))"),
                    "\(problems)")
            #expect(problems.contains("\(id) rev A: the released files differ from the signed files"))
            #expect(problems.contains { $0.hasPrefix("\(id) rev A: its recorded signatures differ from the manifestation in its release commit") })
        }
    }

    @Test func aMovedTagIsFound() throws {
        try withRegister { r in
            // Given two released revisions, when rev B's tag is moved onto rev A's tag object
            let id = try r.releasedDocument()
            try r.register.reviseDocument(id, RevisionRequest(changeReason: "Torque raised", changeClass: .minor, file: try r.markdown("# Steps\n\n1. Torque to 130 Nm.\n")), by: "alice")
            try r.startReview(id)
            try r.signStandardRoute(id)
            let repository = try r.repository()
            let tagA = try #require(try repository.reference("refs/tags/\(id)/A"))
            let tagB = try #require(try repository.reference("refs/tags/\(id)/B"))
            try repository.setReference("refs/tags/\(id)/B", to: tagA, expecting: tagB, logMessage: "outside gemba")

            // then verify reports it.
            let problems = try r.problems()
            #expect(problems.contains("content.git: refs/tags/\(id)/B points at \(tagA.hex.prefix(12)), the register records \(tagB.hex.prefix(12)); run `gemba repair`"), "\(problems)")
        }
    }

    @Test func aRewrittenBlobIsFound() throws {
        try withRegister { r in
            // Given a released document, when the object file of its signed text is overwritten with a valid object of other content
            let id = try r.releasedDocument()
            let repository = try r.repository()
            let main = try #require(try repository.reference("refs/heads/main"))
            let blob = try #require(try repository.entry(atPath: "\(DocumentTree.path(id))/\(id).md", inTree: try repository.commit(main).tree)).id
            let other = try repository.writeBlob(Data("# Steps\n\n1. Torque to 80 Nm.\n".utf8))
            let objects = r.root.appendingPathComponent("content.git/objects")
            let file = objects.appendingPathComponent("\(blob.hex.prefix(2))/\(blob.hex.dropFirst(2))")
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
            try FileManager.default.removeItem(at: file)
            try FileManager.default.copyItem(at: objects.appendingPathComponent("\(other.hex.prefix(2))/\(other.hex.dropFirst(2))"), to: file)

            // then verify names the object whose content no longer has its id.
            let problems = try r.problems()
            #expect(problems.contains { $0.hasPrefix("content.git: object \(blob.hex)") }, "\(problems)")
        }
    }

    @Test func aDraftChangedAfterItsReviewWasSignedIsFound() throws {
        try withRegister { r in
            // Given a document in review with rita's signature, when a new draft commit with other content
            // is made and the revision's record (and the draft branch's) forged to point at it
            let id = try r.createDocument()
            try r.startReview(id)
            try r.sign(id, "rita", .reviewed)
            let repository = try r.repository()
            let draftRef = "refs/heads/drafts/\(id)"
            let draft = try #require(try repository.reference(draftRef))
            let changed = try changedCommit(repository, on: draft, id, "# Steps\n\n1. Torque to 80 Nm.\n")
            let tree = try #require(try r.folderTree(id, in: changed))
            try repository.setReference(draftRef, to: changed, expecting: draft, logMessage: "outside gemba")
            try r.forge(.gitRef, key: draftRef, "UPDATE git_ref SET target = ? WHERE name = ?", [changed.hex, draftRef])
            try r.forge(.revision, key: "\(id)/A", "UPDATE revision SET draft_commit = ?, draft_tree = ? WHERE document_id = ?", [changed.hex, tree.hex, id])

            // then verify says the draft is not what the open review cycle pinned and rita signed.
            let problems = try r.problems()
            #expect(problems.contains("\(id) rev A: its draft is not the content its open review cycle pinned and was signed on; it was changed outside gemba"), "\(problems)")
        }
    }
}
