import Foundation
import GembaGit
import Testing
@testable import GembaKit

@Suite("Documents")
struct DocumentTests {
    @Test func idsAreNumberedPerType() throws {
        try withRegister { r in
            // Given an empty register, when two SOPs and a WI are created
            let first = try r.createDocument("SOP")
            let second = try r.createDocument("sop", title: "Change a tyre")
            let wi = try r.createDocument("WI", title: "Fit the wheel")

            // then each type counts from 1 with its own prefix and width.
            #expect([first, second, wi] == ["SOP-0001", "SOP-0002", "WI-0001"])
            let list = try r.register.documents()
            #expect(list.map(\.id) == ["SOP-0001", "SOP-0002", "WI-0001"])
            #expect(list.allSatisfy { $0.status == "draft" && $0.latestRevision == "A" && $0.effectiveRevision == nil })
        }
    }

    @Test func explicitNumberIsKeptAndNotReused() throws {
        try withRegister { r in
            // Given a document migrated with its old number 42
            #expect(try r.createDocument(number: 42) == "SOP-0042")
            // when the next one is created without a number, then it follows the highest;
            #expect(try r.createDocument() == "SOP-0043")
            // and asking for 42 again is refused.
            let error = try #require(throws: GembaError.self) { try r.createDocument(number: 42) }
            #expect(error.kind == .conflict)
            #expect(error.message.contains("SOP-0042 already exists"))
            // A number wider than the type's ID is refused too.
            #expect(throws: GembaError.self) { try r.createDocument(number: 10_000) }
            #expect(try r.register.documents().count == 2)
        }
    }

