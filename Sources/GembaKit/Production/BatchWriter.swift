import GRDB

/// Writes the rows of one import batch through prepared statements: a new key is added, the same
/// row again is skipped, a changed row is updated (SAP confirmations are refused), and reversals
/// net out the confirmation they cancel.
///
/// Rows are inserted `groupSize` at a time, in one statement (a million-row import spends a
/// seventh less in SQLite than with one statement per row). When a group adds fewer rows than it
/// holds, each of its rows is then looked at in file order, as if it had been stored alone.
///
/// A statement that writes many rows and may stop halfway (a CHECK failing on its 40th row, a
/// missing foreign key) makes SQLite copy every page it changes to a statement journal first, so
/// that it can undo that statement alone: for a million rows, 600,000 writes of a temporary file,
/// an eighth of the import's time. The group insert is `INSERT OR IGNORE`, which drops a row failing a
/// CHECK or NOT NULL instead of stopping, and the import runs with foreign keys unenforced
/// (`Store.write(foreignKeys:)`; every row names the batch the same transaction wrote), so
/// nothing can stop it and SQLite keeps no such journal. A dropped row is found with the rows
/// the group did not add, and inserted alone, which stops the import naming its line.
struct BatchWriter {
    let kind: ImportKind
    let batchID: Int64
    private let insert: Statement
    /// `insert` for `groupSize` rows.
    private let insertGroup: Statement
    private let select: Statement
    private let update: Statement
    private let cancel: Statement?
    /// Keys of confirmations some reversal cancels (production only).
    private var cancelled: Set<String> = []
    private var parameters = SQLiteBinding.Parameters()
    /// Parameters of one row in an insert: its key, its stored values, its batch.
    private let width: Int
    private(set) var added = 0, updated = 0, skipped = 0, reversed = 0

    /// Rows inserted by one statement.
    static let groupSize = 64

