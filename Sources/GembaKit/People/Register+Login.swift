import Foundation
import GRDB

/// Who is signed in to the web application, as the pages and the API need it.
public struct SignedInPerson: Sendable, Equatable {
    public let person: Person
    public let permissions: Set<Permission>
    /// An external assessor: read-only everywhere, and the account expires with its audit.
    public let isAssessor: Bool
    /// When an assessor's account stops working; nil for everyone else.
    public let expiresAt: Date?

    /// Whether `Register.recordRead` writes this person's reads into the trail: the same rule, for
    /// callers that keep pages and must not keep an assessor's.
    public var readsAreRecorded: Bool { isAssessor || expiresAt != nil }
}

extension Register {
    /// Logs a person in to the web application with their password. A wrong password counts
    /// towards the same lockout as a wrong signature password, and both are in the audit trail;
    /// so is every successful login. `address` is the client's address, kept in the trail.
    public func logIn(_ username: String, password: String, from address: String?) throws -> SignedInPerson {
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        guard !name.isEmpty, !password.isEmpty else { throw GembaError(.authentication, "enter your user name and password") }
        return try exclusively {
            // An unknown user gets the same answer as a wrong password: no account enumeration.
            guard try store.read({ db in try UserRecord.fetchOne(db, key: name) }) != nil else {
                throw GembaError(.authentication, "wrong user name or password")
            }
            let user = try checkPassword(name, password: password, use: .login, enforceAge: false)
            try store.write { db in
                let actor = Actor(username: name, at: now(), reason: address.map { "web login from \($0)" } ?? "web login")
                try resetFailedAttempts(db, user, by: actor)
                try AuditTrail.track(db, .user, key: name, action: "login", by: actor) {}
            }
            return try signedIn(name)
        }
    }

    /// Records the end of a web session: a logout, or an idle timeout (`reason` says which).
    public func recordLogout(_ username: String, reason: String) throws {
        try exclusively {
            try store.write { db in
                guard try UserRecord.fetchOne(db, key: username) != nil else { return }
                try AuditTrail.track(db, .user, key: username, action: "logout", by: Actor(username: username, at: now(), reason: reason)) {}
            }
        }
    }

    /// The signed-in person, checked again: active, not locked, not expired. The web app calls
    /// it on every request so that a lock or an expiry ends a session at once.
    public func signedIn(_ username: String) throws -> SignedInPerson {
        try store.read { db in
            let user = try activeUser(db, username)
            guard user.lockedAt == nil else {
                throw GembaError(.locked, "the account \(username) is locked; an administrator must run `gemba user unlock \(username)`")
            }
            let expires = try String.fetchOne(db, sql: "SELECT expires_at FROM user WHERE username = ?", arguments: [username]).flatMap(Timestamp.parse)
            let person = Person(user)
            return SignedInPerson(
                person: person, permissions: policies.permissions(ofRoles: person.roles),
                isAssessor: person.roles.contains(Register.assessorRole), expiresAt: expires)
        }
    }
}
