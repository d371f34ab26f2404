import Foundation
import GRDB
import GembaGit

/// The importer's signature on a migration (21 CFR 11.50): printed name, UTC time, meaning.
public struct ImportSignatureView: Codable, Sendable, Equatable {
    public let name: String
    public let username: String
    public let meaning: String
    public let signedAt: String
    /// The import's release commit, which the signature binds with its tree and manifest.
    public let commit: String
    /// Whether the signed commit, tree and manifest still hold in content.git (checked when shown).
    public let contentVerified: Bool
    public let manifestation: String

    init(name: String, username: String, meaning: String, signedAt: Date, commit: String, contentVerified: Bool) {
        self.name = name
        self.username = username
        self.meaning = meaning
        self.signedAt = Timestamp.string(signedAt)
        self.commit = commit
        self.contentVerified = contentVerified
        manifestation = "\(meaning.prefix(1).uppercased() + meaning.dropFirst()) by \(name) (\(username)) on \(Timestamp.readable(signedAt))"
    }
}

/// How an imported revision was approved before Gemba: on paper, then migrated under signature.
public struct LegacyApprovalView: Codable, Sendable {
    public let approvedBy: String
    public let approvedOn: String
    /// The file as named in the import's CSV (relative to the imported folder).
    public let sourceFile: String
    public let importId: Int64
    public let source: String
    public let migration: ImportSignatureView
}

extension Register {
    /// The paper approvals of a document's imported revisions, by revision letter.
    func legacyApprovals(_ db: Database, _ id: String) throws -> [String: LegacyApprovalView] {
        let approvals = try LegacyApprovalRecord.filter(Column("document_id") == id).fetchAll(db)
        var views: [String: LegacyApprovalView] = [:]
        for approval in approvals {
            guard let record = try DocumentImportRecord.fetchOne(db, key: approval.importId) else { continue }
            views[approval.letter] = LegacyApprovalView(
                approvedBy: approval.approvedBy, approvedOn: approval.approvedOn, sourceFile: approval.sourceFile, importId: approval.importId,
                source: record.source,
                migration: ImportSignatureView(
                    name: record.printedName, username: record.importedBy, meaning: record.meaning, signedAt: record.signedAt,
                    commit: record.commitId, contentVerified: importSignatureHolds(db, record)))
        }
        return views
    }

    /// An import's signature still binds: its commit has the signed tree, and the manifest of its
    /// documents' folders (from the records) still hashes to what was signed.
    func importSignatureHolds(_ db: Database, _ record: DocumentImportRecord) -> Bool {
        importSignatureProblem(db, record) == nil
    }

    func importSignatureProblem(_ db: Database, _ record: DocumentImportRecord) -> String? {
        guard let commit = ObjectID(hex: record.commitId), let tree = try? repository.commit(commit).tree else {
            return "its commit \(record.commitId.prefix(12)) is missing from content.git"
        }
        guard tree.hex == record.treeId else { return "its commit \(record.commitId.prefix(12)) no longer has the signed tree" }
        let rows = (try? Row.fetchAll(db, sql: """
            SELECT r.document_id, r.letter, r.draft_tree, r.release_commit FROM legacy_approval a
            JOIN revision r ON r.document_id = a.document_id AND r.letter = a.letter WHERE a.import_id = ?
            """, arguments: [record.id])) ?? []
        guard rows.count == record.documents else { return "it signed \(record.documents) documents, the records hold \(rows.count)" }
        if let moved = rows.first(where: { ($0["release_commit"] as String?) != record.commitId }) {
            return "\(moved["document_id"] as String? ?? "?") was not released by the signed commit"
        }
        let manifest = Register.importManifest(rows.map { ($0["document_id"] as String? ?? "", $0["letter"] as String? ?? "", $0["draft_tree"] as String? ?? "") })
        return manifest == record.manifestSha256 ? nil : "the imported documents' content differs from what was signed"
    }

    /// `verify`: every import's signature still binds its content.
    func verifyImports(_ report: inout VerificationReport) throws {
        let problems = try store.read { db in
            try DocumentImportRecord.fetchAll(db).compactMap { record in
                importSignatureProblem(db, record).map { "document import \(record.id ?? 0) (\(record.source), signed by \(record.printedName)): \($0)" }
            }
        }
        report.checked["document imports"] = try store.read { db in try DocumentImportRecord.fetchCount(db) }
        report.problems += problems
    }
}
