import Foundation
import GembaKit
import HTTPTypes
import Testing
@testable import GembaWeb

@Suite("API routes: every read answers with its documented schema; signing and changes")
struct APIRouteTests {
    /// One read of the API: who calls it, the address, and what the answer must show.
    struct Read {
        let user: String
        let path: String
        let check: @Sendable (JSONValue) -> Bool
    }

    /// A call of every GET route, by route pattern.
    static func reads(_ fixture: WebFixture, _ records: APIRecords) -> [String: Read] {
        let doc = "/api/v1/documents/\(fixture.released)"
        func has(_ key: String, _ value: JSONValue) -> @Sendable (JSONValue) -> Bool { { $0.array?.contains { $0[key] == value } == true } }
        let released = JSONValue.string(fixture.released)
        return [
            "/api/v1/me": Read(user: "carl", path: "/api/v1/me") { $0["permissions"]?.array?.contains("capa.manage") == true },
            "/api/v1/documents": Read(user: "carl", path: "/api/v1/documents?type=SOP&status=effective", check: has("id", released)),
            "/api/v1/documents/:id": Read(user: "carl", path: doc) { $0["revision"]?["revision"] == "A" && $0["content"]?.string?.contains("120 Nm") == true },
            "/api/v1/documents/:id/history": Read(user: "carl", path: "\(doc)/history") { $0["revisions"]?.array?.count == 2 },
            "/api/v1/documents/:id/revisions": Read(user: "carl", path: "\(doc)/revisions", check: has("revision", "B")),
            "/api/v1/documents/:id/revisions/:revision": Read(user: "carl", path: "\(doc)/revisions/a") { $0["status"] == "superseded" || $0["status"] == "effective" },
            "/api/v1/documents/:id/revisions/:revision/signatures": Read(user: "carl", path: "\(doc)/revisions/A/signatures") {
                $0.array?.compactMap { $0["meaning"]?.string } == ["authored", "reviewed", "approved"]
            },
            "/api/v1/documents/:id/diff": Read(user: "carl", path: "\(doc)/diff?from=A&to=B") { $0["from"] == "A" && $0["to"] == "B" },
            "/api/v1/reviews/inbox": Read(user: "rita", path: "/api/v1/reviews/inbox") { $0.array?.first?["cycle"]?["id"] == .number(Double(records.cycle)) },
            "/api/v1/reviews/open": Read(user: "carl", path: "/api/v1/reviews/open", check: has("id", .number(Double(records.cycle)))),
            "/api/v1/reviews/:cycle": Read(user: "carl", path: "/api/v1/reviews/\(records.cycle)") { $0["step_role"] == "reviewer" },
            "/api/v1/training/assignments": Read(user: "otto", path: "/api/v1/training/assignments?all=true", check: has("document", released)),
            "/api/v1/training/matrix": Read(user: "carl", path: "/api/v1/training/matrix?role=operator") { $0["cells"]?.array?.isEmpty == false },
            "/api/v1/audits": Read(user: "carl", path: "/api/v1/audits?status=in_progress", check: has("id", .string(fixture.audit))),
            "/api/v1/audits/:id": Read(user: "carl", path: "/api/v1/audits/\(fixture.audit)") {
                $0["findings"]?.array?.first?["description"] == "An obsolete copy at <line 2>"
            },
            "/api/v1/capas": Read(user: "carl", path: "/api/v1/capas?open=true", check: has("id", .string(records.capa))),
            "/api/v1/capas/:id": Read(user: "carl", path: "/api/v1/capas/\(records.capa)") { $0["findings"] == [.string(records.finding)] },
            "/api/v1/kpis/report": Read(user: "carl", path: "/api/v1/kpis/report?from=2026-02-23&to=2026-03-01&by=week") {
                $0["by"] == "week" && $0["rows"]?.array?.contains { $0["line"] == "all" } == true
            },
            "/api/v1/kpis/pareto": Read(user: "carl", path: "/api/v1/kpis/pareto?line=L1&line=L2&from=2026-02-23&to=2026-03-01") { $0["lines"] == ["L1", "L2"] },
            "/api/v1/schedule/events": Read(user: "carl", path: "/api/v1/schedule/events?line=L1&from=2026-03-01", check: has("id", .string(records.shutdown))),
            "/api/v1/schedule/events/:id": Read(user: "carl", path: "/api/v1/schedule/events/\(records.shutdown)") { $0["event"]?["title"] == "Coater overhaul" },
            "/api/v1/schedule/conflicts": Read(user: "carl", path: "/api/v1/schedule/conflicts") {
                $0.array?.first?["shutdown"] == .string(records.shutdown) && $0.array?.first?["other"] == .string(records.production)
            },
            "/api/v1/actions": Read(user: "carl", path: "/api/v1/actions?owner=otto", check: has("id", .string(records.action))),
            "/api/v1/actions/:id": Read(user: "carl", path: "/api/v1/actions/\(records.action)") { $0["item"]?["owner"] == "otto" },
        ]
    }

