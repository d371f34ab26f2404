import Foundation
import GembaKit
import HTTPTypes
import Hummingbird
import NIOCore
import Testing
@testable import GembaWeb

/// Records of every API area in the fixture register, so each route has something to answer with.
struct APIRecords: Sendable {
    /// The released SOP's revision B, a draft (so there is a diff A..B).
    let revisedDocument: String
    /// The open review cycle of the fixture's draft (its step waits for a reviewer).
    let cycle: Int64
    let finding: String
    let capa: String
    let shutdown: String
    let production: String
    /// An action item owned by otto, raised by carl.
    let action: String
}

extension WebFixture {
    /// An API token for a person (their password proves it is them).
    func token(_ username: String, days: Int = 30) throws -> String {
        try register.issueAPIToken(label: "tests", days: days, signer: credentials(username)).token
    }

    /// Adds a review, a finding with its CAPA, two conflicting schedule events and an action item.
    func addAPIRecords() throws -> APIRecords {
        _ = try register.reviseDocument(released, RevisionRequest(changeReason: "Clarify the torque", changeClass: .minor), by: "alice")
        let cycle = try register.startRevisionReview(draft, signer: credentials("alice")).id
        _ = try register.startAudit(audit, by: "carl")
        let finding = try register.addFinding(audit, NewFinding(
            grade: .minor, clause: "7.5.3", description: "An obsolete copy at <line 2>", evidence: "Copy of rev 0 at the press", owner: "quinn"), by: "carl").id
        let capa = try register.openCAPA(NewCAPA(title: "Obsolete copies", findings: [finding], problem: "Obsolete copies stay at the lines"), by: "carl")
        let start = clock.now().addingTimeInterval(3 * 86_400)
        let shutdown = try register.addScheduleEvent(NewScheduleEvent(
            kind: .maintenanceShutdown, title: "Coater overhaul", lines: ["L1"], start: start, end: start.addingTimeInterval(8 * 3600), owner: "pete"), by: "carl").id
        let production = try register.addScheduleEvent(NewScheduleEvent(
            kind: .productionChange, title: "Run the new cathode", lines: ["L1"], start: start.addingTimeInterval(3600), end: start.addingTimeInterval(5 * 3600),
            owner: "pete"), by: "carl").id
        let action = try register.addActionItem(NewActionItem(text: "Collect the obsolete copies", owner: "otto"), by: "carl").id
        return APIRecords(revisedDocument: released, cycle: cycle, finding: finding, capa: capa, shutdown: shutdown, production: production, action: action)
    }
}

/// An API answer: status, headers and the JSON it carries.
struct APIAnswer: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: String

    var json: JSONValue? { try? JSONValue.parse(Data(body.utf8)) }
    /// The `error` line of a JSON error.
    var error: String? { json?["error"]?.string }
}

extension WebClient {
    /// Calls the API with a bearer token (no cookies are sent when the client has none).
    func api(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: JSONValue? = nil, headers extra: HTTPFields = [:]) async throws -> APIAnswer {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            if headers[.contentType] == nil { headers[.contentType] = "application/json" }
            body = ByteBuffer(data: try JSONEncoder().encode(json))
        }
        let page = try await request(method, path, headers: headers, body: body)
        return APIAnswer(status: page.status, headers: page.headers, body: page.body)
    }

    /// The server's OpenAPI document.
    func openAPIDocument() async throws -> JSONValue {
        try #require(try await api(.get, "/api/openapi.json").json)
    }
}
