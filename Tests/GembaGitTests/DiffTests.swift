import Foundation
import Testing
@testable import GembaGit

@Suite struct DiffTests {
    @Test func changedTextFileShowsPlusAndMinusLines() throws {
        try withBareRepository { repository in
            let old = try tree(["documents/SOP-0007/body.md": "Step 1: isolate\nStep 2: lock\nStep 3: verify\n"], in: repository)
            let new = try tree(["documents/SOP-0007/body.md": "Step 1: isolate\nStep 2: lock and tag\nStep 3: verify\n"], base: old, in: repository)
            let patch = try repository.unifiedDiff(from: old, to: new)
            #expect(patch.contains("diff --git a/documents/SOP-0007/body.md b/documents/SOP-0007/body.md\n"))
            #expect(patch.contains("--- a/documents/SOP-0007/body.md\n"))
            #expect(patch.contains("+++ b/documents/SOP-0007/body.md\n"))
            #expect(patch.contains("\n-Step 2: lock\n"))
            #expect(patch.contains("\n+Step 2: lock and tag\n"))
            #expect(patch.contains("\n Step 1: isolate\n"))

            #expect(try repository.unifiedDiff(from: old, to: old).isEmpty)

            let prefixed = try repository.unifiedDiff(from: old, to: new, oldPrefix: "B/", newPrefix: "C/")
            #expect(prefixed.contains("--- B/documents/SOP-0007/body.md\n"))
            #expect(prefixed.contains("+++ C/documents/SOP-0007/body.md\n"))
        }
    }

    @Test func addedRemovedAndBinaryFiles() throws {
        try withBareRepository { repository in
            let textTree = try tree(["a.txt": "hello\n"], in: repository)
            let added = try repository.unifiedDiff(from: nil, to: textTree)
            #expect(added.contains("new file mode 100644"))
            #expect(added.contains("--- /dev/null\n"))
            #expect(added.contains("+hello\n"))
            let removed = try repository.unifiedDiff(from: textTree, to: nil)
            #expect(removed.contains("deleted file mode 100644"))
            #expect(removed.contains("-hello\n"))

            let pdf1 = try repository.writeBlob(Data([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02, 0xff]))
            let pdf2 = try repository.writeBlob(Data([0x25, 0x50, 0x44, 0x46, 0x00, 0x03, 0x04, 0xfe]))
            let before = try repository.tree(base: nil, applying: [.upsertFile(path: "doc.pdf", blob: pdf1)])
            let after = try repository.tree(base: nil, applying: [.upsertFile(path: "doc.pdf", blob: pdf2)])
            let binary = try repository.unifiedDiff(from: before, to: after)
            #expect(binary.contains("Binary files a/doc.pdf and b/doc.pdf differ"))
        }
    }
}
