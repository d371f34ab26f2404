import Foundation
import GembaKit
import Testing
@testable import GembaWeb

/// Dashboard and document pages are kept between requests (`PageCache`); nothing kept may ever be
/// shown once the register, the clock or the visitor makes it wrong.
@Suite("Kept pages")
struct PageCacheTests {
    @Test("a change made outside the server (as the CLI makes it) shows on the next view of the document page and the dashboard")
    func changesOutsideTheServer() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("carl")
            let before = try await browser.get("/documents/\(fixture.draft)")
            #expect(before.body.contains("Clear.") && !before.body.contains("Sweep the line"))
            var edit = DraftEdit()
            edit.file = try ContentFile(name: "c.md", data: Data("# Steps\n\n1. Sweep the line before the changeover.\n".utf8))
            edit.changeReason = "Clearer"
            try fixture.register.editDraft(fixture.draft, edit, by: "alice")
            #expect(try await browser.get("/documents/\(fixture.draft)").body.contains("Sweep the line before the changeover"))

            let dashboard = try await browser.get("/")
            #expect(!dashboard.body.contains("review step"))
            _ = try fixture.register.startRevisionReview(fixture.draft, signer: fixture.credentials("alice"))
            let after = try await browser.get("/")
            #expect(after.body.contains("review step"))
            #expect(after.body.contains(fixture.draft))
        }
    }

    @Test("the clock alone makes a new page: the day and the days left move on without any change to the register")
    func clockMovesOn() async throws {
        try await withWebApp { fixture, browser in
            _ = try fixture.register.startRevisionReview(fixture.draft, signer: fixture.credentials("alice"))
            try await browser.logIn("carl")
            let today = Day(fixture.clock.now())
            let first = try await browser.get("/")
            #expect(first.body.contains("Dashboard <span class=\"muted\">\(today)</span>"))
            let stamp = try fixture.register.changeStamp()
            // Twenty minutes at a time (the session stays alive) until past midnight.
            while Day(fixture.clock.now()) == today {
                fixture.clock.advance(seconds: 20 * 60)
                #expect(try await browser.get("/").status == .ok)
            }
            #expect(try fixture.register.changeStamp() == stamp)
            let next = try await browser.get("/")
            #expect(next.body.contains("Dashboard <span class=\"muted\">\(today.addingDays(1))</span>"))
            #expect(next.body != first.body)
        }
    }

    @Test("each session gets its own page: another person's name and CSRF token never show")
    func perSession() async throws {
        try await withWebApp { fixture, carl in
            try await carl.logIn("carl")
            let alice = carl.fresh()
            try await alice.logIn("alice")
            let carlsPage = try await carl.get("/documents/\(fixture.released)")
            let alicesPage = try await alice.get("/documents/\(fixture.released)")
            #expect(carlsPage.body.contains("Carl Coordinator") && !carlsPage.body.contains("Alice Author</span>"))
            #expect(alicesPage.body.contains("Alice Author</span>"))
            #expect(carlsPage.csrfToken != nil && carlsPage.csrfToken != alicesPage.csrfToken)
            // The token on the kept page is the session's own: a form posted with it is accepted.
            let again = try await carl.get("/documents/\(fixture.released)")
            #expect(again.csrfToken == carlsPage.csrfToken)
            #expect(try await carl.post("/logout").status == .seeOther)
            #expect(try await carl.get("/documents/\(fixture.released)").status == .seeOther)
        }
    }

    @Test("an assessor's pages are never kept: every view is recorded in the trail")
    func assessorViewsAreRecorded() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("sam")
            for _ in 0..<3 { #expect(try await browser.get("/documents/\(fixture.released)").status == .ok) }
            let reads = try fixture.register.trail(entity: fixture.released).filter { $0.actor == "sam" && $0.action == "access" }
            #expect(reads.count == 3)
        }
    }

    @Test("a locked account is refused at once, although who it is was kept")
    func lockedAtOnce() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("otto")
            #expect(try await browser.get("/").status == .ok)
            let attacker = browser.fresh()
            for _ in 0..<5 {
                _ = try await attacker.get("/login")
                _ = try await attacker.post("/login", ["username": "otto", "password": "wrong"])
            }
            #expect(try fixture.register.trail().last?.action == "user.locked")
            #expect(try await browser.get("/").status == .seeOther)
            #expect(try await browser.get("/documents/\(fixture.released)").status == .seeOther)
        }
    }

    @Test("the cache keeps its bounds: least recently used pages leave first")
    func bounds() {
        let cache = PageCache(maxPages: 3, maxBytes: 1 << 20)
        for name in ["a", "b", "c"] { cache.keep(PageCache.Page(title: name, content: name), as: name) }
        #expect(cache["a"] != nil)
        cache.keep(PageCache.Page(title: "d", content: "d"), as: "d")
        #expect(cache["b"] == nil && cache["a"] != nil && cache["c"] != nil && cache["d"] != nil)
        let big = PageCache(maxPages: 10, maxBytes: 800)
        big.keep(PageCache.Page(title: "x", content: String(repeating: "x", count: 300)), as: "x")
        #expect(big["x"] == nil)
        big.keep(PageCache.Page(title: "y", content: String(repeating: "y", count: 90)), as: "y")
        #expect(big.count == 1)
    }
}

@Suite("Dashboard on a large register")
struct DashboardLimitTests {
    @Test("with more than a hundred late items the dashboard shows the most late first and links to all of them")
    func firstRowsAndAll() async throws {
        try await withWebApp { fixture, browser in
            let today = Day(fixture.clock.now())
            for index in 1...(DashboardModel.firstRows + 5) {
                _ = try fixture.register.addActionItem(
                    NewActionItem(text: "Late item \(index)", owner: "otto", dueOn: today.addingDays(index)), by: "carl")
            }
            fixture.clock.advance(seconds: 200 * 86_400)
            try await browser.logIn("carl")
            let first = try await browser.get("/")
            let late = try fixture.register.status(withinDays: 30).items.filter { $0.daysOverdue > 0 }
            #expect(late.count > DashboardModel.firstRows)
            let shown = late.prefix(DashboardModel.firstRows).filter { $0.title.hasPrefix("Late item ") }.count
            #expect(first.body.components(separatedBy: "Late item ").count - 1 == shown)
            #expect(first.body.contains("Late item 1 ["))
            #expect(!first.body.contains("Late item \(DashboardModel.firstRows + 5) ["))
            #expect(first.body.contains("<a href=\"/?all=1\">Show all \(late.count) (the \(late.count - DashboardModel.firstRows) less late"))
            let all = try await browser.get("/?all=1")
            #expect(all.body.components(separatedBy: "Late item ").count - 1 == DashboardModel.firstRows + 5)
            #expect(!all.body.contains("Show all"))
        }
    }
}
