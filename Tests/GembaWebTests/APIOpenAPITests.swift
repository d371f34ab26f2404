import Foundation
import GembaKit
import HTTPTypes
import Testing
@testable import GembaWeb

@Suite("The OpenAPI document at /api/openapi.json")
struct APIOpenAPITests {
    @Test("it lists exactly the /api/v1 routes the server registered, with their method, summary and security")
    func matchesRoutes() async throws {
        try await withWebApp { _, browser in
            let document = try await browser.openAPIDocument()
            #expect(document["openapi"] == "3.0.3")
            let registered = Set(browser.rules.filter { $0.path.hasPrefix("/api/v1/") }.map { rule in
                "\(rule.method.rawValue.lowercased()) \(rule.path.split(separator: "/", omittingEmptySubsequences: false).map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/"))"
            })
            var documented: Set<String> = []
            for (path, item) in document["paths"]?.object ?? [:] {
                for method in (item.object ?? [:]).keys { documented.insert("\(method) \(path)") }
            }
            #expect(!registered.isEmpty)
            #expect(registered.subtracting(documented).isEmpty, "registered but not documented: \(registered.subtracting(documented).sorted())")
            #expect(documented.subtracting(registered).isEmpty, "documented but not registered: \(documented.subtracting(registered).sorted())")
            for rule in browser.rules where rule.path.hasPrefix("/api/v1/") {
                let path = rule.path.split(separator: "/", omittingEmptySubsequences: false).map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
                let operation = try #require(document["paths"]?[path]?[rule.method.rawValue.lowercased()])
                #expect(operation["summary"]?.string == rule.summary.replacingOccurrences(of: "`", with: ""))
                let security = try #require(operation["security"]?.array)
                #expect(security.contains(["bearerToken": []]), "\(rule.path)")
                let session: JSONValue = rule.changesState ? ["sessionCookie": [], "csrfToken": []] : ["sessionCookie": []]
                #expect(security.contains(session), "\(rule.method) \(rule.path): a session \(rule.changesState ? "POST needs the CSRF header" : "GET needs the cookie")")
                for name in rule.path.split(separator: "/").filter({ $0.hasPrefix(":") }) {
                    let parameters = operation["parameters"]?.array ?? []
                    #expect(parameters.contains { $0["name"]?.string == String(name.dropFirst()) && $0["in"] == "path" && $0["required"] == .bool(true) })
                }
            }
        }
    }

    @Test("anyone may read it; every reference resolves; every API rule is in the catalog")
    func resolves() async throws {
        try await withWebApp { _, browser in
            let answer = try await browser.api(.get, "/api/openapi.json")
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType]?.hasPrefix("application/json") == true)
            let document = try #require(answer.json)
            let schemas = try #require(document["components"]?["schemas"]?.object)
            var references: [String] = []
            func collect(_ value: JSONValue) {
                switch value {
                case .object(let members):
                    if let reference = members["$ref"]?.string { references.append(reference) }
                    members.values.forEach(collect)
                case .array(let items): items.forEach(collect)
                default: break
                }
            }
            collect(document)
            #expect(!references.isEmpty)
            for reference in Set(references) {
                #expect(schemas[reference.replacingOccurrences(of: "#/components/schemas/", with: "")] != nil, "\(reference) does not resolve")
            }
            // Every component is used by some operation, so no schema is left to rot.
            let used = Set(references.map { $0.replacingOccurrences(of: "#/components/schemas/", with: "") })
            #expect(Set(schemas.keys).subtracting(used).isEmpty, "unused schemas: \(Set(schemas.keys).subtracting(used).sorted())")
        }
    }

    @Test("parameters that take policy names list the register's names; a known path with another method is 405")
    func vocabulariesAndMethods() async throws {
        try await withWebApp { fixture, browser in
            let document = try await browser.openAPIDocument()
            let parameters = document["paths"]?["/api/v1/kpis/report"]?["get"]?["parameters"]?.array ?? []
            let line = try #require(parameters.first { $0["name"] == "line" })
            #expect(line["schema"]?["items"]?["enum"] == ["L1", "L2", "L3"])
            let matrix = document["paths"]?["/api/v1/training/matrix"]?["get"]?["parameters"]?.array ?? []
            #expect(matrix.first { $0["name"] == "role" }?["schema"]?["enum"]?.array?.contains("operator") == true)
            let token = try fixture.token("carl")
            let wrong = try await browser.api(.delete, "/api/v1/documents/\(fixture.released)", token: token)
            #expect(wrong.status == .methodNotAllowed)
            #expect(wrong.headers[.allow] == "GET")
            #expect(wrong.json?["status"] == .number(405))
            #expect(try await browser.api(.get, "/api/v1/actions/A-1/complete", token: token).headers[.allow] == "POST")
            #expect(try await browser.api(.get, "/api/v1/documents/\(fixture.released)/nothing", token: token).status == .notFound)
            #expect(try await browser.api(.put, "/elsewhere", token: token).status == .notFound)
        }
    }

    @Test("the checker finds what is wrong: a missing key, a wrong type, an extra key, a null, a value outside the enum, a bad date")
    func checkerFails() {
        let document: JSONValue = ["components": ["schemas": [
            "Thing": .object([
                "type": "object", "additionalProperties": false, "required": ["name", "count"],
                "properties": [
                    "name": ["type": "string"], "count": ["type": "integer"], "due": ["type": "string", "format": "date"],
                    "at": ["type": "string", "format": "date-time"], "kind": ["type": "string", "enum": ["a", "b"]],
                    "ratio": ["type": "number", "nullable": true], "tags": ["type": "array", "items": ["type": "string"]],
                    "counts": ["type": "object", "additionalProperties": ["type": "integer"]],
                    "note": ["type": "string", "pattern": "\\S", "maxLength": .number(5)], "letter": ["type": "string", "minLength": .number(1)],
                ],
            ]),
        ]]]
        let checker = SchemaChecker(document: document)
        let schema: JSONValue = ["$ref": "#/components/schemas/Thing"]
        let good: JSONValue = ["name": "x", "count": .number(2), "due": "2026-03-02", "at": "2026-03-02T09:00:00Z", "kind": "a", "ratio": .null,
                               "tags": ["t"], "counts": ["major": .number(1)], "note": " ok ", "letter": "B"]
        #expect(checker.violations(good, schema).isEmpty)
        let cases: [JSONValue] = [
            ["name": "x"],
            ["name": "x", "count": .number(1.5)],
            ["name": "x", "count": .number(1), "extra": true],
            ["name": .null, "count": .number(1)],
            ["name": "x", "count": .number(1), "kind": "c"],
            ["name": "x", "count": .number(1), "due": "2026-02-30"],
            ["name": "x", "count": .number(1), "at": "2026-03-02 09:00"],
            ["name": "x", "count": .number(1), "tags": [.number(1)]],
            ["name": "x", "count": .number(1), "counts": ["major": "one"]],
            ["name": "x", "count": .number(1), "note": "   "],
            ["name": "x", "count": .number(1), "note": "too long"],
            ["name": "x", "count": .number(1), "letter": ""],
            .array([]),
        ]
        for bad in cases {
            #expect(!checker.violations(bad, schema).isEmpty, "\(bad) passed")
        }
    }
}
