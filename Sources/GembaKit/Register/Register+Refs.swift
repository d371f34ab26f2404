import Foundation
import GRDB
import GembaGit

/// A move of one git reference, decided inside a SQLite transaction and applied after it commits.
struct RefMove: Sendable {
    let name: String
    let from: ObjectID?
    let to: ObjectID?
}

extension Register {
    /// Where the register says a reference points.
    func recordedRef(_ db: Database, _ name: String) throws -> ObjectID? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT target FROM git_ref WHERE name = ?"), arguments: [name]).flatMap(ObjectID.init(hex:))
    }

    func recordedMain(_ db: Database) throws -> ObjectID {
        guard let main = try recordedRef(db, Register.mainRef) else {
            throw GembaError(.integrity, "the register records no main branch; run `gemba verify`")
        }
        return main
    }

    /// Records a reference move in `git_ref` (with its audit-trail entry) and returns the move to
    /// apply to content.git once the transaction has committed.
    func recordRef(_ db: Database, _ name: String, to target: ObjectID?, by actor: Actor) throws -> RefMove {
        let from = try recordedRef(db, name)
        try AuditTrail.track(db, .gitRef, key: name, action: target == nil ? "ref.delete" : "ref.set", by: actor) {
            if let target {
                try GitRefRecord(name: name, target: target.hex).save(db)
            } else {
                _ = try GitRefRecord.deleteOne(db, key: name)
            }
        }
        return RefMove(name: name, from: from, to: target)
    }

    /// Records a reference the register has never had (a new tag): inserted, so it fails if the
    /// name is taken, without reading a previous target. Its move is from nothing.
    func recordNewRef(_ db: Database, _ name: String, to target: ObjectID, by actor: Actor) throws {
        try AuditTrail.trackInsert(db, .gitRef, key: name, action: "ref.set", by: actor) {
            try GitRefRecord(name: name, target: target.hex).insertPrepared(db)
        }
    }

    /// Fails before anything is written when content.git's references disagree with the record
    /// (a write interrupted between the SQLite commit and the ref move).
    func requireRefsInSync(_ names: [String]) throws {
        let recorded = try store.read { db in try names.map { try recordedRef(db, $0) } }
        for (name, expected) in zip(names, recorded) {
            let actual = try gitRef(name)
            if actual != expected {
                throw GembaError(.integrity, "content.git's \(name) does not match the register (an interrupted write?); run `gemba repair`")
            }
        }
    }

    func gitRef(_ name: String) throws -> ObjectID? {
        do { return try repository.reference(name) } catch {
            throw GembaError(.storage, "cannot read \(name) in content.git: \(error)")
        }
    }

    /// Applies ref moves compare-and-swap, after the SQLite commit that recorded them. Moves of
    /// one reference in a batch become one move, from its first old target to its last new one;
    /// many new references (a batch of releases' tags) are written as one `packed-refs` file.
    func apply(_ moves: [RefMove]) throws {
        var names: [String] = []
        var merged: [String: RefMove] = [:]
        for move in moves {
            if let earlier = merged[move.name] {
                merged[move.name] = RefMove(name: move.name, from: earlier.from, to: move.to)
            } else {
                names.append(move.name)
                merged[move.name] = move
            }
        }
        let collapsed = names.compactMap { merged[$0] }.filter { $0.from != $0.to }
        let created = collapsed.filter { $0.from == nil }.compactMap { move in move.to.map { (name: move.name, target: $0) } }
        let packCreated = created.count >= Register.packedReferenceThreshold
        for move in collapsed where !(packCreated && move.from == nil) {
            do {
                logger.debug("moving \(move.name)", metadata: ["from": "\(move.from?.hex ?? "none")", "to": "\(move.to?.hex ?? "deleted")"])
                if let target = move.to {
                    try repository.setReference(move.name, to: target, expecting: move.from, logMessage: "gemba: \(move.name)")
                } else if let from = move.from {
                    try repository.deleteReference(move.name, expecting: from)
                }
            } catch {
                throw GembaError(.integrity, "recorded, but content.git's \(move.name) could not be moved (\(error)); run `gemba repair`")
            }
        }
        if packCreated {
            do {
                try repository.createPackedReferences(created)
            } catch {
                throw GembaError(.integrity, "recorded, but content.git's \(created.count) new references could not be written (\(error)); run `gemba repair`")
            }
        }
    }

    /// From this many new references in one write, they go into `packed-refs` in one file write.
    static let packedReferenceThreshold = 16
}
