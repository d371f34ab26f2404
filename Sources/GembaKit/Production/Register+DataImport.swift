import Crypto
import Foundation
import GRDB

/// One import of a production-data file, as the trail records it.
public struct ImportBatch: Codable, Sendable, Equatable {
    public let id: Int64
    public let kind: String
    public let fileName: String
    public let fileSha256: String
    /// `generic`, `sap-pp`, `sap-pm` or a mapping of policies/imports.yaml.
    public let mapping: String
    public let rowsRead: Int
    public let rowsAdded: Int
    public let rowsUpdated: Int
    public let rowsSkipped: Int
    /// Confirmations this batch netted out (a reversal and its original).
    public let rowsReversed: Int
    public let importedBy: String
    public let importedAt: String
}

extension ImportBatch: FetchableRecord {
    public init(row: Row) throws {
        self.init(
            id: row["id"], kind: row["kind"], fileName: row["file_name"], fileSha256: row["file_sha256"], mapping: row["mapping"],
            rowsRead: row["rows_read"], rowsAdded: row["rows_added"], rowsUpdated: row["rows_updated"], rowsSkipped: row["rows_skipped"],
            rowsReversed: row["rows_reversed"], importedBy: row["imported_by"], importedAt: row["imported_at"])
    }
}

extension Register {
    /// Imports a CSV file of `kind` in one transaction: every row, or nothing when one row is bad
    /// (`FILE:LINE: column X: ...`). Re-importing a file adds nothing. Needs `data.import`.
    /// `name` is how errors name the file (default: its path).
    public func importData(_ kind: ImportKind, file: URL, name: String? = nil, mapping mappingName: String? = nil, by username: String) throws -> ImportBatch {
        let display = name ?? file.path
        let bytes: [UInt8]
        do {
            bytes = try CSVReader.contents(of: file)
        } catch {
            throw GembaError.invalid("\(display): cannot read the file (\(error.localizedDescription))")
        }
        let plant = try plantPolicy()
        let mapping = try importMapping(mappingName, for: kind)
        let digest = SHA256.hash(data: bytes).lowercaseHex
        return try exclusively {
            // Foreign keys unenforced (BatchWriter: no statement journal): every row names `batchID`,
            // and the batch row's own key is checked before the commit.
            try store.write(foreignKeys: false) { db in
                _ = try requirePermission(db, username, .dataImport, to: "import production data")
                let actor = Actor(username: username, at: now())
                try db.execute(sql: """
                    INSERT INTO import_batch (kind, file_name, file_sha256, mapping, rows_read, rows_added, rows_updated, rows_skipped,
                        rows_reversed, imported_by, imported_at) VALUES (?, ?, ?, ?, 0, 0, 0, 0, 0, ?, ?)
                    """, arguments: [kind.rawValue, file.lastPathComponent, digest, mapping.name, username, Timestamp.string(actor.at)])
                let batchID = db.lastInsertedRowID
                let reader = CSVReader(bytes: bytes, file: display)
                guard try reader.next() else { throw GembaError.invalid("\(display): the file is empty; it needs a header line and rows") }
                let header = (0..<reader.fieldCount).map { mapping.column(forHeader: reader.text($0)) }
                let source = try ImportRowSource(reader: reader, header: header, kind: kind, mapping: mapping, plant: plant)
                var writer = try BatchWriter(db, kind: kind, batchID: batchID)
                let read = try ImportPipeline.run(kind, from: source) { rows in
                    try writer.store(rows, db, file: display)
                }
                try db.execute(sql: """
                    UPDATE import_batch SET rows_read = ?, rows_added = ?, rows_updated = ?, rows_skipped = ?, rows_reversed = ? WHERE id = ?
                    """, arguments: [read, writer.added, writer.updated, writer.skipped, writer.reversed, batchID])
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM pragma_foreign_key_check('import_batch') WHERE rowid = ?", arguments: [batchID]) != nil {
                    throw GembaError(.storage, "\(display): the importing user '\(username)' is not in this register; nothing from the file was imported")
                }
                try AuditTrail.recordInsert(db, .importBatch, key: String(batchID), action: "data.import", by: actor)
                return try ImportBatch.fetchOne(db, sql: "SELECT * FROM import_batch WHERE id = ?", arguments: [batchID])
                    ?? ImportBatch(id: batchID, kind: kind.rawValue, fileName: file.lastPathComponent, fileSha256: digest, mapping: mapping.name,
                                   rowsRead: read, rowsAdded: writer.added, rowsUpdated: writer.updated, rowsSkipped: writer.skipped,
                                   rowsReversed: writer.reversed, importedBy: username, importedAt: Timestamp.string(actor.at))
            }
        }
    }

    /// Every import, newest first.
    public func importBatches(kind: ImportKind? = nil) throws -> [ImportBatch] {
        try store.read { db in
            try ImportBatch.fetchAll(
                db, sql: "SELECT * FROM import_batch WHERE ?1 IS NULL OR kind = ?1 ORDER BY id DESC", arguments: [kind?.rawValue])
        }
    }
}
