import Foundation
import GRDB
import GembaGit

extension Register {
    /// Documents checked together by `verify`, with everything that names them (smaller in tests,
    /// so a few documents make several batches).
    @TaskLocal static var verificationBatchSize = 1_000

    /// Every revision against its draft, tag and release commit, every signature against the
    /// content it signed and its review cycle, and main against the effective revisions. The
    /// documents are read a thousand at a time in ID order, each batch with its revisions,
    /// signatures, review cycles and imports, so memory stays flat whatever the register's size.
    func verifyRevisions(_ report: inout VerificationReport) throws {
        var revisionProblems: [String] = [], signatureProblems: [String] = [], mainProblems: [String] = [], stateProblems: [String] = []
        var documents = 0, revisions = 0, signatures = 0
        let main = try store.read { db in try recordedMain(db) }
        let mainFolders = try folders(inTree: try repository.commit(main).tree)
        try forEachVerificationBatch { db, batch in
            documents += batch.documents.count
            revisions += batch.revisions.count
            signatures += batch.signatures.count
            revisionProblems += try revisionProblemsOf(batch)
            signatureProblems += signatureProblemsOf(batch)
            mainProblems += try mainProblemsOf(batch, mainFolders: mainFolders)
            stateProblems += try signedRevisionProblems(db, batch)
        }
        report.problems += revisionProblems + signatureProblems + mainProblems + stateProblems
        report.checked["revisions"] = revisions
        report.checked["signatures"] = signatures
        report.checked["documents"] = documents
    }

    /// Runs `body` on every batch of documents in ID order, each in its own read transaction.
    func forEachVerificationBatch(_ body: (Database, VerificationBatch) throws -> Void) throws {
        var after: String?
        var more = true
        while more {
            try store.read { db in
                let batch = try VerificationBatch(db, after: after, size: Register.verificationBatchSize)
                try body(db, batch)
                more = !batch.isLast
                after = batch.documents.last?.id
            }
        }
    }

    private func revisionProblemsOf(_ batch: VerificationBatch) throws -> [String] {
        var problems: [String] = []
        let signOffs = Register.expectedSignOffs(signatures: batch.signatures, cycles: batch.cycles, imports: batch.imports)
        for revision in batch.revisions {
            let name = "\(revision.documentId) rev \(revision.letter)"
            guard let draft = ObjectID(hex: revision.draftCommit), let draftTree = ObjectID(hex: revision.draftTree) else {
                problems.append("\(name): invalid git object id in its record")
                continue
            }
            if (try? folder(revision.documentId, in: draft)) != draftTree {
                problems.append("\(name): draft commit \(draft.hex.prefix(12)) does not hold the recorded content tree")
            }
            guard let releaseHex = revision.releaseCommit else { continue }
            guard let release = ObjectID(hex: releaseHex), let tagHex = revision.tagObject, let tagID = ObjectID(hex: tagHex) else {
                problems.append("\(name): invalid release ids in its record")
                continue
            }
            do {
                let tag = try repository.tag(tagID)
                if tag.target != release || tag.name != Register.tagName(revision.documentId, revision.letter) {
                    problems.append("\(name): tag \(tag.name) does not point at the release commit")
                }
                let commit = try repository.commit(release)
                if let problem = Register.signOffProblem(name, commitMessage: commit.message, expected: signOffs[revision.key] ?? []) {
                    problems.append(problem)
                }
                if commit.parents.count != 2 || commit.parents[1] != draft {
                    problems.append("\(name): release commit \(release.hex.prefix(12)) is not built on the signed draft \(draft.hex.prefix(12))")
                }
                if let released = try folder(revision.documentId, in: release) {
                    let signedFiles = try fileIDs(draftTree)
                    let releasedFiles = try fileIDs(released)
                    if signedFiles.filter({ $0.key != DocumentTree.metaFile }) != releasedFiles.filter({ $0.key != DocumentTree.metaFile }) {
                        problems.append("\(name): the released files differ from the signed files")
                    }
                } else {
                    problems.append("\(name): release commit \(release.hex.prefix(12)) has no \(DocumentTree.path(revision.documentId))")
                }
            } catch {
                problems.append("\(name): cannot read its release from content.git (\(error))")
            }
        }
        return problems
    }

    private func signatureProblemsOf(_ batch: VerificationBatch) -> [String] {
        var problems: [String] = []
        let cyclesByID = Dictionary(batch.cycles.compactMap { c in c.id.map { ($0, c) } }) { first, _ in first }
        for signature in batch.signatures {
            let name = "signature \(signature.id ?? 0) (\(signature.printedName), \(signature.meaning), \(signature.documentId) rev \(signature.revisionLetter))"
            guard let commit = ObjectID(hex: signature.commitId) else {
                problems.append("\(name): invalid commit id")
                continue
            }
            if (try? folder(signature.documentId, in: commit))??.hex != signature.treeId {
                problems.append("\(name): the signed commit \(signature.commitId.prefix(12)) no longer holds the signed tree \(signature.treeId.prefix(12))")
            }
            guard let cycle = cyclesByID[signature.cycleId] else {
                problems.append("\(name): its review cycle \(signature.cycleId) is missing")
                continue
            }
            if cycle.pinnedCommit != signature.commitId || cycle.pinnedTree != signature.treeId {
                problems.append("\(name): signs different content than its review cycle pinned")
            }
            if let misfit = signatureFitsCycle(signature, cycle) {
                problems.append("\(name): \(misfit)")
            }
        }
        return problems
    }

