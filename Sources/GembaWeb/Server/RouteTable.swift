import Foundation
import GembaKit
import HTTPTypes
import Hummingbird
import NIOCore

/// Registers routes together with who may use them, so that the permission table in docs/web.md
/// and the checks the server makes come from one list.
final class RouteTable {
    let router: Router<WebContext>
    let site: WebSite
    private(set) var rules: [AccessRule] = []
    /// The JSON API's operations with their parameters and schemas, for /api/openapi.json.
    let apiCatalog = APICatalog()

    init(router: Router<WebContext>, site: WebSite) {
        self.router = router
        self.site = site
    }

    typealias Handler = @Sendable (PageRequest) async throws -> Response

    func get(_ path: String, _ access: Access, _ summary: String, _ handler: @escaping Handler) {
        add(.get, path, access, summary, handler)
    }

    func post(_ path: String, _ access: Access, _ summary: String, _ handler: @escaping Handler) {
        add(.post, path, access, summary, handler)
    }

    func add(_ method: HTTPRequest.Method, _ path: String, _ access: Access, _ summary: String, _ handler: @escaping Handler) {
        let rule = AccessRule(method: method, path: path, access: access, summary: summary)
        rules.append(rule)
        let site = site
        router.on(RouterPath(path), method: method) { request, context in
            try await site.respond(to: request, context: context, rule: rule, handler: handler)
        }
        // HEAD is GET without the body (RFC 9110 9.3.2), behind the same gate.
        if method == .get {
            router.on(RouterPath(path), method: .head) { request, context in
                var response = try await site.respond(to: request, context: context, rule: rule, handler: handler)
                response.body = ResponseBody()
                return response
            }
        }
    }
}

extension WebSite {
    /// The one gate every route goes through: sign-in, role, body limit, CSRF, then the page.
    func respond(to request: Request, context: WebContext, rule: AccessRule, handler: RouteTable.Handler) async throws -> Response {
        let isAPI = request.uri.path.hasPrefix("/api/")
        var form = FormInput.empty
        var collected = ByteBuffer()
        // The gate: refusals here are answered with their status (401, 403, 413), never run the page.
        do {
            if rule.access != .anyone, context.visitor == nil {
                if isAPI { throw WebError.signInNeeded }
                let next = rule.changesState ? "/" : request.uri.description
                return .redirect(to: "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
            }
            guard rule.access.allows(context.visitor) else {
                let who = context.visitor?.person.username ?? "nobody"
                throw WebError.forbidden("\(who) may not use this page (it needs: \(rule.access.text.replacingOccurrences(of: "`", with: "")))")
            }
            if rule.changesState {
                try checkOrigin(request)
                let limit = request.headers[.contentType]?.lowercased().hasPrefix("multipart/") == true ? maxUploadBytes : 1024 * 1024
                let body = try await request.body.collect(upTo: limit)
                form = try FormInput(body: body, contentType: request.headers[.contentType])
                collected = body
                if !context.viaToken { try checkCSRF(request, form: form, context: context, rule: rule) }
            }
        } catch {
            let failure = WebError(error)
            return isAPI ? try APIResponse.error(failure) : try errorPage(failure, context: context)
        }
        let page = PageRequest(request: request, context: context, site: self, form: form, body: collected)
        do {
            return try await handler(page)
        } catch {
            let failure = WebError(error)
            if failure.status == .internalServerError { logger.error("\(request.method) \(request.uri.path): \(error)") }
            if isAPI { return try APIResponse.error(failure) }
            if rule.changesState, let session = context.session {
                // A refused form goes back to its page with the reason on top and what was typed.
                await sessions.setFlash(session.id, Flash(text: failure.message, isError: true, refill: FormRefill(action: request.uri.path, form: form)))
                return .redirect(to: page.returnPath(page.refererPath ?? "/"))
            }
            return try errorPage(failure, context: context)
        }
    }

    /// A state change from a browser must carry the session's CSRF token (a hidden form field or
    /// the `X-CSRF-Token` header); logging in carries the login cookie's token instead.
    private func checkCSRF(_ request: Request, form: FormInput, context: WebContext, rule: AccessRule) throws {
        let sent = form["csrf"] ?? request.headers[HTTPField.Name("X-CSRF-Token")!]
        let expected: String?
        if let session = context.session {
            expected = session.csrfToken
        } else {
            expected = request.cookies[WebSite.loginCookie]?.value
        }
        guard let sent, let expected, !expected.isEmpty, constantTimeEquals(sent, expected) else { throw WebError.csrf }
    }

    /// A browser's `Origin`, when sent, must be this server (a second line behind the token).
    private func checkOrigin(_ request: Request) throws {
        guard let origin = request.headers[.origin], origin != "null" else { return }
        guard let host = request.head.authority,
            let originHost = URLComponents(string: origin).map({ components in
                [components.host, components.port.map(String.init)].compactMap { $0 }.joined(separator: ":")
            }),
            originHost == host
        else { throw WebError.forbidden("the request came from another site (\(origin)); refused") }
    }
}