    init(_ db: Database, kind: ImportKind, batchID: Int64) throws {
        self.kind = kind
        self.batchID = batchID
        let columns = kind.storedColumns
        let table = kind.table
        width = columns.count + 2
        let row = "(?, \(columns.map { _ in "?" }.joined(separator: ", ")), ?)"
        let into = "\(table) (natural_key, \(columns.joined(separator: ", ")), batch_id)"
        insert = try db.makeStatement(sql: "INSERT INTO \(into) VALUES \(row) ON CONFLICT(natural_key) DO NOTHING")
        insertGroup = try db.makeStatement(sql: "INSERT OR IGNORE INTO \(into) VALUES \(Array(repeating: row, count: Self.groupSize).joined(separator: ", "))")
        select = try db.makeStatement(sql: "SELECT rowid, \(columns.joined(separator: ", ")), batch_id FROM \(table) WHERE natural_key = ?")
        update = try db.makeStatement(sql: "UPDATE \(table) SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")), batch_id = ? WHERE natural_key = ?")
        if kind == .production {
            cancel = try db.makeStatement(sql: "UPDATE production_confirmation SET reversed = 1 WHERE natural_key = ? AND reversal = 0 AND reversed = 0")
            cancelled = Set(try String.fetchAll(db, sql: "SELECT reverses_key FROM production_confirmation WHERE reversal = 1"))
        } else {
            cancel = nil
        }
    }

    /// Stores `chunk`, read from `file`, in order. A changed SAP confirmation is refused naming
    /// both imports; a row SQLite refuses is named by its line.
    mutating func store(_ chunk: [ImportPipeline.Parsed], _ db: Database, file: String) throws {
        var rows = chunk
        // Rows a reversal stored before them cancels: marked reversed as they are stored.
        var cancelling: Set<Int> = []
        var start = rows.startIndex
        var index = rows.startIndex
        while index < rows.endIndex {
            if kind == .production {
                if let target = rows[index].row.reverses {
                    // A reversal is stored alone, after the rows before it and before the rows after it.
                    cancelled.insert(target)
                    try storeAlone(rows, start..<index, cancelling, db, file: file)
                    try storeAlone(rows, index..<index + 1, cancelling, db, file: file)
                    index += 1
                    start = index
                    continue
                } else if !cancelled.isEmpty && cancelled.contains(rows[index].row.key) {
                    rows[index].row.values[rows[index].row.values.count - 1] = 1.databaseValue
                    cancelling.insert(index)
                }
            }
            index += 1
            if index - start == Self.groupSize {
                try storeGroup(rows, start..<index, cancelling, db, file: file)
                start = index
            }
        }
        try storeAlone(rows, start..<index, cancelling, db, file: file)
    }

    /// Inserts a full group in one statement. When it adds fewer rows than it holds (keys stored
    /// before, or twice in the group, or a row a constraint dropped), the rows it added are told
    /// apart by their row ids: SQLite gives the rows of one insert consecutive ids after the
    /// table's largest.
    private mutating func storeGroup(
        _ rows: [ImportPipeline.Parsed], _ group: Range<Int>, _ cancelling: Set<Int>, _ db: Database, file: String
    ) throws {
        do {
            try execute(insertGroup, rows, group, db)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT && db.isInsideTransaction {
            // SQLite undid the statement as a whole; one row at a time names the row at fault.
            // (Other errors, a full disk say, are about the register and not a row: they go up as they are.)
            try storeAlone(rows, group, cancelling, db, file: file)
            return
        }
        let inserted = db.changesCount
        if inserted == group.count {
            added += inserted
            if !cancelling.isEmpty { reversed += group.filter(cancelling.contains).count }
            return
        }
        let firstNew = inserted == 0 ? Int64.max : db.lastInsertedRowID - Int64(inserted) + 1
        var insertedKeys: Set<String> = []
        for index in group {
            let row = rows[index].row
            guard let stored = try SQLiteBinding.firstRow(select, [row.key.databaseValue], db) else {
                // Dropped by `OR IGNORE` for a CHECK or NOT NULL (the parser's checks should leave
                // none): alone, the insert refuses it, and the error names its line.
                try storeAlone(rows, index..<index + 1, cancelling, db, file: file)
                continue
            }
            if case .int64(let rowID) = stored[0].storage, rowID >= firstNew, insertedKeys.insert(row.key).inserted {
                added += 1
                if cancelling.contains(index) { reversed += 1 }
            } else {
                try resolve(row, line: rows[index].line, stored: Array(stored.dropFirst()), db, file: file)
            }
        }
    }

    /// Stores each row of `range` through its own statements.
    private mutating func storeAlone(
        _ rows: [ImportPipeline.Parsed], _ range: Range<Int>, _ cancelling: Set<Int>, _ db: Database, file: String
    ) throws {
        for index in range {
            do {
                try storeOne(rows, index, cancelsOriginal: cancelling.contains(index), db, file: file)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                // The parser's checks should leave nothing for SQLite's constraints; name the row if they do.
                throw Self.refused(error, file: file, line: rows[index].line)
            }
        }
    }

    private mutating func storeOne(_ rows: [ImportPipeline.Parsed], _ index: Int, cancelsOriginal: Bool, _ db: Database, file: String) throws {
        try execute(insert, rows, index..<index + 1, db)
        let row = rows[index].row
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
        try resolve(row, line: rows[index].line, stored: Array(stored.dropFirst()), db, file: file)
    }

    /// Binds the rows of `range` to an insert of as many rows and runs it.
    private mutating func execute(_ statement: Statement, _ rows: [ImportPipeline.Parsed], _ range: Range<Int>, _ db: Database) throws {
        let width = width, batch = batchID.databaseValue, first = range.lowerBound
        try parameters.execute(statement, db, count: range.count * width) { index in
            let row = first + index / width, column = index % width
            return column == 0 ? rows[row].row.key.databaseValue : column == width - 1 ? batch : rows[row].row.values[column - 1]
        }
    }

    /// A row whose key is stored already (`stored`: its columns and batch): the same values are
    /// skipped, changed ones updated, and a changed SAP confirmation refused.
    private mutating func resolve(_ row: ParsedRow, line: Int, stored: [DatabaseValue], _ db: Database, file: String) throws {
        let columns = kind.storedColumns
        let values = row.values
        guard let changed = columns.indices.first(where: { stored[$0] != values[$0] }) else {
            skipped += 1
            return
        }
        let batch = describe(stored[columns.count])
        let before = describe(stored[changed]), after = describe(values[changed])
        if row.immutable {
            throw ImportRowSource.failure(
                file, line, columns[changed],
                "confirmation \(row.key) was imported in batch \(batch) with \(columns[changed]) \(before), now \(after); a posted confirmation never changes, post a reversal instead")
        }
        do {
            try SQLiteBinding.execute(update, values + [batchID.databaseValue, row.key.databaseValue], db)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw Self.refused(error, file: file, line: line)
        }
        updated += 1
    }

    /// A row SQLite refused (the parser's checks should leave none), named by its line.
    private static func refused(_ error: DatabaseError, file: String, line: Int) -> GembaError {
        GembaError.invalid("\(file):\(line): \(error.message ?? "\(error)"); nothing from this file was imported")
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
