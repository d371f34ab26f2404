import Foundation
import GembaKit
import HTTPTypes
import Testing
@testable import GembaWeb

@Suite("CAPA pages")
struct CAPAPageTests {
    @Test("the board has a column per stage with ID, title, owner, due and lateness; the list view too; assessor reads are recorded")
    func board() async throws {
        try await withWebApp { fixture, browser in
            let open = try fixture.openCAPA()
            let done = try fixture.capaWithActionsDone()
            try await browser.logIn("sam")
            let board = try await browser.get("/capa")
            #expect(board.status == .ok)
            for state in ["open", "contained", "root caused", "actions planned", "actions done", "verified", "effective", "closed"] {
                #expect(board.body.contains("<h3>\(state) <span class=\"badge\">"), "column \(state)")
            }
            #expect(board.body.contains("href=\"/capa/\(open)\"") && board.body.contains("href=\"/capa/\(done)\""))
            #expect(board.body.contains("Torque wrench out of calibration") && board.body.contains("Otto Operator"))
            #expect(board.body.contains("due 2026-05-01 · in 60 d"))
            #expect(try fixture.register.trail().last { $0.actor == "sam" }?.reason == "web capa board")
            let list = try await browser.get("/capa?view=list")
            #expect(list.body.contains("<th>Next due</th>") && list.body.contains(">\(open)</a>"))
            // Past the planning deadline the card says how late it is.
            fixture.advance(days: 65)
            let carl = browser.fresh()
            try await carl.logIn("carl")
            let late = try await carl.get("/capa?owner=otto")
            #expect(late.body.contains("late-card") && late.body.contains("5 d late"))
            #expect(try await carl.get("/capa?grade=major").body.contains("<h3>open <span class=\"badge\">0</span>"))
            let anonymous = browser.fresh()
            #expect(try await anonymous.get("/capa").location?.hasPrefix("/login") == true)
        }
    }

    @Test("the owner contains, finds the root cause and plans and completes an action in the browser")
    func ownerSteps() async throws {
        try await withWebApp { fixture, browser in
            let id = try fixture.openCAPA()
            let page = "/capa/\(id)"
            try await browser.logIn("otto")
            #expect(try await browser.get(page).body.contains("action=\"\(page)/contain\""))
            let contained = try await browser.post("\(page)/contain", ["containment": "TW-7 quarantined", "date": "2026-03-02", "return": page])
            #expect(contained.location == page)
            #expect(try fixture.register.capaView(id).summary.state == "contained")
            let caused = try await browser.post("\(page)/root-cause", [
                "why1": "Reading low", "why2": "Not calibrated", "why3": "", "cause": "Not in the calibration plan", "category": "measurement", "return": page,
            ])
            #expect(caused.location == page)
            let view = try fixture.register.capaView(id)
            #expect(view.whys == ["Reading low", "Not calibrated"] && view.causeCategory == "measurement")
            let planned = try await browser.post("\(page)/actions", ["action": "Add TW-7 to the plan", "owner": "otto", "due": "2026-04-01", "return": page])
            #expect(planned.location == page)
            #expect(try fixture.register.capaView(id).actions.first?.dueOn == "2026-04-01")
            let shown = try await browser.get(page)
            #expect(shown.body.contains("<li>Why? Reading low</li>") && shown.body.contains("action=\"\(page)/actions/1/done\""))
            let completed = try await browser.post("\(page)/actions/1/done", ["evidence": "Plan CAL-2026 line 33", "return": page])
            #expect(completed.location == page)
            #expect(try fixture.register.capaView(id).summary.state == "actions_done")
            // The owner may not verify their own CAPA: no form, and the page says who does.
            #expect(!(try await browser.get(page).body.contains("action=\"\(page)/verify\"")))
            // Someone who is neither the owner nor a capa.manage holder is refused by the register.
            let alice = browser.fresh()
            try await alice.logIn("alice")
            let refused = try await alice.post("\(page)/actions", ["action": "x", "owner": "alice", "return": page])
            #expect(try await alice.flash(after: refused)?.contains("may not record actions") == true)
        }
    }

