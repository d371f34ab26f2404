import Foundation
import GembaKit
import HTTPTypes
import Hummingbird
import NIOCore

/// A request as a page handler sees it: who is asking, the submitted form, the route's parameters.
struct PageRequest: Sendable {
    let request: Request
    let context: WebContext
    let site: WebSite
    let form: FormInput
    /// The body of a state-changing request as the gate collected it (API calls read JSON from it).
    var body = ByteBuffer()

    /// The signed-in person; routes that are not `.anyone` always have one.
    var visitor: SignedInPerson {
        get throws {
            guard let visitor = context.visitor else { throw WebError.signInNeeded }
            return visitor
        }
    }

    var username: String {
        get throws { try visitor.person.username }
    }

    func parameter(_ name: String) throws -> String {
        guard let value = context.parameters.get(name), !value.isEmpty else { throw WebError.notFound("no \(name) in the address") }
        return value
    }

    /// A query parameter; nil when absent or empty.
    func query(_ name: String) -> String? {
        guard let value = request.uri.queryParameters.get(name), !value.isEmpty else { return nil }
        return value
    }

    /// The page to go back to after a form: the form's own `return` field when it is a path on
    /// this server (never another site: no open redirects), else `fallback`.
    func returnPath(_ fallback: String) -> String {
        guard let path = form["return"], Self.isLocalPath(path) else { return fallback }
        return path
    }

    /// The path of the page that sent this request, when it is a page of this server.
    var refererPath: String? {
        guard let referer = request.headers[.referer], let url = URLComponents(string: referer) else { return nil }
        let path = url.percentEncodedPath + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
        return Self.isLocalPath(path) ? path : nil
    }

    static func isLocalPath(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.hasPrefix("//") && !path.contains("\\") && !path.contains(where: \.isNewline)
    }

    /// The key under which this request's page content may be kept (`PageCache`): the page's own
    /// `parts`, the register's change stamp, the hour and the session. Nil when the page must be
    /// made afresh: no session, or a visitor whose reads are recorded in the trail (an assessor).
    func cacheKey(_ parts: String...) -> String? {
        guard let session = context.session, let stamp = context.changeStamp, let visitor = context.visitor, !visitor.readsAreRecorded else { return nil }
        let hour = Timestamp.string(site.now()).prefix(13)
        return ([String(stamp), String(hour), session.id] + parts).joined(separator: "\u{1F}")
    }

    /// The path and query of this request, for `return` fields and the login redirect.
    var pathAndQuery: String { request.uri.description }

    /// Runs blocking register work.
    func run<T: Sendable>(_ body: @escaping @Sendable (Register) throws -> T) async throws -> T {
        try await site.run(body)
    }

    /// Leaves a message for the next page this session sees.
    func flash(_ text: String, error: Bool = false) async {
        if let session = context.session { await site.sessions.setFlash(session.id, Flash(text: text, isError: error)) }
    }

    /// After a successful form: a message and a redirect (POST, redirect, GET).
    func done(_ message: String, to path: String) async -> Response {
        await flash(message)
        return .redirect(to: path, type: .normal)
    }
}
