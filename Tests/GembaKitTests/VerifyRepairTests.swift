import Foundation
import GembaGit
import Testing
@testable import GembaKit

/// `verify` finds damage and interrupted writes; `repair` rolls references forward to the record.
@Suite("Verify and repair")
struct VerifyRepairTests {
    @Test func cleanRegisterVerifies() throws {
        try withRegister { r in
            // Given a register with a released document, a revision in review and a draft
            let id = try r.releasedDocument()
            try r.register.reviseDocument(id, RevisionRequest(changeReason: "Tidy", changeClass: .minor), by: "alice")
            try r.startReview(id)
            try r.sign(id, "rita", .reviewed)
            try r.createDocument("WI")

            // when it is verified, then there is nothing to report and everything was looked at.
            let report = try r.register.verify()
            #expect(report.isClean, "\(report.problems)")
            #expect(report.checked["documents"] == 2)
            #expect(report.checked["revisions"] == 3)
            #expect(report.checked["signatures"] == 5)
            #expect(report.checked["references"] == 4)
            #expect((report.checked["git objects"] ?? 0) > 10)
        }
    }

    @Test func interruptedRefMovesAreReportedAndRepaired() throws {
        try withRegister { r in
            // Given a release whose record committed but whose ref moves did not happen (simulated):
            let id = try r.releasedDocument()
            let repository = try r.repository()
            let release = try #require(try repository.reference("refs/heads/main"))
            let tag = try #require(try repository.reference("refs/tags/SOP-0001/A"))
            let previous = try repository.commit(release).parents[0]
            let draft = try repository.commit(release).parents[1]
            try repository.setReference("refs/heads/main", to: previous, expecting: release, logMessage: "simulated crash")
            try repository.deleteReference("refs/tags/SOP-0001/A", expecting: tag)
            try repository.setReference("refs/heads/drafts/\(id)", to: draft, expecting: nil, logMessage: "simulated crash")
            let content = r.root.appendingPathComponent("content.git")
            try Data().write(to: content.appendingPathComponent("refs/heads/main.lock"))
            try Data("half".utf8).write(to: content.appendingPathComponent("objects/tmp_obj_crash"))

            // when it is verified, then each leftover is reported;
            let problems = try r.register.verify().problems
            #expect(problems.contains("content.git: stale lock file refs/heads/main.lock (a write was interrupted); run `gemba repair`"), "\(problems)")
            #expect(problems.contains("content.git: refs/heads/main points at \(previous.hex.prefix(12)), the register records \(release.hex.prefix(12)); run `gemba repair`"))
            #expect(problems.contains("content.git: refs/tags/SOP-0001/A is missing, the register records \(tag.hex.prefix(12)); run `gemba repair`"))
            #expect(problems.contains { $0.hasPrefix("content.git: refs/heads/drafts/\(id) is not recorded by the register") })

            // writes are refused until it is repaired;
            let refused = try #require(throws: GembaError.self) { try r.createDocument("WI") }
            #expect(refused.message.contains("gemba repair"))

            // when it is repaired, then it says what it did,
            let report = try r.register.repair()
            #expect(report.actions.contains("removed stale lock file content.git/refs/heads/main.lock"), "\(report.actions)")
            #expect(report.actions.contains("removed unfinished object file content.git/objects/tmp_obj_crash"))
            #expect(report.actions.contains("moved refs/heads/main from \(previous.hex.prefix(12)) to \(release.hex.prefix(12)), as the register records"))
            #expect(report.actions.contains("moved refs/tags/SOP-0001/A from nothing to \(tag.hex.prefix(12)), as the register records"))
            #expect(report.actions.contains("deleted refs/heads/drafts/\(id): its release is recorded and its commits are part of main"))
            #expect(report.actions.count == 5)

            // the references are where the record says, and verify is clean again.
            #expect(report.after.isClean, "\(report.after.problems)")
            #expect(try repository.reference("refs/heads/main") == release)
            #expect(try repository.reference("refs/tags/SOP-0001/A") == tag)
            #expect(try r.register.verify().problems == [])
            #expect(try r.createDocument("WI") == "WI-0001")
        }
    }

    @Test func repairLeavesUnmergedBranchesAlone() throws {
        try withRegister { r in
            // Given a branch made outside gemba on a commit main does not contain
            try r.releasedDocument()
            let repository = try r.repository()
            let main = try #require(try repository.reference("refs/heads/main"))
            let stray = GitPerson(name: "Stray", email: "stray@example.com", time: r.clock.now())
            let commit = try repository.createCommit(tree: try repository.commit(main).tree, parents: [main], author: stray, committer: stray, message: "stray\n")
            try repository.setReference("refs/heads/drafts/SOP-0077", to: commit, expecting: nil, logMessage: "outside gemba")

            // when the register is repaired, then the branch is kept and reported, and verify still lists it.
            let report = try r.register.repair()
            #expect(report.actions == ["left refs/heads/drafts/SOP-0077 in place: it is not recorded and not merged into main; inspect it with git log"])
            #expect(try repository.reference("refs/heads/drafts/SOP-0077") == commit)
            #expect(report.after.problems.contains { $0.hasPrefix("content.git: refs/heads/drafts/SOP-0077 is not recorded") })
        }
    }

    @Test func corruptLooseObjectIsReported() throws {
        try withRegister { r in
            // Given a released document, when the loose object of its main file is overwritten
            let id = try r.releasedDocument()
            let repository = try r.repository()
            let main = try #require(try repository.reference("refs/heads/main"))
            let blob = try #require(try repository.entry(atPath: "\(DocumentTree.path(id))/\(id).md", inTree: try repository.commit(main).tree)).id
            let file = r.root.appendingPathComponent("content.git/objects/\(blob.hex.prefix(2))/\(blob.hex.dropFirst(2))")
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
            try Data("not a zlib stream".utf8).write(to: file)

            // then verify names the damaged object.
            let problems = try r.register.verify().problems
            #expect(problems.contains { $0.hasPrefix("content.git: object \(blob.hex): ") }, "\(problems)")
        }
    }
}
