import Foundation
import GRDB

extension AuditTrail {
    /// Walks the chain from the first entry and checks that every tracked row equals the value
    /// its latest trail entry recorded. Returns problems, first broken entry first.
    static func verify(_ db: Database) throws -> [String] {
        var problems: [String] = []
        var expectedPrev = genesisHash
        var expectedSeq: Int64 = 1
        let cursor = try TrailEntryRecord.fetchCursor(db, sql: "SELECT * FROM audit_trail ORDER BY seq")
        while let entry = try cursor.next() {
            if entry.seq != expectedSeq {
                problems.append("audit trail: entry \(expectedSeq) is missing (next is \(entry.seq)); the trail was edited outside gemba")
                break
            }
            if entry.prevHash != expectedPrev {
                problems.append("audit trail: entry \(entry.seq) does not follow entry \(entry.seq - 1) (chain broken); the trail was edited outside gemba")
                break
            }
            if hash(of: entry) != entry.hash {
                problems.append("audit trail: entry \(entry.seq) (\(entry.action) \(entry.entityId)) was altered after it was written")
                break
            }
            expectedPrev = entry.hash
            expectedSeq += 1
        }
        for trigger in ["audit_trail_no_update", "audit_trail_no_delete"] {
            let exists = try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'trigger' AND name = ?", arguments: [trigger]) ?? false
            if !exists { problems.append("audit trail: the append-only guard \(trigger) was removed") }
        }
        problems += try verifyRecordsMatchTrail(db)
        return problems
    }

    /// Every tracked row must equal the new value of its latest trail entry, and every entity the
    /// trail says exists must exist: a row edited, added or deleted by hand breaks this.
    private static func verifyRecordsMatchTrail(_ db: Database) throws -> [String] {
        var problems: [String] = []
        for table in TrackedTable.allCases {
            var recorded: [String: String?] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT entity_id, new_value FROM audit_trail
                WHERE seq IN (SELECT max(seq) FROM audit_trail WHERE entity_type = ? GROUP BY entity_id)
                """, arguments: [table.entityType])
            while let row = try rows.next() {
                recorded[row["entity_id"]] = row["new_value"] as String?
            }
            let current = try Row.fetchCursor(db, sql: "SELECT \(table.keyExpression) AS gemba_key, * FROM \(table.rawValue)")
            while let row = try current.next() {
                let key: String = row["gemba_key"]
                let json = canonicalJSON(row.filter { $0.0 != "gemba_key" })
                switch recorded.removeValue(forKey: key) {
                case .none:
                    problems.append("\(table.rawValue) \(key): the row has no audit-trail entry; it was added outside gemba")
                case .some(.none):
                    problems.append("\(table.rawValue) \(key): the audit trail records it as deleted, but the row exists")
                case .some(.some(let value)) where value != json:
                    problems.append("\(table.rawValue) \(key): the row differs from its last audit-trail entry; it was edited outside gemba")
                default: break
                }
            }
            for (key, value) in recorded where value != nil {
                problems.append("\(table.rawValue) \(key): the row recorded in the audit trail is missing; it was deleted outside gemba")
            }
        }
        return problems.sorted()
    }
}
