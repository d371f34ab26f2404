import Foundation
import GRDB

/// One `gemba doc import`: the CSV it read, who signed the migration, and the release commit that
/// brought its documents in. The signature binds the commit, its tree and a SHA-256 over every
/// imported document's ID, revision and folder tree (`manifestSha256`).
struct DocumentImportRecord: GembaMutableRecord, Equatable {
    static let databaseTableName = "document_import"
    var id: Int64?
    var source: String
    var sourceSha256: String
    var documents: Int
    var importedBy: String
    var printedName: String
    var meaning: String
    var signedAt: Date
    var commitId: String
    var treeId: String
    var manifestSha256: String
    var reason: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The paper approval of an imported revision, as the legacy system recorded it.
struct LegacyApprovalRecord: GembaRecord, Equatable {
    static let databaseTableName = "legacy_approval"
    var documentId: String
    var letter: String
    var importId: Int64
    var approvedBy: String
    var approvedOn: String
    var sourceFile: String

    var key: String { "\(documentId)/\(letter)" }
}

enum DocumentImportSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE document_import (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                source TEXT NOT NULL,
                source_sha256 TEXT NOT NULL CHECK (length(source_sha256) = 64),
                documents INTEGER NOT NULL CHECK (documents > 0),
                imported_by TEXT NOT NULL REFERENCES user(username),
                printed_name TEXT NOT NULL,
                meaning TEXT NOT NULL,
                signed_at TEXT NOT NULL,
                commit_id TEXT NOT NULL CHECK (length(commit_id) = 40),
                tree_id TEXT NOT NULL CHECK (length(tree_id) = 40),
                manifest_sha256 TEXT NOT NULL CHECK (length(manifest_sha256) = 64),
                reason TEXT NOT NULL
            );
            CREATE TABLE legacy_approval (
                document_id TEXT NOT NULL,
                letter TEXT NOT NULL,
                import_id INTEGER NOT NULL REFERENCES document_import(id),
                approved_by TEXT NOT NULL CHECK (length(approved_by) > 0),
                approved_on TEXT NOT NULL,
                source_file TEXT NOT NULL,
                PRIMARY KEY (document_id, letter),
                FOREIGN KEY (document_id, letter) REFERENCES revision(document_id, letter)
            );
            CREATE INDEX legacy_approval_import ON legacy_approval(import_id);
            """)
    }
}