    @Test("every GET route of the API answers 200 with JSON that matches its schema in the document")
    func reads() async throws {
        try await withWebApp { fixture, browser in
            let records = try fixture.addAPIRecords()
            let document = try await browser.openAPIDocument()
            let reads = Self.reads(fixture, records)
            var tokens: [String: String] = [:]
            let catalog = browser.rules.filter { $0.path.hasPrefix("/api/v1/") && $0.method == .get && !$0.path.hasSuffix("/content") }
            #expect(Set(catalog.map(\.path)) == Set(reads.keys), "every GET route needs a read here")
            for rule in catalog {
                let read = try #require(reads[rule.path])
                let token = try tokens[read.user] ?? fixture.token(read.user)
                tokens[read.user] = token
                let answer = try await browser.api(.get, read.path, token: token)
                #expect(answer.status == .ok, "\(read.path): \(answer.body)")
                let json = try #require(answer.json, "\(read.path)")
                #expect(read.check(json), "\(read.path): \(answer.body.prefix(600))")
                let documented = OpenAPIDocument.operationPath(rule.path)
                let violations = SchemaChecker.check(json, method: "get", path: documented, in: document)
                #expect(violations.isEmpty, "\(read.path): \(violations.prefix(10))")
            }
        }
    }

    @Test("a revision's file downloads byte for byte as an attachment")
    func download() async throws {
        try await withWebApp { fixture, browser in
            let token = try fixture.token("sam")
            let answer = try await browser.api(.get, "/api/v1/documents/\(fixture.released)/revisions/A/content", token: token)
            #expect(answer.status == .ok)
            #expect(answer.body == "# Purpose\n\nTorque the <wheel> nuts & check.\n\n1. Torque to 120 Nm.\n")
            #expect(answer.headers[.contentDisposition] == "attachment; filename=\"\(fixture.released)-A.md\"")
            #expect(answer.headers[.xContentTypeOptions] == "nosniff")
            #expect(try fixture.register.trail(entity: fixture.released).last?.reason == "api download rev A")
            #expect(try await browser.api(.get, "/api/v1/documents/\(fixture.released)/revisions/Z/content", token: token).status == .notFound)
        }
    }

    @Test("the reviewer and the approver sign through the API with meaning and password: the revision becomes effective")
    func sign() async throws {
        try await withWebApp { fixture, browser in
            let records = try fixture.addAPIRecords()
            let document = try await browser.openAPIDocument()
            let path = "/api/v1/reviews/\(records.cycle)/sign"
            let reviewed = try await browser.api(.post, path, token: try fixture.token("rita"),
                                                 json: ["meaning": "reviewed", "password": .string(webPassword), "comment": "Fine"])
            #expect(reviewed.status == .ok, "\(reviewed.body)")
            let json = try #require(reviewed.json)
            #expect(json["signature"]?["manifestation"]?.string?.hasPrefix("Reviewed by Rita Reviewer (rita) on ") == true)
            #expect(json["next_step"] != nil)
            #expect(SchemaChecker.check(json, method: "post", path: "/api/v1/reviews/{cycle}/sign", in: document).isEmpty)
            let wrongMeaning = try await browser.api(.post, path, token: try fixture.token("pete"), json: ["meaning": "reviewed", "password": .string(webPassword)])
            #expect(wrongMeaning.status != .ok)
            let approved = try await browser.api(.post, path, token: try fixture.token("pete"), json: ["meaning": "approved", "password": .string(webPassword)])
            #expect(approved.json?["revision_status"] == "effective", "\(approved.body)")
            #expect(try fixture.register.document(fixture.draft).summary.status == "effective")
            let closed = try await browser.api(.post, path, token: try fixture.token("pete"), json: ["meaning": "approved", "password": .string(webPassword)])
            #expect(closed.status == .conflict)
            let noPassword = try await browser.api(.post, "/api/v1/reviews/\(records.cycle)/sign", token: try fixture.token("rita"), json: ["meaning": "reviewed"])
            #expect(noPassword.status == .badRequest)
            #expect(noPassword.error == "the JSON body lacks \"password\"")
        }
    }

    @Test("a wrong signing password is refused, is in the trail and counts towards the lockout")
    func wrongPassword() async throws {
        try await withWebApp { fixture, browser in
            let records = try fixture.addAPIRecords()
            let token = try fixture.token("rita")
            let path = "/api/v1/reviews/\(records.cycle)/sign"
            let first = try await browser.api(.post, path, token: token, json: ["meaning": "reviewed", "password": "wrong"])
            #expect(first.status == .unauthorized)
            #expect(first.error == "wrong password for rita (failed attempt 1 of 5); nothing was signed")
            #expect(try fixture.register.trail(entity: "rita").last?.action == "signature.failed")
            for _ in 2...5 { _ = try await browser.api(.post, path, token: token, json: ["meaning": "reviewed", "password": "wrong"]) }
            let locked = try await browser.api(.post, path, token: token, json: ["meaning": "reviewed", "password": .string(webPassword)])
            #expect(locked.status != .ok)
            #expect(try fixture.register.trail(entity: "rita").contains { $0.action == "user.locked" })
            #expect(try fixture.register.reviewCycle(records.cycle).signatures.count == 1)
            // A locked account's token stops working.
            #expect(try await browser.api(.get, "/api/v1/me", token: token).status == .unauthorized)
        }
    }

