import Foundation
import GRDB
import GembaGit

extension Register {
    /// Creates a new register at `root` with the given policy files. The register is built in a
    /// sibling temporary folder and renamed into place, so a failure leaves nothing behind.
    public static func create(
        at root: URL, policyFiles: [String: Data], policyDirectory: String = "policies",
        setupBy person: GitPerson, clock: any Clock = SystemClock(), registerID: String = UUID().uuidString.lowercased(),
        settings extraInfo: [String: String] = [:]
    ) throws -> Register {
        _ = try Policies.load(files: policyFiles, directory: policyDirectory)
        let fm = FileManager.default
        if fm.fileExists(atPath: root.path) {
            let contents = (try? fm.contentsOfDirectory(atPath: root.path)) ?? ["?"]
            guard contents.isEmpty else {
                throw GembaError(.register, "\(root.path) already exists and is not empty; choose another --register")
            }
            try fm.removeItem(at: root)
        }
        let parent = root.deletingLastPathComponent()
        guard fm.fileExists(atPath: parent.path) else {
            throw GembaError(.register, "the folder \(parent.path) does not exist; create it first")
        }
        let staging = parent.appendingPathComponent(".\(root.lastPathComponent).creating-\(UUID().uuidString.prefix(8))")
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            try populate(staging, policyFiles: policyFiles, person: person, at: clock.now(), registerID: registerID, extraInfo: extraInfo)
            try fm.moveItem(at: staging, to: root)
        } catch {
            try? fm.removeItem(at: staging)
            if let error = error as? GembaError { throw error }
            throw GembaError(.storage, "cannot create the register at \(root.path): \(error)")
        }
        return try open(at: root, clock: clock)
    }

    private static func populate(
        _ folder: URL, policyFiles: [String: Data], person: GitPerson, at now: Date, registerID: String, extraInfo: [String: String]
    ) throws {
        let repository = try Repository.createBare(at: folder.appendingPathComponent(contentDirectory))
        var edits: [TreeEdit] = []
        for name in policyFiles.keys.sorted() {
            edits.append(.upsertFile(path: "policies/\(name)", blob: try repository.writeBlob(policyFiles[name] ?? Data())))
        }
        let tree = try repository.tree(base: nil, applying: edits)
        let author = GitPerson(name: person.name, email: person.email, time: now)
        let commit = try repository.createCommit(
            tree: tree, parents: [], author: author, committer: author,
            message: "Register created with its policies\n\nPolicies: \(policyFiles.keys.sorted().joined(separator: ", "))\n")
        let store = try Store.create(at: folder.appendingPathComponent(databaseFile))
        let actor = Actor(username: systemActor, at: now, reason: "register created by \(person.name) <\(person.email)>")
        try store.write { db in
            let info = ["format": "1", "created_at": Timestamp.string(now), "register_id": registerID].merging(extraInfo) { kept, _ in kept }
            for (key, value) in info.sorted(by: { $0.key < $1.key }) {
                try AuditTrail.track(db, .registerInfo, key: key, action: "register.create", by: actor) {
                    try db.execute(sql: "INSERT INTO register_info (key, value) VALUES (?, ?)", arguments: [key, value])
                }
            }
            try AuditTrail.track(db, .gitRef, key: mainRef, action: "ref.set", by: actor) {
                try GitRefRecord(name: mainRef, target: commit.hex).insert(db)
            }
        }
        try repository.setReference(mainRef, to: commit, expecting: nil, logMessage: "gemba: register created")
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(lockFile).path, contents: nil)
    }

    /// The person at the terminal, for commits made before any register user exists.
    public static func operatingSystemPerson() -> GitPerson {
        let environment = ProcessInfo.processInfo.environment
        let login = environment["USER"] ?? environment["LOGNAME"] ?? "gemba"
        let host = ProcessInfo.processInfo.hostName
        return GitPerson(name: login, email: "\(login)@\(host.isEmpty ? "localhost" : host)", time: Date())
    }
}
