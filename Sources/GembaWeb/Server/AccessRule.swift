import GembaKit
import HTTPTypes

/// Who may use a route. The web app checks it before the page runs; the register's services
/// check their own permission again (the CLI and the web share one set of rules).
public enum Access: Sendable, Equatable {
    /// No login needed (the login page, the style sheet).
    case anyone
    /// Anyone signed in, assessors included (reading).
    case signedIn
    /// Anyone signed in except assessors, whose accounts are read-only (signing their own
    /// training, signing a review step they are routed to, their own requests).
    case staff
    /// Holders of a role with this permission (policies/roles.yaml).
    case permission(Permission)

    var text: String {
        switch self {
        case .anyone: "anyone"
        case .signedIn: "signed in (assessors too)"
        case .staff: "signed in, not an assessor"
        case .permission(let permission): "`\(permission.rawValue)`"
        }
    }

    /// Whether a visitor passes; nil means not signed in.
    func allows(_ visitor: SignedInPerson?) -> Bool {
        switch self {
        case .anyone: return true
        case .signedIn: return visitor != nil
        case .staff: return visitor.map { !$0.isAssessor } ?? false
        case .permission(let permission):
            guard let visitor, !visitor.isAssessor else { return false }
            return visitor.permissions.contains(permission)
        }
    }
}

/// One row of the permission table: a route, who may use it and what it does.
public struct AccessRule: Sendable {
    public let method: HTTPRequest.Method
    public let path: String
    public let access: Access
    public let summary: String

    /// Whether the route changes something (and so needs a CSRF token from a browser).
    var changesState: Bool { ![.get, .head, .options].contains(method) }
}

extension [AccessRule] {
    /// The permission table as Markdown, for docs/web.md (a test keeps the two equal).
    public func markdownTable() -> String {
        var lines = ["| Method | Path | Who may use it | What it does |", "|---|---|---|---|"]
        for rule in self {
            lines.append("| \(rule.method.rawValue) | `\(rule.path)` | \(rule.access.text) | \(rule.summary) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
