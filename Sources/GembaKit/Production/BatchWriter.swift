import GRDB

/// Writes the rows of one import batch through prepared statements: a new key is added, the same
/// row again is skipped, a changed row is updated (SAP confirmations are refused), and reversals
/// net out the confirmation they cancel.
struct BatchWriter {
    let kind: ImportKind
    let batchID: Int64
    private let insert: Statement
    private let select: Statement
    private let update: Statement
    private let cancel: Statement?
    /// Keys of confirmations some reversal cancels (production only).
    private var cancelled: Set<String> = []
    private(set) var added = 0, updated = 0, skipped = 0, reversed = 0

    init(_ db: Database, kind: ImportKind, batchID: Int64) throws {
        self.kind = kind
        self.batchID = batchID
        let columns = kind.storedColumns
        let table = kind.table
        insert = try db.makeStatement(sql: """
            INSERT INTO \(table) (natural_key, \(columns.joined(separator: ", ")), batch_id)
            VALUES (?, \(columns.map { _ in "?" }.joined(separator: ", ")), ?) ON CONFLICT(natural_key) DO NOTHING
            """)
        select = try db.makeStatement(sql: "SELECT \(columns.joined(separator: ", ")), batch_id FROM \(table) WHERE natural_key = ?")
        update = try db.makeStatement(sql: "UPDATE \(table) SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")), batch_id = ? WHERE natural_key = ?")
        if kind == .production {
            cancel = try db.makeStatement(sql: "UPDATE production_confirmation SET reversed = 1 WHERE natural_key = ? AND reversal = 0 AND reversed = 0")
            cancelled = Set(try String.fetchAll(db, sql: "SELECT reverses_key FROM production_confirmation WHERE reversal = 1"))
        } else {
            cancel = nil
        }
    }

    /// Stores `row`, read from `line` of `file`; a changed SAP confirmation is refused naming both.
    mutating func store(_ row: ParsedRow, _ db: Database, file: String, line: Int) throws {
        var values = row.values
        var cancelsOriginal = false
        if kind == .production {
            if let target = row.reverses {
                cancelled.insert(target)
            } else if cancelled.contains(row.key) {
                values[values.count - 1] = 1.databaseValue
                cancelsOriginal = true
            }
        }
        var arguments: [DatabaseValue] = []
        arguments.reserveCapacity(values.count + 2)
        arguments.append(row.key.databaseValue)
        arguments.append(contentsOf: values)
        arguments.append(batchID.databaseValue)
        try SQLiteBinding.execute(insert, arguments, db)
        if db.changesCount > 0 {
            added += 1
            if cancelsOriginal { reversed += 1 }
            if let target = row.reverses, let cancel {
                try SQLiteBinding.execute(cancel, [target.databaseValue], db)
                if db.changesCount > 0 { reversed += 1 }
            }
            return
        }
        guard let stored = try SQLiteBinding.firstRow(select, [row.key.databaseValue], db) else { return }
        let columns = kind.storedColumns
        guard let changed = columns.indices.first(where: { stored[$0] != values[$0] }) else {
            skipped += 1
            return
        }
        let batch = describe(stored[columns.count])
        let before = describe(stored[changed]), after = describe(values[changed])
        if row.immutable {
            throw ImportRowSource.failure(
                file, line, columns[changed], "confirmation \(row.key) was imported in batch \(batch) with \(columns[changed]) \(before), now \(after); a posted confirmation never changes, post a reversal instead")
        }
        try SQLiteBinding.execute(update, values + [batchID.databaseValue, row.key.databaseValue], db)
        updated += 1
    }

    private func describe(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "empty"
        case .int64(let n): String(n)
        case .double(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .string(let s): "'\(s)'"
        case .blob: "(bytes)"
        }
    }
}
