import Foundation
import GRDB
import GRDBSQLite

/// Runs a prepared statement with positional values bound through SQLite's C API. For the
/// import's million rows: building GRDB `StatementArguments` per row costs more than SQLite's work.
/// Call only on the database's own queue (inside `store.write`).
enum SQLiteBinding {
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    static func execute(_ statement: Statement, _ values: [DatabaseValue], _ db: Database) throws {
        var parameters = Parameters()
        try parameters.execute(statement, db, count: values.count) { values[$0] }
    }

    /// Binds a statement's parameters and steps it once, without SQLite copying each text: the
    /// texts are gathered into one buffer, kept from statement to statement, and bound in place
    /// while it is held (an import binds twenty values for each of a million rows). Texts are
    /// bound up to a NUL byte, as the look-ups (`bindKeys`) bind them and `firstRow` reads them.
    struct Parameters {
        private var bytes: [UInt8] = []
        private var texts: [(position: CInt, start: Int, count: Int)] = []

        /// Binds `count` parameters, parameter `i + 1` to `value(i)`, steps the statement and
        /// clears the bindings: nothing bound outlives the step.
        mutating func execute(_ statement: Statement, _ db: Database, count: Int, value: (Int) -> DatabaseValue) throws {
            let handle = statement.sqliteStatement
            sqlite3_reset(handle)
            // One byte at least, so the buffer has an address for empty texts too.
            bytes.removeAll(keepingCapacity: true)
            bytes.append(0)
            texts.removeAll(keepingCapacity: true)
            for index in 0..<count {
                let position = CInt(index + 1)
                switch value(index).storage {
                case .null: sqlite3_bind_null(handle, position)
                case .int64(let number): sqlite3_bind_int64(handle, position, number)
                case .double(let number): sqlite3_bind_double(handle, position, number)
                case .string(var text):
                    let start = bytes.count
                    text.withUTF8 { utf8 in
                        let end = utf8.firstIndex(of: 0) ?? utf8.count
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[..<end]))
                    }
                    texts.append((position, start, bytes.count - start))
                case .blob(let data):
                    _ = data.withUnsafeBytes { blob in
                        guard let base = blob.baseAddress else { return sqlite3_bind_zeroblob(handle, position, 0) }
                        return sqlite3_bind_blob(handle, position, base, CInt(blob.count), transient)
                    }
                }
            }
            let code = bytes.withUnsafeBufferPointer { buffer in
                let base = buffer.baseAddress!
                for text in texts {
                    sqlite3_bind_text(handle, text.position, base + text.start, CInt(text.count), nil)
                }
                return sqlite3_step(handle)
            }
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            guard code == SQLITE_DONE else {
                throw failure(code, statement, db)
            }
        }
    }

    /// The error of a failed step, with SQLite's message.
    fileprivate static func failure(_ code: CInt, _ statement: Statement, _ db: Database) -> DatabaseError {
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

    /// A column of the current row as text as GRDB's `Row` reads it (up to its first NUL byte);
    /// nil when it is NULL.
    static func textToNUL(_ handle: OpaquePointer, _ column: CInt) -> String? {
        sqlite3_column_text(handle, column).map { String(cString: $0) }
    }

    /// A column of the current row as a number; nil when it is NULL.
    static func double(_ handle: OpaquePointer, _ column: CInt) -> Double? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_double(handle, column)
    }

    /// The first row of a query as values (nil when there is none), as GRDB's `Row` reads them
    /// (a text up to its first NUL byte).
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
            case SQLITE_TEXT: textToNUL(handle, column).databaseValue
            case SQLITE_BLOB:
                sqlite3_column_blob(handle, column).map { Data(bytes: $0, count: Int(sqlite3_column_bytes(handle, column))) }?.databaseValue
                    ?? Data().databaseValue
            default: .null
            }
        }
    }
}
