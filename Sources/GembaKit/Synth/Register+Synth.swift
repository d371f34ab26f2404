import Foundation
import GRDB
import GembaGit

/// What `gemba synth` built.
public struct SynthSummary: Codable, Sendable {
    public struct Login: Codable, Sendable {
        public let username: String
        public let name: String
        public let roles: [String]
    }

    public let register: String
    public let command: String
    public let password: String
    public let logins: [Login]
    /// How many of each thing the history made: documents, releases, signatures, training...
    public let counts: [String: Int]
    public let trailEntries: Int64
    public let mainCommit: String
}

extension Register {
    /// Builds a large, realistic register from a seed (`gemba synth`): the same parameters give
    /// the same rows, trail hashes and git commit ids. It is written in bulk (packed objects and
    /// references, large transactions) but holds exactly what the services would have written,
    /// and says it is synthetic: `register_info.synthetic` names the command that built it.
    /// Built in a sibling folder and renamed into place, so a failure leaves nothing behind.
    public static func synthesize(
        _ parameters: SynthParameters, at root: URL, policyFiles: [String: Data], replace: Bool = false
    ) throws -> SynthSummary {
        try parameters.validate()
        let fm = FileManager.default
        if fm.fileExists(atPath: root.path) {
            let contents = (try? fm.contentsOfDirectory(atPath: root.path)) ?? ["?"]
            if !contents.isEmpty {
                guard replace else {
                    throw GembaError(.register, "\(root.path) already exists and is not empty; pass --replace to rebuild it, or choose another --register")
                }
                guard fm.fileExists(atPath: root.appendingPathComponent(databaseFile).path) else {
                    throw GembaError(.register, "\(root.path) exists and is not a gemba register; refusing to delete it")
                }
            }
        }
        let parent = root.deletingLastPathComponent()
        guard fm.fileExists(atPath: parent.path) else {
            throw GembaError(.register, "the folder \(parent.path) does not exist; create it first")
        }
        let staging = parent.appendingPathComponent(".\(root.lastPathComponent).synth-\(UUID().uuidString.prefix(8))")
        do {
            let summary = try build(parameters, at: staging, policyFiles: policyFiles)
            if fm.fileExists(atPath: root.path) { try fm.removeItem(at: root) }
            try fm.moveItem(at: staging, to: root)
            return SynthSummary(
                register: root.path, command: summary.command, password: summary.password, logins: summary.logins, counts: summary.counts,
                trailEntries: summary.trailEntries, mainCommit: summary.mainCommit)
        } catch let error as GembaError {
            try? fm.removeItem(at: staging)
            throw error
        } catch {
            if ProcessInfo.processInfo.environment["SYNTH_KEEP"] == nil { try? fm.removeItem(at: staging) }
            throw GembaError(.storage, "cannot build the synthetic register at \(root.path): \(error)")
        }
    }

    private static func build(_ parameters: SynthParameters, at folder: URL, policyFiles: [String: Data]) throws -> SynthSummary {
        let files = try SynthPolicies.files(from: policyFiles, for: parameters)
        let firstDay = parameters.end.addingDays(-365 * parameters.years - 7)
        let clock = ManualClock(firstDay.start.addingTimeInterval(7 * 3600))
        var idRandom = SynthRandom(seed: parameters.seed, stream: 0, salt: 1)
        let registerID = String(format: "%016llx%016llx", idRandom.next(), idRandom.next())
        let register = try Register.create(
            at: folder, policyFiles: files, setupBy: GitPerson(name: "gemba synth", email: "synth@gemba.invalid", time: clock.now()),
            clock: clock, registerID: registerID, settings: ["synthetic": parameters.commandLine])
        var peopleRandom = SynthRandom(seed: parameters.seed, stream: 0, salt: 2)
        let people = SynthPeople.make(parameters, random: &peopleRandom)
        let hashes = try passwordHashes(people, parameters: parameters, scrypt: register.policies.settings.scrypt)
        let (main, seq, head) = try register.store.read { db -> (ObjectID, Int64, String) in
            let row = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_trail ORDER BY seq DESC LIMIT 1")
            return (try register.recordedMain(db), row?["seq"] ?? 0, row?["hash"] ?? AuditTrail.genesisHash)
        }
        // A generator's output is rebuilt, not recovered: durability at the end is enough.
        try register.store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
        let engine = try SynthEngine(register: register, parameters: parameters, people: people, main: main, trailSeq: seq, trailHead: head)
        try engine.run(passwordHashes: hashes)
        try register.store.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        return SynthSummary(
            register: folder.path, command: parameters.commandLine, password: parameters.password,
            logins: people.map { SynthSummary.Login(username: $0.username, name: $0.name, roles: $0.roles) }, counts: engine.counts,
            trailEntries: engine.writer.seq, mainCommit: engine.main.hex)
    }

    /// Each person's first password hash (work factor at most 1024: an older policy's, replaced
    /// within the last year) and their current one, with salts from the seed; on every core.
    private static func passwordHashes(
        _ people: [SynthPerson], parameters: SynthParameters, scrypt: ScryptParameters
    ) throws -> [(initial: String, final: String)] {
        let lock = NSLock()
        nonisolated(unsafe) var results = [(initial: String, final: String)?](repeating: nil, count: people.count)
        nonisolated(unsafe) var failure: (any Error)?
        let initialParameters = ScryptParameters(n: min(1024, scrypt.n), r: scrypt.r, p: scrypt.p)
        DispatchQueue.concurrentPerform(iterations: people.count) { index in
            var random = SynthRandom(seed: parameters.seed, stream: UInt64(index), salt: 3)
            do {
                let initial = try PasswordHasher.hash("\(parameters.password)-initial", parameters: initialParameters, salt: random.salt())
                let final = try PasswordHasher.hash(parameters.password, parameters: scrypt, salt: random.salt())
                lock.withLock { results[index] = (initial, final) }
            } catch {
                lock.withLock { failure = error }
            }
        }
        if let failure { throw failure }
        return results.compactMap { $0 }
    }
}
