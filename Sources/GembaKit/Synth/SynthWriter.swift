import Foundation
import GRDB
import GembaGit

/// Writes records and their audit-trail entries in bulk, inside large transactions: the same
/// rows, actions and canonical JSON the services write (`AuditTrail.canonicalJSON`, `hash(of:)`),
/// but keeping the chain's head in memory instead of reading each row back from the table.
final class SynthWriter {
    private(set) var seq: Int64
    private(set) var head: String
    /// Where every reference will point when the history ends (written once, as packed refs).
    private(set) var references: [String: ObjectID] = [:]
    private var database: Database?

    init(seq: Int64, head: String) {
        self.seq = seq
        self.head = head
    }

    /// The transaction the writer works in; set for the duration of one `Store.write`.
    func inTransaction<T>(_ db: Database, _ body: () throws -> T) rethrows -> T {
        database = db
        defer { database = nil }
        return try body()
    }

    var db: Database {
        get throws {
            guard let database else { throw GembaError(.storage, "gemba synth wrote outside a transaction") }
            return database
        }
    }

    /// The `Audit-trail:` line a commit on main made now carries.
    var anchor: String { Register.trailAnchorLine(seq: seq, hash: head) }

    /// The row as `AuditTrail.canonicalRow` would read it back: the record's columns, plus the
    /// table's other columns (added by later migrations) at their defaults.
    func json<R: EncodableRecord & TableRecord>(_ record: R) throws -> String {
        let values = try record.databaseDictionary
        // In the table's column order, so that every row of a table has the same key list.
        return AuditTrail.canonicalJSON(try defaults(R.databaseTableName).map { column, value in (column, values[column] ?? value) })
    }

    private var tableDefaults: [String: [(String, DatabaseValue)]] = [:]

    private func defaults(_ table: String) throws -> [(String, DatabaseValue)] {
        if let known = tableDefaults[table] { return known }
        let found = try db.columns(in: table).map { column -> (String, DatabaseValue) in
            guard let sql = column.defaultValueSQL else { return (column.name, .null) }
            if let number = Int64(sql) { return (column.name, number.databaseValue) }
            if sql.hasPrefix("'"), sql.hasSuffix("'"), sql.count >= 2 {
                return (column.name, String(sql.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'").databaseValue)
            }
            guard sql.uppercased() == "NULL" else {
                throw GembaError(.storage, "gemba synth cannot tell the default of \(table).\(column.name) (\(sql))")
            }
            return (column.name, .null)
        }
        tableDefaults[table] = found
        return found
    }

    /// One trail entry, chained to the one before.
    /// `entityType` names an entry that changes no row (an assessor's `access`).
    func append(_ table: TrackedTable, key: String, action: String, by actor: Actor, old: String?, new: String?, entityType: String? = nil) throws {
        var entry = TrailEntryRecord(
            seq: seq + 1, at: actor.at, actor: actor.username, action: action, entityType: entityType ?? table.entityType, entityId: key,
            oldValue: old, newValue: new, reason: actor.reason, prevHash: head, hash: "")
        entry.hash = AuditTrail.hash(of: entry)
        try entry.insertPrepared(try db)
        seq = entry.seq
        head = entry.hash
    }

    func insert<R: MutablePersistableRecord>(
        _ record: R, _ table: TrackedTable, key: String, action: String, by actor: Actor
    ) throws {
        var inserted = record
        try inserted.insert(try db)
        try append(table, key: key, action: action, by: actor, old: nil, new: json(record))
    }

    func update<R: MutablePersistableRecord>(
        _ old: R, to new: R, _ table: TrackedTable, key: String, action: String, by actor: Actor
    ) throws {
        try new.update(try db)
        try append(table, key: key, action: action, by: actor, old: json(old), new: json(new))
    }

    /// Records where a reference points (`git_ref`, as `Register.recordRef` does); nil deletes it.
    func setReference(_ name: String, to target: ObjectID?, by actor: Actor) throws {
        let old = references[name].map { GitRefRecord(name: name, target: $0.hex) }
        if let target {
            let record = GitRefRecord(name: name, target: target.hex)
            if let old {
                try update(old, to: record, .gitRef, key: name, action: "ref.set", by: actor)
            } else {
                try insert(record, .gitRef, key: name, action: "ref.set", by: actor)
            }
            references[name] = target
        } else if let old {
            _ = try old.delete(try db)
            try append(.gitRef, key: name, action: "ref.delete", by: actor, old: json(old), new: nil)
            references[name] = nil
        }
    }

    /// Starts from references the register already has (main, from `Register.create`).
    func knowReference(_ name: String, at target: ObjectID) { references[name] = target }
}
