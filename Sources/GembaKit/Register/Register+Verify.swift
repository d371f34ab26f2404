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
    /// Opens a register for `gemba verify`: when the main branch it records cannot be read (its
    /// record was edited by hand), the policies come from content.git's own main instead, so
    /// verify can still say what is wrong rather than refuse to start.
    public static func openForVerification(at root: URL) throws -> Register {
        do {
            return try open(at: root)
        } catch let error as GembaError where error.kind == .integrity {
            let store = try Store.open(at: root.appendingPathComponent(databaseFile))
            let repository = try Repository.open(at: root.appendingPathComponent(contentDirectory))
            guard let main = try? repository.reference(mainRef), let tree = try? repository.commit(main).tree else { throw error }
            var files: [String: Data] = [:]
            for name in Policies.fileNames {
                if let entry = try? repository.entry(atPath: "policies/\(name)", inTree: tree), let data = try? repository.blob(entry.id) {
                    files[name] = data
                }
            }
            guard let policies = try? Policies.load(files: files) else { throw error }
            return Register(root: root, store: store, repository: repository, policies: policies, clock: SystemClock())
        }
    }

    /// Checks everything: SQLite integrity, the audit-trail chain and its agreement with every
    /// record, every git object, every reference against its record, every release and draft
    /// against the signed content.
    public func verify() throws -> VerificationReport {
        var report = VerificationReport()
        try store.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { report.problems += integrity.map { "register.sqlite: \($0)" } }
            report.checked["audit-trail entries"] = try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_trail") ?? 0
            // The trail first: its first problem names the first entry or row broken by hand.
            report.problems += try AuditTrail.verify(db)
            report.problems += try foreignKeyProblems(db)
            report.problems += try TrainingDueCounts.problems(db)
        }
        let objects = try repository.checkAllObjects()
        report.checked["git objects"] = objects.objectCount
        report.problems += objects.problems.map { "content.git: \($0)" }
        report.problems += staleLockFiles().map { "content.git: stale lock file \($0) (a write was interrupted); run `gemba repair`" }
        let checks: [(String, (inout VerificationReport) throws -> Void)] = [
            ("references", verifyReferences), ("revisions and signatures", verifyRevisions), ("training acknowledgements", verifyTraining),
            ("trail anchors", verifyTrailAnchors), ("CAPA signatures", verifyCAPASignatures), ("meeting minutes", verifyMeetingMinutes),
            ("request signatures", verifyRequestSignatures), ("imports", verifyImports), ("signed states", verifySignedStates),
        ]
        for (name, check) in checks {
            // A record edited by hand may not even decode; that is a finding, not a reason to stop.
            do { try check(&report) } catch {
                report.problems.append("\(name): cannot be checked, a record does not read back (\(error)); it was edited outside gemba")
            }
        }
        return report
    }

    /// Rows pointing at rows that do not exist, named by their key where the trail tracks them.
    private func foreignKeyProblems(_ db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
            let table: String = row[0] as String? ?? "?"
            let rowid: Int64 = row[1] as Int64? ?? 0
            let parent: String = row[2] as String? ?? "?"
            if let tracked = TrackedTable(rawValue: table),
                let key = try String.fetchOne(db, sql: "SELECT \(AuditTrail.keySQL(tracked)) FROM \(table) WHERE rowid = ?", arguments: [rowid]) {
                return "\(table) \(key): points at a missing \(parent); it was edited outside gemba"
            }
            return "register.sqlite: row \(rowid) of \(table) points at a missing \(parent)"
        }
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