    @Test("verification, effectiveness and closure are signed with meaning and password; the signatures show and still verify")
    func signatures() async throws {
        try await withWebApp { fixture, browser in
            let id = try fixture.capaWithActionsDone()
            let page = "/capa/\(id)"
            try await browser.logIn("carl")
            let form = try await browser.get(page)
            #expect(form.body.contains("Meaning of your signature: <strong>verified</strong>"))
            let unconfirmed = try await browser.post("\(page)/verify", ["meaning": "verified", "password": webPassword, "return": page])
            #expect(try await browser.flash(after: unconfirmed)?.contains("tick the box") == true)
            let wrong = try await browser.post("\(page)/verify", ["meaning": "verified", "confirm": "yes", "password": "nope", "return": page])
            #expect(try await browser.flash(after: wrong)?.contains("wrong password for carl") == true)
            #expect(try fixture.register.capaView(id).signatures.isEmpty)
            let verified = try await browser.post("\(page)/verify", ["meaning": "verified", "confirm": "yes", "password": webPassword, "comment": "Seen", "return": page])
            #expect(try await browser.flash(after: verified)?.contains("Signed: Verified by Carl Coordinator (carl)") == true)
            #expect(try fixture.register.capaView(id).summary.state == "verified")
            let early = try await browser.post("\(page)/effectiveness", ["result": "effective", "meaning": "effective", "confirm": "yes", "password": webPassword, "return": page])
            #expect(try await browser.flash(after: early)?.contains("cannot be signed before then") == true)
            fixture.advance(days: 91)
            let carl = browser.fresh()
            try await carl.logIn("carl")
            let effective = try await carl.post("\(page)/effectiveness", ["result": "effective", "meaning": "effective", "confirm": "yes", "password": webPassword, "return": page])
            #expect(effective.location == page)
            #expect(try fixture.register.capaView(id).summary.state == "effective")
            // Only the closure role (quality) gets the closure form.
            #expect(!(try await carl.get(page).body.contains("action=\"\(page)/close\"")))
            let notQuality = try await carl.post("\(page)/close", ["meaning": "approved", "confirm": "yes", "password": webPassword, "return": page])
            #expect(try await carl.flash(after: notQuality)?.contains("needs the role quality") == true)
            let quinn = browser.fresh()
            try await quinn.logIn("quinn")
            #expect(try await quinn.get(page).body.contains("action=\"\(page)/close\""))
            let closed = try await quinn.post("\(page)/close", ["meaning": "approved", "confirm": "yes", "password": webPassword, "return": page])
            #expect(closed.location == page)
            let view = try fixture.register.capaView(id)
            #expect(view.summary.state == "closed" && view.signatures.map(\.meaning) == ["verified", "effective", "approved"])
            let after = try await quinn.get(page)
            #expect(after.body.contains("Approved by Quinn Quality (quinn)") && after.body.contains("<span class=\"badge\">holds</span>"))
        }
    }

    @Test("not effective reopens the CAPA; the earlier signatures are marked superseded")
    func notEffective() async throws {
        try await withWebApp { fixture, browser in
            let id = try fixture.capaWithActionsDone()
            _ = try fixture.register.verifyCAPA(id, signer: fixture.credentials("carl"))
            fixture.advance(days: 91)
            let page = "/capa/\(id)"
            try await browser.logIn("quinn")
            let form = try await browser.get(page)
            #expect(form.body.contains("Meaning of your signature: <strong>not effective</strong>"))
            let reopened = try await browser.post("\(page)/effectiveness", [
                "result": "not-effective", "meaning": "not effective", "confirm": "yes", "password": webPassword, "comment": "Wrench drifted again", "return": page,
            ])
            #expect(reopened.location == page)
            let view = try fixture.register.capaView(id)
            #expect(view.summary.state == "actions_planned" && view.summary.reopened == 1)
            let after = try await browser.get(page)
            #expect(after.body.contains("reopened 1×") && after.body.contains("<span class=\"badge\">superseded</span>"))
            #expect(after.body.contains("Record the root cause (5 whys)"))
        }
    }

