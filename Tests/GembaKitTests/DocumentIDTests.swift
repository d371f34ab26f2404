import Foundation
import GRDB
import Testing
@testable import GembaKit

/// Document IDs are looked up whatever their case (`documentRecord` upper-cases them); a caller
/// spelling one in lower case must get the same document, or a clean refusal, never a damaged register.
@Suite("Document IDs")
struct DocumentIDTests {
    @Test func lowerCaseIDsWorkForReviewAndSigning() throws {
        try withRegister { r in
            // Given a draft, when its review is started and signed naming it in lower case, then it is released.
            try r.createDocument()
            try r.startReview("sop-0001")
            try r.sign("sop-0001", "rita", .reviewed)
            #expect(try r.sign("sop-0001", "pete", .approved).tag == "SOP-0001/A")
            #expect(try r.register.document("sop-0001").summary.id == "SOP-0001")
            #expect(try r.register.verify().problems == [])
        }
    }

    @Test func savingADraftNamedInLowerCaseKeepsTheRegisterSound() throws {
        try withRegister { r in
            // Given SOP-0001's draft
            let id = try r.createDocument(text: "old\n")

            // when its author saves new text naming the document "sop-0001"
            let saved = Result { try r.register.editDraft("sop-0001", DraftEdit(file: try r.markdown("new\n")), by: "alice") }

            // then it is either refused or saved as SOP-0001, and the register stays sound.
            let branches = try r.repository().references(glob: "refs/heads/drafts/*").map(\.name)
            let content = Result { try r.register.content(id).main }
            let problems = try r.register.verify().problems
            #expect(branches == ["refs/heads/drafts/SOP-0001"])
            let expected = (try? saved.get()) != nil ? "new\n" : "old\n"
            #expect((try? content.get()) == Data(expected.utf8))
            #expect(problems == [])
        }
    }

    @Test func revisingADocumentNamedInLowerCaseGivesAReadableOutcome() throws {
        try withRegister { r in
            // Given an effective SOP-0001
            let id = try r.releasedDocument()

            // when its author opens a revision naming it "sop-0001"
            let opened = Result { try r.register.reviseDocument("sop-0001", RevisionRequest(changeReason: "Clarify", changeClass: .minor), by: "alice") }

            // then revision B is opened on drafts/SOP-0001, or the request is refused with a Gemba error.
            let branch = try r.ref("refs/heads/drafts/\(id)")
            switch opened {
            case .success(let letter):
                #expect(letter == "B")
                #expect(branch != nil)
            case .failure(let error):
                #expect(error is GembaError, "\(error)")
            }
            #expect(try r.register.verify().problems == [])
        }
    }

    /// content.git groups folders by a thousand numbers; a group name can never be an ID.
    @Test func folderGroupsDropTheLastThreeDigits() {
        let cases = [
            ("SOP-0007", "SOP-0xxx"), ("SOP-000123", "SOP-000xxx"), ("WI-031057", "WI-031xxx"), ("SOP-10000", "SOP-10xxx"),
            ("WI-12", "WI-xx"), ("F7", "Fx"), ("POLICY", "other"),
        ]
        for (id, group) in cases {
            #expect(DocumentTree.group(id) == group, "\(id)")
            #expect(DocumentTree.path(id) == "documents/\(group)/\(id)")
        }
        #expect(DocumentTree.flatPath("SOP-0007") == "documents/SOP-0007")
        // A thousand consecutive numbers share a group, and the next number starts a new one
        #expect(Set((0..<1000).map { DocumentTree.group("SOP-\(String(format: "%04d", 2000 + $0))") }) == ["SOP-2xxx"])
        #expect(DocumentTree.group("SOP-3000") == "SOP-3xxx")
    }
}
