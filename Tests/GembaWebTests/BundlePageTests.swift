import Foundation
import GembaKit
import HTTPTypes
import Testing
@testable import GembaWeb

/// Serialized: the tests look for leftover temporary bundle folders.
@Suite("Evidence bundle pages", .serialized)
struct BundlePageTests {
    static func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path).filter { $0.hasPrefix("gemba-web-bundle-") }
    }

    @Test("an assessor builds a bundle of everything: a ZIP download with the server's name, recorded in the trail, no file left behind")
    func everything() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("sam")
            let form = try await browser.get("/bundles")
            #expect(form.status == .ok && form.body.contains("action=\"/bundles\"") && form.body.contains("value=\"2026-03-02\""))
            let zip = try await browser.post("/bundles", ["asof": "2026-03-02", "scope": "all"])
            #expect(zip.status == .ok)
            #expect(zip.headers[.contentDisposition] == "attachment; filename=\"gemba-evidence-2026-03-02.zip\"")
            #expect(zip.headers[.contentType] == "application/zip" && zip.headers[.xContentTypeOptions] == "nosniff")
            #expect(zip.body.hasPrefix("PK"))
            #expect(zip.body.contains("documents/\(fixture.released)/rev-A/meta.yaml"))
            let entry = try #require(try fixture.register.trail().last)
            #expect(entry.action == "bundle.build" && entry.actor == "sam" && entry.entityId == zip.headers[HTTPField.Name("X-Gemba-Bundle-SHA256")!])
            #expect(entry.newValue?.contains("\"file_name\":\"gemba-evidence-2026-03-02.zip\"") == true)
            #expect(try Self.leftovers().isEmpty)
        }
    }

    @Test("the audit page links a bundle of its audit; the scopes type, document, audit and area build what they name")
    func scopes() async throws {
        try await withWebApp { fixture, browser in
            try fixture.startedAuditWithFinding()
            try await browser.logIn("carl")
            let form = try await browser.get("/bundles?audit=\(fixture.audit)")
            #expect(form.body.contains("<option value=\"\(fixture.audit)\" selected>"))
            let audit = try await browser.post("/bundles", ["asof": "2026-03-02", "scope": "audit", "audit": fixture.audit])
            #expect(audit.status == .ok && audit.body.contains("audits/\(fixture.audit)/index.html"))
            let byType = try await browser.post("/bundles", ["asof": "2026-03-02", "scope": "type", "type": "SOP"])
            #expect(byType.status == .ok && byType.body.contains("documents/\(fixture.released)/"))
            let byDocument = try await browser.post("/bundles", ["asof": "2026-03-02", "scope": "document", "documents": fixture.released.lowercased()])
            #expect(byDocument.status == .ok && byDocument.body.contains("documents/\(fixture.released)/"))
            #expect(try fixture.register.trail().filter { $0.action == "bundle.build" }.count == 3)
            // Nothing applies to the area: the register refuses, and says so on the form.
            let byArea = try await browser.post("/bundles", ["asof": "2026-03-02", "scope": "area", "area": "L3", "return": "/bundles"])
            #expect(byArea.status == .seeOther)
            #expect(try await browser.flash(after: byArea)?.contains("no document was effective") == true)
            #expect(try Self.leftovers().isEmpty)
        }
    }

    @Test("a future day, an empty scope or an unknown scope is refused with the reason; nothing is recorded")
    func refused() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("alice")
            let before = try fixture.register.trail().count
            let future = try await browser.post("/bundles", ["asof": "2026-03-03", "scope": "all", "return": "/bundles"])
            #expect(try await browser.flash(after: future)?.contains("is in the future") == true)
            let noType = try await browser.post("/bundles", ["asof": "2026-03-02", "scope": "type", "return": "/bundles"])
            #expect(try await browser.flash(after: noType)?.contains("choose at least one document type") == true)
            let unknown = try await browser.post("/bundles", ["asof": "2026-03-02", "scope": "galaxy", "return": "/bundles"])
            #expect(try await browser.flash(after: unknown)?.contains("unknown bundle scope") == true)
            let notEffective = try await browser.post("/bundles", ["asof": "2026-03-02", "scope": "document", "documents": fixture.draft, "return": "/bundles"])
            #expect(try await browser.flash(after: notEffective)?.contains(fixture.draft) == true)
            #expect(try fixture.register.trail().dropFirst(before).allSatisfy { $0.action != "bundle.build" })
            #expect(try Self.leftovers().isEmpty)
        }
    }

    @Test("the form and the build need a login; the build needs the CSRF token")
    func gate() async throws {
        try await withWebApp { fixture, browser in
            let anonymous = browser.fresh()
            #expect(try await anonymous.get("/bundles").location?.hasPrefix("/login") == true)
            try await expectPostRefusals(fixture, browser, "/bundles", ["asof": "2026-03-02", "scope": "all"], refused: [], allowed: "sam")
        }
    }
}
