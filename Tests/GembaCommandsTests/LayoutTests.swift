import Foundation
import Testing

/// content.git keeps each document's folder at `documents/<group>/<ID>/`, a thousand numbers to a
/// group. Registers made before that kept every folder directly under `documents/`; they must keep
/// working, and move each document to the new place when it is next written.
@Suite struct LayoutTests {
    @Test func newFoldersAreGroupedByThousands() throws {
        try Sandbox.with { s in
            // Given a plant, when SOP-0001 becomes effective
            try s.setUpPlant()
            let id = try s.effectiveSOP(title: "Line clearance")
            #expect(id == "SOP-0001")

            // Then stock git finds it in its group folder, on main, on its tag and on its draft's commit
            #expect(try s.git("ls-tree", "--name-only", "main:documents").stdoutLines == ["SOP-0xxx", ""])
            let file = try s.git("show", "SOP-0001/A:documents/SOP-0xxx/SOP-0001/SOP-0001.md")
            #expect(file.succeeded && file.stdout.hasPrefix("# Line clearance"), "\(file)")
            #expect(try s.git("show", "main^2:documents/SOP-0xxx/SOP-0001/meta.yaml").succeeded)
            #expect(try s.gemba("verify").succeeded)
        }
    }

    @Test func aRegisterWithTheFlatLayoutKeepsWorkingAndMovesDocumentByDocument() throws {
        try Sandbox.with { s in
            // Given the register an earlier gemba made (Fixtures/README.md): every folder directly under documents/
            try s.unpackFixture("register-flat-layout.tgz")
            #expect(try s.git("ls-tree", "--name-only", "main:documents").stdoutLines == ["SOP-0001", "SOP-0002", "SOP-0003", ""])
            let before = try s.gemba("verify")
            #expect(before.succeeded && before.stdout.hasPrefix("verify: OK"), "\(before)")
            #expect(try s.gemba("doc", "show", "SOP-0001").stdout.contains("1. Do the work."))

            // When WI-0001 (a draft made in the flat layout) is signed to release,
            try s.sign("WI-0001", as: Staff.reviewer, meaning: "reviewed")
            try s.sign("WI-0001", as: Staff.approver, meaning: "approved")
            // SOP-0002's draft B (flat too) goes through review,
            let started = try s.gemba("review", "start", "SOP-0002", "--as", "alice", "--password-stdin", stdin: "alice-password-1\n")
            try #require(started.succeeded, "\(started)")
            try s.sign("SOP-0002", as: Staff.reviewer, meaning: "reviewed")
            try s.sign("SOP-0002", as: Staff.approver, meaning: "approved")
            // and SOP-0003's obsolescence is signed
            try s.sign("SOP-0003", as: Staff.reviewer, meaning: "reviewed")
            try s.sign("SOP-0003", as: Staff.approver, meaning: "approved")

            // Then main holds each effective document once: the ones written since in their group,
            // SOP-0001 (untouched) where it was, SOP-0003 nowhere
            let tree = try s.git("ls-tree", "-r", "-d", "--name-only", "main:documents")
            #expect(tree.stdoutLines == ["SOP-0001", "SOP-0xxx", "SOP-0xxx/SOP-0002", "WI-0xxx", "WI-0xxx/WI-0001", ""], "\(tree)")
            #expect(try s.git("show", "SOP-0002/B:documents/SOP-0xxx/SOP-0002/SOP-0002.md").stdout.contains("25 Nm"))
            // Old tags still read in the old layout, and gemba reads both
            #expect(try s.git("show", "SOP-0002/A:documents/SOP-0002/SOP-0002.md").stdout.contains("1. Do the work."))
            let diff = try s.gemba("doc", "diff", "SOP-0002", "A", "B")
            #expect(diff.succeeded && diff.stdout.contains("+1. Set the wrench to 25 Nm."), "\(diff)")
            #expect(try s.gemba("doc", "show", "SOP-0003").stdout.contains("Document status: obsolete"))

            // And the register and the repository are sound
            let verify = try s.gemba("verify")
            #expect(verify.succeeded && verify.stdout.hasPrefix("verify: OK"), "\(verify)")
            let fsck = try s.git("fsck", "--strict")
            #expect(fsck.succeeded, "\(fsck)")
        }
    }
}

extension Sandbox {
    /// Unpacks a register from Fixtures/ as the sandbox's register.
    func unpackFixture(_ name: String) throws {
        let archive = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        try FileManager.default.createDirectory(at: register, withIntermediateDirectories: true)
        let unpacked = try Subprocess(
            executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: ["tar", "-xzf", archive.path, "-C", register.path], displayName: "tar",
            stdin: nil, directory: folder, environment: GembaExecutable.cleanEnvironment
        ).finish()
        try #require(unpacked.succeeded, "\(unpacked)")
    }
}
