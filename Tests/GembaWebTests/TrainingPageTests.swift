import Foundation
import GembaKit
import HTTPTypes
import Testing
@testable import GembaWeb

@Suite("Training pages")
struct TrainingPageTests {
    @Test("my training lists the revision to read with the meaning; signing needs the box and the password, then shows the manifestation")
    func sign() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("otto")
            let page = try await browser.get("/training")
            #expect(page.status == .ok)
            #expect(page.body.contains("action=\"/training/\(fixture.released)/sign\""))
            #expect(page.body.contains("Meaning of your signature: <strong>read and understood</strong>"))
            #expect(page.body.contains("type=\"password\""))
            let path = "/training/\(fixture.released)/sign"
            let fields = ["revision": "A", "meaning": "read and understood", "password": webPassword, "return": "/training"]
            // Without the confirmation, or with a wrong password: refused, nothing signed.
            let unconfirmed = try await browser.post(path, fields)
            #expect(try await browser.flash(after: unconfirmed)?.contains("tick the box") == true)
            var wrong = fields
            wrong["confirm"] = "yes"
            wrong["password"] = "nope"
            let refused = try await browser.post(path, wrong)
            #expect(try await browser.flash(after: refused)?.contains("wrong password for otto") == true)
            #expect(try fixture.register.trainingAssignments(for: "otto").count == 1)
            var confirmed = fields
            confirmed["confirm"] = "yes"
            let signed = try await browser.post(path, confirmed)
            #expect(signed.status == .seeOther && signed.location == "/training")
            #expect(try fixture.register.trainingAssignments(for: "otto").isEmpty)
            let ack = try #require(try fixture.register.trainingAssignments(for: "otto", includeClosed: true).first?.acknowledgement)
            #expect(ack.contentVerified)
            let after = try await browser.get("/training")
            #expect(after.body.contains("Read and understood by Otto Operator (otto)"))
            #expect(after.body.contains("Nothing to read and sign."))
        }
    }

    @Test("a wrong meaning is refused; signing is refused to assessors, logged-out visitors and without the CSRF token")
    func signRefused() async throws {
        try await withWebApp { fixture, browser in
            let path = "/training/\(fixture.released)/sign"
            let fields = ["revision": "A", "meaning": "read and understood", "confirm": "yes", "password": webPassword, "return": "/training"]
            try await expectPostRefusals(fixture, browser, path, fields, refused: ["sam"], allowed: "otto")
            try await browser.logIn("otto")
            var other = fields
            other["meaning"] = "approved"
            let wrongMeaning = try await browser.post(path, other)
            #expect(try await browser.flash(after: wrongMeaning)?.contains("meaning must be") == true)
            #expect(try fixture.register.trainingAssignments(for: "otto").count == 1)
            // Someone with nothing to sign gets the register's answer.
            let alice = browser.fresh()
            try await alice.logIn("alice")
            let none = try await alice.post(path, fields)
            #expect(try await alice.flash(after: none)?.contains("alice has no open training assignment") == true)
        }
    }

    @Test("an assessor reads my training without forms; my certifications show with their status")
    func certificationsAndAssessor() async throws {
        try await withWebApp { fixture, browser in
            try fixture.register.addCertification(NewCertification(
                username: "otto", kind: "forklift", issued: Day(year: 2025, month: 4, day: 1), expires: Day(year: 2026, month: 3, day: 31)), by: "carl")
            try await browser.logIn("otto")
            let page = try await browser.get("/training")
            #expect(page.body.contains("Forklift truck operator (forklift)"))
            #expect(page.body.contains("renewal due in 29 d"))
            let sam = browser.fresh()
            try await sam.logIn("sam")
            let assessor = try await sam.get("/training")
            #expect(assessor.status == .ok)
            #expect(!assessor.body.contains("/sign\""))
            let anonymous = browser.fresh()
            #expect(try await anonymous.get("/training").location?.hasPrefix("/login") == true)
        }
    }

    @Test("the matrix colours trained, due and overdue cells, filters by role and area, and is read by assessors (recorded)")
    func matrix() async throws {
        try await withWebApp { fixture, browser in
            try fixture.addPerson("olga", "Olga Operator", roles: ["operator"])
            _ = try fixture.register.signTraining(fixture.released, signer: fixture.credentials("olga"))
            try await browser.logIn("sam")
            let page = try await browser.get("/training/matrix")
            #expect(page.status == .ok)
            #expect(page.body.contains("<td class=\"cell trained\">✓ A"))
            #expect(page.body.contains("<td class=\"cell due\">due"))
            #expect(page.body.contains("Otto Operator") && page.body.contains("Olga Operator"))
            #expect(try fixture.register.trail().last { $0.actor == "sam" }?.reason == "web training matrix")
            let quality = try await browser.get("/training/matrix?role=quality")
            #expect(quality.body.contains("Nobody here must read an effective document."))
            #expect(try await browser.get("/training/matrix?role=astronaut").status == .badRequest)
            #expect(try await browser.get("/training/matrix?area=Moon").status == .badRequest)
            // Past the due date the open assignment is overdue.
            fixture.advance(days: 20)
            let late = browser.fresh()
            try await late.logIn("carl")
            #expect(try await late.get("/training/matrix?role=operator").body.contains("<td class=\"cell overdue\">late"))
            let anonymous = browser.fresh()
            #expect(try await anonymous.get("/training/matrix").location?.hasPrefix("/login") == true)
        }
    }

    @Test("the matrix downloads as CSV with a server-chosen name")
    func matrixCSV() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("sam")
            let csv = try await browser.get("/training/matrix/download?role=operator")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"gemba-training-matrix-2026-03-02-operator.csv\"")
            #expect(csv.headers[.xContentTypeOptions] == "nosniff")
            #expect(csv.body.hasPrefix("user,name,roles,areas,\(fixture.released) rev A\r\n"))
            #expect(csv.body.contains("otto,Otto Operator,operator,,due 2026-03-16"))
            #expect(try fixture.register.trail().last?.reason == "web training matrix CSV")
            let anonymous = browser.fresh()
            #expect(try await anonymous.get("/training/matrix/download").location?.hasPrefix("/login") == true)
        }
    }
}
