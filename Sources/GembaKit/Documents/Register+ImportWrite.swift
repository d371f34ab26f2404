import Crypto
import Foundation
import GRDB
import GembaGit

extension Register {
    /// Makes an import's git objects: every document's folder (as handed in, and as released with
    /// its legacy approval and the migration signature in meta.yaml), the draft and release
    /// commits and one tag per document. They are written as one pack on a thread of its own while
    /// the records are made; the records may commit only once `BatchPack.wait()` returned.
    func prepareImport(
        _ plan: [PlannedImport], source: ImportMetadata, importer: UserRecord, reason: String, at now: Date
    ) throws -> (PreparedImport, BatchPack) {
        let main = try store.read { db in try recordedMain(db) }
        let anchor = try trailAnchor()
        let person = GitPerson(name: importer.name, email: importer.email, time: now)
        let migration = DocumentMeta.SignatureLine(name: importer.name, username: importer.username, meaning: Register.migrationMeaning, signedAt: now, step: nil)
        let signOff = "Signed-off-by: \(importer.name) <\(importer.username)> \(Register.migrationMeaning) \(Timestamp.string(now))"
        return try repository.withObjectBatchPackedAside { batch in
            let mainTree = try batch.commit(main).tree
            var draftEdits: [TreeEdit] = [], releaseEdits: [TreeEdit] = [], folders: [ObjectID] = []
            draftEdits.reserveCapacity(plan.count)
            releaseEdits.reserveCapacity(plan.count)
            for item in plan {
                let row = item.row
                let data: Data
                do {
                    data = try Data(contentsOf: row.file)
                    try InputChecks.content(try ContentFile(name: "document.\(row.fileExtension)", data: data), type: row.type)
                } catch {
                    throw GembaError.invalid("\(source.name):\(row.line): column file: '\(row.path)' changed or vanished during the import (\(error)); nothing was imported")
                }
                var meta = DocumentMeta(
                    id: item.id, title: row.title, type: row.type.code, owner: item.owner, revision: row.letter, status: RevisionStatus.draft.rawValue,
                    changeReason: row.changeReason, changeClass: ChangeClass.major.rawValue, eco: row.eco,
                    mainFile: "\(item.id).\(row.fileExtension)", attachments: [])
                let draftFolder = try DocumentTree.write(meta: meta, main: data, attachments: [], in: batch)
                meta.status = RevisionStatus.effective.rawValue
                meta.effectiveDate = row.effectiveOn
                meta.signatures = [
                    .init(name: row.approvedBy, username: "paper", meaning: Register.legacyApprovalMeaning, signedAt: row.approvedOn.start, step: "legacy approval"),
                    migration,
                ]
                let releaseFolder = try DocumentTree.write(meta: meta, main: data, attachments: [], in: batch)
                draftEdits.append(.upsertTree(path: DocumentTree.path(item.id), tree: draftFolder))
                releaseEdits.append(.upsertTree(path: DocumentTree.path(item.id), tree: releaseFolder))
                folders.append(draftFolder)
            }
            let manifest = Register.importManifest(zip(plan, folders).map { ($0.id, $0.row.letter, $1.hex) })
            let header = "Import of \(plan.count) document\(plan.count == 1 ? "" : "s") from \(source.name)"
            let draft = try batch.createCommit(
                tree: try batch.tree(base: mainTree, applying: draftEdits), parents: [main], author: person, committer: person,
                message: "\(header): the files as handed in\n\nSource-sha256: \(source.sha256)\n")
            let releaseTree = try batch.tree(base: mainTree, applying: releaseEdits)
            let release = try batch.createCommit(
                tree: releaseTree, parents: [main, draft], author: person, committer: person,
                message: "\(header)\n\n\(reason)\n\nSource-sha256: \(source.sha256)\nManifest-sha256: \(manifest)\nSigned-commit: \(draft.hex)\n\(signOff)\n\(anchor)")
            var tags: [ObjectID] = []
            tags.reserveCapacity(plan.count)
            for item in plan {
                let row = item.row
                tags.append(try batch.createTagObject(
                    name: Register.tagName(item.id, row.letter), target: release, tagger: person,
                    message: "\(item.id) revision \(row.letter), effective \(row.effectiveOn) (imported from \(source.name) line \(row.line): \(row.path))\n\n"
                        + "Approved-on-paper: \(row.approvedBy) \(row.approvedOn)\n\(signOff)\n"))
            }
            let prepared = PreparedImport(
                draftCommit: draft, releaseCommit: release, releaseTree: releaseTree, parentMain: main, folders: folders, tags: tags, manifest: manifest)
            return (prepared, roots: [release] + tags)
        }
    }

