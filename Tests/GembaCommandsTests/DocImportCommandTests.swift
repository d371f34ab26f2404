import Foundation
import Testing

/// `gemba doc import` end to end: the real binary, a folder of files and a CSV.
@Suite struct DocImportCommandTests {
    static let coordinator = Staff.Member(username: "cora", name: "Cora Coordinator", roles: ["coordinator"], password: "cora-password-1")
    static let header = "file,id,type,title,owner,areas,revision,effective_date,approved_by,approved_on,next_review"

    /// Writes `files` under share/ and the CSV beside it; returns the share folder and CSV paths.
    func share(_ sandbox: Sandbox, files: [String: String], rows: [String]) throws -> (String, String) {
        let folder = sandbox.folder.appendingPathComponent("share")
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let csv = try sandbox.write("legacy.csv", ([DocImportCommandTests.header] + rows).joined(separator: "\n") + "\n")
        return (folder.path, csv)
    }

    func importing(_ sandbox: Sandbox, _ folder: String, _ csv: String, json: Bool = false, password: String = coordinator.password) throws -> Outcome {
        try sandbox.run(
            ["doc", "import", folder, "--metadata", csv, "--as", "cora", "--password-stdin", "--reason", "Move off the S: drive"] + (json ? ["--json"] : [])
                + ["--register", sandbox.register.path],
            stdin: password + "\n")
    }

    @Test func importsSignsAndShowsTheMigrationInHistory() throws {
        try Sandbox.with { sandbox in
            try sandbox.setUpPlant(extra: [DocImportCommandTests.coordinator])
            let (folder, csv) = try share(sandbox, files: ["QA/inspection.md": "# Inspection\n", "QA/press.pdf": "%PDF-1.4 scan"], rows: [
                "QA/inspection.md,SOP-0010,SOP,Final inspection,alice,L1,B,2024-01-15,H. Berg,2024-01-10,",
                "QA/press.pdf,,WI,Press setup,,,,2025-02-01,H. Berg,,2020-01-01",
            ])
            let imported = try importing(sandbox, folder, csv)
            #expect(imported.succeeded, "\(imported)")
            #expect(imported.stdout.contains("Imported 2 documents from legacy.csv"))
            #expect(imported.stdout.contains("Migrated: verified to match the approved legacy copy by Cora Coordinator (cora)"))

            let history = try sandbox.gemba("doc", "history", "SOP-0010", "--register", sandbox.register.path)
            #expect(history.succeeded, "\(history)")
            #expect(history.stdout.contains("rev B  effective, effective 2024-01-15, tag SOP-0010/B"))
            #expect(history.stdout.contains("Approved on paper by H. Berg on 2024-01-10 (legacy copy: QA/inspection.md"))
            #expect(history.stdout.contains("Migrated: verified to match the approved legacy copy by Cora Coordinator (cora) on"))

            let overdue = try sandbox.gemba("review", "overdue", "--register", sandbox.register.path)
            #expect(overdue.stdout.contains("WI-0001"))
            let verify = try sandbox.gemba("verify", "--register", sandbox.register.path)
            #expect(verify.succeeded, "\(verify)")
            let fsck = try sandbox.git("fsck", "--strict")
            #expect(fsck.succeeded, "\(fsck)")
            let tags = try sandbox.git("tag", "--list")
            #expect(tags.stdout.split(separator: "\n").sorted() == ["SOP-0010/B", "WI-0001/A"])
            let trail = try sandbox.gemba("trail", "--register", sandbox.register.path)
            #expect(trail.stdout.contains("document.import-signed"), "\(trail)")
        }
    }

    @Test(arguments: [
        ("QA/missing.md,,SOP,T,,,,2024-01-15,H. Berg,,", "legacy.csv:2: column file: 'QA/missing.md' does not exist"),
        ("../secret.md,,SOP,T,,,,2024-01-15,H. Berg,,", "legacy.csv:2: column file: '../secret.md' leads outside the folder"),
        ("QA/link.md,,SOP,T,,,,2024-01-15,H. Berg,,", "legacy.csv:2: column file: 'QA/link.md' is a symbolic link"),
        ("QA/a.md,SOP-0001,SOP,T,,,,2024-01-15,H. Berg,,\nQA/b.md,SOP-0001,SOP,T,,,,2024-01-15,H. Berg,,", "legacy.csv:3: column id: SOP-0001 is also on line 2"),
        ("QA/a.md,,SOP,T,,,,15.01.2024,H. Berg,,", "legacy.csv:2: column effective_date: '15.01.2024' is not a date"),
    ])
    func refusesABadRowWithOneLineAndWritesNothing(rows: String, message: String) throws {
        try Sandbox.with { sandbox in
            try sandbox.setUpPlant(extra: [DocImportCommandTests.coordinator])
            let (folder, csv) = try share(sandbox, files: ["QA/a.md": "# A\n", "QA/b.md": "# B\n"], rows: rows.split(separator: "\n").map(String.init))
            _ = try sandbox.write("secret.md", "# not for the register\n")
            try FileManager.default.createSymbolicLink(atPath: folder + "/QA/link.md", withDestinationPath: sandbox.folder.appendingPathComponent("secret.md").path)
            let refsBefore = try sandbox.git("for-each-ref").stdout
            let packsBefore = try FileManager.default.contentsOfDirectory(atPath: sandbox.content.appendingPathComponent("objects/pack").path)
            let imported = try importing(sandbox, folder, csv)
            #expect(!imported.succeeded, "\(imported)")
            let lines = imported.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(imported)")
            #expect(imported.stderr.contains(message), "\(imported)")
            #expect(try sandbox.git("for-each-ref").stdout == refsBefore)
            #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.content.appendingPathComponent("objects/pack").path) == packsBefore)
            let list = try sandbox.gemba("doc", "list", "--json", "--register", sandbox.register.path)
            #expect(list.stdout.filter { !$0.isWhitespace } == "[]", "\(list)")
        }
    }

    @Test func aWrongPasswordImportsNothing() throws {
        try Sandbox.with { sandbox in
            try sandbox.setUpPlant(extra: [DocImportCommandTests.coordinator])
            let (folder, csv) = try share(sandbox, files: ["a.md": "# A\n"], rows: ["a.md,,SOP,A,,,,2024-01-15,H. Berg,,"])
            let imported = try importing(sandbox, folder, csv, password: "not the password")
            #expect(!imported.succeeded)
            #expect(imported.stderr.contains("wrong password"), "\(imported)")
            #expect(try sandbox.git("tag", "--list").stdout.isEmpty)
            let refused = try sandbox.run(
                ["doc", "import", folder, "--metadata", csv, "--as", "alice", "--password-stdin", "--register", sandbox.register.path],
                stdin: Staff.author.password + "\n")
            #expect(!refused.succeeded && refused.stderr.contains("alice may not import documents"), "\(refused)")
        }
    }
}
