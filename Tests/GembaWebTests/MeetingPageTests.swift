import Foundation
import GembaKit
import HTTPTypes
import Testing
@testable import GembaWeb

@Suite("Meeting pages")
struct MeetingPageTests {
    static let today = "T1-L1-2026-03-02"

    @Test("the list shows series and meetings; the plan form only to those who may plan")
    func list() async throws {
        try await withWebApp { fixture, browser in
            _ = try fixture.meeting()
            try await browser.logIn("rita")
            let page = try await browser.get("/meetings")
            #expect(page.status == .ok)
            #expect(page.body.contains("<a href=\"/meetings?series=T1-L1\">T1-L1</a>"))
            #expect(page.body.contains("<a href=\"/meetings/\(Self.today)\">\(Self.today)</a>"))
            #expect(page.body.contains("action=\"/meetings\""), "rita facilitates T1-L1")
            let alice = try await browser.loggedIn("alice")
            let plain = try await alice.get("/meetings?series=T1-L1")
            #expect(plain.status == .ok && plain.body.contains("Meetings of T1-L1"))
            #expect(!plain.body.contains("action=\"/meetings\""))
            let sam = try await browser.loggedIn("sam")
            #expect(try await sam.get("/meetings").status == .forbidden)
            #expect(try await browser.fresh().get("/meetings").location?.hasPrefix("/login") == true)
        }
    }

    @Test("planning a meeting: allowed to a meeting.manage holder, refused without the token, by the service, by role")
    func plan() async throws {
        try await withWebApp { fixture, browser in
            try fixture.meetingSeries()
            try await browser.logIn("pete")
            _ = try await browser.get("/meetings")
            #expect(try await browser.post("/meetings", ["series": "T1-L1", "date": "2026-03-03"], csrf: false).status == .forbidden)
            #expect(try fixture.register.meetings().isEmpty)
            let planned = try await browser.post("/meetings", ["series": "T1-L1", "date": "2026-03-03", "return": "/meetings"])
            #expect(planned.status == .seeOther && planned.location == "/meetings/T1-L1-2026-03-03")
            #expect(try fixture.register.meetings().map(\.id) == ["T1-L1-2026-03-03"])
            let alice = try await browser.loggedIn("alice")
            let refused = try await alice.post("/meetings", ["series": "T1-L1", "return": "/meetings"])
            #expect(refused.status == .seeOther && refused.location == "/meetings")
            let flash = try await alice.get("/meetings")
            #expect(flash.body.contains("class=\"flash error\"") && flash.body.contains("alice may not plan meetings of T1-L1"))
            #expect(try fixture.register.meetings().count == 1)
            let sam = try await browser.loggedIn("sam")
            #expect(try await sam.post("/meetings", ["series": "T1-L1"]).status == .forbidden)
        }
    }

    @Test("a meeting's page: agenda with carried actions, attendance, the forms for its facilitator only")
    func meetingPage() async throws {
        try await withWebApp { fixture, browser in
            try fixture.meetingSeries()
            let item = try fixture.register.addActionItem(
                NewActionItem(text: "Fix the <guard>", owner: "otto", origin: .other, reference: "walk", series: "T1-L1"), by: "pete")
            _ = try fixture.register.newMeeting(series: "T1-L1", by: "pete")
            try await browser.logIn("rita")
            let page = try await browser.get("/meetings/\(Self.today)")
            #expect(page.status == .ok)
            #expect(page.body.contains("<li>Safety</li>"))
            #expect(page.body.contains("<a href=\"/actions/\(item.id)\">\(item.id): Fix the &lt;guard&gt;</a>"))
            #expect(page.body.contains("name=\"attend.rita\""))
            for form in ["attendance", "updates", "decisions", "actions", "close"] {
                #expect(page.body.contains("action=\"/meetings/\(Self.today)/\(form)\""), "\(form)")
            }
            let otto = try await browser.loggedIn("otto")
            let readOnly = try await otto.get("/meetings/\(Self.today)")
            #expect(readOnly.status == .ok && !readOnly.body.contains("method=\"post\" action=\"/meetings/"))
            #expect(try await otto.get("/meetings/T1-L1-1999-01-01").status == .notFound)
            #expect(try await browser.loggedIn("sam").get("/meetings/\(Self.today)").status == .forbidden)
        }
    }

