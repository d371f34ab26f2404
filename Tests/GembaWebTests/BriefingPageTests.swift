import Foundation
import GembaKit
import HTTPTypes
import Testing
@testable import GembaWeb

@Suite("Briefing page")
struct BriefingPageTests {
    @Test("the briefing of a day shows the day before's output, downtime (escaped) and KPI tiles against the board")
    func briefing() async throws {
        try await withWebApp { fixture, browser in
            try fixture.loadProduction()
            try await browser.logIn("otto")
            let page = try await browser.get("/briefing?date=2026-03-05")
            #expect(page.status == .ok)
            #expect(page.body.contains("<h1>Morning briefing 2026-03-05</h1>"))
            #expect(page.body.contains("Output on 2026-03-04 against plan"))
            #expect(page.body.contains("Web break") == false, "stops of 2026-03-03 are not in the briefing of 2026-03-05")
            #expect(page.body.contains("Drive motor"))
            #expect(page.body.contains("<tr class=\"red\"><td>L1</td><td>oee</td>") || page.body.contains("<tr class=\"green\"><td>L1</td><td>oee</td>"),
                    "the OEE tile is coloured against the board's target")
            #expect(page.body.contains("href=\"/briefing?date=2026-03-04\"") && page.body.contains("href=\"/briefing?date=2026-03-06\""))
            #expect(!page.body.contains("style="), "no inline style: the CSP forbids it")
            let before = try await browser.get("/briefing?date=2026-03-04")
            #expect(before.body.contains("Web break &lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!before.body.contains("<script>"))
        }
    }

    @Test("without a date it is today's briefing; a date that is not one is refused")
    func dates() async throws {
        try await withWebApp { _, browser in
            try await browser.logIn("alice")
            let today = try await browser.get("/briefing")
            #expect(today.status == .ok)
            #expect(today.body.contains("Morning briefing 2026-03-02"))
            let wrong = try await browser.get("/briefing?date=2026-02-30")
            #expect(wrong.status == .badRequest)
            #expect(wrong.body.contains("date must be a date YYYY-MM-DD"))
        }
    }

    @Test("assessors are refused; logged out goes to the login")
    func refused() async throws {
        try await withWebApp { _, browser in
            let out = try await browser.get("/briefing?date=2026-03-02")
            #expect(out.status == .seeOther && out.location?.hasPrefix("/login") == true)
            try await browser.logIn("sam")
            #expect(try await browser.get("/briefing").status == .forbidden)
        }
    }
}
