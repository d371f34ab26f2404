import Foundation
import GembaKit
import Hummingbird

/// `/api/v1/me`: who the API acts as, and for a browser session the CSRF token its POSTs carry.
extension RouteTable {
    func addAccountAPI() {
        apiGet("/api/v1/me", .signedIn, "Who is asking: user name, roles, permissions, how they signed in (and the session's CSRF token)", tag: "account") { request in
            let visitor = try request.visitor
            return APIAccount(
                username: visitor.person.username, name: visitor.person.name, roles: visitor.person.roles,
                permissions: visitor.permissions.map(\.rawValue).sorted(), assessor: visitor.isAssessor,
                expiresAt: visitor.expiresAt.map(Timestamp.string), auth: request.context.viaToken ? "token" : "session",
                csrfToken: request.context.viaToken ? nil : request.context.session?.csrfToken)
        }
    }
}

/// The person behind an API call.
struct APIAccount: APIView {
    let username: String
    let name: String
    let roles: [String]
    let permissions: [String]
    /// Assessor accounts read only.
    let assessor: Bool
    /// When an assessor's account stops working.
    let expiresAt: String?
    /// `token` (Authorization: Bearer) or `session` (the browser's cookie).
    let auth: String
    /// Session callers send it as `X-CSRF-Token` with every POST.
    let csrfToken: String?

    static let apiSchema = JSONSchema.ref("APIAccount")
}

extension APISchemas {
    static let account: [String: JSONSchema] = [
        "APIAccount": .object([
            "username": .string, "name": .string, "roles": .array(.string), "permissions": .array(.cases(Permission.self)),
            "assessor": .boolean, "auth": .oneOf(["token", "session"]),
        ], optional: ["expires_at": .timestamp, "csrf_token": .string]),
    ]
}
