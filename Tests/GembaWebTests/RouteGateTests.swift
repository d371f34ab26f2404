import Foundation
import GembaKit
import HTTPTypes
import Testing
@testable import GembaWeb

/// Every route of the permission table, whatever page it is: refused when logged out, refused by
/// role, refused without the CSRF token. Pages test what they allow in their own suites.
@Suite("The gate in front of every route")
struct RouteGateTests {
    /// A concrete path for a route pattern (the gate refuses before the page reads it).
    static func path(_ pattern: String) -> String {
        pattern.split(separator: "/", omittingEmptySubsequences: false).map { $0.hasPrefix(":") ? "X-1" : String($0) }.joined(separator: "/")
    }

    /// Someone who is refused by this access rule, when there is such a person in the fixture.
    static func refusedUser(_ access: Access) -> String? {
        switch access {
        case .anyone, .signedIn: nil
        case .staff: "sam"
        case .permission(let permission): permission == .userManage ? "carl" : "otto"
        }
    }

    /// Someone allowed by this access rule.
    static func allowedUser(_ access: Access) -> String {
        switch access {
        case .permission(.userManage): "ada"
        case .permission(.documentCreate), .permission(.documentRevise): "alice"
        case .permission(.documentObsolete), .permission(.reviewStart), .permission(.reviewConclude): "quinn"
        case .permission: "carl"
        default: "alice"
        }
    }

    @Test("logged out: pages redirect to the login, API calls get 401, nothing runs")
    func loggedOut() async throws {
        try await withWebApp { fixture, browser in
            let before = try fixture.register.trail().count
            for rule in browser.rules where rule.access != .anyone {
                let page = try await browser.request(rule.method, Self.path(rule.path), form: rule.changesState ? ["x": "1"] : nil)
                if rule.path.hasPrefix("/api/") {
                    #expect(page.status == .unauthorized, "\(rule.method) \(rule.path)")
                } else {
                    #expect(page.status == .seeOther && page.location?.hasPrefix("/login") == true, "\(rule.method) \(rule.path): \(page.status)")
                }
            }
            #expect(try fixture.register.trail().count == before)
        }
    }

    @Test("signed in without the role: 403 on every route that needs one")
    func refusedByRole() async throws {
        try await withWebApp { _, browser in
            var browsers: [String: WebClient] = [:]
            for rule in browser.rules {
                guard let user = Self.refusedUser(rule.access) else { continue }
                let client: WebClient
                if let existing = browsers[user] {
                    client = existing
                } else {
                    client = browser.fresh()
                    try await client.logIn(user)
                    browsers[user] = client
                }
                let page = rule.changesState
                    ? try await client.post(Self.path(rule.path), ["return": "/"])
                    : try await client.get(Self.path(rule.path))
                #expect(page.status == .forbidden, "\(user): \(rule.method) \(rule.path) gave \(page.status)")
            }
        }
    }

    @Test("every state change without the CSRF token is refused with 403")
    func refusedWithoutCSRF() async throws {
        try await withWebApp { fixture, browser in
            var browsers: [String: WebClient] = [:]
            let before = try fixture.register.trail().count
            for rule in browser.rules where rule.changesState && rule.access != .anyone {
                let user = Self.allowedUser(rule.access)
                let client: WebClient
                if let existing = browsers[user] {
                    client = existing
                } else {
                    client = browser.fresh()
                    try await client.logIn(user)
                    browsers[user] = client
                }
                let page = try await client.post(Self.path(rule.path), ["return": "/"], csrf: false)
                #expect(page.status == .forbidden, "\(user): \(rule.method) \(rule.path) gave \(page.status)")
                let forged = try await client.post(Self.path(rule.path), ["return": "/", "csrf": "forged"], csrf: false)
                #expect(forged.status == .forbidden, "\(user): \(rule.method) \(rule.path) with a forged token gave \(forged.status)")
            }
            // Only the logins are in the trail: no refused form changed anything.
            #expect(try fixture.register.trail().dropFirst(before).allSatisfy { $0.action == "login" })
        }
    }

    @Test("a form from another site (foreign Origin) is refused even with the token")
    func foreignOrigin() async throws {
        try await withWebApp { _, browser in
            try await browser.logIn("alice")
            let token = try #require(browser.csrf)
            let page = try await browser.request(.post, "/logout", form: ["csrf": token], headers: [.origin: "https://evil.example"])
            #expect(page.status == .forbidden)
            #expect(try await browser.get("/").status == .ok)
        }
    }

    @Test("every page carries the security headers")
    func headers() async throws {
        try await withWebApp { _, browser in
            try await browser.logIn("alice")
            for path in ["/", "/login", "/documents", "/static/gemba.css", "/no-such-page"] {
                let page = try await browser.get(path)
                #expect(page.headers[.xContentTypeOptions] == "nosniff", "\(path)")
                #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(path)")
            }
            #expect(try await browser.get("/no-such-page").status == .notFound)
            #expect(try await browser.get("/").headers[.cacheControl] == "no-store")
        }
    }

    @Test("HEAD is answered as GET without a body, behind the same gate")
    func head() async throws {
        try await withWebApp { fixture, browser in
            #expect(try await browser.request(.head, "/").status == .seeOther)
            let style = try await browser.request(.head, "/static/gemba.css")
            #expect(style.status == .ok && style.body.isEmpty && style.headers[.contentType]?.hasPrefix("text/css") == true)
            try await browser.logIn("otto")
            let page = try await browser.request(.head, "/documents/\(fixture.released)")
            #expect(page.status == .ok && page.body.isEmpty && page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(try await browser.request(.head, "/documents/new").status == .forbidden)
            #expect(try await browser.request(.head, "/no-such-page").status == .notFound)
        }
    }

    @Test("the permission table in docs/web.md is the one the server enforces")
    func documentedTable() async throws {
        try await withWebApp { _, browser in
            let docs = policyFolder.deletingLastPathComponent().appendingPathComponent("docs/web.md")
            let text = try String(contentsOf: docs, encoding: .utf8)
            #expect(text.contains(browser.rules.markdownTable()), "docs/web.md's permission table differs from `gemba serve --routes`")
        }
    }
}
