import Foundation
import GembaKit
import HTTPTypes
import Testing
@testable import GembaWeb

@Suite("Action item pages")
struct ActionPageTests {
    @Test("the list filters by owner, overdue and origin, and shows the escalation level")
    func list() async throws {
        try await withWebApp { fixture, browser in
            let late = try fixture.actionItem(text: "Fix the <guard> on K-1")
            let other = try fixture.actionItem(text: "Order spare rollers", owner: "alice")
            // The assessor's account ends with the audit: ask before the clock moves on.
            #expect(try await browser.loggedIn("sam").get("/actions").status == .forbidden)
            fixture.clock.advance(seconds: 30 * 86_400)
            let fresh = try fixture.register.addActionItem(NewActionItem(text: "Audit follow-up", owner: "otto", origin: .audit, reference: fixture.audit), by: "carl").id
            try await browser.logIn("otto")
            let all = try await browser.get("/actions")
            #expect(all.status == .ok)
            #expect(all.body.contains("Fix the &lt;guard&gt; on K-1") && all.body.contains("Order spare rollers"))
            let escalation = try #require(try fixture.register.actionItem(late).item.escalation)
            #expect(all.body.contains("<span class=\"badge late\">level"), "an item 4 weeks late is escalated")
            #expect(all.shows(escalation))
            let mine = try await browser.get("/actions?owner=alice")
            #expect(mine.body.contains(other) && !mine.body.contains(late))
            let overdue = try await browser.get("/actions?overdue=1")
            #expect(overdue.body.contains(late) && !overdue.body.contains(fresh))
            let audits = try await browser.get("/actions?origin=audit")
            #expect(audits.body.contains(fresh) && !audits.body.contains(late))
            #expect(!all.body.contains("method=\"post\" action=\"/actions\""), "otto may not add items")
            #expect(try await browser.fresh().get("/actions").location?.hasPrefix("/login") == true)
        }
    }

