import Foundation
import GRDB
import GRDBSQLite

/// Runs a prepared statement with positional values bound through SQLite's C API. For the
/// import's million rows: building GRDB `StatementArguments` per row costs more than SQLite's work.
/// Call only on the database's own queue (inside `store.write`).
enum SQLiteBinding {
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    static func execute(_ statement: Statement, _ values: [DatabaseValue], _ db: Database) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        let code = values.withUnsafeBufferPointer { bindThenStep(handle, $0, from: 0) }
        sqlite3_reset(handle)
        // Texts were bound in place: nothing bound may outlive the step.
        sqlite3_clear_bindings(handle)
        guard code == SQLITE_DONE else {
            throw failure(code, statement, db)
        }
    }

    /// Binds `values[index...]` and steps the statement. Texts and blobs are bound in place, not
    /// copied by SQLite (a million rows of ten texts each): each one's bytes stay valid in this
    /// nesting of closures until the step has returned.
    private static func bindThenStep(_ handle: OpaquePointer, _ values: UnsafeBufferPointer<DatabaseValue>, from index: Int) -> CInt {
        guard index < values.count else { return sqlite3_step(handle) }
        let position = CInt(index + 1)
        switch values[index].storage {
        case .null: sqlite3_bind_null(handle, position)
        case .int64(let number): sqlite3_bind_int64(handle, position, number)
        case .double(let number): sqlite3_bind_double(handle, position, number)
        case .string(var text):
            return text.withUTF8 { bytes in
                if let base = bytes.baseAddress {
                    // Up to a NUL byte, as the look-ups (`bindKeys`) bind and `firstRow` reads.
                    let length = bytes.firstIndex(of: 0) ?? bytes.count
                    sqlite3_bind_text(handle, position, base, CInt(length), nil)
                } else {
                    sqlite3_bind_text(handle, position, "", 0, transient)
                }
                return bindThenStep(handle, values, from: index + 1)
            }
        case .blob(let data):
            return data.withUnsafeBytes { bytes in
                sqlite3_bind_blob(handle, position, bytes.baseAddress, CInt(bytes.count), transient)
                return bindThenStep(handle, values, from: index + 1)
            }
        }
        return bindThenStep(handle, values, from: index + 1)
    }

    /// The error of a failed step, with SQLite's message.
    private static func failure(_ code: CInt, _ statement: Statement, _ db: Database) -> DatabaseError {
        let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "error \(code)"
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }

    /// Binds text and integer values to a query's parameters, in order.
    private static func bindKeys(_ handle: OpaquePointer, _ values: [DatabaseValue]) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            if case .string(let text) = value.storage {
                _ = text.withCString { sqlite3_bind_text(handle, CInt(offset + 1), $0, -1, transient) }
            } else if case .int64(let number) = value.storage {
                sqlite3_bind_int64(handle, CInt(offset + 1), number)
            }
        }
    }

    /// Steps through a query's rows, calling `body` with the statement handle on each; read its
    /// columns with `text(_:_:)` and `double(_:_:)`. For the KPI report's million rows, where a
    /// GRDB `Row` per row costs more than SQLite's work.
    static func forEachRow(_ statement: Statement, _ values: [DatabaseValue], _ db: Database, _ body: (OpaquePointer) throws -> Void) throws {
        let handle = statement.sqliteStatement
        bindKeys(handle, values)
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw failure(code, statement, db)
            }
            try body(handle)
        }
    }

    /// A column of the current row as text; nil when it is NULL.
    static func text(_ handle: OpaquePointer, _ column: CInt) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
    }

    /// A column of the current row as a number; nil when it is NULL.
    static func double(_ handle: OpaquePointer, _ column: CInt) -> Double? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_double(handle, column)
    }

    /// The first row of a query as values (nil when there is none).
    static func firstRow(_ statement: Statement, _ values: [DatabaseValue], _ db: Database) throws -> [DatabaseValue]? {
        let handle = statement.sqliteStatement
        bindKeys(handle, values)
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else {
            throw failure(code, statement, db)
        }
        return (0..<sqlite3_column_count(handle)).map { column in
            switch sqlite3_column_type(handle, column) {
            case SQLITE_INTEGER: sqlite3_column_int64(handle, column).databaseValue
            case SQLITE_FLOAT: sqlite3_column_double(handle, column).databaseValue
            case SQLITE_TEXT: sqlite3_column_text(handle, column).map { String(cString: $0) }.databaseValue
            default: .null
            }
        }
    }
}
