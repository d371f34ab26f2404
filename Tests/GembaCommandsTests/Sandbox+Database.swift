import Foundation
import GRDB

/// Direct access to a register's SQLite file, for what only a hand edit outside gemba can do.
extension Sandbox {
    /// Runs SQL on `register.sqlite` and closes the file again.
    func execute(_ sql: String, in register: URL? = nil) throws {
        let queue = try DatabaseQueue(path: (register ?? self.register).appendingPathComponent("register.sqlite").path)
        try queue.write { db in try db.execute(sql: sql) }
        try queue.close()
    }

    /// The integer a query returns.
    func integer(_ sql: String, in register: URL? = nil) throws -> Int? {
        let queue = try DatabaseQueue(path: (register ?? self.register).appendingPathComponent("register.sqlite").path)
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: sql) }
    }
}
