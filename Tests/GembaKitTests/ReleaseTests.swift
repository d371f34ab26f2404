import Foundation
import GembaGit
import Testing
@testable import GembaKit

/// What the last signature of a revision review does to the records and to content.git.
@Suite("Release")
struct ReleaseTests {
    @Test func completionReleasesOnMainWithATag() throws {
        try withRegister { r in
            // Given a reviewed draft and main before its release
            let id = try r.createDocument()
            let cycle = try r.startReview(id)
            let signedDraft = try #require(ObjectID(hex: cycle.pinnedCommit))
            let mainBefore = try #require(try r.ref("refs/heads/main"))
            r.advance(days: 1)
            try r.sign(id, "rita", .reviewed)

            // when the approver signs
            r.advance(days: 1)
            try r.sign(id, "pete", .approved)

            // then the revision is effective from today,
            let detail = try r.register.document(id)
            #expect(detail.summary.status == "effective")
            #expect(detail.summary.effectiveRevision == "A")
            #expect(detail.summary.effectiveDate == r.today.description)
            #expect(detail.revisions.first?.tag == "SOP-0001/A")

            // the annotated tag points at the new main commit,
            let repository = try r.repository()
            let main = try #require(try r.ref("refs/heads/main"))
            let tagObject = try #require(try r.ref("refs/tags/SOP-0001/A"))
            let tag = try repository.tag(tagObject)
            #expect(tagObject != main)
            #expect(tag.name == "SOP-0001/A")
            #expect(tag.target == main)
            #expect(tag.message.contains("Signed-off-by: Pete Approver <pete> approved"))

            // whose parents are the previous main and the signed draft commit,
            let release = try repository.commit(main)
            #expect(release.parents == [mainBefore, signedDraft])
            #expect(detail.revisions.first?.releaseCommit == main.hex)
            #expect(release.message.contains("Signed-commit: \(signedDraft.hex)"))

            // main's tree holds the folder with the signed files and the manifestation in meta.yaml,
            let content = try #require(try r.text(at: "\(DocumentTree.path(id))/\(id).md", in: main))
            #expect(content == "# Steps\n\n1. Torque to 120 Nm.\n")
            let meta = try #require(try r.text(at: "\(DocumentTree.path(id))/meta.yaml", in: main))
            #expect(meta.contains("status: \"effective\""))
            #expect(meta.contains("effective_date: \"\(r.today)\""))
            #expect(meta.contains("name: \"Rita Reviewer\""))
            #expect(meta.contains("meaning: \"approved\""))
            #expect(try r.text(at: "policies/roles.yaml", in: main) != nil)

            // and the draft branch is gone.
            #expect(try r.ref("refs/heads/drafts/\(id)") == nil)
            #expect(try r.register.verify().problems == [])
        }
    }

    @Test func secondRevisionSupersedesTheFirst() throws {
        try withRegister { r in
            // Given revision A effective
            let id = try r.releasedDocument(text: "torque 120\n")
            let tagA = try #require(try r.ref("refs/tags/SOP-0001/A"))

            // when revision B is written, reviewed and approved
            r.advance(days: 30)
            try r.register.reviseDocument(id, RevisionRequest(changeReason: "New torque", changeClass: .major), by: "alice")
            try r.register.editDraft(id, DraftEdit(file: try r.markdown("torque 130\n")), by: "alice")
            try r.startReview(id)
            let result = try r.signStandardRoute(id)

            // then B is effective and A superseded, main holds B, and A's tag stays where it was.
            #expect(result.tag == "SOP-0001/B")
            let detail = try r.register.document(id)
            #expect(detail.revisions.map(\.revision) == ["A", "B"])
            #expect(detail.revisions.map(\.status) == ["superseded", "effective"])
            #expect(detail.revisions.first?.supersededAt == Timestamp.string(r.clock.now()))
            #expect(detail.summary.effectiveRevision == "B")
            #expect(try r.register.content(id).main == Data("torque 130\n".utf8))
            #expect(try r.register.content(id, revision: "A").main == Data("torque 120\n".utf8))
            let main = try #require(try r.ref("refs/heads/main"))
            #expect(try r.text(at: "\(DocumentTree.path(id))/\(id).md", in: main) == "torque 130\n")
            #expect(try r.ref("refs/tags/SOP-0001/A") == tagA)
            #expect(try r.repository().tag(try #require(try r.ref("refs/tags/SOP-0001/B"))).target == main)
            // The diff between the two shows the change.
            let diff = try r.register.diff(id, from: "A", to: "B")
            #expect(diff.patch.contains("-torque 120"))
            #expect(diff.patch.contains("+torque 130"))
            #expect(try r.register.verify().problems == [])
        }
    }

