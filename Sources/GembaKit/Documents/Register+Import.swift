import Crypto
import Foundation
import GRDB
import GembaGit

/// What `gemba doc import` did.
public struct DocumentImportResult: Codable, Sendable {
    public let importId: Int64
    public let source: String
    public let documents: [ImportedDocument]
    public let commit: String
    public let signature: ImportSignatureView
}

public struct ImportedDocument: Codable, Sendable {
    public let line: Int
    public let file: String
    public let id: String
    public let revision: String
    public let effectiveDate: String
    public let nextReviewDue: String
    public let tag: String
}

/// One imported document, planned: its ID and number decided, ready to write.
struct PlannedImport {
    let row: ImportRow
    let id: String
    let number: Int
    let owner: String
    let areas: [String]
    let nextReview: Day
}

/// The git objects of an import: one draft commit holding every document as handed in, one
/// release commit on main (parents: main and that draft), and one annotated tag per document.
struct PreparedImport {
    let draftCommit: ObjectID
    let releaseCommit: ObjectID
    let releaseTree: ObjectID
    let parentMain: ObjectID
    /// Per document: its folder tree (the same in draft and release but for meta.yaml) and tag.
    let folders: [ObjectID]
    let tags: [ObjectID]
    /// SHA-256 over each document's "ID REV FOLDER-TREE" line, sorted: what the importer signs.
    let manifest: String
}

extension Register {
    /// The meaning of the importer's signature (21 CFR 11.50).
    public static let migrationMeaning = "migrated: verified to match the approved legacy copy"

    /// Imports documents approved on paper (a folder of files and a CSV of metadata) as effective
    /// controlled documents, all or nothing. The importer signs the migration once with their
    /// password; each document's first revision is released by one commit on main with one tag
    /// per document, and its periodic review is scheduled.
    public func importDocuments(folder: URL, metadata: URL, signer: SignerCredentials, reason: String? = nil) throws -> DocumentImportResult {
        let reason = try InputChecks.reason(reason ?? "Migration of \(metadata.lastPathComponent) from the legacy document system")
        return try exclusively {
            try releaseDueRevisions()
            _ = try store.read { db in try requirePermission(db, signer.username, .documentImport, to: "import documents") }
            let source = try ImportMetadata.read(metadata: metadata, folder: folder, policies: policies, today: today())
            let plan = try store.read { db in try planImport(db, source, defaultOwner: signer.username) }
            try requireRefsInSync([Register.mainRef])
            let tagged = try repository.existingReferences(among: plan.map { Register.tagRef($0.id, $0.row.letter) })
            for item in plan where tagged.contains(Register.tagRef(item.id, item.row.letter)) {
                throw GembaError(.integrity, "content.git already has the tag \(Register.tagName(item.id, item.row.letter)) that the register does not record; run `gemba repair`")
            }
            let importer = try authenticateSigner(signer.username, password: signer.password, for: "the import of \(plan.count) documents from \(source.name)")
            let now = now()
            let (prepared, pack) = try prepareImport(plan, source: source, importer: importer, reason: reason, at: now)
            // The pack is written while the records are made. They commit only once it is on disk;
            // on a failure the pack is still waited for, so no half-written file is left behind.
            defer { try? pack.wait() }
            let actor = Actor(username: importer.username, at: now, reason: reason)
            let (importId, mainMove) = try store.write { db in
                let recorded = try recordImport(db, plan, prepared, source: source, importer: importer, reason: reason, by: actor)
                try pack.wait()
                return recorded
            }
            try apply([mainMove])
            do {
                // Every tag object of the import names the release commit.
                try repository.createPackedReferences(
                    zip(plan, prepared.tags).map { (Register.tagRef($0.id, $0.row.letter), $1) },
                    peeled: Dictionary(prepared.tags.map { ($0, prepared.releaseCommit) }, uniquingKeysWith: { first, _ in first }))
            } catch {
                throw GembaError(.integrity, "recorded, but content.git's tags could not be written (\(error)); run `gemba repair`")
            }
            logger.info("imported \(plan.count) documents from \(source.name)")
            return DocumentImportResult(
                importId: importId, source: source.name,
                documents: plan.map {
                    ImportedDocument(
                        line: $0.row.line, file: $0.row.path, id: $0.id, revision: $0.row.letter, effectiveDate: $0.row.effectiveOn.description,
                        nextReviewDue: $0.nextReview.description, tag: Register.tagName($0.id, $0.row.letter))
                },
                commit: prepared.releaseCommit.hex,
                signature: ImportSignatureView(
                    name: importer.name, username: importer.username, meaning: Register.migrationMeaning, signedAt: now,
                    commit: prepared.releaseCommit.hex, contentVerified: true))
        }
    }

    /// Decides IDs (the CSV's or the next free numbers of each type) and checks what needs the
    /// records: owners, areas, IDs not taken.
    private func planImport(_ db: Database, _ source: ImportMetadata, defaultOwner: String) throws -> [PlannedImport] {
        func fail(_ row: ImportRow, _ column: String, _ problem: String) -> GembaError {
            GembaError.invalid("\(source.name):\(row.line): column \(column): \(problem); nothing was imported")
        }
        var taken: [String: Int] = [:]
        var highest: [String: Int] = [:]
        /// The highest number of a type so far: the register's, then the CSV's.
        func highestNumber(_ type: DocumentType) throws -> Int {
            if let known = highest[type.code] { return known }
            let recorded = try Int.fetchOne(db, sql: "SELECT max(number) FROM document WHERE type = ?", arguments: [type.code]) ?? 0
            highest[type.code] = recorded
            return recorded
        }
        for row in source.rows {
            guard let id = row.explicitID else { continue }
            if let earlier = taken[id] { throw fail(row, "id", "\(id) is also on line \(earlier)") }
            if try DocumentRecord.fetchOne(db, key: id) != nil { throw fail(row, "id", "\(id) is already in the register") }
            taken[id] = row.line
            let number = Int(id.dropFirst(row.type.prefix.count)) ?? 0
            highest[row.type.code] = max(try highestNumber(row.type), number)
        }
        var owners: [String: Bool] = [:]
        var plan: [PlannedImport] = []
        plan.reserveCapacity(source.rows.count)
        let trainingPolicy = try trainingPolicy(db)
        for row in source.rows {
            let owner = row.owner ?? defaultOwner
            if owners[owner] == nil {
                guard let user = try UserRecord.fetchOne(db, key: owner), user.active else {
                    throw fail(row, "owner", "no active user \(owner); `gemba user list` shows the users")
                }
                owners[owner] = true
            }
            let areas: [String]
            do { areas = try checkedDocumentAreas(db, row.areas, policy: trainingPolicy) } catch let error as GembaError { throw fail(row, "areas", error.message) }
            let number: Int
            if let id = row.explicitID {
                number = Int(id.dropFirst(row.type.prefix.count)) ?? 0
            } else {
                number = try highestNumber(row.type) + 1
                highest[row.type.code] = number
                guard String(number).count <= row.type.numberWidth else {
                    throw fail(row, "id", "no free \(row.type.code) number is left (\(row.type.numberWidth) digits)")
                }
            }
            let interval = row.reviewIntervalMonths ?? row.type.reviewIntervalMonths
            plan.append(PlannedImport(
                row: row, id: row.type.documentID(number: number), number: number, owner: owner, areas: areas,
                nextReview: row.nextReview ?? row.effectiveOn.addingMonths(interval)))
        }
        return plan
    }
}
