import Foundation
import GRDB
import GembaGit

/// The result of `gemba verify`.
public struct VerificationReport: Codable, Sendable {
    public var checked: [String: Int] = [:]
    public var problems: [String] = []
    public var isClean: Bool { problems.isEmpty }
}

extension Register {
    /// Checks everything: SQLite integrity, the audit-trail chain and its agreement with every
    /// record, every git object, every reference against its record, every release and draft
    /// against the signed content.
    public func verify() throws -> VerificationReport {
        var report = VerificationReport()
        try store.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { report.problems += integrity.map { "register.sqlite: \($0)" } }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                report.problems.append("register.sqlite: row \(row[1] as Int64? ?? 0) of \(row[0] as String? ?? "?") points at a missing \(row[2] as String? ?? "?")")
            }
            report.checked["audit-trail entries"] = try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_trail") ?? 0
            report.problems += try AuditTrail.verify(db)
        }
        let objects = try repository.checkAllObjects()
        report.checked["git objects"] = objects.objectCount
        report.problems += objects.problems.map { "content.git: \($0)" }
        report.problems += staleLockFiles().map { "content.git: stale lock file \($0) (a write was interrupted); run `gemba repair`" }
        try verifyReferences(&report)
        try verifyRevisions(&report)
        try verifyTraining(&report)
        try verifyTrailAnchors(&report)
        try verifyCAPASignatures(&report)
        try verifyMeetingMinutes(&report)
        try verifyRequestSignatures(&report)
        try verifyImports(&report)
        return report
    }

    /// Each commit on main's first-parent line names the trail entry that was newest when it was
    /// made; that entry must still have the same hash.
    private func verifyTrailAnchors(_ report: inout VerificationReport) throws {
        var next: ObjectID? = try store.read { db in try recordedMain(db) }
        var anchors = 0
        while let id = next {
            guard let commit = try? repository.commit(id) else { break }
            for line in commit.message.split(separator: "\n") where line.hasPrefix("Audit-trail: ") {
                let parts = line.split(separator: " ")
                guard parts.count == 3, let seq = Int64(parts[1]) else { continue }
                anchors += 1
                let hash = try store.read { db in try String.fetchOne(db, sql: "SELECT hash FROM audit_trail WHERE seq = ?", arguments: [seq]) }
                if hash != String(parts[2]) {
                    report.problems.append("audit trail: entry \(seq) differs from the hash recorded in commit \(id.hex.prefix(12)) on main; the trail was rewritten outside gemba")
                }
            }
            next = commit.parents.first
        }
        report.checked["trail anchors in git"] = anchors
    }

    private func verifyReferences(_ report: inout VerificationReport) throws {
        let recorded = try store.read { db in try GitRefRecord.fetchAll(db) }
        report.checked["references"] = recorded.count
        var known = Set<String>()
        for ref in recorded {
            known.insert(ref.name)
            let actual = try? repository.reference(ref.name)
            if actual?.hex != ref.target {
                let state = actual.map { "points at \($0.hex.prefix(12))" } ?? "is missing"
                let fix = (ObjectID(hex: ref.target).map(repository.contains) ?? false) ? "run `gemba repair`" : "the recorded object is missing from content.git"
                report.problems.append("content.git: \(ref.name) \(state), the register records \(ref.target.prefix(12)); \(fix)")
            }
        }
        for glob in ["refs/heads/*", "refs/tags/*"] {
            for (name, _) in try repository.references(glob: glob) where !known.contains(name) {
                report.problems.append("content.git: \(name) is not recorded by the register (made outside gemba, or left by an interrupted write); run `gemba repair`")
            }
        }
    }

    private func verifyRevisions(_ report: inout VerificationReport) throws {
        let (revisions, signatures, cycles, documents) = try store.read { db in
            (try RevisionRecord.fetchAll(db), try SignatureRecord.fetchAll(db), try ReviewCycleRecord.fetchAll(db), try DocumentRecord.fetchAll(db))
        }
        report.checked["revisions"] = revisions.count
        report.checked["signatures"] = signatures.count
        let cyclesByID = Dictionary(uniqueKeysWithValues: cycles.compactMap { c in c.id.map { ($0, c) } })
        for revision in revisions {
            let name = "\(revision.documentId) rev \(revision.letter)"
            guard let draft = ObjectID(hex: revision.draftCommit), let draftTree = ObjectID(hex: revision.draftTree) else {
                report.problems.append("\(name): invalid git object id in its record")
                continue
            }
            if (try? folder(revision.documentId, in: draft)) != draftTree {
                report.problems.append("\(name): draft commit \(draft.hex.prefix(12)) does not hold the recorded content tree")
            }
            guard let releaseHex = revision.releaseCommit else { continue }
            guard let release = ObjectID(hex: releaseHex), let tagHex = revision.tagObject, let tagID = ObjectID(hex: tagHex) else {
                report.problems.append("\(name): invalid release ids in its record")
                continue
            }
            do {
                let tag = try repository.tag(tagID)
                if tag.target != release || tag.name != Register.tagName(revision.documentId, revision.letter) {
                    report.problems.append("\(name): tag \(tag.name) does not point at the release commit")
                }
                let commit = try repository.commit(release)
                if commit.parents.count != 2 || commit.parents[1] != draft {
                    report.problems.append("\(name): release commit \(release.hex.prefix(12)) is not built on the signed draft \(draft.hex.prefix(12))")
                }
                if let released = try folder(revision.documentId, in: release) {
                    let signedFiles = try fileIDs(draftTree)
                    let releasedFiles = try fileIDs(released)
                    if signedFiles.filter({ $0.key != DocumentTree.metaFile }) != releasedFiles.filter({ $0.key != DocumentTree.metaFile }) {
                        report.problems.append("\(name): the released files differ from the signed files")
                    }
                } else {
                    report.problems.append("\(name): release commit \(release.hex.prefix(12)) has no \(DocumentTree.path(revision.documentId))")
                }
            } catch {
                report.problems.append("\(name): cannot read its release from content.git (\(error))")
            }
        }
        for signature in signatures {
            let name = "signature \(signature.id ?? 0) (\(signature.printedName), \(signature.meaning), \(signature.documentId) rev \(signature.revisionLetter))"
            guard let commit = ObjectID(hex: signature.commitId) else {
                report.problems.append("\(name): invalid commit id")
                continue
            }
            if (try? folder(signature.documentId, in: commit))??.hex != signature.treeId {
                report.problems.append("\(name): the signed commit \(signature.commitId.prefix(12)) no longer holds the signed tree \(signature.treeId.prefix(12))")
            }
            if let cycle = cyclesByID[signature.cycleId], cycle.pinnedCommit != signature.commitId || cycle.pinnedTree != signature.treeId {
                report.problems.append("\(name): signs different content than its review cycle pinned")
            }
        }
        // main holds exactly the effective revisions of documents that are not obsolete.
        let main = try store.read { db in try recordedMain(db) }
        let byKey = Dictionary(uniqueKeysWithValues: revisions.map { ($0.key, $0) })
        for document in documents {
            let inMain = (try? folder(document.id, in: main)) ?? nil
            if let letter = document.effectiveRevision, document.obsoleteAt == nil {
                let expected = try byKey["\(document.id)/\(letter)"]?.releaseCommit.flatMap(ObjectID.init(hex:)).flatMap { try folder(document.id, in: $0) }
                if inMain == nil || inMain != expected {
                    report.problems.append("\(document.id): main does not hold effective revision \(letter)")
                }
            } else if inMain != nil {
                report.problems.append("\(document.id): main holds a folder for a document that is not effective")
            }
        }
        report.checked["documents"] = documents.count
    }

    /// Lock files libgit2 leaves when a process dies during a ref update.
    func staleLockFiles() -> [String] {
        let base = root.appendingPathComponent(Register.contentDirectory)
        var found: [String] = []
        for top in ["HEAD.lock", "packed-refs.lock", "config.lock"] where FileManager.default.fileExists(atPath: base.appendingPathComponent(top).path) {
            found.append(top)
        }
        if let walker = FileManager.default.enumerator(atPath: base.appendingPathComponent("refs").path) {
            while let path = walker.nextObject() as? String {
                if path.hasSuffix(".lock") { found.append("refs/\(path)") }
            }
        }
        return found.sorted()
    }
}
