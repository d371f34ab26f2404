import Foundation
import GRDB

/// Why a password is being checked: both count towards the same lockout (21 CFR 11.300(d)),
/// and the trail says which it was.
enum PasswordUse {
    /// An e-signature; the text says what is being signed.
    case signature(String)
    /// Logging in to the web application.
    case login

    var failedAction: String {
        switch self {
        case .signature: "signature.failed"
        case .login: "login.failed"
        }
    }

    var refusedAction: String {
        switch self {
        case .signature: "signature.refused-locked"
        case .login: "login.refused-locked"
        }
    }

    var attempt: String {
        switch self {
        case .signature(let what): "sign \(what)"
        case .login: "log in"
        }
    }

    var wrongPassword: String {
        switch self {
        case .signature(let what): "wrong password while signing \(what)"
        case .login: "wrong password at login"
        }
    }

    var nothingDone: String {
        switch self {
        case .signature: "nothing was signed"
        case .login: "not logged in"
        }
    }
}

extension Register {
    /// Checks a signer's password (21 CFR 11.200). A wrong password is recorded at once in its
    /// own transaction, and the account locks after the policy's number of failures in a row.
    /// Call under the register lock, before the signing transaction.
    func authenticateSigner(_ username: String, password: String, for what: String, enforceAge: Bool = true) throws -> UserRecord {
        try checkPassword(username, password: password, use: .signature(what), enforceAge: enforceAge)
    }

    /// Checks a password for a signature or a login; failures are recorded and lock the account.
    func checkPassword(_ username: String, password: String, use: PasswordUse, enforceAge: Bool = true) throws -> UserRecord {
        let user = try store.read { db in try activeUser(db, username) }
        if user.lockedAt != nil {
            // An attempt to use a locked account is itself recorded (21 CFR 11.300(d)).
            try store.write { db in
                let actor = Actor(username: username, at: now(), reason: "attempt to \(use.attempt) with a locked account")
                try AuditTrail.track(db, .user, key: username, action: use.refusedAction, by: actor) {}
            }
            throw GembaError(.locked, "the account \(username) is locked after \(policies.settings.maxFailedAttempts) failed password attempts; an administrator must run `gemba user unlock \(username)`")
        }
        if PasswordHasher.verify(password, against: user.passwordHash) {
            let maxAge = policies.settings.passwordMaxAgeDays
            if enforceAge, maxAge > 0, let expiry = Calendar(identifier: .gregorian).date(byAdding: .day, value: maxAge, to: user.passwordChangedAt), expiry < now() {
                throw GembaError(.authentication, "the password of \(username) expired on \(Day(expiry)) (older than \(maxAge) days); change it with `gemba user passwd \(username)`; \(use.nothingDone)")
            }
            return user
        }
        let limit = policies.settings.maxFailedAttempts
        let attempts = try store.write { db -> Int in
            guard var record = try UserRecord.fetchOne(db, key: username) else { return 0 }
            record.failedAttempts += 1
            let locking = record.failedAttempts >= limit
            if locking { record.lockedAt = now() }
            let actor = Actor(username: username, at: now(), reason: use.wrongPassword)
            try AuditTrail.track(db, .user, key: username, action: locking ? "user.locked" : use.failedAction, by: actor) {
                try record.update(db)
            }
            return record.failedAttempts
        }
        logger.notice("failed password attempt", metadata: ["user": "\(username)", "attempt": "\(attempts)", "to": "\(use.attempt)"])
        if attempts >= limit {
            throw GembaError(.locked, "wrong password for \(username); the account is now locked after \(limit) failed attempts; an administrator must run `gemba user unlock \(username)`")
        }
        throw GembaError(.authentication, "wrong password for \(username) (failed attempt \(attempts) of \(limit)); \(use.nothingDone)")
    }

    /// Clears the failed-attempt count after a successful signature, inside the signing transaction.
    func resetFailedAttempts(_ db: Database, _ user: UserRecord, by actor: Actor) throws {
        guard user.failedAttempts > 0 else { return }
        var record = user
        record.failedAttempts = 0
        try AuditTrail.track(db, .user, key: user.username, action: "user.attempts-reset", by: actor) { try record.update(db) }
    }
}
