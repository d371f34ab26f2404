import Foundation
import Testing

/// Errors a user causes with bad input: one `gemba: ` line on stderr, exit 2, nothing written.
@Suite struct InputErrorTests {
    @Test(arguments: [
        ["doc", "show", "SOP-9999"],
        ["doc", "history", "SOP-9999"],
        ["doc", "diff", "SOP-9999", "A", "B"],
        ["doc", "revise", "SOP-9999", "--reason", "typo", "--as", "alice"],
        ["doc", "edit", "SOP-9999", "--title", "New", "--as", "alice"],
        ["doc", "export", "SOP-9999", "--output", "out"],
        ["review", "start", "SOP-9999", "--as", "alice", "--password-stdin"],
        ["review", "sign", "SOP-9999", "--as", "bob", "--meaning", "reviewed", "--password-stdin"],
    ])
    func unknownDocumentID(_ command: [String]) throws {
        try Sandbox.with { s in
            // Given a register holding SOP-0001 only
            try s.setUpPlant()
            _ = try s.effectiveSOP(title: "Line clearance")
            let before = try s.snapshot()

            // When a command names SOP-9999
            let signer = command.firstIndex(of: "--as").map { command[$0 + 1] }
            let password = [Staff.author, Staff.reviewer].first { $0.username == signer }?.password ?? ""
            let outcome = try s.startGemba(command, stdin: password + "\n").finish()

            // Then it fails in one line that names the ID, and writes nothing
            let message = expectOneLineError(outcome)
            #expect(message.contains("SOP-9999"), "\(outcome)")
            #expect(try s.snapshot() == before)
            #expect(!FileManager.default.fileExists(atPath: s.folder.appendingPathComponent("out").path))
        }
    }

    struct BrokenPolicy: Sendable, CustomTestStringConvertible {
        let file: String
        let text: String
        let line: Int
        var testDescription: String { "\(file):\(line)" }
    }

    @Test(arguments: [
        // YAML that does not parse: an unclosed flow sequence.
        BrokenPolicy(file: "roles.yaml", text: "roles:\n  admin:\n    description: Administrator\n    permissions: [user.manage\n  viewer:\n    description: Reader\n", line: 5),
        // YAML that parses but names a role roles.yaml does not define.
        BrokenPolicy(file: "approval-routes.yaml", text: "routes:\n  standard:\n    steps:\n      - name: review\n        role: inspector\n        signatures: 1\n        due_days: 5\n        meaning: reviewed\n", line: 4),
    ])
    func malformedPolicyAtInit(_ broken: BrokenPolicy) throws {
        try Sandbox.with { s in
            // Given a policy folder with one broken file
            try broken.text.write(to: s.policies.appendingPathComponent(broken.file), atomically: true, encoding: .utf8)
            let before = try FileManager.default.contentsOfDirectory(atPath: s.folder.path).sorted()

            // When a register is created with it
            let outcome = try s.run(["init", "--register", s.register.path, "--policies", s.policies.path])

            // Then the one-line error names the file and the line, and no folder is left behind
            let message = expectOneLineError(outcome)
            #expect(message.hasPrefix("\(s.policies.path)/\(broken.file):\(broken.line):"), "\(outcome)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: s.folder.path).sorted() == before)
            #expect(!FileManager.default.fileExists(atPath: s.register.path))
        }
    }

    @Test(arguments: ["../evil.txt=notes.txt", "a/b=notes.txt", "..=notes.txt", ".hidden=notes.txt", "con:tent=notes.txt"])
    func pathLikeAttachmentName(_ attachment: String) throws {
        try Sandbox.with { s in
            // Given a register, a procedure and a file to attach (also reachable as a/b=notes.txt)
            try s.setUpPlant()
            try s.write("sop.md", "# Line clearance\n")
            try s.write("notes.txt", "notes\n")
            try s.write("a/b=notes.txt", "notes\n")
            let before = try s.snapshot()

            // When the attachment is given a name that is a path, or not a plain file name
            let outcome = try s.gemba("doc", "new", "--type", "SOP", "--title", "Line clearance", "--file", "sop.md", "--attach", attachment, "--as", "alice")

            // Then it is refused in one line and nothing is written, in the register or beside it
            let message = expectOneLineError(outcome)
            #expect(message.contains("not an acceptable file name") || message.contains("cannot read"), "\(outcome)")
            #expect(try s.snapshot() == before)
            #expect(!FileManager.default.fileExists(atPath: s.folder.deletingLastPathComponent().appendingPathComponent("evil.txt").path))
            #expect(try decodeJSON([String].self, try s.gemba("doc", "list", "--json")).isEmpty)
        }
    }

    @Test(arguments: [["doc", "list"], ["verify"], ["trail"], ["doc", "new", "--type", "SOP", "--title", "X", "--file", "sop.md", "--as", "alice"]])
    func missingRegister(_ command: [String]) throws {
        try Sandbox.with { s in
            // Given no register at /nonexistent
            try #require(!FileManager.default.fileExists(atPath: "/nonexistent"))
            try s.write("sop.md", "# X\n")

            // When a command is pointed at it
            let outcome = try s.run(command + ["--register", "/nonexistent"])

            // Then it says there is no register and how to make one, and creates nothing
            let message = expectOneLineError(outcome)
            #expect(message.contains("no register at /nonexistent") && message.contains("gemba init"), "\(outcome)")
            #expect(!FileManager.default.fileExists(atPath: "/nonexistent"))
        }
    }

    @Test func exportIntoAFileThatIsNotAFolder() throws {
        try Sandbox.with { s in
            // Given an effective SOP-0001 and a file where the export folder should go
            try s.setUpPlant()
            _ = try s.effectiveSOP(title: "Line clearance")
            try s.write("taken", "keep me\n")

            // When the SOP is exported there
            let outcome = try s.gemba("doc", "export", "SOP-0001", "--output", "taken")

            // Then it fails like every other error (one `gemba: ` line, exit 2) and the file is untouched
            #expect(!outcome.succeeded)
            expectOneLineError(outcome)
            #expect(try String(contentsOf: s.folder.appendingPathComponent("taken"), encoding: .utf8) == "keep me\n")
        }
    }

    @Test func folderThatIsNotARegister() throws {
        try Sandbox.with { s in
            // Given an empty folder
            try FileManager.default.createDirectory(at: s.register, withIntermediateDirectories: false)

            // When gemba is pointed at it
            let outcome = try s.gemba("doc", "list")

            // Then it says so, and leaves the folder empty
            #expect(expectOneLineError(outcome).contains("is not a gemba register"), "\(outcome)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: s.register.path).isEmpty)
        }
    }
}
