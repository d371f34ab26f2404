import Foundation
import GRDB

extension Register {
    /// The rows of a tracked table as they stood just before `cutoff`, rebuilt from the audit
    /// trail: each row is the new value of the last entry about it made before then (a removed
    /// row's last entry has none). `gemba verify` checks that the last entry of every row equals
    /// the row, so with `cutoff` in the future this returns the table as it is. Evidence bundles
    /// use it to show audits and corrective actions as they stood at the end of the as-of day.
    func rowsAsOf<Record: FetchableRecord>(
        _ table: TrackedTable, before cutoff: Date, as type: Record.Type, where include: (String) -> Bool = { _ in true }
    ) throws -> [Record] {
        try rows(table, bound: "at < ?", Timestamp.string(cutoff), as: type, where: include)
    }

    /// The rows of a tracked table as they stood right after trail entry `seq` (a signature's
    /// own entry: the content it signed).
    func rowsAsOf<Record: FetchableRecord>(
        _ table: TrackedTable, throughEntry seq: Int64, as type: Record.Type, where include: (String) -> Bool = { _ in true }
    ) throws -> [Record] {
        try rows(table, bound: "seq <= ?", seq, as: type, where: include)
    }

    private func rows<Record: FetchableRecord>(
        _ table: TrackedTable, bound: String, _ value: some DatabaseValueConvertible, as type: Record.Type, where include: (String) -> Bool
    ) throws -> [Record] {
        try store.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT t.entity_id, t.new_value FROM audit_trail t
                JOIN (SELECT max(seq) AS seq FROM audit_trail WHERE entity_type = ? AND \(bound) GROUP BY entity_id) last ON last.seq = t.seq
                ORDER BY t.entity_id
                """, arguments: [table.entityType, value])
            var records: [Record] = []
            while let row = try rows.next() {
                let entityId: String = row["entity_id"]
                guard include(entityId), let json: String = row["new_value"] else { continue }
                records.append(try Record(row: try Self.row(fromCanonicalJSON: json, table: table, entityId: entityId)))
            }
            return records
        }
    }

    /// A database row from a trail entry's canonical JSON (AuditTrail.canonicalJSON).
    static func row(fromCanonicalJSON json: String, table: TrackedTable, entityId: String) throws -> Row {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw GembaError(.integrity, "the audit-trail entry of \(table.entityType) \(entityId) does not hold a row; run `gemba verify`")
        }
        var values: [String: DatabaseValue] = [:]
        for (column, value) in object {
            switch value {
            case is NSNull: values[column] = .null
            case let text as String: values[column] = text.databaseValue
            case let integer as Int: values[column] = integer.databaseValue
            case let number as Double: values[column] = number.databaseValue
            default:
                throw GembaError(.integrity, "the audit-trail entry of \(table.entityType) \(entityId) has an unexpected value in \(column); run `gemba verify`")
            }
        }
        return Row(values)
    }
}
