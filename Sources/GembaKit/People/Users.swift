import Foundation
import GRDB

/// A person who can use the register, as shown to other people.
public struct Person: Codable, Sendable, Equatable {
    public let username: String
    public let name: String
    public let email: String
    public let roles: [String]
    public let locked: Bool
    public let active: Bool
    public let failedAttempts: Int

    init(_ record: UserRecord) {
        username = record.username
        name = record.name
        email = record.email
        roles = record.roleList
        locked = record.lockedAt != nil
        active = record.active
        failedAttempts = record.failedAttempts
    }
}

public struct NewUser: Sendable {
    public var username: String
    public var name: String
    public var email: String?
    public var roles: [String]
    public var password: String

    public init(username: String, name: String, email: String? = nil, roles: [String], password: String) {
        self.username = username
        self.name = name
        self.email = email
        self.roles = roles
        self.password = password
    }
}

extension Register {
    /// Whether the register has an administrator yet (someone holding `user.manage`).
    public func hasAdministrator() throws -> Bool {
        try store.read { db in try administratorExists(db) }
    }

    private func administratorExists(_ db: Database) throws -> Bool {
        try UserRecord.fetchAll(db).contains { policies.permissions(ofRoles: $0.roleList).contains(.userManage) }
    }

    /// Adds a user. The first user of a register must be an administrator and is added without
    /// credentials (setting the register up); after that an administrator adds users and proves
    /// it with their password (21 CFR 11.10(g), 11.300).
    @discardableResult
    public func addUser(_ new: NewUser, by administrator: SignerCredentials?) throws -> Person {
        guard new.username.wholeMatch(of: /[a-z][a-z0-9.\-]{1,31}/) != nil else {
            throw GembaError.invalid("user name '\(new.username)' must be 2-32 lowercase letters, digits, '.' or '-', starting with a letter")
        }
        guard new.username != Register.systemActor else { throw GembaError.invalid("'\(Register.systemActor)' is reserved") }
        let name = new.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100, !name.contains(where: \.isNewline) else {
            throw GembaError.invalid("--name must be the person's printed name (1-100 characters, one line)")
        }
        guard !new.roles.isEmpty else {
            throw GembaError.invalid("give at least one --role (\(policies.roles.keys.sorted().joined(separator: ", ")))")
        }
        for role in new.roles where policies.roles[role] == nil {
            throw GembaError.invalid("unknown role '\(role)'; policies/roles.yaml defines \(policies.roles.keys.sorted().joined(separator: ", "))")
        }
        try checkNewPassword(new.password)
        let email = new.email ?? "\(new.username)@gemba.invalid"
        guard email.wholeMatch(of: /[^@\s<>]+@[^@\s<>]+/) != nil else {
            throw GembaError.invalid("--email '\(email)' is not an e-mail address")
        }
        let hash = try PasswordHasher.hash(new.password, parameters: policies.settings.scrypt)
        return try exclusively {
            let actorName: String
            if try hasAdministrator() {
                guard let administrator else {
                    throw GembaError.permission("adding users needs an administrator: pass --as ADMIN (or set GEMBA_USER)")
                }
                _ = try authenticateAdministrator(administrator, for: "adding user \(new.username)")
                actorName = administrator.username
            } else {
                guard policies.permissions(ofRoles: new.roles).contains(.userManage) else {
                    throw GembaError.permission("the first user of a register must be its administrator: add them with --role admin")
                }
                actorName = Register.systemActor
            }
            return try store.write { db in
                if try UserRecord.fetchOne(db, key: new.username) != nil {
                    throw GembaError(.conflict, "user \(new.username) already exists; user names are never reused (21 CFR 11.300(a))")
                }
                let now = now()
                let record = UserRecord(
                    username: new.username, name: name, email: email, roles: Set(new.roles).sorted().joined(separator: ","),
                    passwordHash: hash, passwordChangedAt: now, failedAttempts: 0, lockedAt: nil, active: true, createdAt: now)
                try AuditTrail.track(db, .user, key: new.username, action: "user.add", by: Actor(username: actorName, at: now)) {
                    try record.insert(db)
                }
                _ = try reconcileTraining(db, users: [new.username], reason: "account added", by: Actor(username: actorName, at: now))
                return Person(record)
            }
        }
    }