    @Test func futureEffectiveDateWaitsForItsDay() throws {
        try withRegister { r in
            // Given a review started with an effective date ten days ahead
            let id = try r.createDocument()
            let effective = r.today.addingDays(10)
            try r.startReview(id, effectiveOn: effective)

            // when the route is signed
            let result = try r.signStandardRoute(id)

            // then the revision is approved, not effective, and main does not hold it;
            #expect(result.revisionStatus == "approved")
            #expect(result.effectiveDate == effective.description)
            #expect(result.tag == nil)
            #expect(try r.register.document(id).summary.status == "approved")
            #expect(try r.folderTree(id, in: try #require(try r.ref("refs/heads/main"))) == nil)
            #expect(try r.ref("refs/tags/SOP-0001/A") == nil)

            // the day before, nothing is due;
            r.move(to: effective.addingDays(-1))
            #expect(try r.register.releaseDue() == [])
            #expect(try r.register.document(id).summary.status == "approved")

            // on the day, releaseDue() releases it with that effective date.
            r.move(to: effective)
            #expect(try r.register.releaseDue() == ["SOP-0001/A"])
            let detail = try r.register.document(id)
            #expect(detail.summary.status == "effective")
            #expect(detail.summary.effectiveDate == effective.description)
            let main = try #require(try r.ref("refs/heads/main"))
            #expect(try r.folderTree(id, in: main) != nil)
            #expect(try r.repository().tag(try #require(try r.ref("refs/tags/SOP-0001/A"))).target == main)
            #expect(try r.ref("refs/heads/drafts/\(id)") == nil)
            // A single release is loose objects, not a pack of its own.
            let packs = try FileManager.default.contentsOfDirectory(atPath: r.register.root.appendingPathComponent("content.git/objects/pack").path)
            #expect(packs.isEmpty, "\(packs)")
            #expect(try r.register.verify().problems == [])
        }
    }

    @Test func anyWriteReleasesWhatIsDue() throws {
        try withRegister { r in
            // Given an approved revision effective in three days
            let id = try r.createDocument()
            try r.startReview(id, effectiveOn: r.today.addingDays(3))
            try r.signStandardRoute(id)

            // when, four days later, someone creates another document
            r.advance(days: 4)
            try r.createDocument("WI", title: "Fit the wheel")

            // then the due revision was released first.
            #expect(try r.register.document(id).summary.status == "effective")
            #expect(try r.ref("refs/tags/SOP-0001/A") != nil)
            #expect(try r.actions(entity: id).contains("revision.effective"))
            #expect(try r.register.verify().problems == [])
        }
    }

    @Test func manyDueTogetherGoOutAsOneChainReadableByGit() throws {
        try withRegister { r in
            // Given 18 revisions approved for the same day (more than the packed-refs threshold)
            let effective = r.today.addingDays(5)
            var ids: [String] = []
            for number in 1...18 {
                let id = try r.createDocument("WI", title: "Station \(number)", text: "# Station \(number)\n\nCheck \(number).\n")
                try r.startReview(id, effectiveOn: effective)
                try r.signStandardRoute(id)
                ids.append(id)
            }
            let mainBefore = try #require(try r.ref("refs/heads/main"))

            // when their day comes
            r.move(to: effective)
            let released = try r.register.releaseDue()

            // then all are released, in document order, each with its own commit and tag,
            #expect(released == ids.sorted().map { "\($0)/A" })
            let repository = try r.repository()
            var commit = try #require(try r.ref("refs/heads/main"))
            for id in ids.sorted().reversed() {
                let tag = try repository.tag(try #require(try r.ref("refs/tags/\(id)/A")))
                #expect(tag.target == commit)
                let release = try repository.commit(commit)
                #expect(release.message.hasPrefix("\(id) rev A: "))
                #expect(try r.folderTree(id, in: commit) != nil)
                #expect(try r.ref("refs/heads/drafts/\(id)") == nil)
                commit = try #require(release.parents.first)
            }
            // chained on main one after another,
            #expect(commit == mainBefore)
            for id in ids { #expect(try r.register.document(id).summary.status == "effective") }
            // the tags are in packed-refs, and stock git reads them and finds the repository sound.
            let packed = try String(contentsOf: r.register.root.appendingPathComponent("content.git/packed-refs"), encoding: .utf8)
            #expect(ids.allSatisfy { packed.contains("refs/tags/\($0)/A") })
            let gitDir = r.register.root.appendingPathComponent(Register.contentDirectory).path
            #expect(try git(["--git-dir", gitDir, "tag", "-l"]).split(separator: "\n").count == 18)
            #expect(try git(["--git-dir", gitDir, "fsck", "--strict", "--no-dangling"]).isEmpty)
            #expect(try r.register.verify().problems == [])
        }
    }

    @Test func oneBrokenRevisionReleasesNone() throws {
        try withRegister { r in
            // Given three revisions due on the same day, one of them with its draft tree gone
            let effective = r.today.addingDays(2)
            var ids: [String] = []
            for number in 1...3 {
                let id = try r.createDocument("WI", title: "Station \(number)")
                try r.startReview(id, effectiveOn: effective)
                try r.signStandardRoute(id)
                ids.append(id)
            }
            try r.register.store.write { db in
                try db.execute(sql: "DROP TRIGGER IF EXISTS revision_no_update")
                try db.execute(sql: "UPDATE revision SET draft_tree = ? WHERE document_id = ?", arguments: [String(repeating: "e", count: 40), ids[1]])
            }
            let mainBefore = try r.ref("refs/heads/main")

            // when the day comes, the release fails
            r.move(to: effective)
            #expect(throws: (any Error).self) { try r.register.releaseDue() }

            // and nothing was released: records, main and tags are as they were.
            for id in ids {
                #expect(try r.register.document(id).summary.status == "approved")
                #expect(try r.ref("refs/tags/\(id)/A") == nil)
            }
            #expect(try r.ref("refs/heads/main") == mainBefore)
        }
    }

    /// Runs stock git and returns what it printed; fails the test when git fails.
    private func git(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " ")): \(text)")
        return text
    }
}
