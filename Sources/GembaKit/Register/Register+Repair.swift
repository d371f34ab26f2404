import Foundation
import GRDB
import GembaGit

/// What `gemba repair` did, and what it could not fix.
public struct RepairReport: Codable, Sendable {
    public var actions: [String] = []
    public var after: VerificationReport
}

extension Register {
    /// Fixes what a crash can leave behind and reports each action: stale lock files, temporary
    /// object files, and references that lag behind (or run ahead of) the register's record.
    /// The SQLite record is the truth: refs are rolled forward to it; nothing recorded is undone.
    public func repair() throws -> RepairReport {
        var actions: [String] = []
        try exclusively {
            let fm = FileManager.default
            let base = root.appendingPathComponent(Register.contentDirectory)
            // Under the register lock no gemba process is writing, so any lock file is stale.
            for lock in staleLockFiles() {
                try fm.removeItem(at: base.appendingPathComponent(lock))
                actions.append("removed stale lock file content.git/\(lock)")
            }
            if let walker = fm.enumerator(atPath: base.appendingPathComponent("objects").path) {
                while let path = walker.nextObject() as? String {
                    let name = (path as NSString).lastPathComponent
                    if name.hasPrefix("tmp_") || name.hasPrefix("tmp-") {
                        try fm.removeItem(at: base.appendingPathComponent("objects").appendingPathComponent(path))
                        actions.append("removed unfinished object file content.git/objects/\(path)")
                    }
                }
            }
            let recorded = try store.read { db in try GitRefRecord.fetchAll(db) }
            var known = Set<String>()
            for ref in recorded {
                known.insert(ref.name)
                guard let target = ObjectID(hex: ref.target) else { continue }
                let actual = try gitRef(ref.name)
                guard actual != target else { continue }
                guard repository.contains(target) else {
                    actions.append("could not restore \(ref.name): the recorded object \(target.hex.prefix(12)) is missing from content.git")
                    continue
                }
                try repository.setReference(ref.name, to: target, expecting: actual, logMessage: "gemba repair: roll forward to the register's record")
                actions.append("moved \(ref.name) from \(actual.map { String($0.hex.prefix(12)) } ?? "nothing") to \(target.hex.prefix(12)), as the register records")
            }
            // A draft branch whose deletion was recorded but not applied: delete it once it is
            // merged into main, so no draft content is lost.
            let main = try store.read { db in try recordedMain(db) }
            for (name, target) in try repository.references(glob: "refs/heads/drafts/*") where !known.contains(name) {
                if try repository.isAncestor(target, of: main) {
                    try repository.deleteReference(name, expecting: target)
                    actions.append("deleted \(name): its release is recorded and its commits are part of main")
                } else {
                    actions.append("left \(name) in place: it is not recorded and not merged into main; inspect it with git log")
                }
            }
            // Counts kept by triggers, left wrong or unkept by an edit outside gemba.
            let miscounted = try store.read { db in try TrainingDueCounts.problems(db) }
            if !miscounted.isEmpty {
                try store.write { db in try TrainingDueCounts.rebuild(db) }
                actions.append("restored the triggers of training_open_due and counted the open training assignments per due day again")
            }
            let released = try releaseDueRevisions()
            actions += released.map { "released \($0): its effective date has come" }
        }
        for action in actions { logger.notice("repair: \(action)") }
        return RepairReport(actions: actions, after: try verify())
    }
}