    @Test("attendance, a status update, a decision and an action item are recorded by the facilitator")
    func record() async throws {
        try await withWebApp { fixture, browser in
            let id = try fixture.meeting()
            try await browser.logIn("rita")
            let path = "/meetings/\(id)"
            _ = try await browser.get(path)
            for form in ["attendance", "updates", "decisions", "actions"] {
                #expect(try await browser.post("\(path)/\(form)", ["return": path], csrf: false).status == .forbidden, "\(form)")
            }
            #expect(try fixture.register.meetingView(id).summary.status == "planned", "nothing changed without the token")

            #expect(try await browser.post("\(path)/attendance", ["attend.rita": "present", "guest": "alice", "guestStatus": "present", "return": path])
                .location == path)
            #expect(try await browser.post("\(path)/updates", ["subject": "L1", "topic": "Quality", "rating": "red", "text": "Scrap <up> on K-1", "return": path])
                .status == .seeOther)
            #expect(try await browser.post("\(path)/decisions", ["text": "Stop K-1 for cleaning", "return": path]).status == .seeOther)
            #expect(try await browser.post("\(path)/actions", ["text": "Clean K-1", "owner": "otto", "priority": "high", "return": path]).status == .seeOther)

            let view = try fixture.register.meetingView(id)
            #expect(view.attendance.filter { $0.status == "present" }.map(\.username).sorted() == ["alice", "rita"])
            #expect(view.updates.map(\.text) == ["Scrap <up> on K-1"] && view.updates.first?.rating == "red")
            #expect(view.decisions.map(\.text) == ["Stop K-1 for cleaning"])
            #expect(view.actions.map(\.owner) == ["otto"] && view.actions.first?.origin == "meeting")
            let page = try await browser.get(path)
            #expect(page.body.contains("Scrap &lt;up&gt; on K-1") && page.body.contains("D1: Stop K-1 for cleaning"))
            #expect(page.body.contains("<a href=\"/actions/\(view.actions[0].id)\">\(view.actions[0].id)</a>"))

            let bad = try await browser.post("\(path)/updates", ["subject": "L1", "rating": "purple", "text": "x", "return": path])
            #expect(bad.status == .seeOther)
            #expect(try await browser.get(path).body.contains("The rating must be one of green, amber, red"))
            let alice = try await browser.loggedIn("alice")
            _ = try await alice.post("\(path)/decisions", ["text": "Mine", "return": path])
            #expect(try await alice.get(path).body.contains("alice may not record decisions in \(id)"))
            #expect(try fixture.register.meetingView(id).decisions.count == 1)
            let sam = try await browser.loggedIn("sam")
            #expect(try await sam.post("\(path)/decisions", ["text": "x"]).status == .forbidden)
        }
    }

    @Test("closing issues the minutes once; afterwards nothing changes and the forms are gone")
    func close() async throws {
        try await withWebApp { fixture, browser in
            let id = try fixture.meeting()
            let path = "/meetings/\(id)"
            try await browser.logIn("pete")
            _ = try await browser.get(path)
            #expect(try await browser.post("\(path)/close", ["confirm": "yes"], csrf: false).status == .forbidden)
            _ = try await browser.post("\(path)/attendance", ["attend.rita": "present", "return": path])
            _ = try await browser.post("\(path)/close", ["return": path])
            #expect(try await browser.get(path).body.contains("tick the box to confirm"))
            let closed = try await browser.post("\(path)/close", ["confirm": "yes", "return": path])
            #expect(closed.location == path)
            let view = try fixture.register.meetingView(id)
            #expect(view.summary.status == "minutes_issued" && view.issuedBy == "pete")
            let page = try await browser.get(path)
            #expect(page.body.contains("Minutes issued by Pete Approver") && !page.body.contains("action=\"\(path)/decisions\""))
            _ = try await browser.post("\(path)/decisions", ["text": "Late", "return": path])
            #expect(try await browser.get(path).body.contains("a closed meeting cannot be changed"))
            #expect(try await browser.loggedIn("sam").post("\(path)/close", ["confirm": "yes"]).status == .forbidden)
        }
    }

    @Test("the minutes download as Markdown or HTML with a server-chosen name")
    func minutes() async throws {
        try await withWebApp { fixture, browser in
            let id = try fixture.meeting()
            try await browser.logIn("otto")
            let markdown = try await browser.get("/meetings/\(id)/minutes?format=markdown")
            #expect(markdown.status == .ok)
            #expect(markdown.headers[.contentDisposition] == "attachment; filename=\"minutes-\(id).md\"")
            #expect(markdown.headers[.xContentTypeOptions] == "nosniff")
            #expect(markdown.body.contains("Minutes: ") && markdown.body.contains("DRAFT"))
            let html = try await browser.get("/meetings/\(id)/minutes?format=html")
            #expect(html.headers[.contentDisposition] == "attachment; filename=\"minutes-\(id).html\"")
            #expect(html.body.contains("<html"))
            #expect(try await browser.loggedIn("sam").get("/meetings/\(id)/minutes").status == .forbidden)
            #expect(try await browser.fresh().get("/meetings/\(id)/minutes").location?.hasPrefix("/login") == true)
        }
    }
}
