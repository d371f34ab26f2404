import Foundation
import GRDB

/// One audit-trail entry as shown to people and auditors.
public struct TrailEntry: Codable, Sendable {
    public let seq: Int64
    public let at: String
    public let actor: String
    public let action: String
    public let entityType: String
    public let entityId: String
    public let oldValue: String?
    public let newValue: String?
    public let reason: String?
    public let hash: String

    /// The fields that differ between the old and new values, as `field: old -> new`.
    public var changes: [String] {
        let old = TrailEntry.object(oldValue)
        let new = TrailEntry.object(newValue)
        return Set(old.keys).union(new.keys).sorted().compactMap { key in
            let before = old[key] ?? "-"
            let after = new[key] ?? "-"
            return before == after ? nil : "\(key): \(before) -> \(after)"
        }
    }

    private static func object(_ json: String?) -> [String: String] {
        guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return [:] }
        return object.mapValues { value in value is NSNull ? "null" : "\(value)" }
    }
}

extension Register {
    /// The audit trail, oldest first; `entity` narrows it to one document (with its revisions,
    /// review cycles, signatures and git references) or one user.
    public func trail(entity: String? = nil, limit: Int? = nil) throws -> [TrailEntry] {
        try store.read { db in
            var sql = "SELECT * FROM audit_trail"
            var arguments: StatementArguments = []
            if let entity {
                sql += """
                     WHERE entity_id IN (?, ?) OR entity_id LIKE ? OR entity_id LIKE ? OR entity_id LIKE ?
                       OR (entity_type IN ('review_cycle', 'signature') AND (new_value LIKE ? OR old_value LIKE ?))
                    """
                let needle = "%\"document_id\":\"\(entity.uppercased())\"%"
                arguments = [entity, entity.uppercased(), "\(entity.uppercased())/%", "%/drafts/\(entity.uppercased())", "refs/tags/\(entity.uppercased())/%", needle, needle]
            }
            sql += " ORDER BY seq"
            var entries = try TrailEntryRecord.fetchAll(db, sql: sql, arguments: arguments)
            if let limit, entries.count > limit { entries = Array(entries.suffix(limit)) }
            return entries.map {
                TrailEntry(seq: $0.seq, at: Timestamp.string($0.at), actor: $0.actor, action: $0.action, entityType: $0.entityType,
                           entityId: $0.entityId, oldValue: $0.oldValue, newValue: $0.newValue, reason: $0.reason, hash: $0.hash)
            }
        }
    }
}
