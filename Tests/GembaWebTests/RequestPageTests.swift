import Foundation
import GembaKit
import HTTPTypes
import Testing
@testable import GembaWeb

@Suite("Request pages")
struct RequestPageTests {
    static let requisition = [
        "kind": "purchase-requisition", "title": "Torque wrench 20-100 Nm", "field.item": "Torque wrench", "field.quantity": "2",
        "field.estimated_cost_eur": "480", "field.cost_centre": "CC-210", "field.supplier": "",
    ]

    @Test("the form offers the policy's kinds and each kind's fields; a submitted request lands in the queue with its due date")
    func submit() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("alice")
            let kinds = try await browser.get("/requests/new")
            #expect(kinds.status == .ok && kinds.body.contains("<option value=\"contractor-access\">Contractor access</option>"))
            let form = try await browser.get("/requests/new?kind=purchase-requisition")
            #expect(form.body.contains("name=\"field.estimated_cost_eur\"") && form.body.contains("supplier (optional)"))
            #expect(form.body.contains("<option value=\"pete\">Pete Approver (pete)</option>"))
            let facilities = try await browser.get("/requests/new?kind=facilities-work-order")
            #expect(facilities.body.contains("<option value=\"urgent\">urgent</option>") && facilities.body.contains("<option value=\"L2\">L2</option>"))
            #expect(try await browser.get("/requests/new?kind=spaceship").status == .badRequest)
            let submitted = try await browser.post("/requests", Self.requisition.merging(["return": "/requests/new?kind=purchase-requisition"]) { $1 })
            let page = try #require(submitted.location)
            let id = page.replacingOccurrences(of: "/requests/", with: "")
            let view = try fixture.register.requestView(id)
            #expect(view.summary.requester == "alice" && view.summary.dueDate == "2026-03-07" && view.details.first { $0.name == "quantity" }?.value == "2")
            let missing = try await browser.post("/requests", ["kind": "purchase-requisition", "title": "x", "return": "/requests/new"])
            #expect(try await browser.flash(after: missing)?.contains("needs --field item") == true)
            let queue = try await browser.get("/requests")
            #expect(queue.body.contains("href=\"\(page)\"") && queue.body.contains("Purchase requisition"))
            #expect(queue.body.contains("Aging of the 1 open request(s)"))
            #expect(!(try await browser.get("/requests?kind=supply-order").body.contains("href=\"\(page)\"")))
            #expect(!(try await browser.get("/requests?status=fulfilled").body.contains("href=\"\(page)\"")))
            #expect(try await browser.get("/requests?status=all&mine=1").body.contains("href=\"\(page)\""))
            #expect(try await browser.get("/requests?status=bogus").status == .badRequest)
            fixture.advance(days: 6)
            let later = browser.fresh()
            try await later.logIn("pete")
            #expect(try await later.get("/requests").body.contains("1 d late"))
        }
    }

    @Test("the approver signs with meaning and password, fulfils; comments and the manifestation show on the page")
    func approveAndFulfil() async throws {
        try await withWebApp { fixture, browser in
            let id = try fixture.register.submitRequest(NewRequest(kind: "purchase-requisition", title: "Wrench", fields: [
                "item": "Torque wrench", "quantity": "2", "estimated_cost_eur": "480", "cost_centre": "CC-210",
            ]), by: "alice").summary.id
            let page = "/requests/\(id)"
            try await browser.logIn("pete")
            let form = try await browser.get(page)
            #expect(form.body.contains("Meaning of your signature: <strong>approved</strong>") && form.body.contains("action=\"\(page)/reject\""))
            let unconfirmed = try await browser.post("\(page)/approve", ["meaning": "approved", "password": webPassword, "return": page])
            #expect(try await browser.flash(after: unconfirmed)?.contains("tick the box") == true)
            let wrong = try await browser.post("\(page)/approve", ["meaning": "approved", "confirm": "yes", "password": "nope", "return": page])
            #expect(try await browser.flash(after: wrong)?.contains("wrong password for pete") == true)
            let approved = try await browser.post("\(page)/approve", ["meaning": "approved", "confirm": "yes", "password": webPassword, "comment": "Go", "return": page])
            #expect(approved.location == page)
            #expect(try fixture.register.requestView(id).summary.status == "approved")
            let commented = try await browser.post("\(page)/comment", ["text": "Ordered from <Hazet>", "return": "\(page)#comments"])
            #expect(commented.location == "\(page)#comments")
            let fulfilled = try await browser.post("\(page)/fulfil", ["note": "PO 4711", "return": page])
            #expect(fulfilled.location == page)
            let view = try fixture.register.requestView(id)
            #expect(view.summary.status == "fulfilled" && view.comments.map(\.text) == ["Ordered from <Hazet>"])
            let after = try await browser.get(page)
            #expect(after.body.contains("Approved by Pete Approver (pete)") && after.body.contains("Ordered from &lt;Hazet&gt;"))
            #expect(after.body.contains("Fulfilled") && after.body.contains("PO 4711"))
        }
    }

    @Test("rejection is a signature with the reason; the requester withdraws; nobody decides their own request")
    func rejectCancelOwn() async throws {
        try await withWebApp { fixture, browser in
            let fields = ["item": "Gloves", "quantity": "100", "estimated_cost_eur": "50", "cost_centre": "CC-1"]
            let first = try fixture.register.submitRequest(NewRequest(kind: "purchase-requisition", title: "Gloves", fields: fields), by: "alice").summary.id
            let second = try fixture.register.submitRequest(NewRequest(kind: "purchase-requisition", title: "Gloves", fields: fields), by: "alice").summary.id
            let own = try fixture.register.submitRequest(NewRequest(kind: "purchase-requisition", title: "Mine", fields: fields), by: "pete").summary.id
            try await browser.logIn("pete")
            let noReason = try await browser.post("/requests/\(first)/reject", ["meaning": "rejected", "confirm": "yes", "password": webPassword, "return": "/requests/\(first)"])
            #expect(try await browser.flash(after: noReason)?.contains("say why") == true)
            let rejected = try await browser.post("/requests/\(first)/reject", [
                "meaning": "rejected", "confirm": "yes", "password": webPassword, "comment": "Stock has them", "return": "/requests/\(first)",
            ])
            #expect(rejected.location == "/requests/\(first)")
            #expect(try fixture.register.requestView(first).signature?.meaning == "rejected")
            #expect(try await browser.get("/requests/\(first)").body.contains("Rejected by Pete Approver (pete)"))
            let ownPage = try await browser.get("/requests/\(own)")
            #expect(!ownPage.body.contains("action=\"/requests/\(own)/approve\""))
            let ownApproval = try await browser.post("/requests/\(own)/approve", ["meaning": "approved", "confirm": "yes", "password": webPassword, "return": "/requests/\(own)"])
            #expect(try await browser.flash(after: ownApproval)?.contains("may not also approve it") == true)
            let alice = browser.fresh()
            try await alice.logIn("alice")
            #expect(try await alice.get("/requests/\(second)").body.contains("action=\"/requests/\(second)/cancel\""))
            let cancelled = try await alice.post("/requests/\(second)/cancel", ["reason": "Found some", "return": "/requests/\(second)"])
            #expect(cancelled.location == "/requests/\(second)")
            #expect(try fixture.register.requestView(second).summary.status == "cancelled")
            let otto = browser.fresh()
            try await otto.logIn("otto")
            let notMine = try await otto.post("/requests/\(own)/cancel", ["reason": "x", "return": "/requests/\(own)"])
            #expect(try await otto.flash(after: notMine)?.contains("otto may not cancel") == true)
        }
    }

    @Test("contractor access is refused with the register's reason while the induction is not read")
    func contractorAccess() async throws {
        try await withWebApp { fixture, browser in
            try fixture.addPerson("cody", "Cody Contractor", roles: ["contractor"])
            try await browser.logIn("carl")
            let submitted = try await browser.post("/requests", [
                "kind": "contractor-access", "title": "Chiller service", "field.company": "CoolCo", "field.contractor": "cody", "field.site": "Plant 1",
                "field.from": "2026-03-03", "field.to": "2026-03-05", "field.escort": "otto", "field.work": "Chiller service",
                "field.certifications": "electrical-qualified", "return": "/requests/new?kind=contractor-access",
            ])
            let page = try #require(submitted.location)
            let id = page.replacingOccurrences(of: "/requests/", with: "")
            #expect(try fixture.register.requestView(id).details.first { $0.name == "certifications" }?.value == "electrical-qualified")
            let pete = browser.fresh()
            try await pete.logIn("pete")
            let refused = try await pete.post("\(page)/approve", ["meaning": "approved", "confirm": "yes", "password": webPassword, "return": page])
            let message = try #require(try await pete.flash(after: refused))
            #expect(message.contains("\(id) cannot be approved: the safety induction POL-002 has no effective revision to read"))
            #expect(message.contains("cody holds no electrical-qualified certificate"))
            #expect(try fixture.register.requestView(id).summary.status == "submitted")
        }
    }

    @Test("every request page and form is refused to assessors and logged-out visitors; forms need the CSRF token")
    func refusals() async throws {
        try await withWebApp { fixture, browser in
            let id = try fixture.register.submitRequest(NewRequest(kind: "purchase-requisition", title: "Wrench", fields: [
                "item": "Torque wrench", "quantity": "2", "estimated_cost_eur": "480", "cost_centre": "CC-210",
            ]), by: "alice").summary.id
            let page = "/requests/\(id)"
            for path in ["/requests", "/requests/new", page] { try await expectRefusals(browser, get: path, refused: ["sam"]) }
            let signed = ["meaning": "approved", "confirm": "yes", "password": webPassword]
            try await expectPostRefusals(fixture, browser, "/requests", Self.requisition, refused: ["sam"], allowed: "alice")
            try await expectPostRefusals(fixture, browser, "\(page)/approve", signed, refused: ["sam"], allowed: "pete")
            try await expectPostRefusals(fixture, browser, "\(page)/reject", signed.merging(["meaning": "rejected", "comment": "no"]) { $1 }, refused: ["sam"], allowed: "pete")
            try await expectPostRefusals(fixture, browser, "\(page)/fulfil", ["note": "n"], refused: ["sam"], allowed: "pete")
            try await expectPostRefusals(fixture, browser, "\(page)/cancel", ["reason": "r"], refused: ["sam"], allowed: "alice")
            try await expectPostRefusals(fixture, browser, "\(page)/comment", ["text": "t"], refused: ["sam"], allowed: "alice")
            #expect(try fixture.register.requestView(id).summary.status == "submitted")
            let alice = browser.fresh()
            try await alice.logIn("alice")
            #expect(try await alice.get("/requests/REQ-1999-0001").status == .notFound)
        }
    }
}