    /// Changes a password: the user themselves with their current password, or an administrator
    /// with theirs. The new password must differ from the current one.
    @discardableResult
    public func changePassword(of username: String, to newPassword: String, by signer: SignerCredentials) throws -> Person {
        try checkNewPassword(newPassword)
        let hash = try PasswordHasher.hash(newPassword, parameters: policies.settings.scrypt)
        return try exclusively {
            if signer.username == username {
                _ = try authenticateSigner(username, password: signer.password, for: "password change", enforceAge: false)
            } else {
                _ = try authenticateAdministrator(signer, for: "password reset of \(username)")
            }
            return try store.write { db in
                guard var record = try UserRecord.fetchOne(db, key: username) else {
                    throw GembaError.notFound("no user \(username); `gemba user list` shows the users")
                }
                if PasswordHasher.verify(newPassword, against: record.passwordHash) {
                    throw GembaError.invalid("the new password must differ from the current one")
                }
                record.passwordHash = hash
                record.passwordChangedAt = now()
                record.failedAttempts = 0
                let reason = signer.username == username ? "changed by the user" : "reset by administrator \(signer.username)"
                try AuditTrail.track(db, .user, key: username, action: "user.password", by: Actor(username: signer.username, at: now(), reason: reason)) {
                    try record.update(db)
                }
                return Person(record)
            }
        }
    }

    private func checkNewPassword(_ password: String) throws {
        guard password.count >= policies.settings.passwordMinLength else {
            throw GembaError.invalid("the password must have at least \(policies.settings.passwordMinLength) characters")
        }
    }

    /// An administrator proves who they are with their password before managing accounts.
    func authenticateAdministrator(_ credentials: SignerCredentials, for what: String) throws -> UserRecord {
        let user = try store.read { db in try activeUser(db, credentials.username) }
        guard policies.permissions(ofRoles: user.roleList).contains(.userManage) else {
            throw GembaError.permission("\(credentials.username) may not manage accounts (needs a role with user.manage, such as admin)")
        }
        return try authenticateSigner(credentials.username, password: credentials.password, for: what, enforceAge: false)
    }

    public func users() throws -> [Person] {
        try store.read { db in try UserRecord.order(Column("username")).fetchAll(db).map(Person.init) }
    }

    /// Clears a lock set by failed signature attempts.
    public func unlockUser(_ username: String, by administrator: SignerCredentials, reason: String) throws -> Person {
        try exclusively {
            _ = try authenticateAdministrator(administrator, for: "unlocking \(username)")
            return try store.write { db in
                guard var record = try UserRecord.fetchOne(db, key: username) else {
                    throw GembaError.notFound("no user \(username); `gemba user list` shows the users")
                }
                record.failedAttempts = 0
                record.lockedAt = nil
                try AuditTrail.track(db, .user, key: username, action: "user.unlock", by: Actor(username: administrator.username, at: now(), reason: reason)) {
                    try record.update(db)
                }
                return Person(record)
            }
        }
    }

    func activeUser(_ db: Database, _ username: String) throws -> UserRecord {
        guard let record = try UserRecord.fetchOne(db, key: username) else {
            throw GembaError.notFound("no user \(username) in this register; `gemba user list` shows the users")
        }
        guard record.active else { throw GembaError.permission("user \(username) is deactivated") }
        try refuseExpiredAccount(db, username)
        return record
    }

    func requirePermission(_ db: Database, _ username: String, _ permission: Permission, to what: String) throws -> UserRecord {
        let user = try activeUser(db, username)
        guard policies.permissions(ofRoles: user.roleList).contains(permission) else {
            let roles = policies.roles.values.filter { $0.permissions.contains(permission) }.map(\.name).sorted()
            throw GembaError.permission("\(username) may not \(what) (needs one of the roles: \(roles.joined(separator: ", ")))")
        }
        return user
    }
}
