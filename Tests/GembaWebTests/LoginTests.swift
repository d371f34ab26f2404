import Foundation
import GembaKit
import HTTPTypes
import Testing
@testable import GembaWeb

@Suite("Logging in and out")
struct LoginTests {
    @Test("a login makes a new HttpOnly, SameSite=Strict session and shows the dashboard")
    func login() async throws {
        try await withWebApp { fixture, browser in
            let form = try await browser.get("/login")
            #expect(form.status == .ok)
            let response = try await browser.post("/login", ["username": "alice", "password": webPassword])
            #expect(response.status == .seeOther)
            #expect(response.location == "/")
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("gemba_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"))
            let dashboard = try await browser.get("/")
            #expect(dashboard.status == .ok)
            #expect(dashboard.body.contains("Alice Author"))
            #expect(try fixture.register.trail(entity: "alice").last?.action == "login")
        }
    }

    @Test("a wrong password is refused, recorded, and locks the account at the policy's limit")
    func wrongPassword() async throws {
        try await withWebApp { fixture, browser in
            _ = try await browser.get("/login")
            for attempt in 1...5 {
                let page = try await browser.post("/login", ["username": "rita", "password": "wrong \(attempt)"])
                #expect(page.status == (attempt < 5 ? .unauthorized : HTTPResponse.Status(code: 423)))
                #expect(!browser.hasSession)
            }
            let actions = try fixture.register.trail(entity: "rita").map(\.action)
            #expect(actions.suffix(5) == Array(repeating: "login.failed", count: 4) + ["user.locked"])
            let locked = try await browser.post("/login", ["username": "rita", "password": webPassword])
            #expect(locked.status.code == 423)
            #expect(locked.body.contains("locked"))
        }
    }

    @Test("an unknown user gets the same answer as a wrong password")
    func unknownUser() async throws {
        try await withWebApp { _, browser in
            _ = try await browser.get("/login")
            let page = try await browser.post("/login", ["username": "nobody", "password": "whatever it is"])
            #expect(page.status == .unauthorized)
            #expect(page.body.contains("wrong user name or password"))
        }
    }

    @Test("a login without the login form's token is refused")
    func loginCSRF() async throws {
        try await withWebApp { _, browser in
            let page = try await browser.post("/login", ["username": "alice", "password": webPassword], csrf: false)
            #expect(page.status == .forbidden)
            #expect(!browser.hasSession)
        }
    }

    @Test("logout ends the session on the server: the old cookie no longer works")
    func logout() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("alice")
            let stolen = browser.fresh()
            // The attacker replays alice's cookie after she logs out.
            let cookie = browser.sessionCookieHeader
            let out = try await browser.post("/logout")
            #expect(out.status == .seeOther)
            let replay = try await stolen.request(.get, "/", headers: [.cookie: cookie])
            #expect(replay.status == .seeOther)
            #expect(replay.location?.hasPrefix("/login") == true)
            #expect(try fixture.register.trail(entity: "alice").last?.action == "logout")
        }
    }

    @Test("an idle session ends after the policy's minutes")
    func idleTimeout() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("alice")
            fixture.clock.advance(seconds: 29 * 60)
            #expect(try await browser.get("/").status == .ok)
            fixture.clock.advance(seconds: 31 * 60)
            let page = try await browser.get("/")
            #expect(page.status == .seeOther)
            #expect(try fixture.register.trail(entity: "alice").last?.reason?.contains("idle") == true)
        }
    }

    @Test("an assessor's session ends when the account expires with the audit")
    func assessorExpiry() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("sam")
            #expect(try await browser.get("/documents").status == .ok)
            fixture.clock.advance(seconds: 7 * 86_400)
            #expect(try await browser.get("/documents").status == .seeOther)
        }
    }
}
