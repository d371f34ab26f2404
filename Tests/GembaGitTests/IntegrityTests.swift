import Foundation
import Testing
@testable import GembaGit

@Suite struct IntegrityTests {
    private func looseObjectURL(_ id: ObjectID, in repository: Repository) -> URL {
        repository.path.appendingPathComponent("objects")
            .appendingPathComponent(String(id.hex.prefix(2)))
            .appendingPathComponent(String(id.hex.dropFirst(2)))
    }

    private func overwrite(_ url: URL, with data: Data) throws {
        try FileManager.default.removeItem(at: url) // loose objects are read-only
        try data.write(to: url)
    }

    @Test func countsAllObjects() throws {
        try withBareRepository { repository in
            #expect(try repository.checkAllObjects() == ObjectCheck(objectCount: 0, problems: []))
            // blob + tree(documents/SOP-0001) + tree(documents) + root tree + commit + tag = 6
            let treeID = try tree(["documents/SOP-0001/meta.yaml": "m"], in: repository)
            let commitID = try repository.createCommit(tree: treeID, parents: [], author: alice, committer: alice, message: "c\n")
            _ = try repository.createTagObject(name: "SOP-0001/A", target: commitID, tagger: alice, message: "t\n")
            let check = try repository.checkAllObjects()
            #expect(check.objectCount == 6)
            #expect(check.problems.isEmpty)

            // Packed objects are counted once even if also loose.
            try repository.setReference("refs/heads/main", to: commitID, expecting: nil, logMessage: "")
            #expect(try runGit(["repack", "-a", "-q"], in: repository).status == 0)
            #expect(try repository.checkAllObjects() == ObjectCheck(objectCount: 6, problems: []))
        }
    }

    @Test func reportsGarbageLooseObject() throws {
        try withBareRepository { repository in
            let good = try blob("good\n", in: repository)
            let bad = try blob("will be destroyed\n", in: repository)
            // Read it once so a cached copy exists in this Repository.
            #expect(try repository.blob(bad) == Data("will be destroyed\n".utf8))
            try overwrite(looseObjectURL(bad, in: repository), with: Data("this is not a zlib stream".utf8))

            let check = try repository.checkAllObjects()
            #expect(check.objectCount == 2)
            #expect(check.problems.count == 1)
            #expect(check.problems.first?.hasPrefix("object \(bad.hex): ") == true, "\(check.problems)")
            #expect(check.problems.contains { $0.contains(good.hex) } == false)

            // Reading it through a fresh handle fails too.
            let reopened = try Repository.open(at: repository.path)
            #expect(gitError { _ = try reopened.blob(bad) } != nil)
        }
    }

    @Test func reportsHashMismatch() throws {
        try withBareRepository { repository in
            let original = try blob("revision A\n", in: repository)
            let other = try blob("revision B\n", in: repository)
            // A valid object stored under the wrong name: only hash verification catches it.
            let otherBytes = try Data(contentsOf: looseObjectURL(other, in: repository))
            try overwrite(looseObjectURL(original, in: repository), with: otherBytes)

            let check = try repository.checkAllObjects()
            #expect(check.objectCount == 2)
            #expect(check.problems.count == 1)
            #expect(check.problems.first?.hasPrefix("object \(original.hex): ") == true, "\(check.problems)")

            let reopened = try Repository.open(at: repository.path)
            let error = gitError { _ = try reopened.blob(original) }
            #expect(error?.code == GitError.Code.mismatch, "\(String(describing: error))")
        }
    }
}