    @Test("adding an item needs meeting.manage and the token")
    func add() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("pete")
            let form = ["text": "Replace the <light> curtain", "owner": "otto", "priority": "critical", "origin": "other", "reference": "walk", "return": "/actions"]
            #expect(try await browser.get("/actions").body.contains("method=\"post\" action=\"/actions\""))
            #expect(try await browser.post("/actions", form, csrf: false).status == .forbidden)
            #expect(try fixture.register.actionItems().isEmpty)
            let added = try await browser.post("/actions", form)
            let item = try #require(try fixture.register.actionItems().first)
            #expect(added.location == "/actions/\(item.id)")
            #expect(item.text == "Replace the <light> curtain" && item.priority == "critical" && item.owner == "otto")
            let otto = try await browser.loggedIn("otto")
            #expect(try await otto.post("/actions", form).status == .forbidden)
            _ = try await browser.post("/actions", ["text": "x", "owner": "otto", "origin": "audit", "return": "/actions"])
            #expect(try await browser.get("/actions").body.contains("needs --reference"))
            #expect(try fixture.register.actionItems().count == 1)
        }
    }

    @Test("an item's page shows comments and the forms its owner and a manager may use")
    func itemPage() async throws {
        try await withWebApp { fixture, browser in
            let id = try fixture.actionItem()
            try fixture.register.commentOnAction(id, text: "Parts <ordered>", by: "otto")
            try await browser.logIn("otto")
            let page = try await browser.get("/actions/\(id)")
            #expect(page.status == .ok)
            #expect(page.body.contains("Fix the &lt;guard&gt; on K-1") && page.body.contains("Parts &lt;ordered&gt;"))
            #expect(page.body.contains("action=\"/actions/\(id)/done\"") && page.body.contains("Mark in progress"))
            #expect(!page.body.contains("action=\"/actions/\(id)/cancel\""), "the owner does not cancel")
            let pete = try await browser.loggedIn("pete")
            #expect(try await pete.get("/actions/\(id)").body.contains("action=\"/actions/\(id)/cancel\""))
            let alice = try await browser.loggedIn("alice")
            let other = try await alice.get("/actions/\(id)")
            #expect(other.status == .ok && !other.body.contains("method=\"post\" action=\"/actions/"))
            #expect(try await alice.get("/actions/ACT-1999-0001").status == .notFound)
            #expect(try await browser.loggedIn("sam").get("/actions/\(id)").status == .forbidden)
        }
    }

    @Test("the owner moves the status and comments; only a manager changes the plan, a new due date needs a reason")
    func update() async throws {
        try await withWebApp { fixture, browser in
            let id = try fixture.actionItem()
            let path = "/actions/\(id)"
            try await browser.logIn("otto")
            _ = try await browser.get(path)
            #expect(try await browser.post("\(path)/update", ["status": "in_progress"], csrf: false).status == .forbidden)
            #expect(try await browser.post("\(path)/comment", ["text": "x"], csrf: false).status == .forbidden)
            #expect(try await browser.post("\(path)/update", ["status": "in_progress", "return": path]).location == path)
            #expect(try fixture.register.actionItem(id).item.status == "in_progress")
            #expect(try await browser.post("\(path)/comment", ["text": "Guard <ordered>", "return": path]).location == path)
            #expect(try fixture.register.actionItem(id).comments.last?.text == "Guard <ordered>")
            _ = try await browser.post("\(path)/update", ["priority": "low", "return": path])
            #expect(try await browser.get(path).body.contains("otto may not change the text, owner, due date, priority or series"))
            #expect(try fixture.register.actionItem(id).item.priority == "high")

            let pete = try await browser.loggedIn("pete")
            _ = try await pete.get(path)
            _ = try await pete.post("\(path)/update", ["due": "2026-04-01", "return": path])
            #expect(try await pete.get(path).body.contains("a new due date needs --reason"))
            #expect(try await pete.post("\(path)/update", ["due": "2026-04-01", "owner": "alice", "reason": "Parts late", "return": path]).location == path)
            let item = try fixture.register.actionItem(id).item
            #expect(item.dueOn == "2026-04-01" && item.owner == "alice")
            #expect(try fixture.register.trail(entity: id).last?.reason == "Parts late")
            #expect(try await browser.loggedIn("sam").post("\(path)/comment", ["text": "x"]).status == .forbidden)
        }
    }

    @Test("done by the owner with what was done; cancel needs meeting.manage; a closed item does not change")
    func close() async throws {
        try await withWebApp { fixture, browser in
            let done = try fixture.actionItem()
            let dropped = try fixture.actionItem(text: "Paint the floor")
            try await browser.logIn("otto")
            _ = try await browser.get("/actions/\(done)")
            #expect(try await browser.post("/actions/\(done)/done", ["note": "Guard fitted"], csrf: false).status == .forbidden)
            #expect(try await browser.post("/actions/\(done)/done", ["note": "Guard fitted", "return": "/actions/\(done)"]).status == .seeOther)
            let item = try fixture.register.actionItem(done).item
            #expect(item.status == "done" && item.resolution == "Guard fitted")
            _ = try await browser.post("/actions/\(done)/update", ["status": "open", "return": "/actions/\(done)"])
            #expect(try await browser.get("/actions/\(done)").body.contains("a closed item does not change"))
            #expect(try await browser.post("/actions/\(dropped)/cancel", ["reason": "Not needed"]).status == .forbidden, "otto has no meeting.manage")

            let pete = try await browser.loggedIn("pete")
            _ = try await pete.get("/actions/\(dropped)")
            #expect(try await pete.post("/actions/\(dropped)/cancel", ["reason": "Not needed"], csrf: false).status == .forbidden)
            #expect(try fixture.register.actionItem(dropped).item.status == "open")
            #expect(try await pete.post("/actions/\(dropped)/cancel", ["reason": "Not needed", "return": "/actions/\(dropped)"]).status == .seeOther)
            #expect(try fixture.register.actionItem(dropped).item.status == "cancelled")
            #expect(try await pete.get("/actions/\(dropped)").body.contains("cancelled by pete"))
            #expect(try await browser.loggedIn("sam").post("/actions/\(done)/done", ["note": "x"]).status == .forbidden)
        }
    }
}