    @Test("an assessor reads a CAPA (recorded) without forms; every CAPA form is refused by role, logged out and without CSRF")
    func refusals() async throws {
        try await withWebApp { fixture, browser in
            let id = try fixture.capaWithActionsDone()
            let page = "/capa/\(id)"
            let sam = browser.fresh()
            try await sam.logIn("sam")
            let read = try await sam.get(page)
            #expect(read.status == .ok && read.body.contains("Wrench TW-7 read 8% low") && !read.body.contains("type=\"password\""))
            #expect(try fixture.register.trail().last { $0.actor == "sam" }?.reason == "web capa page")
            #expect(try await sam.get("/capa/CAPA-1999-001").status == .notFound)
            let anonymous = browser.fresh()
            #expect(try await anonymous.get(page).location?.hasPrefix("/login") == true)
            let signed = ["meaning": "verified", "confirm": "yes", "password": webPassword]
            try await expectPostRefusals(fixture, browser, "/capa", ["title": "t", "problem": "p", "source": "internal", "grade": "minor"], refused: ["otto", "sam"], allowed: "carl")
            try await expectPostRefusals(fixture, browser, "\(page)/contain", ["containment": "c"], refused: ["sam"], allowed: "otto")
            try await expectPostRefusals(fixture, browser, "\(page)/root-cause", ["why1": "w", "cause": "c", "category": "man"], refused: ["sam"], allowed: "otto")
            try await expectPostRefusals(fixture, browser, "\(page)/actions", ["action": "a", "owner": "otto"], refused: ["sam"], allowed: "otto")
            try await expectPostRefusals(fixture, browser, "\(page)/actions/1/done", ["evidence": "e"], refused: ["sam"], allowed: "otto")
            try await expectPostRefusals(fixture, browser, "\(page)/verify", signed, refused: ["otto", "sam"], allowed: "carl")
            try await expectPostRefusals(fixture, browser, "\(page)/effectiveness", ["result": "effective", "meaning": "effective", "confirm": "yes", "password": webPassword],
                                         refused: ["otto", "sam"], allowed: "carl")
            try await expectPostRefusals(fixture, browser, "\(page)/close", ["meaning": "approved", "confirm": "yes", "password": webPassword], refused: ["sam"], allowed: "quinn")
            #expect(try fixture.register.capaView(id).summary.state == "actions_done")
            // The owner of a CAPA with capa.manage may not verify it: the register says so.
            let own = try fixture.capaWithActionsDone(owner: "carl")
            let carl = browser.fresh()
            try await carl.logIn("carl")
            let ownPage = try await carl.get("/capa/\(own)")
            #expect(ownPage.body.contains("someone else with capa.manage signs its verification") && !ownPage.body.contains("action=\"/capa/\(own)/verify\""))
            let refused = try await carl.post("/capa/\(own)/verify", signed.merging(["return": "/capa/\(own)"]) { $1 })
            #expect(try await carl.flash(after: refused)?.contains("carl owns \(own) and may not also verify it") == true)
        }
    }

    @Test("the dashboard's late items link to the pages where they are dealt with: a CAPA action to its row")
    func dashboardLinks() async throws {
        func link(_ kind: String, _ reference: String) -> String? {
            LateItemRow.link(for: LateItem(kind: kind, reference: reference, title: "t", owner: nil, dueDate: "2026-03-02", daysOverdue: 1))
        }
        #expect(link("capa-action", "CAPA-2026-004/A2") == "/capa/CAPA-2026-004#A2")
        #expect(link("capa-plan", "CAPA-2026-004") == "/capa/CAPA-2026-004")
        #expect(link("effectiveness-check", "CAPA-2026-004") == "/capa/CAPA-2026-004")
        #expect(link("training", "SOP-0007 rev C") == "/training")
        #expect(link("certification", "otto/forklift") == "/training")
        #expect(link("request", "REQ-2026-0003") == "/requests/REQ-2026-0003")
        try await withWebApp { fixture, browser in
            let id = try fixture.openCAPA()
            _ = try fixture.register.containCAPA(id, containment: "Quarantined", by: "otto")
            _ = try fixture.register.recordRootCause(id, whys: ["Why"], rootCause: "Cause", category: .method, by: "otto")
            _ = try fixture.register.addCAPAAction(id, NewCAPAAction(description: "Fix it", owner: "otto", dueOn: Day(year: 2026, month: 3, day: 5)), by: "otto")
            try await browser.logIn("otto")
            #expect(try await browser.get("/").body.contains("<a href=\"/capa/\(id)#A1\">\(id)/A1</a>"))
        }
    }
}