    /// main holds exactly the effective revisions of documents that are not obsolete, each once.
    private func mainProblemsOf(_ batch: VerificationBatch, mainFolders: [String: [ObjectID]]) throws -> [String] {
        var problems: [String] = []
        let byKey = Dictionary(batch.revisions.map { ($0.key, $0) }) { first, _ in first }
        for document in batch.documents {
            let held = mainFolders[document.id] ?? []
            if held.count > 1 {
                problems.append("\(document.id): main holds its folder twice, at \(DocumentTree.path(document.id)) and at \(DocumentTree.flatPath(document.id))")
            }
            let inMain = held.first
            if let letter = document.effectiveRevision, document.obsoleteAt == nil {
                let expected = try byKey["\(document.id)/\(letter)"]?.releaseCommit.flatMap(ObjectID.init(hex:)).flatMap { try folder(document.id, in: $0) }
                if inMain == nil || inMain != expected {
                    problems.append("\(document.id): main does not hold effective revision \(letter)")
                }
            } else if inMain != nil {
                problems.append("\(document.id): main holds a folder for a document that is not effective")
            }
        }
        return problems
    }

    /// Every document folder in a tree, by ID, read in one pass: at its group's place first,
    /// then in the flat layout of registers made before 2026-11-26 (two entries: held twice).
    /// Folders under `documents/` whose ID ends in a digit are flat; the others are groups.
    func folders(inTree tree: ObjectID) throws -> [String: [ObjectID]] {
        guard let documents = try repository.entry(atPath: "documents", inTree: tree), documents.kind == .tree else { return [:] }
        var grouped: [String: ObjectID] = [:], flat: [String: ObjectID] = [:]
        for entry in try repository.entries(ofTree: documents.id) where entry.kind == .tree {
            if entry.name.last?.isASCIIDigit == true {
                flat[entry.name] = entry.id
            } else {
                for folder in try repository.entries(ofTree: entry.id) where folder.kind == .tree && DocumentTree.group(folder.name) == entry.name {
                    grouped[folder.name] = folder.id
                }
            }
        }
        var result: [String: [ObjectID]] = grouped.mapValues { [$0] }
        for (id, folder) in flat { result[id, default: []].append(folder) }
        return result
    }
}

/// One batch of `verifyRevisions`: documents with IDs after `after` (up to `size` of them), and
/// the revisions, signatures, review cycles and imports naming an ID in the same span. The span
/// of the first batch is open below and that of the last open above, so rows naming a document
/// that does not exist are checked too.
struct VerificationBatch {
    let documents: [DocumentRecord]
    let revisions: [RevisionRecord]
    let signatures: [SignatureRecord]
    /// The batch's cycles, and any other cycle one of its signatures names.
    let cycles: [ReviewCycleRecord]
    let imports: [Row]
    let isLast: Bool

    init(_ db: Database, after: String?, size: Int) throws {
        var request = DocumentRecord.order(Column("id"))
        if let after { request = request.filter(Column("id") > after) }
        documents = try request.limit(size).fetchAll(db)
        isLast = documents.count < size
        let upTo = isLast ? nil : documents.last?.id
        func span(_ column: String) -> (sql: String, arguments: StatementArguments) {
            var conditions: [String] = [], arguments: StatementArguments = []
            if let after {
                conditions.append("\(column) > ?")
                arguments += [after]
            }
            if let upTo {
                conditions.append("\(column) <= ?")
                arguments += [upTo]
            }
            return (conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), arguments)
        }
        let byDocument = span("document_id")
        revisions = try RevisionRecord.filter(sql: byDocument.sql, arguments: byDocument.arguments).order(Column("document_id"), Column("seq")).fetchAll(db)
        signatures = try SignatureRecord.filter(sql: byDocument.sql, arguments: byDocument.arguments).order(Column("id")).fetchAll(db)
        var cycles = try ReviewCycleRecord.filter(sql: byDocument.sql, arguments: byDocument.arguments).fetchAll(db)
        let known = Set(cycles.compactMap(\.id))
        let elsewhere = Set(signatures.map(\.cycleId)).subtracting(known)
        if !elsewhere.isEmpty { cycles += try ReviewCycleRecord.fetchAll(db, keys: elsewhere.sorted()) }
        self.cycles = cycles
        let byImport = span("a.document_id")
        imports = try Row.fetchAll(db, sql: """
            SELECT a.document_id || '/' || a.letter AS revision_key, i.printed_name, i.imported_by, i.meaning, i.signed_at
            FROM legacy_approval a JOIN document_import i ON i.id = a.import_id
            WHERE \(byImport.sql)
            """, arguments: byImport.arguments)
    }
}
