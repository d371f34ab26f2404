import Crypto
import Foundation
import GRDB

/// A token for the JSON API, as listed (never its secret).
public struct APITokenView: Codable, Sendable, Equatable {
    public let id: String
    public let username: String
    public let label: String
    public let createdAt: String
    public let expiresAt: String
    public let revokedAt: String?
}

/// A token just issued: the only time its secret is shown.
public struct IssuedAPIToken: Sendable {
    public let view: APITokenView
    /// `gmb_<id>_<secret>`, sent as `Authorization: Bearer ...`.
    public let token: String
}

struct APITokenRecord: GembaRecord, Equatable {
    static let databaseTableName = "api_token"
    var id: String
    var username: String
    var label: String
    var secretSha256: String
    var createdAt: Date
    var expiresAt: Date
    var revokedAt: Date?

    var view: APITokenView {
        APITokenView(id: id, username: username, label: label, createdAt: Timestamp.string(createdAt),
                     expiresAt: Timestamp.string(expiresAt), revokedAt: revokedAt.map(Timestamp.string))
    }
}

extension Register {
    /// Issues an API token to its owner, who proves who they are with their password. The token
    /// acts with its owner's roles and stops working when it expires, is revoked, or the account
    /// is locked, deactivated or (an assessor's) expired.
    public func issueAPIToken(label: String, days: Int, signer: SignerCredentials) throws -> IssuedAPIToken {
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty, label.count <= 80, !label.contains(where: \.isNewline) else {
            throw GembaError.invalid("--label must be one line of 1-80 characters (what the token is for)")
        }
        guard (1...366).contains(days) else { throw GembaError.invalid("--days must be 1-366, not \(days)") }
        return try exclusively {
            _ = try checkPassword(signer.username, password: signer.password, use: .signature("an API token"))
            let id = Self.randomHex(bytes: 6)
            let secret = Self.randomHex(bytes: 24)
            let record = APITokenRecord(
                id: id, username: signer.username, label: label, secretSha256: Self.sha256(secret), createdAt: now(),
                expiresAt: now().addingTimeInterval(TimeInterval(days) * 86_400), revokedAt: nil)
            try store.write { db in
                try AuditTrail.track(db, .apiToken, key: id, action: "api-token.issue", by: Actor(username: signer.username, at: now(), reason: label)) {
                    try record.insert(db)
                }
            }
            return IssuedAPIToken(view: record.view, token: "gmb_\(id)_\(secret)")
        }
    }

    /// Revokes a token: its owner, or an administrator (`user.manage`).
    public func revokeAPIToken(_ id: String, by username: String) throws -> APITokenView {
        try exclusively {
            try store.write { db in
                guard var record = try APITokenRecord.fetchOne(db, key: id) else {
                    throw GembaError.notFound("no API token \(id); `gemba token list` shows them")
                }
                if record.username != username {
                    _ = try requirePermission(db, username, .userManage, to: "revoke another person's API token")
                }
                guard record.revokedAt == nil else { throw GembaError.state("API token \(id) is already revoked") }
                record.revokedAt = now()
                try AuditTrail.track(db, .apiToken, key: id, action: "api-token.revoke", by: Actor(username: username, at: now())) {
                    try record.update(db)
                }
                return record.view
            }
        }
    }

    /// Tokens of one person, or of everyone when `username` is nil.
    public func apiTokens(of username: String? = nil) throws -> [APITokenView] {
        try store.read { db in
            var request = APITokenRecord.order(Column("created_at"), Column("id"))
            if let username { request = request.filter(Column("username") == username) }
            return try request.fetchAll(db).map(\.view)
        }
    }

    /// Who a bearer token acts as; refuses unknown, revoked and expired tokens.
    public func signedIn(apiToken token: String) throws -> SignedInPerson {
        let parts = token.split(separator: "_")
        guard parts.count == 3, parts[0] == "gmb" else { throw GembaError(.authentication, "not a Gemba API token") }
        let record = try store.read { db in try APITokenRecord.fetchOne(db, key: String(parts[1])) }
        guard let record, Self.constantTimeEqual(record.secretSha256, Self.sha256(String(parts[2]))) else {
            throw GembaError(.authentication, "unknown API token")
        }
        guard record.revokedAt == nil, record.expiresAt > now() else { throw GembaError(.authentication, "the API token \(record.id) is revoked or expired") }
        return try signedIn(record.username)
    }

    static func randomHex(bytes: Int) -> String {
        SymmetricKey(size: SymmetricKeySize(bitCount: bytes * 8)).withUnsafeBytes { buffer in
            buffer.lowercaseHex
        }
    }

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).lowercaseHex
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
