import Foundation
import GRDB
import GembaGit
import Testing
@testable import GembaKit

/// A file share to import: files under `share/` and the metadata CSV beside it.
struct ImportShare {
    let folder: URL
    let csv: URL

    init(in base: URL, files: [String: String], csv lines: [String]) throws {
        folder = base.appendingPathComponent("share", isDirectory: true)
        csv = base.appendingPathComponent("meta.csv")
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: csv)
    }
}

let importHeader = "file,id,type,title,owner,areas,revision,effective_date,approved_by,approved_on,next_review"

/// What an import must not leave behind when it fails: rows, trail entries, refs, packs.
struct RegisterFootprint: Equatable {
    let documents: Int
    let trail: Int
    let refs: [String]
    let packs: [String]

    init(_ r: TestRegister) throws {
        let db = try r.database()
        (documents, trail) = try db.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM document") ?? 0, try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_trail WHERE action NOT LIKE 'signature.failed'") ?? 0)
        }
        refs = try r.repository().references(glob: "refs/*").map(\.name).sorted()
        let packFolder = r.root.appendingPathComponent("content.git/objects/pack")
        packs = ((try? FileManager.default.contentsOfDirectory(atPath: packFolder.path)) ?? []).sorted()
    }
}

@Suite struct DocumentImportTests {
    @Test func importsEffectiveDocumentsWithOneSignedRelease() throws {
        try withRegister { r in
            let share = try ImportShare(in: r.folder, files: [
                "SOPs/wheel nuts.md": "# Wheel nuts\n\nTorque to 120 Nm.\n",
                "SOPs/press.pdf": "%PDF-1.4 legacy scan",
                "forms/checklist.csv": "item,ok\nguard,yes\n",
            ], csv: [
                importHeader,
                "SOPs/wheel nuts.md,SOP-0042,SOP,Torque the wheel nuts,quinn,L1;L2,C,2024-05-01,J. Miller,2024-04-20,",
                "SOPs/press.pdf,,SOP,Operate the press,,,,2025-01-10,J. Miller,,2025-06-30",
                "forms/checklist.csv,,FORM,Guard checklist,,,B,2023-02-01,K. Stone,,",
            ])
            r.move(to: try Day.on("2026-03-02"))
            let result = try r.register.importDocuments(folder: share.folder, metadata: share.csv, signer: r.credentials("carl"))
            #expect(result.documents.map(\.id) == ["SOP-0042", "SOP-0043", "FORM-0001"])
            #expect(result.documents.map(\.revision) == ["C", "A", "B"])
            #expect(result.documents.map(\.nextReviewDue) == ["2026-05-01", "2025-06-30", "2026-02-01"])

            let detail = try r.register.document("SOP-0042")
            #expect(detail.summary.status == "effective")
            #expect(detail.summary.owner == "quinn")
            let revision = try #require(detail.revisions.first)
            #expect(revision.revision == "C" && revision.effectiveDate == "2024-05-01" && revision.tag == "SOP-0042/C")
            let legacy = try #require(revision.legacyApproval)
            #expect(legacy.approvedBy == "J. Miller" && legacy.approvedOn == "2024-04-20" && legacy.sourceFile == "SOPs/wheel nuts.md")
            #expect(legacy.migration.name == "Carl Coordinator" && legacy.migration.meaning == Register.migrationMeaning)
            #expect(legacy.migration.contentVerified)
            #expect(try r.register.documentAreas("SOP-0042") == ["L1", "L2"])

            // One release commit on main, one tag per document pointing at it, files byte for byte.
            let main = try #require(try r.ref("refs/heads/main"))
            #expect(main.hex == result.commit)
            let repository = try r.repository()
            for document in result.documents {
                let tag = try #require(try r.ref("refs/tags/\(document.tag)"))
                #expect(try repository.tag(tag).target == main)
            }
            #expect(try r.text(at: "documents/SOP-0xxx/SOP-0042/SOP-0042.md", in: main) == "# Wheel nuts\n\nTorque to 120 Nm.\n")
            #expect(try r.text(at: "documents/SOP-0xxx/SOP-0042/meta.yaml", in: main)?.contains("J. Miller") == true)
            #expect(try repository.commit(main).parents.count == 2)

            let report = try r.register.verify()
            #expect(report.problems == [])
            #expect(report.checked["document imports"] == 1)
            #expect(try r.register.reviewsOverdue().map(\.document).sorted() == ["FORM-0001", "SOP-0043"])
            #expect(try r.actions(entity: "SOP-0042").contains("document.import"))

            // The imported revision is an ordinary effective revision: the next one is D.
            #expect(try r.register.reviseDocument("SOP-0042", RevisionRequest(changeReason: "New torque", changeClass: .minor), by: "alice") == "D")
            #expect(try r.register.verify().problems == [])
        }
    }

