import Foundation
import GRDB

extension Register {
    /// Sets which roles must read one document, overriding its type's roles (an empty list:
    /// nobody), or with `roles` nil returns it to its type's roles. In the same transaction the
    /// people newly required get the effective revision (due the policy's new-role window) and
    /// open assignments nobody requires any more are cancelled.
    public func requireTraining(_ id: String, roles: [String]?, reason: String, by username: String) throws -> TrainingRequirementChange {
        let reason = try InputChecks.reason(reason)
        for role in roles ?? [] where policies.roles[role] == nil {
            throw GembaError.invalid("unknown role '\(role)'; policies/roles.yaml defines \(policies.roles.keys.sorted().joined(separator: ", "))")
        }
        return try exclusively {
            try releaseDueRevisions()
            return try store.write { db in
                _ = try requirePermission(db, username, .trainingManage, to: "change training requirements")
                let document = try documentRecord(db, id)
                guard document.obsoleteAt == nil else { throw GembaError.state("\(document.id) is obsolete; nobody needs to read it") }
                let actor = Actor(username: username, at: now(), reason: reason)
                let existing = try TrainingRequirementRecord.fetchOne(db, key: document.id)
                if let roles {
                    let record = TrainingRequirementRecord(
                        documentId: document.id, roles: Set(roles).sorted().joined(separator: ","), setBy: username, setAt: actor.at, reason: reason)
                    if let existing, existing.roles == record.roles {
                        throw GembaError.state("\(document.id) already requires \(roles.isEmpty ? "nobody" : "exactly the roles \(record.roles)"); nothing changed")
                    }
                    try AuditTrail.track(db, .trainingRequirement, key: document.id, action: "training.require", by: actor) { try record.save(db) }
                } else {
                    guard let existing else {
                        throw GembaError.state("\(document.id) already follows the roles of its type \(document.type) (policies/training.yaml); nothing changed")
                    }
                    try AuditTrail.track(db, .trainingRequirement, key: document.id, action: "training.require-type", by: actor) { _ = try existing.delete(db) }
                }
                let changes = try reconcileTraining(db, documents: [document.id], reason: "training requirement of \(document.id) changed", by: actor)
                return TrainingRequirementChange(requirement: try requirementView(db, document, try trainingPolicy(db)), changes: changes)
            }
        }
    }

    /// Who must read each document that is effective or approved, and why.
    public func trainingRequirements() throws -> [TrainingRequirementView] {
        try store.read { db in
            let policy = try trainingPolicy(db)
            return try DocumentRecord.filter(Column("obsolete_at") == nil && Column("effective_revision") != nil)
                .order(Column("type"), Column("number")).fetchAll(db)
                .map { try requirementView(db, $0, policy) }
        }
    }
}
