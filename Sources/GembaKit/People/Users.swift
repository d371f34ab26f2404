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
    /// Adds a user. While the register has no administrator anyone may add users (setting it
    /// up); after that only a user with the `user.manage` permission may.
    @discardableResult
    public func addUser(_ new: NewUser, by actingUsername: String?) throws -> Person {
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
        guard new.password.count >= policies.settings.passwordMinLength else {
            throw GembaError.invalid("the password must have at least \(policies.settings.passwordMinLength) characters")
        }
        let email = new.email ?? "\(new.username)@gemba.invalid"
        guard email.wholeMatch(of: /[^@\s<>]+@[^@\s<>]+/) != nil else {
            throw GembaError.invalid("--email '\(email)' is not an e-mail address")
        }
        let hash = try PasswordHasher.hash(new.password, parameters: policies.settings.scrypt)
        return try exclusively {
            try store.write { db in
                let admins = try UserRecord.fetchAll(db).filter { policies.permissions(ofRoles: $0.roleList).contains(.userManage) }
                let actorName: String
                if admins.isEmpty {
                    actorName = actingUsername ?? Register.systemActor
                } else {
                    guard let actingUsername else {
                        throw GembaError.permission("adding users needs an administrator: pass --as ADMIN (or set GEMBA_USER)")
                    }
                    let acting = try activeUser(db, actingUsername)
                    guard policies.permissions(ofRoles: acting.roleList).contains(.userManage) else {
                        throw GembaError.permission("\(actingUsername) may not add users (needs a role with user.manage, such as admin)")
                    }
                    actorName = actingUsername
                }
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
                return Person(record)
            }
        }
    }

    public func users() throws -> [Person] {
        try store.read { db in try UserRecord.order(Column("username")).fetchAll(db).map(Person.init) }
    }

    /// Clears a lock set by failed signature attempts.
    public func unlockUser(_ username: String, by actingUsername: String, reason: String) throws -> Person {
        try exclusively {
            try store.write { db in
                let acting = try activeUser(db, actingUsername)
                guard policies.permissions(ofRoles: acting.roleList).contains(.userManage) else {
                    throw GembaError.permission("\(actingUsername) may not unlock accounts (needs a role with user.manage, such as admin)")
                }
                guard var record = try UserRecord.fetchOne(db, key: username) else {
                    throw GembaError.notFound("no user \(username); `gemba user list` shows the users")
                }
                record.failedAttempts = 0
                record.lockedAt = nil
                try AuditTrail.track(db, .user, key: username, action: "user.unlock", by: Actor(username: actingUsername, at: now(), reason: reason)) {
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