    @Test func aSecondImportTakesTheNextNumbersAndKeepsEarlierTags() throws {
        try withRegister { r in
            let first = try ImportShare(in: r.folder.appendingPathComponent("one"), files: ["a.md": "# A\n"], csv: [importHeader, "a.md,,SOP,First,,,,2025-01-01,X,,"])
            let second = try ImportShare(in: r.folder.appendingPathComponent("two"), files: ["b.md": "# B\n"], csv: [importHeader, "b.md,,SOP,Second,,,,2025-01-01,X,,"])
            _ = try r.register.importDocuments(folder: first.folder, metadata: first.csv, signer: r.credentials("carl"))
            let created = try r.createDocument()
            let result = try r.register.importDocuments(folder: second.folder, metadata: second.csv, signer: r.credentials("carl"))
            #expect(created == "SOP-0002")
            #expect(result.documents.map(\.id) == ["SOP-0003"])
            #expect(try r.ref("refs/tags/SOP-0001/A") != nil)
            #expect(try r.register.verify().problems == [])
        }
    }

    @Test(arguments: [
        ("nofile.md,,SOP,T,,,,2025-01-01,X,,", 2, "column file: 'nofile.md' does not exist"),
        ("../outside.md,,SOP,T,,,,2025-01-01,X,,", 2, "column file: '../outside.md' leads outside the folder"),
        ("/etc/hostname,,SOP,T,,,,2025-01-01,X,,", 2, "leads outside the folder"),
        ("link.md,,SOP,T,,,,2025-01-01,X,,", 2, "column file: 'link.md' is a symbolic link"),
        ("outlink/secret.md,,SOP,T,,,,2025-01-01,X,,", 2, "leads outside the folder through a symbolic link"),
        ("ok.md,,NOPE,T,,,,2025-01-01,X,,", 2, "column type: unknown document type"),
        ("ok.md,WI-0001,SOP,T,,,,2025-01-01,X,,", 2, "column id: 'WI-0001' is not a SOP ID"),
        ("ok.md,,SOP,,,,,2025-01-01,X,,", 2, "column title: empty"),
        ("ok.md,,SOP,T,,,I,2025-01-01,X,,", 2, "column revision: 'I' is not a revision letter"),
        ("ok.md,,SOP,T,,,,2025-13-01,X,,", 2, "column effective_date: '2025-13-01' is not a date"),
        ("ok.md,,SOP,T,,,,2099-01-01,X,,", 2, "column effective_date: 2099-01-01 is in the future"),
        ("ok.md,,SOP,T,,,,2025-01-01,,,", 2, "column approved_by: empty"),
        ("ok.md,,SOP,T,,,,2025-01-01,X,2025-02-01,", 2, "column approved_on: 2025-02-01 is after the effective date"),
        ("ok.md,,SOP,T,nobody,,,2025-01-01,X,,", 2, "column owner: no active user nobody"),
        ("ok.md,,SOP,T,,Mars!,,2025-01-01,X,,", 2, "column areas: area 'Mars!'"),
        ("data.bin,,SOP,T,,,,2025-01-01,X,,", 2, "column file: 'data.bin': a SOP must be one of md, docx, pdf"),
    ])
    func refusesABadRowAndWritesNothing(row: String, line: Int, message: String) throws {
        try withRegister { r in
            let outside = r.folder.appendingPathComponent("outside", isDirectory: true)
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            try Data("# secret\n".utf8).write(to: outside.appendingPathComponent("secret.md"))
            let share = try ImportShare(in: r.folder, files: ["ok.md": "# ok\n", "good.md": "# good\n", "data.bin": "binary"], csv: [importHeader, row, "good.md,,SOP,Good,,,,2025-01-01,X,,"])
            try FileManager.default.createSymbolicLink(atPath: share.folder.appendingPathComponent("link.md").path, withDestinationPath: share.folder.appendingPathComponent("ok.md").path)
            try FileManager.default.createSymbolicLink(atPath: share.folder.appendingPathComponent("outlink").path, withDestinationPath: outside.path)
            let before = try RegisterFootprint(r)
            let error = #expect(throws: GembaError.self) {
                try r.register.importDocuments(folder: share.folder, metadata: share.csv, signer: r.credentials("carl"))
            }
            #expect(error?.message.hasPrefix("meta.csv:\(line): ") == true, "\(error?.message ?? "")")
            #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
            #expect(error?.message.contains("\n") == false)
            #expect(try RegisterFootprint(r) == before)
        }
    }

    @Test func refusesDuplicateIDsInTheFileAndInTheRegister() throws {
        try withRegister { r in
            let existing = try r.createDocument()
            let share = try ImportShare(in: r.folder, files: ["a.md": "# a\n", "b.md": "# b\n", "c.md": "# c\n"], csv: [
                importHeader, "a.md,SOP-0100,SOP,A,,,,2025-01-01,X,,", "b.md,SOP-0100,SOP,B,,,,2025-01-01,X,,",
            ])
            let before = try RegisterFootprint(r)
            let duplicate = #expect(throws: GembaError.self) { try r.register.importDocuments(folder: share.folder, metadata: share.csv, signer: r.credentials("carl")) }
            #expect(duplicate?.message.hasPrefix("meta.csv:3: column id: SOP-0100 is also on line 2") == true)
            try Data("\(importHeader)\nc.md,\(existing),SOP,C,,,,2025-01-01,X,,\n".utf8).write(to: share.csv)
            let taken = #expect(throws: GembaError.self) { try r.register.importDocuments(folder: share.folder, metadata: share.csv, signer: r.credentials("carl")) }
            #expect(taken?.message.hasPrefix("meta.csv:2: column id: \(existing) is already in the register") == true)
            try Data("\(importHeader)\nc.md,,SOP,C,,,,2025-01-01,X,,\n./c.md,,SOP,C again,,,,2025-01-01,X,,\n".utf8).write(to: share.csv)
            let twice = #expect(throws: GembaError.self) { try r.register.importDocuments(folder: share.folder, metadata: share.csv, signer: r.credentials("carl")) }
            #expect(twice?.message.hasPrefix("meta.csv:3: column file: './c.md' is already imported on line 2") == true)
            #expect(try RegisterFootprint(r) == before)
        }
    }

    @Test func refusesABadHeader() throws {
        try withRegister { r in
            let share = try ImportShare(in: r.folder, files: ["a.md": "# a\n"], csv: ["file,type,title,effective_date,approved_by,colour", "a.md,SOP,A,2025-01-01,X,red"])
            let unknown = #expect(throws: GembaError.self) { try r.register.importDocuments(folder: share.folder, metadata: share.csv, signer: r.credentials("carl")) }
            #expect(unknown?.message.hasPrefix("meta.csv:1: column 'colour': unknown") == true)
            try Data("file,type,title\na.md,SOP,A\n".utf8).write(to: share.csv)
            let missing = #expect(throws: GembaError.self) { try r.register.importDocuments(folder: share.folder, metadata: share.csv, signer: r.credentials("carl")) }
            #expect(missing?.message.hasPrefix("meta.csv:1: column effective_date: missing") == true)
        }
    }

    @Test func needsThePermissionAndTheRightPassword() throws {
        try withRegister { r in
            let share = try ImportShare(in: r.folder, files: ["a.md": "# a\n"], csv: [importHeader, "a.md,,SOP,A,,,,2025-01-01,X,,"])
            let before = try RegisterFootprint(r)
            let refused = #expect(throws: GembaError.self) { try r.register.importDocuments(folder: share.folder, metadata: share.csv, signer: r.credentials("alice")) }
            #expect(refused?.kind == .permission)
            let wrong = #expect(throws: GembaError.self) {
                try r.register.importDocuments(folder: share.folder, metadata: share.csv, signer: r.credentials("carl", password: "wrong password"))
            }
            #expect(wrong?.kind == .authentication)
            #expect(try r.actions(entity: "carl").contains("signature.failed"))
            #expect(try RegisterFootprint(r) == before)
        }
    }

    @Test func verifyFindsAnImportSignatureThatNoLongerBinds() throws {
        try withRegister { r in
            let share = try ImportShare(in: r.folder, files: ["a.md": "# a\n"], csv: [importHeader, "a.md,,SOP,A,,,,2025-01-01,X,,"])
            _ = try r.register.importDocuments(folder: share.folder, metadata: share.csv, signer: r.credentials("carl"))
            try r.database().write { db in
                try db.execute(sql: "UPDATE document_import SET manifest_sha256 = ?", arguments: [String(repeating: "0", count: 64)])
            }
            let problems = try r.register.verify().problems
            #expect(problems.contains { $0.contains("document import 1") && $0.contains("differs from what was signed") })
            #expect(try r.register.document("SOP-0001").revisions.first?.legacyApproval?.migration.contentVerified == false)
        }
    }
}
