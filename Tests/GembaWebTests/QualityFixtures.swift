import Foundation
import GembaKit
import HTTPTypes
import Testing
@testable import GembaWeb

/// Records for the training, audit, CAPA, request and onboarding page tests, made through the
/// register's services as the CLI would.
extension WebFixture {
    /// Starts the fixture's audit (carl) and records a finding of `grade` owned by otto that cites
    /// the released SOP's revision A.
    @discardableResult
    func startedAuditWithFinding(_ grade: FindingGrade = .minor) throws -> FindingView {
        _ = try register.startAudit(audit, by: "carl")
        return try register.addFinding(audit, NewFinding(
            grade: grade, clause: "7.5.3", description: "Obsolete <b>copy</b> at line 2", evidence: "Rev A found at the press & the bench",
            documents: ["\(released)/A"], records: ["Logbook 14"], area: "L2", owner: "otto"), by: "carl")
    }

    /// A minor CAPA on its own (source internal), owned by otto, opened by carl.
    func openCAPA(owner: String = "otto") throws -> String {
        try register.openCAPA(NewCAPA(title: "Torque wrench out of calibration", source: .internal, grade: .minor, owner: owner,
                                      problem: "Wrench TW-7 read 8% low on 2026-03-01"), by: "carl")
    }

    /// A CAPA taken to `actions_done` by its owner: contained, root-caused, one action planned and done.
    func capaWithActionsDone(owner: String = "otto") throws -> String {
        let id = try openCAPA(owner: owner)
        _ = try register.containCAPA(id, containment: "Wrench TW-7 quarantined", by: owner)
        _ = try register.recordRootCause(id, whys: ["No calibration due date on the wrench"], rootCause: "Wrench not in the calibration plan",
                                         category: .measurement, by: owner)
        let action = try register.addCAPAAction(id, NewCAPAAction(description: "Add TW-7 to the calibration plan", owner: owner), by: owner)
        _ = try register.completeCAPAAction(action.id, evidence: "Plan CAL-2026 line 33", by: owner)
        return id
    }

    /// Adds a person with the given roles (by ada).
    func addPerson(_ username: String, _ name: String, roles: [String]) throws {
        try register.addUser(NewUser(username: username, name: name, roles: roles, password: webPassword), by: credentials("ada"))
    }

    /// Moves the clock on by whole days.
    func advance(days: Int) {
        clock.advance(seconds: TimeInterval(days) * 86_400)
    }
}

extension WebClient {
    /// The flash message of the next page (after a form's redirect).
    func flash(after page: Page) async throws -> String? {
        guard let location = page.location else { return nil }
        let next = try await get(location)
        guard let start = next.body.range(of: "role=\"status\">"), let end = next.body[start.upperBound...].range(of: "</p>") else { return nil }
        return String(next.body[start.upperBound..<end.lowerBound])
    }
}

/// Who the gate lets in and who it turns away, for one route.
func expectRefusals(_ browser: WebClient, get path: String, refused users: [String]) async throws {
    let anonymous = browser.fresh()
    let loggedOut = try await anonymous.get(path)
    #expect(loggedOut.status == .seeOther && loggedOut.location?.hasPrefix("/login") == true, "logged out: GET \(path)")
    for user in users {
        let client = browser.fresh()
        try await client.logIn(user)
        #expect(try await client.get(path).status == .forbidden, "\(user): GET \(path)")
    }
}

/// A POST refused when logged out, by role (the users given), and without the CSRF token (by
/// `allowed`), with nothing changed in the trail.
func expectPostRefusals(_ fixture: WebFixture, _ browser: WebClient, _ path: String, _ fields: [String: String], refused users: [String], allowed: String) async throws {
    let before = try fixture.register.trail().count
    let anonymous = browser.fresh()
    let loggedOut = try await anonymous.request(.post, path, form: fields)
    #expect(loggedOut.status == .seeOther && loggedOut.location?.hasPrefix("/login") == true, "logged out: POST \(path)")
    var logins = 0
    for user in users {
        let client = browser.fresh()
        try await client.logIn(user)
        logins += 1
        #expect(try await client.post(path, fields).status == .forbidden, "\(user): POST \(path)")
    }
    let client = browser.fresh()
    try await client.logIn(allowed)
    logins += 1
    #expect(try await client.post(path, fields, csrf: false).status == .forbidden, "\(allowed) without CSRF: POST \(path)")
    let after = try fixture.register.trail().dropFirst(before)
    #expect(after.allSatisfy { $0.action == "login" } && after.count == logins, "POST \(path) changed something when refused")
}
