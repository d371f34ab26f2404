import Foundation
import GembaKit
import HTTPTypes
import Testing
@testable import GembaWeb

@Suite("Schedule pages and the calendar feed")
struct SchedulePageTests {
    @Test("the week shows each day's events, conflicts in red with their overlap, and the feed's address")
    func week() async throws {
        try await withWebApp { fixture, browser in
            let (shutdown, change) = try fixture.conflictingEvents()
            try await browser.logIn("otto")
            let page = try await browser.get("/schedule?view=week&date=2026-03-04")
            #expect(page.status == .ok)
            #expect(page.body.contains("Schedule · week of 2026-03-02 to 2026-03-08"))
            let conflict = try #require(try fixture.register.scheduleConflicts().first)
            let tooltip = MarkdownHTML.escape("Shutdown <L1> rollers\n" + conflict.message)
            #expect(page.body.contains("<a class=\"event conflict\" href=\"/schedule/\(shutdown)\" title=\"\(tooltip)\"><span class=\"when\">07:00–15:00</span> Shutdown &lt;L1&gt; rollers"))
            #expect(page.body.contains("<a class=\"event conflict\" href=\"/schedule/\(change)\""))
            #expect(page.body.contains("<span class=\"overlap\">overlaps \(change) 13:00–15:00</span>"))
            #expect(page.body.contains("<span class=\"overlap\">overlaps \(shutdown) 13:00–15:00</span>"))
            #expect(page.body.contains("<td>\(MarkdownHTML.escape(conflict.message))</td>"))
            #expect(page.body.contains("2026-03-04 13:00 – 2026-03-04 15:00 (120 min)"))
            #expect(page.body.contains("/schedule.ics?line=LINE&amp;stakeholder=GROUP&amp;token=gmb_…"))
            #expect(!page.body.contains("method=\"post\" action=\"/schedule\""), "otto may not plan events")
            let quiet = try await browser.get("/schedule?view=week&date=2026-03-04&line=L2")
            #expect(!quiet.body.contains(shutdown) && quiet.body.contains("No conflict in this week"))
            let next = try await browser.get("/schedule?view=week&date=2026-03-11")
            #expect(!next.body.contains("class=\"event"))
            #expect(try await browser.get("/schedule?view=year").status == .badRequest)
            #expect(try await browser.loggedIn("sam").get("/schedule").status == .forbidden)
            #expect(try await browser.fresh().get("/schedule").location?.hasPrefix("/login") == true)
        }
    }

    @Test("the month is a grid of weeks from Monday; days of other months are blank")
    func month() async throws {
        try await withWebApp { fixture, browser in
            let (shutdown, _) = try fixture.conflictingEvents()
            try await browser.logIn("carl")
            let page = try await browser.get("/schedule?view=month&date=2026-03-20")
            #expect(page.status == .ok)
            #expect(page.body.contains("Schedule · March 2026"))
            // 1 March 2026 is a Sunday: six blank days before it, five weeks after.
            #expect(page.body.components(separatedBy: "<td class=\"outside\">").count - 1 == 6 + 5)
            #expect(page.body.components(separatedBy: "<span class=\"daynum\">").count - 1 == 31)
            #expect(page.body.contains("href=\"/schedule/\(shutdown)\""))
            #expect(page.body.contains("method=\"post\" action=\"/schedule\""), "carl plans events")
            #expect(page.body.contains("href=\"/schedule?view=month&amp;date=2026-02-01\""))
        }
    }

