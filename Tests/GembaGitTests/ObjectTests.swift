import Foundation
import Testing
@testable import GembaGit

@Suite struct ObjectTests {
    @Test func objectIDParsingAndCoding() throws {
        let upper = "4B825DC642CB6EB9A060E54BF8D69288FBEE4904"
        let id = try #require(ObjectID(hex: upper))
        #expect(id.hex == upper.lowercased())
        #expect(id.description == id.hex)
        #expect(ObjectID(hex: "4b825dc") == nil)
        #expect(ObjectID(hex: String(repeating: "g", count: 40)) == nil)
        #expect(ObjectID(hex: String(repeating: "0", count: 41)) == nil)
        let encoded = try JSONEncoder().encode([id])
        #expect(String(decoding: encoded, as: UTF8.self) == "[\"\(id.hex)\"]")
        #expect(try JSONDecoder().decode([ObjectID].self, from: encoded) == [id])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ObjectID].self, from: Data("[\"xyz\"]".utf8)) }
        let smaller = try #require(ObjectID(hex: String(repeating: "0", count: 40)))
        #expect(smaller < id)
    }

    @Test func blobTreeCommitRoundTrip() throws {
        try withBareRepository { repository in
            let content = Data("title: Lockout/tagout\nrevision: A\n".utf8)
            let blobID = try repository.writeBlob(content)
            #expect(try repository.blob(blobID) == content)
            #expect(try repository.kind(of: blobID) == .blob)
            #expect(repository.contains(blobID))
            // Stock git reads the same object.
            let shown = try runGit(["cat-file", "-p", blobID.hex], in: repository)
            #expect(shown.status == 0)
            #expect(shown.stdout == "title: Lockout/tagout\nrevision: A\n")

            let emptyBlob = try repository.writeBlob(Data())
            #expect(emptyBlob.hex == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
            #expect(try repository.blob(emptyBlob) == Data())

            let binary = Data((0...255).map { UInt8($0) })
            #expect(try repository.blob(try repository.writeBlob(binary)) == binary)

            let treeID = try repository.tree(base: nil, applying: [.upsertFile(path: "documents/SOP-0001/meta.yaml", blob: blobID)])
            #expect(try repository.kind(of: treeID) == .tree)
            let entry = try #require(try repository.entry(atPath: "documents/SOP-0001/meta.yaml", inTree: treeID))
            #expect(entry == TreeEntry(name: "meta.yaml", id: blobID, kind: .blob, isExecutable: false))
            #expect(try repository.entries(ofTree: treeID).map(\.name) == ["documents"])
            #expect(try repository.entry(atPath: "documents/SOP-0001", inTree: treeID)?.kind == .tree)
            #expect(try repository.entry(atPath: "documents/SOP-0002/meta.yaml", inTree: treeID) == nil)

            let first = try repository.createCommit(tree: treeID, parents: [], author: alice, committer: quentin, message: "Create SOP-0001\n")
            #expect(try repository.kind(of: first) == .commit)
            let commit = try repository.commit(first)
            #expect(commit.id == first)
            #expect(commit.tree == treeID)
            #expect(commit.parents.isEmpty)
            #expect(commit.author == alice)
            #expect(commit.committer == quentin)
            #expect(commit.message == "Create SOP-0001\n")

            let secondTree = try tree(["documents/SOP-0001/body.md": "# Body\n"], base: treeID, in: repository)
            let second = try repository.createCommit(tree: secondTree, parents: [first], author: alice, committer: alice, message: "Add body")
            #expect(try repository.commit(second).parents == [first])
            #expect(try repository.commit(second).message == "Add body")
            #expect(try repository.isAncestor(first, of: second))
            #expect(try repository.isAncestor(second, of: second))
            #expect(try !repository.isAncestor(second, of: first))
            // Objects only: no ref was moved.
            #expect(try repository.reference("refs/heads/main") == nil)
            #expect(try repository.references(glob: "refs/*").isEmpty)
        }
    }

    @Test func missingObjects() throws {
        try withBareRepository { repository in
            let missing = try #require(ObjectID(hex: "1234567890123456789012345678901234567890"))
            #expect(try repository.kind(of: missing) == nil)
            #expect(!repository.contains(missing))
            #expect(gitError { _ = try repository.blob(missing) }?.isNotFound == true)
            #expect(gitError { _ = try repository.commit(missing) }?.isNotFound == true)
            // Wrong kind: a blob is not a commit.
            let blobID = try blob("x", in: repository)
            #expect(gitError { _ = try repository.commit(blobID) } != nil)
            // A commit must reference an existing tree and parents.
            let emptyTree = try repository.emptyTree()
            #expect(emptyTree.hex == "4b825dc642cb6eb9a060e54bf8d69288fbee4904")
            let error = gitError {
                _ = try repository.createCommit(tree: emptyTree, parents: [missing], author: alice, committer: alice, message: "x")
            }
            #expect(error?.isNotFound == true)
            #expect(error?.operation.contains("parent") == true)
        }
    }

    @Test func personNamesAndTimesRoundTrip() throws {
        try withBareRepository { repository in
            let author = GitPerson(name: "Zoë Ünal-Smith", email: "zoe@example.com", time: Date(timeIntervalSince1970: 1_234_567_890.987))
            #expect(author.time == Date(timeIntervalSince1970: 1_234_567_890))
            let committer = GitPerson(name: "李 小龍", email: "li@example.cn", time: Date(timeIntervalSince1970: 2_000_000_001))
            let commitID = try repository.createCommit(
                tree: try repository.emptyTree(), parents: [], author: author, committer: committer, message: "Unicode people\n")
            let commit = try repository.commit(commitID)
            #expect(commit.author == author)
            #expect(commit.committer == committer)
            #expect(commit.author.name == "Zoë Ünal-Smith")
            #expect(commit.committer.time.timeIntervalSince1970 == 2_000_000_001)

            let raw = try runGit(["cat-file", "-p", commitID.hex], in: repository)
            #expect(raw.status == 0)
            #expect(raw.stdout.contains("author Zoë Ünal-Smith <zoe@example.com> 1234567890 +0000\n"))
            #expect(raw.stdout.contains("committer 李 小龍 <li@example.cn> 2000000001 +0000\n"))

            // Names git cannot store are rejected with libgit2's message.
            let bad = GitPerson(name: "", email: "nobody@example.com", time: Date())
            let error = gitError {
                _ = try repository.createCommit(tree: try repository.emptyTree(), parents: [], author: bad, committer: bad, message: "x")
            }
            #expect(error?.message.isEmpty == false)
        }
    }
}