    /// The meaning written for the paper approval a legacy system recorded.
    static let legacyApprovalMeaning = "approved on paper"

    /// SHA-256 over "ID REV TREE" lines sorted by ID: the content an import's signature covers.
    static func importManifest(_ items: [(id: String, letter: String, tree: String)]) -> String {
        let text = items.sorted { $0.id < $1.id }.map { "\($0.id) \($0.letter) \($0.tree)\n" }.joined()
        return SHA256.hash(data: Data(text.utf8)).lowercaseHex
    }

    /// Records an import in one transaction: the signed import, and per document its record, its
    /// effective revision, its paper approval, its areas and its tag; main moves to the release.
    func recordImport(
        _ db: Database, _ plan: [PlannedImport], _ prepared: PreparedImport, source: ImportMetadata, importer: UserRecord, reason: String,
        by actor: Actor
    ) throws -> (Int64, RefMove) {
        guard try recordedMain(db) == prepared.parentMain else {
            throw GembaError(.conflict, "main moved while the import was being prepared; nothing was imported, try again")
        }
        try resetFailedAttempts(db, importer, by: actor)
        var record = DocumentImportRecord(
            id: nil, source: source.name, sourceSha256: source.sha256, documents: plan.count, importedBy: importer.username,
            printedName: importer.name, meaning: Register.migrationMeaning, signedAt: actor.at, commitId: prepared.releaseCommit.hex,
            treeId: prepared.releaseTree.hex, manifestSha256: prepared.manifest, reason: reason)
        try record.insert(db)
        let importId = record.id ?? 0
        try AuditTrail.recordInsert(db, .documentImport, key: String(importId), action: "document.import-signed", by: actor)
        // Main is the one the plan was checked against (above), so is its training policy.
        let trainingPolicy = try trainingPolicy(db)
        for (index, item) in plan.enumerated() {
            let row = item.row
            let document = DocumentRecord(
                id: item.id, type: row.type.code, number: item.number, title: row.title, owner: item.owner,
                reviewIntervalMonths: row.reviewIntervalMonths, status: RevisionStatus.effective.rawValue, effectiveRevision: row.letter,
                latestRevision: row.letter, nextReviewDue: item.nextReview.description, lastReviewedOn: nil, createdAt: actor.at, obsoleteAt: nil)
            try AuditTrail.trackInsert(db, .document, key: item.id, action: "document.import", by: actor) { try document.insertPrepared(db) }
            let revision = RevisionRecord(
                documentId: item.id, letter: row.letter, seq: row.seq, status: RevisionStatus.effective.rawValue, title: row.title,
                author: importer.username, changeReason: row.changeReason, changeClass: ChangeClass.major.rawValue, eco: row.eco,
                mainFile: "\(item.id).\(row.fileExtension)", draftCommit: prepared.draftCommit.hex, draftTree: prepared.folders[index].hex,
                createdAt: actor.at, updatedAt: actor.at, approvedAt: row.approvedOn.start, effectiveOn: row.effectiveOn.description,
                effectiveAt: actor.at, releaseCommit: prepared.releaseCommit.hex, tagObject: prepared.tags[index].hex)
            try AuditTrail.trackInsert(db, .revision, key: revision.key, action: "revision.import", by: actor) { try revision.insertPrepared(db) }
            let approval = LegacyApprovalRecord(
                documentId: item.id, letter: row.letter, importId: importId, approvedBy: row.approvedBy, approvedOn: row.approvedOn.description,
                sourceFile: row.path)
            try AuditTrail.trackInsert(db, .legacyApproval, key: approval.key, action: "legacy-approval.record", by: actor) { try approval.insertPrepared(db) }
            try writeDocumentAreas(db, item.id, from: [], to: item.areas, policy: trainingPolicy, by: actor)
            try recordNewRef(db, Register.tagRef(item.id, row.letter), to: prepared.tags[index], by: actor)
        }
        return (importId, try recordRef(db, Register.mainRef, to: prepared.releaseCommit, by: actor))
    }
}
