import Foundation
import GembaKit
import HTTPTypes
import Hummingbird

/// Finds who is asking (session cookie, or an API token) before routing, and puts the security
/// headers on every answer.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let site: WebSite

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        // The style sheet and the health check are the same for everyone: no session work.
        let path = request.uri.path
        if path.hasPrefix("/static/") || path == "/health" {
            var response = try await next(request, context)
            site.secure(&response)
            return response
        }
        if let id = request.cookies[WebSite.sessionCookie]?.value {
            switch await site.sessions.touch(id) {
            case .active(let session):
                do {
                    let visitors = site.visitors
                    let (stamp, visitor) = try await site.run { register in try visitors.lookUp(session.username, in: register) }
                    context.visitor = visitor
                    context.changeStamp = stamp
                    context.session = session
                } catch {
                    // Locked, deactivated or expired (an assessor after the audit): the session ends now.
                    await site.sessions.endAll(of: session.username)
                }
            case .expired(let username):
                try? await site.run { register in try register.recordLogout(username, reason: "web session ended after \(register.policies.settings.sessionIdleMinutes) idle minutes") }
            case .unknown:
                break
            }
        } else if let token = APIToken.bearer(in: request) {
            do {
                context.visitor = try await site.run { register in try register.signedIn(apiToken: token) }
                context.viaToken = true
            } catch {
                return try APIResponse.error(WebError(status: .unauthorized, message: "the API token is unknown, revoked or expired"))
            }
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            response = request.uri.path.hasPrefix("/api/")
                ? try APIResponse.error(WebError.notFound("no such API route: \(request.method) \(request.uri.path)"))
                : try site.errorPage(WebError.notFound("there is no page at \(request.uri.path)"), context: context)
        }
        site.secure(&response)
        return response
    }
}

extension WebSite {
    /// OWASP's headers: no sniffing, no framing, no inline or foreign scripts, no caching of
    /// controlled content by the browser, HSTS over TLS.
    func secure(_ response: inout Response) {
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if configuration.secureCookies { response.headers[.strictTransportSecurity] = "max-age=31536000" }
    }

    func sessionCookie(_ value: String, maxAge: Int? = nil) -> Cookie {
        Cookie(name: WebSite.sessionCookie, value: value, maxAge: maxAge, path: "/", secure: configuration.secureCookies, httpOnly: true, sameSite: .strict)
    }
}
