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
}
