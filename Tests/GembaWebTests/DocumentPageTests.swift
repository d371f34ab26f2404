import Foundation
import GembaKit
import HTTPTypes
import NIOCore
import Testing
@testable import GembaWeb

@Suite("Register pages")
struct DocumentPageTests {
    @Test("the list filters and searches; the document page shows content, status, manifestation and history")
    func listAndPage() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("otto")
            let list = try await browser.get("/documents?q=Torque")
            #expect(list.status == .ok)
            #expect(list.body.contains(fixture.released) && !list.body.contains(fixture.draft))
            let drafts = try await browser.get("/documents?status=draft")
            #expect(drafts.body.contains(fixture.draft) && !drafts.body.contains(">\(fixture.released)<"))
            let page = try await browser.get("/documents/\(fixture.released)")
            #expect(page.status == .ok)
            #expect(page.body.contains("Torque the &lt;wheel&gt; nuts &amp; check."))
            #expect(page.body.contains("Approved by Pete Approver (pete)"))
            #expect(page.body.contains("Reviewed by Rita Reviewer (rita)"))
            // An operator may read but gets no forms to change the document.
            #expect(!page.body.contains("action=\"/documents/\(fixture.released)/revise\""))
            #expect(try await browser.get("/documents/SOP-9999").status == .notFound)
            #expect(try await browser.get("/documents/\(fixture.released)?rev=Z").status == .notFound)
        }
    }

    @Test("titles and content are escaped: a stored script never reaches the page as markup")
    func escaping() async throws {
        try await withWebApp { fixture, browser in
            let id = try fixture.register.createDocument(
                NewDocument(type: "SOP", title: "<script>alert(1)</script> & \"quotes\"",
                            file: try ContentFile(name: "c.md", data: Data("# <img src=x onerror=alert(1)>\n\n<script>x</script>\n".utf8))), by: "alice")
            try await browser.logIn("alice")
            for path in ["/documents", "/documents/\(id)"] {
                let page = try await browser.get(path)
                #expect(!page.body.contains("<script>"), "\(path)")
                #expect(!page.body.contains("<img src=x"), "\(path)")
                #expect(page.body.contains("&lt;script&gt;"), "\(path)")
            }
        }
    }

    @Test("the download has a server-chosen name, is an attachment and is never sniffed")
    func download() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("otto")
            let page = try await browser.get("/documents/\(fixture.released)/download?rev=A")
            #expect(page.status == .ok)
            #expect(page.headers[.contentDisposition] == "attachment; filename=\"\(fixture.released)-A.md\"")
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(page.headers[.contentType] == "application/octet-stream")
            #expect(page.body.hasPrefix("# Purpose"))
        }
    }

    @Test("a diff shows both revisions side by side and unified")
    func diff() async throws {
        try await withWebApp { fixture, browser in
            _ = try fixture.register.reviseDocument(fixture.released, RevisionRequest(
                changeReason: "New torque", changeClass: .minor,
                file: try ContentFile(name: "c.md", data: Data("# Purpose\n\nTorque the <wheel> nuts & check.\n\n1. Torque to 130 Nm.\n".utf8))), by: "alice")
            try await browser.logIn("rita")
            let split = try await browser.get("/documents/\(fixture.released)/diff?from=A&to=B")
            #expect(split.status == .ok)
            #expect(split.body.contains("<td class=\"del\">1. Torque to 120 Nm.</td>"))
            #expect(split.body.contains("<td class=\"add\">1. Torque to 130 Nm.</td>"))
            let unified = try await browser.get("/documents/\(fixture.released)/diff?from=A&to=B&view=unified")
            #expect(unified.body.contains("-1. Torque to 120 Nm.") && unified.body.contains("+1. Torque to 130 Nm."))
            #expect(try await browser.get("/documents/\(fixture.released)/diff?from=A").status == .badRequest)
        }
    }

    @Test("an author creates a document by uploading a file; its client name is never used")
    func upload() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("alice")
            let token = try #require(browser.csrf)
            let boundary = "gembatestboundary"
            var body = ""
            for (name, value) in ["csrf": token, "type": "WI", "title": "Uploaded instruction"] {
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
            }
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../etc/passwd.PDF\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 test\r\n--\(boundary)--\r\n"
            let page = try await browser.request(.post, "/documents", headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: ByteBuffer(string: body))
            #expect(page.status == .seeOther)
            let id = try #require(page.location?.split(separator: "/").last.map(String.init))
            let content = try fixture.register.content(id)
            #expect(content.mainFile == "\(id).pdf")
            #expect(String(decoding: content.main, as: UTF8.self) == "%PDF-1.4 test")
            #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent("etc").path))
        }
    }

    @Test("a body over the limit is refused with 413 and changes nothing")
    func bodyLimit() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("alice")
            let before = try fixture.register.documents().count
            let big = String(repeating: "x", count: 1_100_000)
            let page = try await browser.post("/documents", ["type": "SOP", "title": "Big", "markdown": big])
            #expect(page.status == .contentTooLarge)
            #expect(try fixture.register.documents().count == before)
        }
    }

    @Test("an author edits the draft in the browser and starts its review with their password")
    func editAndStartReview() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("alice")
            let editor = try await browser.get("/documents/\(fixture.draft)/edit")
            #expect(editor.status == .ok && editor.body.contains("1. Clear."))
            let saved = try await browser.post("/documents/\(fixture.draft)/edit", ["markdown": "# Steps\r\n\r\n1. Clear the line.\r\n", "reason": "Clearer"])
            #expect(saved.status == .seeOther)
            #expect(String(decoding: try fixture.register.content(fixture.draft).main, as: UTF8.self) == "# Steps\n\n1. Clear the line.\n")
            let wrong = try await browser.post("/documents/\(fixture.draft)/review", ["password": "not it", "return": "/documents/\(fixture.draft)"])
            #expect(wrong.location == "/documents/\(fixture.draft)")
            #expect(try await browser.get("/documents/\(fixture.draft)").body.contains("wrong password"))
            let started = try await browser.post("/documents/\(fixture.draft)/review", ["password": webPassword])
            #expect(started.location?.hasPrefix("/reviews/") == true)
            #expect(try fixture.register.openReviewCycles().contains { $0.document == fixture.draft })
            // Someone else may not edit alice's draft.
            let other = browser.fresh()
            try await other.logIn("carl")
            #expect(try await other.get("/documents/\(fixture.released)/edit").status == .conflict)
        }
    }

    @Test("a coordinator starts a new revision and a periodic review from the document page")
    func reviseAndPeriodic() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("carl")
            let page = try await browser.get("/documents/\(fixture.released)")
            #expect(page.body.contains("/documents/\(fixture.released)/revise"))
            let periodic = try await browser.post("/documents/\(fixture.released)/periodic-review")
            #expect(periodic.location?.hasPrefix("/reviews/") == true)
            #expect(try fixture.register.openReviewCycles().first?.kind == "periodic")
        }
    }
}
