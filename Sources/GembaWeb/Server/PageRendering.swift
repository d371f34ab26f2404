import Foundation
import GembaKit
import HTTPTypes
import Hummingbird
import NIOCore

/// A link of the main navigation, shown to those who may open it.
struct NavLink {
    let label: String
    let href: String
    let current: Bool
}

/// What every page's layout shows around the page's own content.
struct PageFrame {
    struct User {
        let name: String
        let username: String
        let assessor: Bool
    }

    struct FlashView {
        let text: String
        let isError: Bool
    }

    let title: String
    let plant: String
    let user: User?
    let csrf: String?
    let nav: [NavLink]
    let flash: FlashView?
    let generatedAt: String
    /// The page's own view model.
    let page: Any
    /// The path of this page, for forms' `return` fields.
    let path: String
}

extension WebSite {
    static let navigation: [(label: String, href: String, access: Access)] = [
        ("Dashboard", "/", .signedIn), ("Documents", "/documents", .signedIn), ("Reviews", "/reviews", .staff),
        ("Training", "/training", .signedIn), ("Audits", "/audits", .signedIn), ("CAPA", "/capa", .signedIn),
        ("Briefing", "/briefing", .staff), ("Meetings", "/meetings", .staff), ("Actions", "/actions", .staff),
        ("KPIs", "/kpi", .staff), ("Schedule", "/schedule", .staff), ("Requests", "/requests", .staff),
        ("Onboarding", "/onboarding", .staff),
    ]

    /// Renders a page inside the layout. With `keepAs`, the page's content is kept for the next
    /// request with the same key (`PageRequest.cacheKey`).
    func page(_ template: String, title: String, _ model: Any, for request: PageRequest, status: HTTPResponse.Status = .ok, keepAs key: String? = nil) async throws -> Response {
        let flash = await flash(for: request)
        let frame = frame(title: title, model, context: request.context, path: request.request.uri.path, flash: flash)
        let content = try content(template, frame)
        if let key { pages.keep(PageCache.Page(title: title, content: content), as: key) }
        return Self.html(PageLayout.html(frame, content: flash?.refill?.apply(to: content) ?? content), status: status)
    }

    /// The page kept under `key`, in a fresh layout (this request's flash message and time); nil
    /// when nothing is kept.
    func keptPage(_ key: String?, for request: PageRequest) async -> Response? {
        guard let key, let kept = pages[key] else { return nil }
        let flash = await flash(for: request)
        let frame = frame(title: kept.title, (), context: request.context, path: request.request.uri.path, flash: flash)
        return Self.html(PageLayout.html(frame, content: flash?.refill?.apply(to: kept.content) ?? kept.content))
    }

    func render(_ template: String, title: String, _ model: Any, context: WebContext, path: String, flash: Flash?, status: HTTPResponse.Status) throws -> Response {
        let frame = frame(title: title, model, context: context, path: path, flash: flash)
        return Self.html(PageLayout.html(frame, content: try content(template, frame)), status: status)
    }

    /// The one-time message waiting for this session. The session as the request found it says
    /// whether there is one, so most pages skip the session store.
    private func flash(for request: PageRequest) async -> Flash? {
        guard let session = request.context.session, session.flash != nil else { return nil }
        return await sessions.takeFlash(session.id)
    }

    private func frame(title: String, _ model: Any, context: WebContext, path: String, flash: Flash?) -> PageFrame {
        let visitor = context.visitor
        let nav = visitor == nil ? [] : Self.navigation.filter { $0.access.allows(visitor) }.map { item in
            NavLink(label: item.label, href: item.href, current: item.href == "/" ? path == "/" : path.hasPrefix(item.href))
        }
        return PageFrame(
            title: title, plant: plantName,
            user: visitor.map { PageFrame.User(name: $0.person.name, username: $0.person.username, assessor: $0.isAssessor) },
            csrf: context.session?.csrfToken, nav: nav, flash: flash.map { PageFrame.FlashView(text: $0.text, isError: $0.isError) },
            generatedAt: Timestamp.string(now()).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: ""),
            page: model, path: path)
    }

    /// The page's own part, rendered by its template with the frame as context (forms read
    /// `csrf` and `path` from it).
    private func content(_ template: String, _ frame: PageFrame) throws -> String {
        guard let content = templates.render(TemplateContext.make(frame), withTemplate: template) else {
            throw WebError(status: .internalServerError, message: "the page template \(template) is missing")
        }
        return content
    }

    static func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        var response = Response(status: status, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
        response.headers[.contentType] = "text/html; charset=utf-8"
        return response
    }

    struct ErrorModel {
        let heading: String
        let message: String
    }

    func errorPage(_ failure: WebError, context: WebContext) throws -> Response {
        let heading = switch failure.status.code {
        case 403: "Not allowed"
        case 404: "Not found"
        case 409: "Not possible now"
        case 413: "Too large"
        case 423: "Account locked"
        case 400..<500: "Please check the input"
        default: "Something went wrong"
        }
        return try render("error", title: heading, ErrorModel(heading: heading, message: failure.message), context: context, path: "", flash: nil, status: failure.status)
    }
}
