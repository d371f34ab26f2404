import Foundation
import GRDB

/// An external auditor's account for one audit.
public struct NewAssessor: Sendable {
    public var username: String
    public var name: String
    public var email: String?
    public var password: String

    public init(username: String, name: String, email: String? = nil, password: String) {
        self.username = username
        self.name = name
        self.email = email
        self.password = password
    }
}

extension Register {
    /// The role every assessor account holds (policies/roles.yaml: no permissions, reads only).
    public static let assessorRole = "auditor"

    /// Creates a read-only account for an external auditor that expires by itself at the end of
    /// the audit's last day (UTC). Needs `user.manage` or `audit.manage`, proven with a password.
    @discardableResult
    public func addAssessor(_ auditId: String, _ new: NewAssessor, by manager: SignerCredentials) throws -> AssessorView {
        guard new.username.wholeMatch(of: /[a-z][a-z0-9.\-]{1,31}/) != nil, new.username != Register.systemActor else {
            throw GembaError.invalid("user name '\(new.username)' must be 2-32 lowercase letters, digits, '.' or '-', starting with a letter")
        }
        let name = try AuditText.line(new.name, "--name", max: 100)
        let email = new.email ?? "\(new.username)@gemba.invalid"
        guard email.wholeMatch(of: /[^@\s<>]+@[^@\s<>]+/) != nil else { throw GembaError.invalid("--email '\(email)' is not an e-mail address") }
        guard new.password.count >= policies.settings.passwordMinLength else {
            throw GembaError.invalid("the password must have at least \(policies.settings.passwordMinLength) characters")
        }
        guard policies.roles[Register.assessorRole] != nil else {
            throw GembaError(.policy, "policies/roles.yaml defines no role '\(Register.assessorRole)' for assessor accounts; add it (with no permissions)")
        }
        let hash = try PasswordHasher.hash(new.password, parameters: policies.settings.scrypt)
        return try exclusively {
            let audit = try store.read { db in
                let user = try activeUser(db, manager.username)
                let permissions = policies.permissions(ofRoles: user.roleList)
                guard permissions.contains(.userManage) || permissions.contains(.auditManage) else {
                    throw GembaError.permission("\(manager.username) may not add assessor accounts (needs user.manage or audit.manage, such as admin or coordinator)")
                }
                let audit = try auditRecord(db, auditId)
                try requireAuditStatus(audit, .planned, .inProgress, .reportIssued, doing: "adding an assessor")
                guard let ends = Day(audit.endsOn), ends >= today() else {
                    throw GembaError.state("the window of \(audit.id) ended on \(audit.endsOn); an assessor account would be expired already")
                }
                if try UserRecord.fetchOne(db, key: new.username) != nil {
                    throw GembaError(.conflict, "user \(new.username) already exists; user names are never reused (21 CFR 11.300(a))")
                }
                return audit
            }
            let signer = try authenticateSigner(manager.username, password: manager.password, for: "assessor account \(new.username) for \(audit.id)", enforceAge: false)
            let expires = Register.assessorExpiry(audit)
            try store.write { db in
                let now = now()
                let actor = Actor(username: manager.username, at: now, reason: "assessor for \(audit.id), read-only until \(Timestamp.string(expires))")
                try resetFailedAttempts(db, signer, by: actor)
                let record = UserRecord(
                    username: new.username, name: name, email: email, roles: Register.assessorRole, passwordHash: hash, passwordChangedAt: now,
                    failedAttempts: 0, lockedAt: nil, active: true, createdAt: now)
                try AuditTrail.track(db, .user, key: new.username, action: "user.add-assessor", by: actor) {
                    try record.insert(db)
                    try db.execute(sql: "UPDATE user SET expires_at = ? WHERE username = ?", arguments: [Timestamp.string(expires), new.username])
                }
                let link = AuditAssessorRecord(auditId: audit.id, username: new.username, addedBy: manager.username, addedAt: now)
                try AuditTrail.track(db, .auditAssessor, key: link.key, action: "audit.assessor", by: actor) { try link.insert(db) }
            }
            return try store.read { db in
                guard let view = try assessorViews(db, audit: audit.id).first(where: { $0.username == new.username }) else {
                    throw GembaError(.integrity, "the assessor account \(new.username) was not recorded; run `gemba verify`")
                }
                return view
            }
        }
    }

    /// The moment an assessor account of `audit` stops working: midnight UTC after its last day.
    static func assessorExpiry(_ audit: AuditRecord) -> Date {
        (Day(audit.endsOn) ?? Day(year: 1970, month: 1, day: 1)).addingDays(1).start
    }

    /// Refuses an account whose `expires_at` has passed (assessor accounts). Called by `activeUser`.
    func refuseExpiredAccount(_ db: Database, _ username: String) throws {
        guard let text = try String.fetchOne(db, sql: "SELECT expires_at FROM user WHERE username = ?", arguments: [username]),
            let expires = Timestamp.parse(text)
        else { return }
        if expires <= now() {
            throw GembaError.permission("the account \(username) expired on \(Timestamp.readable(expires)) (assessor access ends with its audit window); nothing was done")
        }
    }

    /// Records that an assessor read something (an `access` entry in the audit trail). Reads by
    /// other accounts are not recorded; an unknown or expired account is refused.
    public func recordRead(_ entity: String, what: String, by username: String?) throws {
        guard let username else { return }
        let isAssessor = try store.read { db in
            let user = try activeUser(db, username)
            let expires = try String.fetchOne(db, sql: "SELECT expires_at FROM user WHERE username = ?", arguments: [username])
            return user.roleList.contains(Register.assessorRole) || expires != nil
        }
        guard isAssessor else { return }
        try exclusively {
            try store.write { db in
                try AuditTrail.append(
                    db, action: "access", entityType: "access", entityId: entity, old: nil, new: nil,
                    by: Actor(username: username, at: now(), reason: what))
            }
        }
    }

    func assessorViews(_ db: Database, audit: String) throws -> [AssessorView] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT a.*, u.name, u.email, u.expires_at FROM audit_assessor a JOIN user u ON u.username = a.username
            WHERE a.audit_id = ? ORDER BY a.added_at, a.username
            """, arguments: [audit])
        return rows.map { row in
            let expires: String = row["expires_at"] ?? ""
            return AssessorView(
                username: row["username"], name: row["name"], email: row["email"], audit: row["audit_id"], expiresAt: expires,
                expired: Timestamp.parse(expires).map { $0 <= now() } ?? false, addedBy: row["added_by"],
                addedAt: row["added_at"] ?? "")
        }
    }
}
