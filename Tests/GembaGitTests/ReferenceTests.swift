import Foundation
import Testing
@testable import GembaGit

@Suite struct ReferenceTests {
    /// Two commits on top of each other: (first, second).
    private func twoCommits(in repository: Repository) throws -> (ObjectID, ObjectID) {
        let firstTree = try tree(["documents/SOP-0007/meta.yaml": "id: SOP-0007\nrevision: A\n"], in: repository)
        let first = try repository.createCommit(tree: firstTree, parents: [], author: alice, committer: alice, message: "Create SOP-0007\n")
        let secondTree = try tree(["documents/SOP-0007/meta.yaml": "id: SOP-0007\nrevision: B\n"], base: firstTree, in: repository)
        let second = try repository.createCommit(tree: secondTree, parents: [first], author: alice, committer: quentin, message: "Revise SOP-0007\n")
        return (first, second)
    }

    @Test func headIsMainAndStockGitReadsCommits() throws {
        try withBareRepository { repository in
            let head = try String(contentsOf: repository.path.appendingPathComponent("HEAD"), encoding: .utf8)
            #expect(head == "ref: refs/heads/main\n")
            #expect(try runGit(["rev-parse", "--is-bare-repository"], in: repository).stdout == "true\n")

            let (first, second) = try twoCommits(in: repository)
            try repository.setReference("refs/heads/main", to: first, expecting: nil, logMessage: "create SOP-0007")
            try repository.setReference("refs/heads/main", to: second, expecting: first, logMessage: "revise SOP-0007")
            #expect(try repository.reference("refs/heads/main") == second)
            #expect(try repository.reference("HEAD") == second)

            let log = try runGit(["log", "--format=%H %an <%ae> %at|%cn|%s", "main"], in: repository)
            #expect(log.status == 0, "\(log.stderr)")
            #expect(log.stdout == """
                \(second.hex) Alice Author <alice@example.com> 1700000000|Quentin Quality|Revise SOP-0007
                \(first.hex) Alice Author <alice@example.com> 1700000000|Alice Author|Create SOP-0007

                """)
            let show = try runGit(["show", "main:documents/SOP-0007/meta.yaml"], in: repository)
            #expect(show.status == 0, "\(show.stderr)")
            #expect(show.stdout == "id: SOP-0007\nrevision: B\n")
            let fsck = try runGit(["fsck", "--strict", "--no-dangling"], in: repository)
            #expect(fsck.status == 0, "fsck: \(fsck.stdout) \(fsck.stderr)")
            #expect(fsck.stderr.isEmpty, "\(fsck.stderr)")
        }
    }

    @Test func staleExpectationThrowsModifiedAndLeavesRef() throws {
        try withBareRepository { repository in
            let (first, second) = try twoCommits(in: repository)
            let branch = "refs/heads/drafts/SOP-0007"
            try repository.setReference(branch, to: second, expecting: nil, logMessage: "draft")
            let third = try repository.createCommit(
                tree: try repository.emptyTree(), parents: [second], author: alice, committer: alice, message: "third\n")

            let stale = gitError { try repository.setReference(branch, to: third, expecting: first, logMessage: "stale") }
            #expect(stale?.isModified == true)
            #expect(stale?.operation == "update \(branch)")
            #expect(stale?.description.hasPrefix("git: update \(branch): ") == true)
            #expect(try repository.reference(branch) == second)
            #expect(try runGit(["rev-parse", branch], in: repository).stdout == second.hex + "\n")

            // Expecting a value of a ref that does not exist is also a lost race.
            let absent = gitError { try repository.setReference("refs/heads/nope", to: third, expecting: first, logMessage: "x") }
            #expect(absent?.isModified == true)
            #expect(try repository.reference("refs/heads/nope") == nil)

            // Creating an existing ref.
            let exists = gitError { try repository.setReference(branch, to: third, expecting: nil, logMessage: "again") }
            #expect(exists?.isAlreadyExists == true)
            #expect(exists?.operation == "create \(branch)")
            #expect(try repository.reference(branch) == second)

            // The right expectation wins.
            try repository.setReference(branch, to: third, expecting: second, logMessage: "ok")
            #expect(try repository.reference(branch) == third)

            // A held lock is reported as such.
            let lock = repository.path.appendingPathComponent("refs/heads/drafts/SOP-0007.lock")
            try Data().write(to: lock)
            let locked = gitError { try repository.setReference(branch, to: first, expecting: third, logMessage: "locked") }
            #expect(locked?.isLocked == true)
            try FileManager.default.removeItem(at: lock)
            #expect(try repository.reference(branch) == third)

            // Refs cannot point at missing objects, and names are validated.
            let missing = try #require(ObjectID(hex: String(repeating: "cd", count: 20)))
            #expect(gitError { try repository.setReference("refs/heads/x", to: missing, expecting: nil, logMessage: "") } != nil)
            #expect(gitError { try repository.setReference("refs/heads/a..b", to: first, expecting: nil, logMessage: "") }?.code
                == GitError.Code.invalidSpec)
        }
    }

    @Test func deleteReferenceIsCompareAndSwap() throws {
        try withBareRepository { repository in
            let (first, second) = try twoCommits(in: repository)
            let branch = "refs/heads/drafts/SOP-0007"
            try repository.setReference(branch, to: second, expecting: nil, logMessage: "draft")

            let stale = gitError { try repository.deleteReference(branch, expecting: first) }
            #expect(stale?.isModified == true)
            #expect(try repository.reference(branch) == second)

            try repository.deleteReference(branch, expecting: second)
            #expect(try repository.reference(branch) == nil)
            #expect(try runGit(["show-ref"], in: repository).stdout.isEmpty)

            let gone = gitError { try repository.deleteReference(branch, expecting: second) }
            #expect(gone?.isNotFound == true)

            // Packed refs are deleted too.
            try repository.setReference("refs/heads/packed", to: first, expecting: nil, logMessage: "p")
            #expect(try runGit(["pack-refs", "--all"], in: repository).status == 0)
            #expect(try repository.reference("refs/heads/packed") == first)
            try repository.deleteReference("refs/heads/packed", expecting: first)
            #expect(try repository.reference("refs/heads/packed") == nil)
            #expect(try runGit(["show-ref"], in: repository).stdout.isEmpty)
        }
    }

    @Test func referencesByGlobAreSorted() throws {
        try withBareRepository { repository in
            let (first, second) = try twoCommits(in: repository)
            try repository.setReference("refs/heads/main", to: second, expecting: nil, logMessage: "")
            try repository.setReference("refs/heads/drafts/SOP-0007", to: first, expecting: nil, logMessage: "")
            try repository.setReference("refs/heads/drafts/SOP-0002", to: second, expecting: nil, logMessage: "")
            try repository.setReference("refs/tags/SOP-0007/B", to: second, expecting: nil, logMessage: "")
            try repository.setReference("refs/tags/SOP-0007/A", to: first, expecting: nil, logMessage: "")

            let drafts = try repository.references(glob: "refs/heads/drafts/*")
            #expect(drafts.map(\.name) == ["refs/heads/drafts/SOP-0002", "refs/heads/drafts/SOP-0007"])
            #expect(drafts.map(\.target) == [second, first])
            let tags = try repository.references(glob: "refs/tags/*")
            #expect(tags.map(\.name) == ["refs/tags/SOP-0007/A", "refs/tags/SOP-0007/B"])
            #expect(try repository.references(glob: "refs/tags/SOP-0007/*").count == 2)
            #expect(try repository.references(glob: "refs/tags/WI-*").isEmpty)
            #expect(try repository.references(glob: "refs/*").count == 5)
        }
    }
}