    @Test("planning an event needs schedule.manage and the token; times are the plant's")
    func add() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("carl")
            _ = try await browser.get("/schedule")
            let form = ["kind": "safety_audit", "title": "Guarding <audit>", "lines": "L1", "start": "2026-03-10T08:00", "end": "2026-03-10T10:00",
                        "owner": "carl", "status": "confirmed", "return": "/schedule"]
            #expect(try await browser.post("/schedule", form, csrf: false).status == .forbidden)
            #expect(try fixture.register.scheduleEvents().isEmpty)
            let added = try await browser.post("/schedule", form)
            let event = try #require(try fixture.register.scheduleEvents().first)
            #expect(added.location == "/schedule/\(event.id)")
            #expect(event.title == "Guarding <audit>" && event.start == "2026-03-10T07:00:00Z" && event.status == .confirmed)
            var wrong = form
            wrong["end"] = "soon"
            _ = try await browser.post("/schedule", wrong)
            #expect(try await browser.get("/schedule").body.contains("class=\"flash error\""))
            #expect(try fixture.register.scheduleEvents().count == 1)
            #expect(try await browser.loggedIn("otto").post("/schedule", form).status == .forbidden)
        }
    }

    @Test("an event's page; changing it needs a reason and shows in its history; cancelling it")
    func event() async throws {
        try await withWebApp { fixture, browser in
            let (shutdown, _) = try fixture.conflictingEvents()
            let path = "/schedule/\(shutdown)"
            try await browser.logIn("carl")
            let page = try await browser.get(path)
            #expect(page.status == .ok)
            #expect(page.body.contains("Shutdown &lt;L1&gt; rollers") && page.body.contains("2026-03-04 07:00 to 2026-03-04 15:00 (Europe/Berlin)"))
            #expect(page.body.contains("<p class=\"event conflict\">") && page.body.contains("<td>created</td>"))
            #expect(page.body.contains("name=\"start\" value=\"2026-03-04T07:00\""))
            #expect(page.body.contains("action=\"\(path)/update\"") && page.body.contains("action=\"\(path)/cancel\""))

            #expect(try await browser.post("\(path)/update", ["title": "x", "reason": "y"], csrf: false).status == .forbidden)
            _ = try await browser.post("\(path)/update", ["title": "Shutdown L1", "return": path])
            #expect(try await browser.get(path).body.contains("The reason for the change is required"))
            let changed = try await browser.post("\(path)/update", [
                "title": "Shutdown L1 rollers", "start": "2026-03-04T07:00", "end": "2026-03-04T12:00", "lines": "L1", "owner": "carl",
                "reason": "Parts <early>", "return": path,
            ])
            #expect(changed.location == path)
            let detail = try fixture.register.scheduleEvent(shutdown)
            #expect(detail.event.title == "Shutdown L1 rollers" && detail.event.localEnd == "2026-03-04 12:00" && detail.event.sequence == 1)
            #expect(Set(detail.history.filter { $0.number > 0 && $0.field != "created" }.map(\.field)) == ["title", "end"], "unchanged fields of the form change nothing")
            let after = try await browser.get(path)
            #expect(after.body.contains("Parts &lt;early&gt;") && after.body.contains("Shutdown &lt;L1&gt; rollers"))
            #expect(!after.body.contains("<p class=\"event conflict\">"), "the shutdown now ends before the rush order starts")

            let otto = try await browser.loggedIn("otto")
            let readOnly = try await otto.get(path)
            #expect(readOnly.status == .ok && !readOnly.body.contains("method=\"post\" action=\"/schedule/"))
            #expect(try await otto.post("\(path)/update", ["title": "x", "reason": "y"]).status == .forbidden)
            #expect(try await otto.post("\(path)/cancel", ["reason": "y"]).status == .forbidden)
            #expect(try await otto.get("/schedule/EV-1999-0001").status == .notFound)

            #expect(try await browser.post("\(path)/cancel", ["reason": "Not needed"], csrf: false).status == .forbidden)
            #expect(try await browser.post("\(path)/cancel", ["reason": "Rollers arrived fine", "return": path]).location == path)
            #expect(try fixture.register.scheduleEvent(shutdown).event.status == .cancelled)
            let cancelled = try await browser.get(path)
            #expect(cancelled.body.contains("<span class=\"badge\">cancelled</span>") && !cancelled.body.contains("action=\"\(path)/cancel\""))
            #expect(try await browser.loggedIn("sam").get(path).status == .forbidden)
        }
    }

    @Test("the feed: text/calendar for a session, a Bearer token or ?token=; nothing without one; not for assessors")
    func feed() async throws {
        try await withWebApp { fixture, browser in
            let (shutdown, _) = try fixture.conflictingEvents()
            let issued = try fixture.register.issueAPIToken(label: "calendar", days: 30, signer: fixture.credentials("otto"))
            let anonymous = try await browser.get("/schedule.ics")
            #expect(anonymous.status == .unauthorized && anonymous.body.contains("gemba token new"))
            #expect(try await browser.get("/schedule.ics?token=gmb_0_0").status == .unauthorized)
            #expect(try await browser.get("/schedule.ics?token=\(issued.token)x").status == .unauthorized)

            let subscribed = try await browser.get("/schedule.ics?line=L1&token=\(issued.token)")
            #expect(subscribed.status == .ok)
            #expect(subscribed.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(subscribed.body == (try fixture.register.scheduleCalendar(line: "L1")))
            #expect(subscribed.body.hasPrefix("BEGIN:VCALENDAR\r\n") && subscribed.body.contains(shutdown))
            #expect(!(try await browser.get("/schedule.ics?line=L2&token=\(issued.token)")).body.contains(shutdown))

            let bearer = try await browser.request(.get, "/schedule.ics", headers: [.authorization: "Bearer \(issued.token)"])
            #expect(bearer.status == .ok && bearer.body.contains("BEGIN:VEVENT"))
            #expect(try await browser.request(.get, "/schedule.ics", headers: [.authorization: "Bearer gmb_1_2"]).status == .unauthorized)
            let session = try await browser.loggedIn("alice")
            #expect(try await session.get("/schedule.ics").status == .ok)

            _ = try fixture.register.revokeAPIToken(issued.view.id, by: "otto")
            #expect(try await browser.get("/schedule.ics?token=\(issued.token)").status == .unauthorized)
            let assessor = try fixture.register.issueAPIToken(label: "calendar", days: 5, signer: fixture.credentials("sam"))
            #expect(try await browser.get("/schedule.ics?token=\(assessor.token)").status == .forbidden)
            #expect(try await browser.loggedIn("sam").get("/schedule.ics").status == .forbidden)
        }
    }

    @Test("the token in the address works on the feed only")
    func tokenOnlyOnFeed() async throws {
        try await withWebApp { fixture, browser in
            let issued = try fixture.register.issueAPIToken(label: "calendar", days: 30, signer: fixture.credentials("otto"))
            for path in ["/schedule?token=\(issued.token)", "/actions?token=\(issued.token)", "/?token=\(issued.token)"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther && page.location?.hasPrefix("/login") == true, "\(path)")
            }
        }
    }
}
