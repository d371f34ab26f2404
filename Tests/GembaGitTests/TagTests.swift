import Foundation
import Testing
@testable import GembaGit

@Suite struct TagTests {
    @Test func annotatedTagObjectAndRefWorkWithStockGit() throws {
        try withBareRepository { repository in
            let treeID = try tree(["documents/SOP-0007/meta.yaml": "id: SOP-0007\nrevision: C\n"], in: repository)
            let commitID = try repository.createCommit(tree: treeID, parents: [], author: alice, committer: alice, message: "Release SOP-0007 C\n")
            try repository.setReference("refs/heads/main", to: commitID, expecting: nil, logMessage: "release")

            let tagID = try repository.createTagObject(
                name: "SOP-0007/C", target: commitID, tagger: quentin, message: "Effective revision C of SOP-0007\n")
            #expect(try repository.kind(of: tagID) == .tag)
            // Object only: no ref yet.
            #expect(try repository.reference("refs/tags/SOP-0007/C") == nil)

            let tag = try repository.tag(tagID)
            #expect(tag.id == tagID)
            #expect(tag.name == "SOP-0007/C")
            #expect(tag.target == commitID)
            #expect(tag.targetKind == .commit)
            #expect(tag.tagger == quentin)
            #expect(tag.message == "Effective revision C of SOP-0007\n")

            try repository.setReference("refs/tags/SOP-0007/C", to: tagID, expecting: nil, logMessage: "tag SOP-0007/C")
            #expect(try repository.reference("refs/tags/SOP-0007/C") == tagID)

            let catFile = try runGit(["cat-file", "-p", tagID.hex], in: repository)
            #expect(catFile.status == 0, "\(catFile.stderr)")
            #expect(catFile.stdout == """
                object \(commitID.hex)
                type commit
                tag SOP-0007/C
                tagger Quentin Quality <quentin@example.com> 1700086400 +0000

                Effective revision C of SOP-0007

                """)
            #expect(try runGit(["tag", "-l"], in: repository).stdout == "SOP-0007/C\n")
            let describe = try runGit(["describe", "main"], in: repository)
            #expect(describe.status == 0, "\(describe.stderr)")
            #expect(describe.stdout == "SOP-0007/C\n")
            let show = try runGit(["show", "SOP-0007/C:documents/SOP-0007/meta.yaml"], in: repository)
            #expect(show.status == 0, "\(show.stderr)")
            #expect(show.stdout == "id: SOP-0007\nrevision: C\n")
            let fsck = try runGit(["fsck", "--strict", "--no-dangling"], in: repository)
            #expect(fsck.status == 0 && fsck.stderr.isEmpty, "fsck: \(fsck.stdout) \(fsck.stderr)")
        }
    }

    @Test func invalidTagNamesAndTargetsAreRejected() throws {
        try withBareRepository { repository in
            let commitID = try repository.createCommit(
                tree: try repository.emptyTree(), parents: [], author: alice, committer: alice, message: "x\n")
            let badName = gitError { _ = try repository.createTagObject(name: "SOP 0007..C", target: commitID, tagger: alice, message: "") }
            #expect(badName?.code == GitError.Code.invalidSpec)
            let missing = try #require(ObjectID(hex: String(repeating: "ef", count: 20)))
            let noTarget = gitError { _ = try repository.createTagObject(name: "SOP-0007/C", target: missing, tagger: alice, message: "") }
            #expect(noTarget?.isNotFound == true)
            #expect(gitError { _ = try repository.tag(commitID) } != nil)
        }
    }
}
