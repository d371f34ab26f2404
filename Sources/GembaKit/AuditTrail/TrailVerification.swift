import Crypto
import Foundation
import GRDB

extension AuditTrail {
    /// Walks the chain from the first entry and checks that every tracked row equals the value
    /// its latest trail entry recorded. Returns problems, first broken entry first.
    static func verify(_ db: Database) throws -> [String] {
        var problems: [String] = []
        var expectedPrev = genesisHash
        var expectedSeq: Int64 = 1
        var last: (seq: Int64, hash: String)?
        // Raw rows, not records: a hand edit can leave any type in any column, and an entry
        // that does not decode exactly as written is an altered entry, not a reason to stop.
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM audit_trail ORDER BY seq")
        while let row = try cursor.next() {
            let seq: Int64 = row["seq"]
            if seq != expectedSeq {
                problems.append("audit trail: entry \(expectedSeq) is missing (next is \(seq)); the trail was edited outside gemba")
                break
            }
            guard let entry = storedEntry(row) else {
                problems.append("audit trail: entry \(seq) was altered after it was written (a field holds a value gemba never writes)")
                break
            }
            if entry.prevHash != expectedPrev {
                problems.append("audit trail: entry \(seq) does not follow entry \(seq - 1) (chain broken); the trail was edited outside gemba")
                break
            }
            if hash(of: entry) != entry.hash {
                problems.append("audit trail: entry \(seq) (\(entry.action) \(entry.entityId)) was altered after it was written")
                break
            }
            expectedPrev = entry.hash
            expectedSeq += 1
            last = (seq, entry.hash)
        }
        if problems.isEmpty { problems += try verifyHead(db, last: last) }
        for trigger in guardTriggers {
            let exists = try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'trigger' AND name = ?", arguments: [trigger]) ?? false
            if !exists { problems.append("audit trail: the append-only guard \(trigger) was removed") }
        }
        problems += try verifyRecordsMatchTrail(db)
        return problems
    }

    /// The triggers that keep the trail append-only and its newest entry remembered.
    static let guardTriggers = ["audit_trail_no_update", "audit_trail_no_delete", "audit_trail_remember_head"]

    /// A trail row as gemba wrote it, or nil when a column holds a type or form gemba never
    /// writes (for example a time written as `+00:00` instead of `Z`, which would parse to
    /// the same instant and so hash the same).
    private static func storedEntry(_ row: Row) -> TrailEntryRecord? {
        func text(_ column: String) -> String? {
            if case .string(let value) = (row[column] as DatabaseValue).storage { return value }
            return nil
        }
        func optionalText(_ column: String) -> String?? {
            let value: DatabaseValue = row[column]
            if value.isNull { return .some(nil) }
            return text(column).map { .some($0) }
        }
        guard let seq = row["seq"] as Int64?, let atText = text("at"), let at = Timestamp.parse(atText), Timestamp.string(at) == atText,
            let actor = text("actor"), let action = text("action"), let entityType = text("entity_type"), let entityId = text("entity_id"),
            let oldValue = optionalText("old_value"), let newValue = optionalText("new_value"), let reason = optionalText("reason"),
            let prevHash = text("prev_hash"), let hash = text("hash")
        else { return nil }
        return TrailEntryRecord(
            seq: seq, at: at, actor: actor, action: action, entityType: entityType, entityId: entityId, oldValue: oldValue, newValue: newValue,
            reason: reason, prevHash: prevHash, hash: hash)
    }

    /// The newest entry must be the one the head table remembers: deleting the last entries
    /// leaves an intact but shorter chain that only this shows.
    private static func verifyHead(_ db: Database, last: (seq: Int64, hash: String)?) throws -> [String] {
        guard let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_trail_head WHERE id = 1") else {
            return last == nil ? [] : ["audit trail: the record of its newest entry (audit_trail_head) was deleted outside gemba"]
        }
        let headSeq = (head["seq"] as DatabaseValue).storage
        let headHash = (head["hash"] as DatabaseValue).storage
        guard case .int64(let seq) = headSeq, case .string(let hash) = headHash else {
            return ["audit trail: the record of its newest entry (audit_trail_head) was edited outside gemba"]
        }
        let lastSeq = last?.seq ?? 0
        if seq > lastSeq {
            return ["audit trail: entry \(lastSeq + 1) is missing (the trail ends at \(lastSeq), gemba last wrote entry \(seq)); the newest entries were deleted outside gemba"]
        }
        if seq < lastSeq {
            return ["audit trail: entry \(seq + 1) was added outside gemba (gemba last wrote entry \(seq))"]
        }
        if let last, last.hash != hash {
            return ["audit trail: entry \(seq) differs from the newest entry gemba wrote; the trail was rewritten outside gemba"]
        }
        return []
    }

    /// Every tracked row must equal the new value of its latest trail entry, and every entity the
    /// trail says exists must exist: a row edited, added or deleted by hand breaks this.
    private static func verifyRecordsMatchTrail(_ db: Database) throws -> [String] {
        var problems: [String] = []
        for table in TrackedTable.allCases {
            // The SHA-256 of each recorded value, not the value: a large register has a million
            // rows in a table, and their JSON would all be held at once.
            var recorded: [Data: SHA256.Digest?] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT entity_id, new_value FROM audit_trail
                WHERE seq IN (SELECT max(seq) FROM audit_trail WHERE entity_type = ? GROUP BY entity_id)
                """, arguments: [table.entityType])
            while let row = try rows.next() {
                guard let id = exactText(row["entity_id"]) else { continue }
                recorded[Data(id.utf8)] = exactText(row["new_value"]).map { SHA256.hash(data: Data($0.utf8)) }
            }
            let current = try Row.fetchCursor(db, sql: "SELECT \(keySQL(table)) AS gemba_key, * FROM \(table.rawValue)")
            while let row = try current.next() {
                let key = exactText(row["gemba_key"]) ?? "?"
                let json = canonicalJSON(row.filter { $0.0 != "gemba_key" })
                // Bytes, not String equality: Swift treats é and e + U+0301 as equal strings.
                switch recorded.removeValue(forKey: Data(key.utf8)) {
                case .none:
                    problems.append("\(table.rawValue) \(key): the row has no audit-trail entry; it was added outside gemba")
                case .some(.none):
                    problems.append("\(table.rawValue) \(key): the audit trail records it as deleted, but the row exists")
                case .some(.some(let value)) where value != SHA256.hash(data: Data(json.utf8)):
                    problems.append("\(table.rawValue) \(key): the row differs from its last audit-trail entry; it was edited outside gemba")
                default: break
                }
            }
            for (key, value) in recorded where value != nil {
                problems.append("\(table.rawValue) \(String(decoding: key, as: UTF8.self)): the row recorded in the audit trail is missing; it was deleted outside gemba")
            }
        }
        return problems.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The key of a row as text; a row whose key columns were emptied by hand is named by its rowid.
    static func keySQL(_ table: TrackedTable) -> String {
        "coalesce(CAST(\(table.keyExpression) AS TEXT), '(row ' || rowid || ' without a key)')"
    }

    /// Text exactly as stored; nil for NULL and for numbers or blobs put where gemba writes text.
    static func exactText(_ value: DatabaseValue) -> String? {
        if case .string(let text) = value.storage { return text }
        return nil
    }
}