    @Test func wrongFileKindIsRefused() throws {
        try withRegister { r in
            // Given a CSV handed in as an SOP (SOPs are md, docx or pdf)
            let file = try ContentFile(name: "torque.csv", data: Data("nut,torque\n1,120\n".utf8))
            // when it is created, then it is refused and nothing is recorded.
            let error = try #require(throws: GembaError.self) {
                _ = try r.register.createDocument(NewDocument(type: "SOP", title: "Torque table", file: file), by: "alice")
            }
            #expect(error.kind == .invalidInput)
            #expect(error.message.contains("must be one of md, docx, pdf"))
            #expect(try r.register.documents().isEmpty)
        }
    }

    @Test func invalidBoardContentNamesFileAndLine() throws {
        try withRegister { r in
            // Given board content whose second target has an unknown direction on line 8
            let yaml = """
                board: Line 3
                targets:
                  - kpi: oee
                    target: 0.85
                    effective_from: 2026-01-01
                  - kpi: scrap
                    target: 0.02
                    direction: sideways
                    effective_from: 2026-01-01
                """
            let file = try ContentFile(name: "line3.yaml", data: Data(yaml.utf8))
            // when it is created as a BOARD, then the error names the file and line 8.
            let error = try #require(throws: GembaError.self) {
                _ = try r.register.createDocument(NewDocument(type: "BOARD", title: "Line 3 board", file: file), by: "alice")
            }
            #expect(error.message.hasPrefix("line3.yaml:8: direction must be"), "\(error.message)")
            #expect(try r.register.documents().isEmpty)
        }
    }

    @Test func validBoardContentIsAccepted() throws {
        try withRegister { r in
            let yaml = "board: Line 3\ntargets:\n  - kpi: oee\n    target: 0.85\n    direction: higher_is_better\n    effective_from: 2026-01-01\n"
            let file = try ContentFile(name: "line3.yaml", data: Data(yaml.utf8))
            let id = try r.register.createDocument(NewDocument(type: "BOARD", title: "Line 3 board", file: file), by: "alice")
            #expect(id == "BOARD-001")
        }
    }

    @Test(arguments: ["../x", "a/b", ".hidden", "/etc/passwd", "a..b", "", "name with space"])
    func pathLikeAttachmentNamesAreRefused(name: String) {
        let error = #expect(throws: GembaError.self) { _ = try ContentFile(name: name, data: Data()) }
        #expect(error?.kind == .invalidInput)
    }

    @Test func draftLivesOnItsOwnBranch() throws {
        try withRegister { r in
            // Given a new document
            let id = try r.createDocument(title: "Torque the wheel nuts")

            // then drafts/<ID> points at a commit on top of main whose folder has meta.yaml and the file,
            let draft = try #require(try r.ref("refs/heads/drafts/\(id)"))
            let main = try #require(try r.ref("refs/heads/main"))
            let commit = try r.repository().commit(draft)
            #expect(commit.parents == [main])
            #expect(commit.author.name == "Alice Author")
            let meta = try #require(try r.text(at: "\(DocumentTree.path(id))/meta.yaml", in: draft))
            #expect(meta.contains("id: \"SOP-0001\""))
            #expect(meta.contains("title: \"Torque the wheel nuts\""))
            #expect(meta.contains("revision: \"A\""))
            #expect(meta.contains("status: \"draft\""))
            #expect(try r.text(at: "\(DocumentTree.path(id))/\(id).md", in: draft) == "# Steps\n\n1. Torque to 120 Nm.\n")
            // the record names that commit and folder, and main does not hold the document yet.
            let revision = try #require(try r.register.document(id).revisions.first)
            #expect(revision.draftCommit == draft.hex)
            #expect(try r.folderTree(id, in: main) == nil)
        }
    }

    @Test func binaryContentRoundTripsByteForByte() throws {
        try withRegister { r in
            // Given a PDF main file and an attachment holding every byte value
            let bytes = Data((0...255).map(UInt8.init) + (0...255).reversed().map(UInt8.init))
            let pdf = try ContentFile(name: "scan.PDF", data: Data("%PDF-1.7\n".utf8) + bytes)
            let attachment = try ContentFile(name: "photo_1.jpg", data: bytes + Data([0, 0, 13, 10]))
            let id = try r.register.createDocument(
                NewDocument(type: "SOP", title: "Scanned procedure", file: pdf, attachments: [attachment]), by: "alice")

            // when its content is read back
            let content = try r.register.content(id)

            // then the bytes are the same and the main file is named by the register.
            #expect(content.mainFile == "SOP-0001.pdf")
            #expect(content.main == pdf.data)
            #expect(content.attachments == [attachment])
        }
    }

    @Test func reviseCopiesTheEffectiveContent() throws {
        try withRegister { r in
            // Given a released document with an attachment
            let drawing = try ContentFile(name: "drawing.pdf", data: Data([0x25, 0x50, 0xFF, 0x00, 0x7F]))
            let id = try r.register.createDocument(
                NewDocument(type: "SOP", title: "Torque", file: try r.markdown("torque 120\n"), attachments: [drawing]), by: "alice")
            try r.startReview(id)
            try r.signStandardRoute(id)

            // when revision B is opened without new files
            let letter = try r.register.reviseDocument(id, RevisionRequest(changeReason: "Add a check", changeClass: .minor), by: "alice")

            // then B starts from A's files, on a new draft branch forked from main.
            #expect(letter == "B")
            let b = try r.register.content(id, revision: "B")
            #expect(b.main == Data("torque 120\n".utf8))
            #expect(b.attachments == [drawing])
            let draft = try #require(try r.ref("refs/heads/drafts/\(id)"))
            #expect(try r.repository().commit(draft).parents == [try #require(try r.ref("refs/heads/main"))])
            #expect(try r.register.document(id).summary.latestStatus == "draft")
            // Revising again while B is open is refused.
            #expect(throws: GembaError.self) {
                try r.register.reviseDocument(id, RevisionRequest(changeReason: "Again", changeClass: .minor), by: "alice")
            }
        }
    }

    @Test func editSavesANewCommit() throws {
        try withRegister { r in
            // Given a draft
            let id = try r.createDocument(text: "old text\n")
            let before = try #require(try r.ref("refs/heads/drafts/\(id)"))

            // when its author saves new text and an attachment
            r.advance(days: 0, hours: 2)
            let note = try ContentFile(name: "note.txt", data: Data("note".utf8))
            try r.register.editDraft(id, DraftEdit(file: try r.markdown("new text\n"), addAttachments: [note], title: "Torque, revised"), by: "alice")

            // then drafts/<ID> moved to a child commit holding the new content, and the record follows.
            let after = try #require(try r.ref("refs/heads/drafts/\(id)"))
            #expect(after != before)
            #expect(try r.repository().commit(after).parents == [before])
            let content = try r.register.content(id)
            #expect(content.main == Data("new text\n".utf8))
            #expect(content.attachments == [note])
            let revision = try #require(try r.register.document(id).revisions.first)
            #expect(revision.draftCommit == after.hex)
            #expect(revision.title == "Torque, revised")
            #expect(try r.text(at: "\(DocumentTree.path(id))/\(id).md", in: before) == "old text\n")
        }
    }

    @Test func onlyTheAuthorOrACoordinatorEdits() throws {
        try withRegister { r in
            let id = try r.createDocument()
            // Given a reviewer who did not write the draft, when they edit it, then it is refused.
            let error = try #require(throws: GembaError.self) {
                try r.register.editDraft(id, DraftEdit(title: "Mine now"), by: "rita")
            }
            #expect(error.kind == .permission)
            // A coordinator may edit it.
            try r.register.editDraft(id, DraftEdit(title: "Tidied"), by: "carl")
            #expect(try r.register.document(id).revisions.first?.title == "Tidied")
        }
    }

    @Test func creatingNeedsThePermission() throws {
        try withRegister { r in
            // Given a reviewer (no document.create), when they create a document, then it is refused.
            let error = try #require(throws: GembaError.self) { try r.createDocument(by: "rita") }
            #expect(error.kind == .permission)
            #expect(try r.register.documents().isEmpty)
        }
    }
}
