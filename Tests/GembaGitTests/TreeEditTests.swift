import Foundation
import Testing
@testable import GembaGit

@Suite struct TreeEditTests {
    @Test func upsertNestedPathsAndReplace() throws {
        try withBareRepository { repository in
            let meta = try blob("meta v1\n", in: repository)
            let body = try blob("body\n", in: repository)
            let base = try repository.tree(base: nil, applying: [
                .upsertFile(path: "documents/SOP-0001/meta.yaml", blob: meta),
                .upsertFile(path: "documents/SOP-0001/body.md", blob: body),
                .upsertFile(path: "README.md", blob: body),
            ])
            #expect(try repository.entries(ofTree: base).map(\.name) == ["README.md", "documents"])
            let documents = try #require(try repository.entry(atPath: "documents", inTree: base))
            #expect(documents.kind == .tree)
            let sop = try #require(try repository.entry(atPath: "documents/SOP-0001", inTree: base))
            #expect(try repository.entries(ofTree: sop.id).map(\.name) == ["body.md", "meta.yaml"])

            // Replace one file, add a sibling directory; untouched files keep their ids.
            let meta2 = try blob("meta v2\n", in: repository)
            let edited = try repository.tree(base: base, applying: [
                .upsertFile(path: "documents/SOP-0001/meta.yaml", blob: meta2),
                .upsertFile(path: "documents/SOP-0002/meta.yaml", blob: meta),
            ])
            #expect(try repository.entry(atPath: "documents/SOP-0001/meta.yaml", inTree: edited)?.id == meta2)
            #expect(try repository.entry(atPath: "documents/SOP-0001/body.md", inTree: edited)?.id == body)
            #expect(try repository.entry(atPath: "documents/SOP-0002/meta.yaml", inTree: edited)?.id == meta)
            #expect(try repository.entry(atPath: "README.md", inTree: edited)?.id == body)
            // The base tree is untouched.
            #expect(try repository.entry(atPath: "documents/SOP-0001/meta.yaml", inTree: base)?.id == meta)
            // No edits: same tree id.
            #expect(try repository.tree(base: base, applying: []) == base)
            #expect(try repository.tree(base: nil, applying: []) == repository.emptyTree())

            // Upsert a whole tree at a new place.
            let copied = try repository.tree(base: edited, applying: [.upsertTree(path: "archive/SOP-0001", tree: sop.id)])
            #expect(try repository.entry(atPath: "archive/SOP-0001/body.md", inTree: copied)?.id == body)
            #expect(try repository.entry(atPath: "archive/SOP-0001", inTree: copied)?.id == sop.id)

            // Edits apply in order.
            let ordered = try repository.tree(base: nil, applying: [
                .upsertFile(path: "a/b.txt", blob: meta), .remove(path: "a/b.txt"), .upsertFile(path: "a/b.txt", blob: body),
            ])
            #expect(try repository.entry(atPath: "a/b.txt", inTree: ordered)?.id == body)
        }
    }

    @Test func removeFileSubtreeAndEmptyDirectoriesVanish() throws {
        try withBareRepository { repository in
            let base = try tree([
                "documents/SOP-0001/meta.yaml": "1",
                "documents/SOP-0001/body.md": "2",
                "documents/SOP-0002/meta.yaml": "3",
                "documents/SOP-0002/attachments/figure.txt": "4",
                "top.txt": "5",
            ], in: repository)

            let noBody = try repository.tree(base: base, applying: [.remove(path: "documents/SOP-0001/body.md")])
            #expect(try repository.entry(atPath: "documents/SOP-0001/body.md", inTree: noBody) == nil)
            #expect(try repository.entry(atPath: "documents/SOP-0001/meta.yaml", inTree: noBody) != nil)

            let noSubtree = try repository.tree(base: base, applying: [.remove(path: "documents/SOP-0002")])
            #expect(try repository.entry(atPath: "documents/SOP-0002", inTree: noSubtree) == nil)
            #expect(try repository.entry(atPath: "documents/SOP-0001/meta.yaml", inTree: noSubtree) != nil)

            // Removing the last file of a directory removes the directory, recursively.
            let emptied = try repository.tree(base: base, applying: [.remove(path: "documents/SOP-0002/attachments/figure.txt")])
            #expect(try repository.entry(atPath: "documents/SOP-0002/attachments", inTree: emptied) == nil)
            #expect(try repository.entry(atPath: "documents/SOP-0002/meta.yaml", inTree: emptied) != nil)

            let allGone = try repository.tree(base: base, applying: [
                .remove(path: "documents/SOP-0001/meta.yaml"), .remove(path: "documents/SOP-0001/body.md"),
                .remove(path: "documents/SOP-0002"),
            ])
            #expect(try repository.entries(ofTree: allGone).map(\.name) == ["top.txt"])

            let nothing = try repository.tree(base: allGone, applying: [.remove(path: "top.txt")])
            #expect(nothing == (try repository.emptyTree()))

            // Upserting the empty tree is the same as not having the directory.
            let withEmpty = try repository.tree(base: allGone, applying: [.upsertTree(path: "empty/dir", tree: try repository.emptyTree())])
            #expect(withEmpty == allGone)
        }
    }

