import Foundation
import Testing
@testable import GembaGit
import CLibGit2

/// Batches of objects go to disk as one pack of whole objects written by GembaGit: stock git
/// must read every object in it, and only what the batch's roots reach is kept.
@Suite("Object batches")
struct ObjectBatchTests {
    static let person = GitPerson(name: "Ada Admin", email: "ada@example.com", time: Date(timeIntervalSince1970: 1_764_000_000))

    @Test func aBatchIsOnePackThatGitReadsAndFscks() throws {
        try withBareRepository { repository in
            // Given a first commit stored the usual way (loose objects),
            let first = try repository.createCommit(
                tree: try repository.tree(base: nil, applying: [.upsertFile(path: "policies/a.yaml", blob: try repository.writeBlob(Data("a: 1\n".utf8)))]),
                parents: [], author: Self.person, committer: Self.person, message: "first\n")
            try repository.setReference("refs/heads/main", to: first, expecting: nil, logMessage: "first")

            // when a batch writes 300 folders of varied sizes (empty, small, over 64 KiB), a commit
            // on top, a tag, and an object nothing reaches,
            let sizes: [Int] = [0, 1, 15, 16, 127, 128, 4095, 70_000, 300_000]
            var random = SystemRandomNumberGenerator()
            let (commit, tag, stray) = try repository.withObjectBatch { batch -> ((ObjectID, ObjectID, ObjectID), roots: [ObjectID]) in
                var edits: [TreeEdit] = []
                for number in 0..<300 {
                    let size = number < sizes.count ? sizes[number] : Int.random(in: 0...3000, using: &random)
                    let bytes = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ number) })
                    edits.append(.upsertFile(path: "documents/D\(number)/body.bin", blob: try batch.writeBlob(bytes)))
                    edits.append(.upsertFile(path: "documents/D\(number)/meta.yaml", blob: try batch.writeBlob(Data("id: D\(number)\n".utf8))))
                }
                let tree = try batch.tree(base: try batch.commit(first).tree, applying: edits)
                let commit = try batch.createCommit(tree: tree, parents: [first], author: Self.person, committer: Self.person, message: "batch\n")
                let tag = try batch.createTagObject(name: "D1/A", target: commit, tagger: Self.person, message: "D1 revision A\n")
                let stray = try batch.writeBlob(Data("nothing reaches me".utf8))
                return ((commit, tag, stray), roots: [tag])
            }
            try repository.setReference("refs/heads/main", to: commit, expecting: first, logMessage: "batch")
            try repository.setReference("refs/tags/D1/A", to: tag, expecting: nil, logMessage: "tag")

            // then one pack holds the new objects, and none of them is loose,
            let packs = try FileManager.default.contentsOfDirectory(atPath: repository.path.appendingPathComponent("objects/pack").path)
            #expect(packs.filter { $0.hasSuffix(".pack") }.count == 1)
            // (the pack holds exactly what the refs reach beyond the first commit's 4 loose objects),
            let counted = try runGit(["count-objects", "-v"], in: repository).stdout
            let reachable = try runGit(["rev-list", "--objects", "--all"], in: repository).stdout.split(separator: "\n").count
            #expect(counted.contains("count: 4\n"), "\(counted)")
            #expect(counted.contains("in-pack: \(reachable - 4)\n"), "\(counted), \(reachable) reachable")
            // stock git reads every object and finds the repository sound,
            let fsck = try runGit(["fsck", "--strict", "--no-dangling"], in: repository)
            #expect(fsck.status == 0, "\(fsck.stderr)")
            #expect(try runGit(["cat-file", "-s", "main:documents/D7/body.bin"], in: repository).stdout == "70000\n")
            let index = repository.path.appendingPathComponent("objects/pack/" + (packs.first { $0.hasSuffix(".idx") } ?? "")).path
            let verified = try runGit(["verify-pack", "-v", index], in: repository)
            #expect(verified.status == 0, "\(verified.stderr)")
            // and the object no root reaches was not kept.
            #expect(try runGit(["cat-file", "-e", stray.hex], in: repository).status != 0)
        }
    }

    /// A tag object made in a batch (written by GembaGit) has the bytes, so the id, libgit2 gives it.
    @Test func aTagInABatchIsTheTagLibgit2Writes() throws {
        try withBareRepository { repository in
            let tree = try repository.tree(base: nil, applying: [.upsertFile(path: "a.txt", blob: try repository.writeBlob(Data("a\n".utf8)))])
            let commit = try repository.createCommit(tree: tree, parents: [], author: Self.person, committer: Self.person, message: "one\n")
            let tagger = GitPerson(name: "  Zoë Ünal ", email: " zoe@example.com", time: Date(timeIntervalSince1970: 1_764_000_123))
            let messages = ["SOP-0001 revision A, effective 2026-03-02\n\nApproved-on-paper: Legacy 2019-01-02\n", "no newline at the end", ""]
            for (index, message) in messages.enumerated() {
                for target in [commit, tree] {
                    let loose = try repository.createTagObject(name: "T\(index)/A", target: target, tagger: tagger, message: message)
                    let batched = try repository.withObjectBatch { batch -> (ObjectID, roots: [ObjectID]) in
                        let id = try batch.createTagObject(name: "T\(index)/A", target: target, tagger: tagger, message: message)
                        return (id, roots: [id])
                    }
                    #expect(batched == loose, "\(message)")
                }
            }
            #expect(try runGit(["cat-file", "-t", try repository.createTagObject(name: "T9", target: commit, tagger: tagger, message: "m\n").hex], in: repository).stdout == "tag\n")
        }
    }

    /// A commit's or tag's header names what it reaches; lines of the same shape in its message do not.
    @Test func onlyTheHeaderNamesObjects() throws {
        let tree = String(repeating: "1", count: 40), first = String(repeating: "2", count: 40), second = String(repeating: "3", count: 40)
        let quoted = String(repeating: "4", count: 40)
        let commit = "tree \(tree)\nparent \(first)\nparent \(second)\nauthor A <a@example.com> 1 +0000\n\nparent \(quoted)\nobject \(quoted)\n"
        let tag = "object \(first)\ntype commit\ntag D1/A\ntagger A <a@example.com> 1 +0000\n\ntree \(quoted)\n"
        for (raw, expected) in [(commit, [tree, first, second]), (tag, [first]), ("parent \(first)", [first]), ("tree 12\n\n", [])] {
            var pending: [git_oid] = []
            Array(raw.utf8).withUnsafeBytes { MemoryPack.namedObjects($0, into: &pending) }
            #expect(pending.map { ObjectID($0).hex } == expected, "\(raw)")
        }
    }

    @Test func aBatchThatThrowsWritesNothing() throws {
        try withBareRepository { repository in
            struct Refused: Error {}
            #expect(throws: Refused.self) {
                try repository.withObjectBatch { batch -> (Void, roots: [ObjectID]) in
                    _ = try batch.writeBlob(Data("half a batch".utf8))
                    throw Refused()
                }
            }
            let packs = try FileManager.default.contentsOfDirectory(atPath: repository.path.appendingPathComponent("objects/pack").path)
            #expect(packs.isEmpty)
            #expect(try runGit(["count-objects", "-v"], in: repository).stdout.contains("count: 0"))
        }
    }

    @Test func aBatchOfObjectsThatAlreadyExistWritesNoPack() throws {
        try withBareRepository { repository in
            let blob = try repository.writeBlob(Data("already here".utf8))
            let tree = try repository.tree(base: nil, applying: [.upsertFile(path: "a.txt", blob: blob)])
            let commit = try repository.createCommit(tree: tree, parents: [], author: Self.person, committer: Self.person, message: "one\n")
            try repository.withObjectBatch { batch -> (Void, roots: [ObjectID]) in
                _ = try batch.writeBlob(Data("already here".utf8))
                return ((), roots: [commit])
            }
            let packs = try FileManager.default.contentsOfDirectory(atPath: repository.path.appendingPathComponent("objects/pack").path)
            #expect(packs.isEmpty)
        }
    }
}
