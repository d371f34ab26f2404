import Foundation
import GRDB

/// What a change of someone's roles did, including the training it assigned or cancelled.
public struct RoleChange: Codable, Sendable, Equatable {
    public let person: Person
    public let added: [String]
    public let removed: [String]
    public let training: TrainingChanges
}

extension Register {
    /// Gives and takes roles; an administrator proves it with their password. In the same
    /// transaction the person gets an assignment for every effective document a new role must
    /// read, and open assignments no remaining role requires are cancelled.
    public func changeRoles(of username: String, add: [String], remove: [String], reason: String? = nil, by administrator: SignerCredentials) throws -> RoleChange {
        for role in add + remove where policies.roles[role] == nil {
            throw GembaError.invalid("unknown role '\(role)'; policies/roles.yaml defines \(policies.roles.keys.sorted().joined(separator: ", "))")
        }
        if let both = Set(add).intersection(remove).sorted().first {
            throw GembaError.invalid("role '\(both)' is both added and removed; give it once")
        }
        return try exclusively {
            try releaseDueRevisions()
            let record = try store.read { db in
                guard let record = try UserRecord.fetchOne(db, key: username) else {
                    throw GembaError.notFound("no user \(username); `gemba user list` shows the users")
                }
                return record
            }
            let current = Set(record.roleList)
            let added = Set(add).subtracting(current).sorted()
            let removed = Set(remove).intersection(current).sorted()
            guard !added.isEmpty || !removed.isEmpty else {
                throw GembaError.state("\(username) already has roles \(record.roleList.joined(separator: ", ")); nothing to change")
            }
            let roles = current.union(added).subtracting(removed).sorted()
            guard !roles.isEmpty else { throw GembaError.invalid("\(username) must keep at least one role") }
            if !policies.permissions(ofRoles: roles).contains(.userManage) {
                let others = try store.read { db in
                    try UserRecord.filter(Column("active") == true && Column("username") != username).fetchAll(db)
                }
                guard others.contains(where: { policies.permissions(ofRoles: $0.roleList).contains(.userManage) }) || !policies.permissions(ofRoles: record.roleList).contains(.userManage) else {
                    throw GembaError.permission("\(username) is the last administrator; give another user a role with user.manage first")
                }
            }
            _ = try authenticateAdministrator(administrator, for: "changing the roles of \(username)")
            let change = (added.map { "+\($0)" } + removed.map { "-\($0)" }).joined(separator: " ")
            let actor = Actor(username: administrator.username, at: now(), reason: reason ?? "roles changed: \(change)")
            return try store.write { db in
                guard var updated = try UserRecord.fetchOne(db, key: username), updated.roles == record.roles else {
                    throw GembaError(.conflict, "the roles of \(username) changed meanwhile; try again")
                }
                updated.roles = roles.joined(separator: ",")
                try AuditTrail.track(db, .user, key: username, action: "user.roles", by: actor) { try updated.update(db) }
                let training = try reconcileTraining(db, users: [username], reason: "roles changed: \(change)", by: actor)
                return RoleChange(person: Person(updated), added: added, removed: removed, training: training)
            }
        }
    }
}
