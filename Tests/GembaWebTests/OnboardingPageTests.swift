import Foundation
import GembaKit
import HTTPTypes
import Testing
@testable import GembaWeb

@Suite("Onboarding pages")
struct OnboardingPageTests {
    @Test("a coordinator starts a plan; the list shows progress per part, the plan each item with its links, and what is late")
    func plan() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("carl")
            #expect(try await browser.get("/onboarding").body.contains("No onboarding plan."))
            let started = try await browser.post("/onboarding", ["person": "otto", "return": "/onboarding"])
            #expect(started.location == "/onboarding/otto")
            #expect(try await browser.flash(after: started)?.contains("Started the onboarding plan of Otto Operator") == true)
            let view = try fixture.register.onboardingPlan("otto")
            #expect(view.items.contains { $0.part == "certification" && $0.subject == "forklift" })
            let list = try await browser.get("/onboarding")
            #expect(list.body.contains("href=\"/onboarding/otto\"") && list.body.contains("0 of 1") && list.body.contains("on time"))
            let page = try await browser.get("/onboarding/otto")
            #expect(page.status == .ok && page.body.contains("Required training") && page.body.contains("Certifications to obtain"))
            #expect(page.body.contains("<a href=\"/documents/\(fixture.released)?rev=A\">\(fixture.released) rev A</a>"))
            let request = try #require(view.items.first { $0.part == "system-access" }?.reference)
            #expect(page.body.contains("<a href=\"/requests/\(request)\">\(request)</a>"))
            fixture.advance(days: 22)
            let later = browser.fresh()
            try await later.logIn("pete")
            let late = try await later.get("/onboarding/otto")
            #expect(late.body.contains("item(s) late") && late.body.contains("<span class=\"badge late\">late</span>"))
            #expect(try await later.get("/onboarding").body.contains(" late</span>"))
            #expect(try await later.get("/onboarding/alice").status == .notFound)
            // Starting plans is training.manage: pete sees no form.
            #expect(!(try await later.get("/onboarding").body.contains("action=\"/onboarding\"")))
        }
    }

    @Test("the pages are refused to assessors and logged-out visitors; starting a plan by role, logged out and without CSRF")
    func refusals() async throws {
        try await withWebApp { fixture, browser in
            _ = try fixture.register.startOnboarding("otto", by: "carl")
            for path in ["/onboarding", "/onboarding/otto"] { try await expectRefusals(browser, get: path, refused: ["sam"]) }
            try await expectPostRefusals(fixture, browser, "/onboarding", ["person": "rita"], refused: ["otto", "sam"], allowed: "carl")
            #expect((try? fixture.register.onboardingPlan("rita")) == nil)
        }
    }
}
