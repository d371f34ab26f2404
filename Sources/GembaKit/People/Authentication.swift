import Foundation
import GRDB

extension Register {
    /// Checks a signer's password (21 CFR 11.200). A wrong password is recorded at once in its
    /// own transaction, and the account locks after the policy's number of failures in a row.
    /// Call under the register lock, before the signing transaction.
    func authenticateSigner(_ username: String, password: String, for what: String, enforceAge: Bool = true) throws -> UserRecord {
        let user = try store.read { db in try activeUser(db, username) }
        if user.lockedAt != nil {
            // An attempt to use a locked account is itself recorded (21 CFR 11.300(d)).
            try store.write { db in
                let actor = Actor(username: username, at: now(), reason: "attempt to sign \(what) with a locked account")
                try AuditTrail.track(db, .user, key: username, action: "signature.refused-locked", by: actor) {}
            }
            throw GembaError(.locked, "the account \(username) is locked after \(policies.settings.maxFailedAttempts) failed signature attempts; an administrator must run `gemba user unlock \(username)`")
        }
        if PasswordHasher.verify(password, against: user.passwordHash) {
            let maxAge = policies.settings.passwordMaxAgeDays
            if enforceAge, maxAge > 0, let expiry = Calendar(identifier: .gregorian).date(byAdding: .day, value: maxAge, to: user.passwordChangedAt), expiry < now() {
                throw GembaError(.authentication, "the password of \(username) expired on \(Day(expiry)) (older than \(maxAge) days); change it with `gemba user passwd \(username)`; nothing was signed")
            }
            return user
        }
        let limit = policies.settings.maxFailedAttempts
        let attempts = try store.write { db -> Int in
            guard var record = try UserRecord.fetchOne(db, key: username) else { return 0 }
            record.failedAttempts += 1
            let locking = record.failedAttempts >= limit
            if locking { record.lockedAt = now() }
            let actor = Actor(username: username, at: now(), reason: "wrong password while signing \(what)")
            try AuditTrail.track(db, .user, key: username, action: locking ? "user.locked" : "signature.failed", by: actor) {
                try record.update(db)
            }
            return record.failedAttempts
        }
        logger.notice("failed signature attempt", metadata: ["user": "\(username)", "attempt": "\(attempts)", "for": "\(what)"])
        if attempts >= limit {
            throw GembaError(.locked, "wrong password for \(username); the account is now locked after \(limit) failed attempts; an administrator must run `gemba user unlock \(username)`")
        }
        throw GembaError(.authentication, "wrong password for \(username) (failed attempt \(attempts) of \(limit)); nothing was signed")
    }

    /// Clears the failed-attempt count after a successful signature, inside the signing transaction.
    func resetFailedAttempts(_ db: Database, _ user: UserRecord, by actor: Actor) throws {
        guard user.failedAttempts > 0 else { return }
        var record = user
        record.failedAttempts = 0
        try AuditTrail.track(db, .user, key: user.username, action: "user.attempts-reset", by: actor) { try record.update(db) }
    }
}