    @Test("the reviewer rejects with a comment and password: the revision is a draft again")
    func reject() async throws {
        try await withWebApp { fixture, browser in
            let records = try fixture.addAPIRecords()
            let token = try fixture.token("rita")
            let path = "/api/v1/reviews/\(records.cycle)/reject"
            let blank = try await browser.api(.post, path, token: token, json: ["password": .string(webPassword), "comment": "  "])
            #expect(blank.status == .badRequest)
            let rejected = try await browser.api(.post, path, token: token, json: ["password": .string(webPassword), "comment": "Step 2 is missing"])
            #expect(rejected.status == .ok, "\(rejected.body)")
            #expect(rejected.json?["status"] == "rejected")
            #expect(SchemaChecker.check(try #require(rejected.json), method: "post", path: "/api/v1/reviews/{cycle}/reject", in: try await browser.openAPIDocument()).isEmpty)
            #expect(try fixture.register.document(fixture.draft).revisions.last?.status == "draft")
        }
    }

    @Test("an operator signs read-and-understood with the password; the assignment shows the manifestation")
    func trainingSign() async throws {
        try await withWebApp { fixture, browser in
            let token = try fixture.token("otto")
            let path = "/api/v1/training/assignments/\(fixture.released.lowercased())/sign"
            let wrong = try await browser.api(.post, path, token: token, json: ["password": "wrong"])
            #expect(wrong.status == .unauthorized)
            let signed = try await browser.api(.post, path, token: token, json: ["password": .string(webPassword)])
            #expect(signed.status == .ok, "\(signed.body)")
            let json = try #require(signed.json)
            #expect(json["status"] == "signed")
            #expect(json["acknowledgement"]?["manifestation"]?.string?.hasPrefix("Read and understood by Otto Operator (otto) on ") == true)
            #expect(SchemaChecker.check(json, method: "post", path: "/api/v1/training/assignments/{id}/sign", in: try await browser.openAPIDocument()).isEmpty)
            let again = try await browser.api(.post, path, token: token, json: ["password": .string(webPassword)])
            #expect(again.status == .conflict)
            #expect(try fixture.register.trainingAssignments(for: "otto").isEmpty)
        }
    }

    @Test("the owner completes an action item and comments on it; the answers match their schemas")
    func actions() async throws {
        try await withWebApp { fixture, browser in
            let records = try fixture.addAPIRecords()
            let document = try await browser.openAPIDocument()
            let carl = try fixture.token("carl")
            let comment = try await browser.api(.post, "/api/v1/actions/\(records.action)/comment", token: carl, json: ["text": "Check L2 as well"])
            #expect(comment.json?["by_name"] == "Carl Coordinator")
            #expect(SchemaChecker.check(try #require(comment.json), method: "post", path: "/api/v1/actions/{id}/comment", in: document).isEmpty)
            let done = try await browser.api(.post, "/api/v1/actions/\(records.action)/complete", token: try fixture.token("otto"), json: ["note": "All collected"])
            #expect(done.status == .ok)
            #expect(SchemaChecker.check(try #require(done.json), method: "post", path: "/api/v1/actions/{id}/complete", in: document).isEmpty)
            let detail = try #require(try await browser.api(.get, "/api/v1/actions/\(records.action)", token: carl).json)
            #expect(detail["item"]?["status"] == "done")
            #expect(detail["comments"]?.array?.count == 1)
            #expect(try await browser.api(.get, "/api/v1/actions", token: carl).json?.array?.isEmpty == true)
            #expect(try await browser.api(.get, "/api/v1/actions?all=true", token: carl).json?.array?.count == 1)
        }
    }

    @Test("the CLI's keys: snake_case everywhere, as named in KPI reports")
    func keys() async throws {
        try await withWebApp { fixture, browser in
            let token = try fixture.token("carl")
            let list = try await browser.api(.get, "/api/v1/documents", token: token)
            #expect(list.body.contains("\"owner_name\":"))
            #expect(!list.body.contains("ownerName"))
            let report = try await browser.api(.get, "/api/v1/kpis/report?line=L1&from=2026-03-01&to=2026-03-01", token: token)
            #expect(report.body.contains("\"scrapRatio\":null"), "\(report.body.prefix(300))")
            #expect(report.body.contains("\"by\":null"))
        }
    }
}