    @Test func invalidEditsThrow() throws {
        try withBareRepository { repository in
            let base = try tree(["documents/SOP-0001/meta.yaml": "1"], in: repository)
            let file = try blob("x", in: repository)

            let missing = gitError { _ = try repository.tree(base: base, applying: [.remove(path: "documents/SOP-0009/meta.yaml")]) }
            #expect(missing?.isNotFound == true)
            #expect(missing?.operation == "remove documents/SOP-0009/meta.yaml")

            for bad in ["", "/abs", "a//b", "a/../b", "trailing/", ".git/config", "a/./b"] {
                let error = gitError { _ = try repository.tree(base: base, applying: [.upsertFile(path: bad, blob: file)]) }
                #expect(error?.code == GitError.Code.invalidSpec, "path \(bad)")
            }

            // A file in the way of a directory.
            let blocked = gitError {
                _ = try repository.tree(base: base, applying: [.upsertFile(path: "documents/SOP-0001/meta.yaml/x", blob: file)])
            }
            #expect(blocked?.isAlreadyExists == true)

            // Object must exist and have the right kind.
            let nowhere = try #require(ObjectID(hex: String(repeating: "ab", count: 20)))
            #expect(gitError { _ = try repository.tree(base: base, applying: [.upsertFile(path: "x", blob: nowhere)]) } != nil)
            #expect(gitError { _ = try repository.tree(base: base, applying: [.upsertTree(path: "x", tree: file)]) } != nil)
            #expect(gitError { _ = try repository.tree(base: file, applying: []) } != nil)
        }
    }
    /// One editor through 400 random edits, written after every few: each tree holds exactly the
    /// files the edits left (stock git lists them), is the tree a fresh editor writes for those
    /// files, and `git fsck --strict` finds every tree in git's order. The names are picked to sort
    /// differently as files and as directories ("a" against "a.b" and "a-b").
    @Test(arguments: [1, 6, 7, 8] as [UInt64])
    func anEditorKeptAcrossWritesWritesWhatGitReadsBack(seed: UInt64) throws {
        try withBareRepository { repository in
            var random = EditRandom(seed: seed)
            let names = ["a", "a.b", "a-b", "a0", "ab", "b", "B", "a_b", "\u{e9}t\u{e9}", "z.txt"]
            var blobs: [ObjectID] = []
            for index in 0..<8 { blobs.append(try blob("content \(index)\n", in: repository)) }
            let base = try tree(["a/x": "1", "a.b": "2", "a-b/y": "3"], in: repository)
            var files = ["a/x": try blob("1", in: repository), "a.b": try blob("2", in: repository), "a-b/y": try blob("3", in: repository)]
            let editor = try TreeEditor(base: base, in: repository)
            var written: [ObjectID] = []
            for step in 1...400 {
                let depth = 1 + Int(random.next() % 3)
                let path = (0..<depth).map { _ in names[Int(random.next() % UInt64(names.count))] }.joined(separator: "/")
                let isFileInTheWay = files.keys.contains { path.hasPrefix($0 + "/") }
                let existing = files.keys.filter { $0 == path || $0.hasPrefix(path + "/") }
                if random.next() % 3 == 0 {
                    if existing.isEmpty {
                        #expect(gitError { try editor.apply([.remove(path: path)]) }?.isNotFound == true, "remove \(path)")
                    } else {
                        try editor.apply([.remove(path: path)])
                        for file in existing { files[file] = nil }
                    }
                } else {
                    let content = blobs[Int(random.next() % UInt64(blobs.count))]
                    if isFileInTheWay {
                        #expect(gitError { try editor.apply([.upsertFile(path: path, blob: content)]) }?.isAlreadyExists == true, "upsert \(path)")
                    } else {
                        try editor.apply([.upsertFile(path: path, blob: content)])
                        for file in existing { files[file] = nil }
                        files[path] = content
                    }
                }
                #expect(try editor.contains(path) == files.keys.contains { $0 == path || $0.hasPrefix(path + "/") }, "contains \(path)")
                guard step % 7 == 0 else { continue }
                let id = try editor.write()
                written.append(id)
                let listing = try runGit(["ls-tree", "-r", "-z", id.hex], in: repository)
                #expect(listing.status == 0, "\(listing.stderr)")
                var listed: [String: ObjectID] = [:]
                for line in listing.stdout.split(separator: "\0") {
                    let parts = line.split(separator: "\t", maxSplits: 1)
                    let fields = parts[0].split(separator: " ")
                    listed[String(parts[1])] = ObjectID(hex: String(fields[2]))
                }
                #expect(listed == files, "step \(step)")
                let fresh = try repository.tree(base: nil, applying: files.sorted { $0.key < $1.key }.map { .upsertFile(path: $0.key, blob: $0.value) })
                #expect(id == fresh, "step \(step)")
            }
            #expect(Set(written).count > written.count / 2)
            let fsck = try runGit(["fsck", "--strict", "--no-dangling"], in: repository)
            #expect(fsck.status == 0, "\(fsck.stdout)\(fsck.stderr)")
        }
    }

