import Foundation
import GRDB

/// The register's SQLite database: one WAL `DatabasePool`, durable commits, immediate write
/// transactions, and a schema that an older gemba refuses to open.
final class Store: Sendable {
    let pool: DatabasePool

    static func configuration(readonly: Bool = false) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(15)
        config.readonly = readonly
        config.label = "gemba.register"
        config.prepareDatabase { db in
            // Signed records must survive power loss (REFERENCE.md section 8).
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // SQLite's default page cache is 2 MB per connection; a company register's lists
            // (open review cycles, late training) touch more pages than that, and read them
            // again on every call. 16 MB per connection, used only as pages are read.
            try db.execute(sql: "PRAGMA cache_size = -16384")
        }
        return config
    }

    /// Creates a new database file and applies every migration.
    static func create(at url: URL) throws -> Store {
        let pool = try DatabasePool(path: url.path, configuration: configuration())
        try Migrations.migrator.migrate(pool)
        return Store(pool: pool)
    }

    /// Opens an existing database, refusing one written by a newer gemba.
    static func open(at url: URL) throws -> Store {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw GembaError(.register, "\(url.path) is missing: this is not a complete register; run `gemba init` for a new one")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: url.path, configuration: configuration())
        } catch {
            throw GembaError.storage(from: error, near: url.deletingLastPathComponent()) ?? GembaError(.storage, "cannot open \(url.path): \(error)")
        }
        let migrator = Migrations.migrator
        let (superseded, applied) = try pool.read { db in
            (try migrator.hasBeenSuperseded(db), try migrator.appliedIdentifiers(db))
        }
        if superseded {
            let unknown = applied.subtracting(migrator.migrations).sorted().joined(separator: ", ")
            throw GembaError(.register, "\(url.path) was written by a newer version of gemba (schema \(unknown)); install that version or newer to open it")
        }
        if applied.count < migrator.migrations.count {
            try migrator.migrate(pool)
        }
        return Store(pool: pool)
    }

    private init(pool: DatabasePool) {
        self.pool = pool
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// One `BEGIN IMMEDIATE` transaction: all of `body` is committed durably, or none of it.
    ///
    /// `foreignKeys: false` turns SQLite's enforcement of foreign keys off for this transaction
    /// only (the pragma cannot change inside one), for a bulk load whose rows all name a parent
    /// the transaction itself has just written: `BatchWriter` explains what it saves. `body` then
    /// checks any other row it writes (`PRAGMA foreign_key_check`); `gemba verify` checks every
    /// foreign key of the register.
    func write<T>(foreignKeys: Bool = true, _ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            if !foreignKeys { try db.execute(sql: "PRAGMA foreign_keys = OFF") }
            defer {
                // Outside a transaction the pragma cannot fail; the connection serves every later write.
                if !foreignKeys { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            }
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            guard let result else { throw GembaError(.storage, "transaction finished without a result") }
            return result
        }
    }
}
