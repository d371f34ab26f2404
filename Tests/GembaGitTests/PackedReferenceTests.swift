import Foundation
import Testing
@testable import GembaGit

/// Many new references written at once into `packed-refs`, and a batch's pack written on a thread
/// of its own: stock git must read what they wrote exactly as it reads its own.
@Suite("Packed references and packs aside")
struct PackedReferenceTests {
    static let person = GitPerson(name: "Ada Admin", email: "ada@example.com", time: Date(timeIntervalSince1970: 1_764_000_000))

    /// A commit and `count` annotated tags on it, the tags named refs/tags/`prefix`N/A, written as a
    /// pack aside; returns the commit and the tags.
    private func taggedCommit(_ repository: Repository, prefix: String, count: Int, parent: ObjectID?) throws -> (ObjectID, [ObjectID]) {
        let ((commit, tags), pack) = try repository.withObjectBatchPackedAside { batch -> ((ObjectID, [ObjectID]), roots: [ObjectID]) in
            let blob = try batch.writeBlob(Data("\(prefix) body\n".utf8))
            let base = try parent.map { try batch.commit($0).tree }
            let tree = try batch.tree(base: base, applying: [.upsertFile(path: "\(prefix)/body.md", blob: blob)])
            let commit = try batch.createCommit(tree: tree, parents: parent.map { [$0] } ?? [], author: Self.person, committer: Self.person, message: "\(prefix)\n")
            let tags = try (0..<count).map { try batch.createTagObject(name: "\(prefix)\($0)/A", target: commit, tagger: Self.person, message: "\(prefix)\($0) A\n") }
            return ((commit, tags), roots: [commit] + tags)
        }
        try pack.wait()
        try pack.wait()  // asked again, the same outcome
        return (commit, tags)
    }

    @Test func packedTagsPeelAsGitPeelsThem() throws {
        try withBareRepository { repository in
            // Given 40 tags packed with the peel their maker gave, and then 30 more with the peel
            // read from the objects (with a lightweight tag and a branch packed beside them),
            let (first, firstTags) = try taggedCommit(repository, prefix: "SOP-", count: 40, parent: nil)
            try repository.setReference("refs/heads/main", to: first, expecting: nil, logMessage: "first")
            try repository.createPackedReferences(
                firstTags.enumerated().map { ("refs/tags/SOP-\($0.offset)/A", $0.element) } + [("refs/tags/light", first)],
                peeled: Dictionary(uniqueKeysWithValues: firstTags.map { ($0, first) }))
            let (second, secondTags) = try taggedCommit(repository, prefix: "WI-", count: 30, parent: first)
            try repository.createPackedReferences(secondTags.enumerated().map { ("refs/tags/WI-\($0.offset)/A", $0.element) } + [("refs/heads/side", second)])

            // then every reference reads back, and each annotated tag's peeled line is the commit
            // it names (`show-ref -d` prints packed-refs' peeled lines as git wrote them),
            let packed = try String(contentsOf: repository.path.appendingPathComponent("packed-refs"), encoding: .utf8)
            #expect(packed.hasPrefix("# pack-refs with: peeled fully-peeled sorted \n"))
            #expect(packed.components(separatedBy: "\n^").count - 1 == 70, "\(packed)")
            let shown = try runGit(["show-ref", "-d"], in: repository)
            #expect(shown.status == 0, "\(shown.stderr)")
            let lines = shown.stdout.split(separator: "\n")
            #expect(lines.filter { $0.hasSuffix("^{}") }.count == 70)
            #expect(lines.filter { $0.hasSuffix("^{}") && $0.hasPrefix(first.hex) }.count == 40)
            #expect(lines.filter { $0.hasSuffix("^{}") && $0.hasPrefix(second.hex) }.count == 30)
            #expect(lines.contains("\(first.hex) refs/tags/light"))
            #expect(try runGit(["rev-parse", "WI-7/A^{commit}"], in: repository).stdout == "\(second.hex)\n")
            let fsck = try runGit(["fsck", "--strict", "--no-dangling"], in: repository)
            #expect(fsck.status == 0, "\(fsck.stderr)")

            // and the references that exist are found, loose or packed, and a name taken refuses the batch.
            #expect(try repository.existingReferences(among: ["refs/heads/main", "refs/tags/SOP-3/A", "refs/tags/SOP-99/A", "refs/heads/side"])
                == ["refs/heads/main", "refs/tags/SOP-3/A", "refs/heads/side"])
            #expect(throws: GitError.self) { try repository.createPackedReferences([("refs/tags/new", first), ("refs/heads/main", first)]) }
            #expect(try repository.reference("refs/tags/new") == nil)
        }
    }

    @Test(.enabled(if: ReliabilityDiskGitTests.refusal == nil, "a tmpfs cannot be mounted here (\(ReliabilityDiskGitTests.refusal ?? "")); needs root"))
    func aPackAsideOnAFullDiskFailsWhenWaitedFor() throws {
        try ReliabilityDiskGitTests.withRepositoryOnSmallDisk { repository, fill in
            // Given a repository on a 2 MB tmpfs, the disk then filled to the last byte,
            fill()

            // when a batch made in memory has its pack written aside,
            let (_, pack) = try repository.withObjectBatchPackedAside { batch -> (Void, roots: [ObjectID]) in
                let body = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
                let tree = try batch.tree(base: nil, applying: [.upsertFile(path: "a.bin", blob: try batch.writeBlob(body))])
                return ((), roots: [try batch.createCommit(tree: tree, parents: [], author: Self.person, committer: Self.person, message: "a\n")])
            }

            // then waiting for it throws, every time it is asked, and no pack is left.
            #expect(throws: GitError.self) { try pack.wait() }
            #expect(throws: GitError.self) { try pack.wait() }
            let left = try FileManager.default.contentsOfDirectory(atPath: repository.path.appendingPathComponent("objects/pack").path)
            #expect(!left.contains { $0.hasSuffix(".pack") || $0.hasSuffix(".idx") }, "\(left)")
        }
    }
}