    /// Writing again without edits in between gives the same id and writes nothing new.
    @Test func anUneditedEditorWritesTheSameTree() throws {
        try withBareRepository { repository in
            let base = try tree(["documents/SOP-0xxx/SOP-0001/meta.yaml": "1", "policies/types.yaml": "2"], in: repository)
            let editor = try TreeEditor(base: base, in: repository)
            #expect(try editor.write() == base)
            #expect(try editor.contains("documents/SOP-0xxx/SOP-0001"))
            #expect(try !editor.contains("documents/SOP-0001"))
            #expect(try editor.write() == base)
            try editor.apply([.upsertFile(path: "documents/SOP-0xxx/SOP-0002/meta.yaml", blob: try blob("3", in: repository))])
            let second = try editor.write()
            #expect(second != base)
            #expect(try editor.write() == second)
            // The untouched directory keeps its id.
            #expect(try repository.entry(atPath: "policies", inTree: second)?.id == repository.entry(atPath: "policies", inTree: base)?.id)
            try editor.apply([.remove(path: "documents"), .remove(path: "policies")])
            #expect(try editor.write() == repository.emptyTree())
        }
    }

    /// A directory whose last file goes, or that is replaced by the empty tree, is gone from the
    /// editor at once, as from the tree it writes.
    @Test func anEmptiedDirectoryIsGoneFromTheEditorToo() throws {
        try withBareRepository { repository in
            let base = try tree(["a/b/x": "1", "c/y": "2", "top": "3"], in: repository)
            let editor = try TreeEditor(base: base, in: repository)
            try editor.apply([.remove(path: "a/b/x")])
            #expect(try !editor.contains("a/b") && !editor.contains("a"))
            #expect(gitError { try editor.apply([.remove(path: "a")]) }?.isNotFound == true)
            try editor.apply([.upsertTree(path: "c", tree: try repository.emptyTree())])
            #expect(try !editor.contains("c"))
            #expect(gitError { try editor.apply([.remove(path: "c/y")]) }?.isNotFound == true)
            // The empty tree where there is nothing changes nothing.
            try editor.apply([.upsertTree(path: "new/dir", tree: try repository.emptyTree())])
            #expect(try editor.write() == tree(["top": "3"], in: repository))
        }
    }
}

/// SplitMix64: the same seed gives the same edits.
private struct EditRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
