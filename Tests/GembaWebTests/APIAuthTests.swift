import Foundation
import GembaKit
import HTTPTypes
import Testing
@testable import GembaWeb

@Suite("API authentication and refusals")
struct APIAuthTests {
    @Test("a bearer token acts as its owner, with no cookie and no CSRF token")
    func token() async throws {
        try await withWebApp { fixture, browser in
            let token = try fixture.token("carl")
            let me = try await browser.api(.get, "/api/v1/me", token: token)
            #expect(me.status == .ok)
            #expect(me.json?["username"] == "carl")
            #expect(me.json?["auth"] == "token")
            #expect(me.json?["csrf_token"] == nil)
            #expect(me.headers[.setCookie] == nil)
            let records = try fixture.addAPIRecords()
            let comment = try await browser.api(.post, "/api/v1/actions/\(records.action)/comment", token: token, json: ["text": "Started on L1"])
            #expect(comment.status == .ok, "\(comment.body)")
            #expect(try fixture.register.actionItem(records.action).comments.map(\.text) == ["Started on L1"])
        }
    }

    @Test("no token, an unknown, malformed, revoked or expired token: 401 with a JSON error, nothing runs")
    func refusedTokens() async throws {
        try await withWebApp { fixture, browser in
            let token = try fixture.token("carl", days: 1)
            let revoked = try fixture.token("carl")
            _ = try fixture.register.revokeAPIToken(String(revoked.split(separator: "_")[1]), by: "carl")
            let before = try fixture.register.trail().count
            let forged = token.dropLast(4) + "0000"
            for candidate in [nil, "gmb_nothing_here", "not-a-token", String(forged), revoked] as [String?] {
                let answer = try await browser.api(.get, "/api/v1/documents", token: candidate)
                #expect(answer.status == .unauthorized, "\(candidate ?? "no token")")
                #expect(answer.json?["status"] == .number(401))
                #expect(answer.error?.isEmpty == false)
                #expect(answer.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            }
            #expect(try await browser.api(.get, "/api/v1/documents", token: token).status == .ok)
            fixture.clock.advance(seconds: 86_401)
            let expired = try await browser.api(.get, "/api/v1/documents", token: token)
            #expect(expired.status == .unauthorized)
            #expect(expired.error == "the API token is unknown, revoked or expired")
            // Only the one successful read is in the trail (none of the refusals).
            #expect(try fixture.register.trail().dropFirst(before).allSatisfy { $0.action == "access" || $0.action == "api-token.issue" })
        }
    }

    @Test("a browser session reads the API; its POSTs need the X-CSRF-Token header")
    func session() async throws {
        try await withWebApp { fixture, browser in
            let records = try fixture.addAPIRecords()
            try await browser.logIn("otto")
            let me = try await browser.api(.get, "/api/v1/me")
            #expect(me.json?["auth"] == "session")
            let csrf = try #require(me.json?["csrf_token"]?.string)
            #expect(csrf == browser.csrf)
            let path = "/api/v1/actions/\(records.action)/complete"
            let missing = try await browser.api(.post, path, json: ["note": "Collected"])
            #expect(missing.status == .forbidden)
            #expect(missing.json?["status"] == .number(403))
            let forged = try await browser.api(.post, path, json: ["note": "Collected"], headers: [HTTPField.Name("X-CSRF-Token")!: "forged"])
            #expect(forged.status == .forbidden)
            #expect(try fixture.register.actionItem(records.action).item.status == "open")
            let done = try await browser.api(.post, path, json: ["note": "Collected"], headers: [HTTPField.Name("X-CSRF-Token")!: csrf])
            #expect(done.status == .ok, "\(done.body)")
            #expect(done.json?["status"] == "done")
            #expect(try fixture.register.actionItem(records.action).item.resolution == "Collected")
        }
    }

    @Test("an assessor reads documents, audits and CAPAs, but not the staff's areas, and may POST nothing")
    func assessor() async throws {
        try await withWebApp { fixture, browser in
            let records = try fixture.addAPIRecords()
            let token = try fixture.token("sam")
            for path in ["/api/v1/documents", "/api/v1/audits/\(fixture.audit)", "/api/v1/capas/\(records.capa)", "/api/v1/reviews/\(records.cycle)"] {
                #expect(try await browser.api(.get, path, token: token).status == .ok, "\(path)")
            }
            #expect(try fixture.register.trail(entity: fixture.audit).contains { $0.action == "access" && $0.actor == "sam" })
            for path in ["/api/v1/kpis/report?from=2026-03-01&to=2026-03-01", "/api/v1/actions", "/api/v1/schedule/events", "/api/v1/reviews/inbox"] {
                #expect(try await browser.api(.get, path, token: token).status == .forbidden, "\(path)")
            }
            let before = try fixture.register.trail().count
            for rule in browser.rules where rule.path.hasPrefix("/api/v1/") && rule.changesState {
                let answer = try await browser.api(rule.method, RouteGateTests.path(rule.path), token: token, json: ["password": .string(webPassword)])
                #expect(answer.status == .forbidden, "\(rule.method) \(rule.path) gave \(answer.status)")
                #expect(answer.json?["error"]?.string?.contains("sam may not use this page") == true)
            }
            #expect(try fixture.register.trail().count == before)
        }
    }

    @Test("the register refuses what the role may not do: an operator completing someone else's item, signing another role's step")
    func refusedByService() async throws {
        try await withWebApp { fixture, browser in
            let records = try fixture.addAPIRecords()
            let mine = try fixture.register.addActionItem(NewActionItem(text: "Order gloves", owner: "pete"), by: "carl").id
            let otto = try fixture.token("otto")
            let refused = try await browser.api(.post, "/api/v1/actions/\(mine)/complete", token: otto, json: ["note": "done"])
            #expect(refused.status == .forbidden)
            #expect(refused.error?.contains("otto may not change") == true)
            let comment = try await browser.api(.post, "/api/v1/actions/\(mine)/comment", token: otto, json: ["text": "me too"])
            #expect(comment.status == .forbidden)
            let sign = try await browser.api(.post, "/api/v1/reviews/\(records.cycle)/sign", token: otto,
                                             json: ["meaning": "reviewed", "password": .string(webPassword)])
            #expect(sign.status == .forbidden, "\(sign.body)")
            #expect(try fixture.register.reviewCycle(records.cycle).signatures.count == 1)
        }
    }

    @Test("errors are one JSON line: unknown route, unknown record, bad parameter, bad body, wrong content type")
    func errors() async throws {
        try await withWebApp { fixture, browser in
            let token = try fixture.token("carl")
            let records = try fixture.addAPIRecords()
            let cases: [(HTTPRequest.Method, String, JSONValue?, HTTPResponse.Status)] = [
                (.get, "/api/v1/nothing", nil, .notFound),
                (.get, "/api/v1/documents/SOP-9999", nil, .notFound),
                (.get, "/api/v1/reviews/abc", nil, .notFound),
                (.get, "/api/v1/audits?status=sideways", nil, .badRequest),
                (.get, "/api/v1/kpis/report?line=&from=2026-03-01&to=2026-03-01", nil, .badRequest),
                (.get, "/api/v1/kpis/report?from=2026-02-30&to=2026-03-01", nil, .badRequest),
                (.get, "/api/v1/kpis/report?to=2026-03-01", nil, .badRequest),
                (.get, "/api/v1/actions?overdue=yes", nil, .badRequest),
                (.get, "/api/v1/actions?origin=", nil, .badRequest),
                (.get, "/api/v1/training/matrix?role=", nil, .badRequest),
                (.get, "/api/v1/schedule/events?from=tomorrow", nil, .badRequest),
                (.get, "/api/v1/documents/\(fixture.released)/diff?from=A", nil, .badRequest),
                (.post, "/api/v1/actions/\(records.action)/comment", ["words": "no text key"], .badRequest),
                (.post, "/api/v1/actions/\(records.action)/comment", ["text": .number(3)], .badRequest),
                (.post, "/api/v1/actions/\(records.action)/comment", .array([]), .badRequest),
                (.post, "/api/v1/actions/\(records.action)/comment", ["text": "typo", "txet": "typo"], .badRequest),
            ]
            for (method, path, body, status) in cases {
                let answer = try await browser.api(method, path, token: token, json: body)
                #expect(answer.status == status, "\(method) \(path): \(answer.status) \(answer.body)")
                #expect(answer.json?["status"] == .number(Double(status.code)), "\(path): \(answer.body)")
                #expect(answer.error.map { !$0.isEmpty && !$0.contains("\n") } == true, "\(path)")
            }
            let form = try await browser.api(.post, "/api/v1/actions/\(records.action)/comment", token: token, json: ["text": "x"],
                                             headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(form.status == .unsupportedMediaType)
            #expect(try fixture.register.actionItem(records.action).comments.isEmpty)
        }
    }
}
