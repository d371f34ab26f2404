import Foundation
import GembaKit
import Hummingbird

/// Logging in and out.
extension RouteTable {
    func addLoginRoutes() {
        get("/login", .anyone, "The login form") { request in
            if request.context.visitor != nil { return .redirect(to: "/") }
            return try await request.site.loginForm(request, username: "", status: .ok)
        }

        post("/login", .anyone, "Log in with user name and password (a new session ID every time)") { request in
            let site = request.site
            let username = request.form["username"] ?? ""
            let password = request.form["password"] ?? ""
            let address = request.context.clientAddress
            do {
                let visitor = try await request.run { register in try register.logIn(username, password: password, from: address) }
                // A new session at every login: a session ID known before login is worthless after it.
                if let old = request.context.session { await site.sessions.end(old.id) }
                let (session, ended) = await site.sessions.create(for: visitor.person.username)
                if !ended.isEmpty {
                    try? await request.run { register in
                        for username in ended {
                            try register.recordLogout(username, reason: "web session ended after \(register.policies.settings.sessionIdleMinutes) idle minutes")
                        }
                    }
                }
                var next = request.form["next"].flatMap { $0.removingPercentEncoding } ?? "/"
                if !PageRequest.isLocalPath(next) || next.hasPrefix("/login") { next = "/" }
                var response = Response.redirect(to: next)
                response.setCookie(site.sessionCookie(session.id))
                response.setCookie(Cookie(name: WebSite.loginCookie, value: "", maxAge: 0, path: "/login", secure: site.configuration.secureCookies, httpOnly: true, sameSite: .strict))
                return response
            } catch let error as GembaError {
                var failed = try await site.loginForm(request, username: username, status: WebError.status(of: error.kind), message: error.message)
                failed.headers[.cacheControl] = "no-store"
                return failed
            }
        }

        post("/logout", .signedIn, "Log out: the session ends on the server") { request in
            let site = request.site
            if let session = request.context.session {
                await site.sessions.end(session.id)
                let username = session.username
                try? await request.run { register in try register.recordLogout(username, reason: "web logout") }
            }
            var response = Response.redirect(to: "/login")
            response.setCookie(site.sessionCookie("", maxAge: 0))
            return response
        }
    }
}

extension WebSite {
    struct LoginModel {
        let loginToken: String
        let next: String
        let username: String
        let maxAttempts: Int
    }

    /// The login form, with a fresh double-submit token in a cookie scoped to /login.
    func loginForm(_ request: PageRequest, username: String, status: HTTPResponse.Status, message: String? = nil) async throws -> Response {
        let token = SessionStore.randomToken()
        let next = request.query("next") ?? request.form["next"] ?? "/"
        let model = LoginModel(loginToken: token, next: next, username: username, maxAttempts: settings.maxFailedAttempts)
        var response = try render("login", title: "Log in", model, context: request.context, path: "/login",
                                  flash: message.map { Flash(text: $0, isError: true) }, status: status)
        response.setCookie(Cookie(name: WebSite.loginCookie, value: token, path: "/login", secure: configuration.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }
}
