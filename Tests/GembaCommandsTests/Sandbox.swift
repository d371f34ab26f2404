import Foundation
import GembaKit
import Testing

/// The people of a small test plant, each with the password they sign with.
enum Staff {
    struct Member: Sendable {
        let username: String
        let name: String
        let roles: [String]
        let password: String
    }

    static let admin = Member(username: "ada", name: "Ada Admin", roles: ["admin"], password: "ada-password-1")
    static let author = Member(username: "alice", name: "Alice Author", roles: ["author"], password: "alice-password-1")
    static let reviewer = Member(username: "bob", name: "Bob Reviewer", roles: ["reviewer"], password: "bob-password-1")
    static let approver = Member(username: "carol", name: "Carol Approver", roles: ["approver"], password: "carol-password-1")
}

/// A fresh temporary folder for one test: a copy of the shipped policies made fast
/// (`scrypt_n: 1024`), a register path inside it, and runners for gemba and stock git.
struct Sandbox {
    let folder: URL

    var register: URL { folder.appendingPathComponent("register") }
    var policies: URL { folder.appendingPathComponent("policies") }
    var content: URL { register.appendingPathComponent("content.git") }
    var database: URL { register.appendingPathComponent("register.sqlite") }

    /// Runs `body` in a new sandbox and removes the folder afterwards.
    static func with<T>(_ body: (Sandbox) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-cli-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sandbox = Sandbox(folder: folder)
        try sandbox.copyFastPolicies()
        return try body(sandbox)
    }

    private func copyFastPolicies() throws {
        try FileManager.default.copyItem(at: GembaExecutable.packageRoot.appendingPathComponent("policies"), to: policies)
        let settings = policies.appendingPathComponent("register.yaml")
        let text = try String(contentsOf: settings, encoding: .utf8)
        let fast = text.replacingOccurrences(of: #"scrypt_n: \d+"#, with: "scrypt_n: 1024", options: .regularExpression)
        try #require(fast.contains("scrypt_n: 1024"), "policies/register.yaml has no scrypt_n to lower")
        try fast.write(to: settings, atomically: true, encoding: .utf8)
    }

    // MARK: Running programs

    /// Runs gemba with exactly these arguments, in the sandbox folder.
    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Outcome {
        try start(arguments, stdin: stdin, environment: environment).finish()
    }

    /// Runs gemba on the sandbox's register (`--register` is appended).
    func gemba(_ arguments: String..., stdin: String? = nil) throws -> Outcome {
        try run(arguments + ["--register", register.path], stdin: stdin)
    }

    /// Starts gemba on the sandbox's register without waiting for it.
    func startGemba(_ arguments: [String], stdin: String? = nil) throws -> Subprocess {
        try start(arguments + ["--register", register.path], stdin: stdin)
    }

    func start(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Subprocess {
        try Subprocess(
            executable: GembaExecutable.url, arguments: arguments, displayName: "gemba", stdin: stdin, directory: folder,
            environment: GembaExecutable.cleanEnvironment.merging(environment) { _, new in new })
    }

    /// Runs stock git on the register's content.git, isolated from the machine's git config.
    func git(_ arguments: String..., gitDirectory: URL? = nil, environment: [String: String] = [:]) throws -> Outcome {
        var isolated = GembaExecutable.cleanEnvironment
        isolated["GIT_CONFIG_NOSYSTEM"] = "1"
        isolated["GIT_CONFIG_GLOBAL"] = "/dev/null"
        isolated["HOME"] = folder.path
        isolated["LC_ALL"] = "C"
        isolated.merge(environment) { _, new in new }
        let all = ["git", "--git-dir", (gitDirectory ?? content).path] + arguments
        return try Subprocess(
            executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: all, displayName: "env", stdin: nil, directory: folder,
            environment: isolated
        ).finish()
    }

    /// Writes a file in the sandbox folder and returns its name (relative to the folder).
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return name
    }

    // MARK: Givens

    /// `gemba init` with the fast policies, then the admin (first user, no --as) and the others
    /// added by the admin, the passwords piped on standard input.
    func setUpPlant(extra: [Staff.Member] = []) throws {
        let created = try run(["init", "--register", register.path, "--policies", policies.path])
        try #require(created.succeeded, "\(created)")
        try addUser(Staff.admin, by: nil)
        for member in [Staff.author, Staff.reviewer, Staff.approver] + extra { try addUser(member, by: Staff.admin) }
    }

    func addUser(_ member: Staff.Member, by admin: Staff.Member?) throws {
        var arguments = ["user", "add", member.username, "--name", member.name, "--password-stdin"]
        for role in member.roles { arguments += ["--role", role] }
        if let admin { arguments += ["--as", admin.username] }
        // The administrator's password first, then the new user's, one per line.
        let passwords = (admin.map { [$0.password] } ?? []) + [member.password]
        let added = try run(arguments + ["--register", register.path], stdin: passwords.joined(separator: "\n") + "\n")
        try #require(added.succeeded, "\(added)")
    }

    /// A new document of `type` written by `author`, sent for review. Returns its ID.
    func documentInReview(type: String, title: String, author: Staff.Member = Staff.author, file: String? = nil, options: [String] = []) throws -> String {
        let name = file ?? (type == "FORM" ? "form.csv" : "procedure.md")
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
            try write(name, name.hasSuffix(".csv") ? "check,done\nline empty,\n" : "# \(title)\n\n1. Do the work.\n")
        }
        let created = try run(["doc", "new", "--type", type, "--title", title, "--file", name, "--as", author.username] + options + ["--register", register.path])
        try #require(created.succeeded, "\(created)")
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let started = try gemba("review", "start", id, "--as", author.username, "--password-stdin", stdin: author.password + "\n")
        try #require(started.succeeded, "\(started)")
        return id
    }

