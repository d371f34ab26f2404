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
            let content = try #require(try r.text(at: "documents/\(id)/\(id).md", in: main))
            #expect(content == "# Steps\n\n1. Torque to 120 Nm.\n")
            let meta = try #require(try r.text(at: "documents/\(id)/meta.yaml", in: main))
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
            #expect(try r.text(at: "documents/\(id)/\(id).md", in: main) == "torque 130\n")
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
}