    /// An effective SOP: written by the author, reviewed, approved.
    func effectiveSOP(title: String, file: String? = nil, options: [String] = []) throws -> String {
        let id = try documentInReview(type: "SOP", title: title, file: file, options: options)
        try sign(id, as: Staff.reviewer, meaning: "reviewed")
        try sign(id, as: Staff.approver, meaning: "approved")
        return id
    }

    func sign(_ id: String, as member: Staff.Member, meaning: String) throws {
        let signed = try gemba("review", "sign", id, "--as", member.username, "--meaning", meaning, "--password-stdin", stdin: member.password + "\n")
        try #require(signed.succeeded, "\(signed)")
    }

    // MARK: Reading the register

    func document(_ id: String) throws -> DocumentDetail {
        try decodeJSON(DocumentDetail.self, try gemba("doc", "history", id, "--json"))
    }

    func trail() throws -> [TrailEntry] {
        try decodeJSON([TrailEntry].self, try gemba("trail", "--json"))
    }

    /// What a command could have written: the audit trail, content.git's references and every
    /// file of content.git. Equal snapshots mean nothing was written.
    func snapshot() throws -> RegisterSnapshot {
        let refs = try git("for-each-ref", "--format=%(refname) %(objectname)")
        try #require(refs.succeeded, "\(refs)")
        return RegisterSnapshot(
            trail: try trail().map { "#\($0.seq) \($0.action) \($0.entityId)" }, references: refs.stdout,
            contentFiles: try files(under: content), registerFiles: Set(try FileManager.default.contentsOfDirectory(atPath: register.path)))
    }

    /// Relative paths of the files under `root`, with their sizes.
    func files(under root: URL) throws -> [String: Int] {
        var found: [String: Int] = [:]
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return found }
        while let path = walker.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(path).path)
            if attributes[.type] as? FileAttributeType == .typeRegular { found[path] = (attributes[.size] as? NSNumber)?.intValue ?? -1 }
        }
        return found
    }
}

struct RegisterSnapshot: Equatable {
    let trail: [String]
    let references: String
    let contentFiles: [String: Int]
    let registerFiles: Set<String>
}

/// `gemba doc show --json`.
struct ShownDocument: Decodable {
    let document: DocumentSummary
    let revision: RevisionView
    let attachments: [String]?
    let content: String?
}
