import Foundation
import GRDB
import GembaGit
import Testing
@testable import GembaKit

/// The repository's `policies/` folder, found from this file's place in the checkout.
let shippedPolicyFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("policies", isDirectory: true)

/// The shipped policy files as text, by file name.
func shippedPolicyTexts() throws -> [String: String] {
    var texts: [String: String] = [:]
    for name in Policies.fileNames {
        texts[name] = try String(contentsOf: shippedPolicyFolder.appendingPathComponent(name), encoding: .utf8)
    }
    return texts
}

/// The shipped policies with `scrypt_n` lowered to 1024 (hashing is slow by design), after
/// applying `edits` (file name -> change of its text).
func testPolicyFiles(_ edits: [String: (String) -> String] = [:]) throws -> [String: Data] {
    var texts = try shippedPolicyTexts()
    guard let settings = texts["register.yaml"], settings.contains(/scrypt_n: *\d+/) else {
        throw GembaError(.policy, "policies/register.yaml has no scrypt_n to lower for the tests")
    }
    texts["register.yaml"] = settings.replacing(/scrypt_n: *\d+/, with: "scrypt_n: 1024")
    for (name, edit) in edits {
        texts[name] = edit(texts[name] ?? "")
    }
    return texts.mapValues { Data($0.utf8) }
}

/// Replaces the one line equal to `line` (ignoring surrounding spaces) by `replacement` lines.
func replacingLine(_ line: String, with replacement: [String]) -> (String) -> String {
    { text in
        var lines = text.components(separatedBy: "\n")
        if let index = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == line }) {
            lines.replaceSubrange(index...index, with: replacement)
        }
        return lines.joined(separator: "\n")
    }
}

/// The 1-based number of the first line of `text` that, trimmed, equals `line`; 0 if none.
func lineNumber(of line: String, in text: String) -> Int {
    let lines = text.components(separatedBy: "\n")
    return (lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == line } ?? -1) + 1
}

/// 2026-03-02 09:00:00 UTC, a Monday: where every test register's clock starts.
let startOfTests = Day(year: 2026, month: 3, day: 2).start.addingTimeInterval(9 * 3600)

/// The people of every test register: user name, printed name, roles.
let staff: [(String, String, [String])] = [
    ("ada", "Ada Admin", ["admin"]),
    ("alice", "Alice Author", ["author"]),
    ("carl", "Carl Coordinator", ["coordinator"]),
    ("rita", "Rita Reviewer", ["reviewer"]),
    ("pete", "Pete Approver", ["approver"]),
    ("pam", "Pam Approver", ["approver"]),
    ("quinn", "Quinn Quality", ["quality"]),
    ("vera", "Vera Versatile", ["reviewer", "approver"]),
    ("rob", "Rob Writer", ["author", "reviewer"]),
]

/// A fresh register in a temporary folder with the staff above, a manual clock, and helpers.
final class TestRegister {
    static let password = "correct horse battery"

    let folder: URL
    let root: URL
    let clock: ManualClock
    let register: Register

    init(policyFiles: [String: Data], folder: URL) throws {
        self.folder = folder
        root = folder.appendingPathComponent("register", isDirectory: true)
        clock = ManualClock(startOfTests)
        register = try Register.create(
            at: root, policyFiles: policyFiles, setupBy: GitPerson(name: "Ada Admin", email: "ada@example.com", time: startOfTests),
            clock: clock)
        for (username, name, roles) in staff {
            let new = NewUser(username: username, name: name, roles: roles, password: TestRegister.password)
            try register.addUser(new, by: username == "ada" ? nil : credentials("ada"))
        }
    }

    func credentials(_ username: String, password: String = TestRegister.password) -> SignerCredentials {
        SignerCredentials(username: username, password: password)
    }

    var today: Day { Day(clock.now()) }

    func advance(days: Int, hours: Int = 0) {
        clock.advance(seconds: TimeInterval(days * 86_400 + hours * 3600))
    }

    /// Sets the clock to 09:00 UTC of `day`.
    func move(to day: Day) {
        clock.set(day.start.addingTimeInterval(9 * 3600))
    }

    // MARK: Documents and reviews

    func markdown(_ text: String, name: String = "content.md") throws -> ContentFile {
        try ContentFile(name: name, data: Data(text.utf8))
    }

    @discardableResult
    func createDocument(
        _ type: String = "SOP", title: String = "Torque the wheel nuts", text: String = "# Steps\n\n1. Torque to 120 Nm.\n",
        by username: String = "alice", interval: Int? = nil, number: Int? = nil
    ) throws -> String {
        try register.createDocument(
            NewDocument(type: type, title: title, file: try markdown(text), reviewIntervalMonths: interval, number: number), by: username)
    }

    @discardableResult
    func startReview(_ id: String, by username: String = "alice", effectiveOn: Day? = nil) throws -> ReviewCycleView {
        try register.startRevisionReview(id, effectiveOn: effectiveOn, signer: credentials(username))
    }

    @discardableResult
    func sign(_ id: String, _ username: String, _ meaning: SignatureMeaning, password: String = TestRegister.password) throws -> SigningResult {
        try register.sign(id, meaning: meaning, signer: credentials(username, password: password))
    }

    /// Signs the standard route (review by rita, approval by pete) of a started review.
    @discardableResult
    func signStandardRoute(_ id: String) throws -> SigningResult {
        try sign(id, "rita", .reviewed)
        return try sign(id, "pete", .approved)
    }

    /// A document created by alice and released through the standard route; returns its ID.
    @discardableResult
    func releasedDocument(_ type: String = "SOP", text: String = "# Steps\n\n1. Torque to 120 Nm.\n", interval: Int? = nil) throws -> String {
        let id = try createDocument(type, text: text, interval: interval)
        try startReview(id)
        try signStandardRoute(id)
        return id
    }

    // MARK: Behind gemba's back

    /// A second handle on content.git, as another program would open it.
    func repository() throws -> Repository {
        try Repository.open(at: root.appendingPathComponent(Register.contentDirectory))
    }

    /// A plain SQLite connection to register.sqlite, as another program would open it.
    func database() throws -> DatabaseQueue {
        try DatabaseQueue(path: root.appendingPathComponent(Register.databaseFile).path)
    }

    /// The folder tree of a document in a commit, read with GembaGit.
    func folderTree(_ id: String, in commit: ObjectID) throws -> ObjectID? {
        let repository = try repository()
        return try repository.entry(atPath: DocumentTree.path(id), inTree: try repository.commit(commit).tree)?.id
    }

    /// The text of a file in a commit, read with GembaGit.
    func text(at path: String, in commit: ObjectID) throws -> String? {
        let repository = try repository()
        guard let entry = try repository.entry(atPath: path, inTree: try repository.commit(commit).tree) else { return nil }
        return String(decoding: try repository.blob(entry.id), as: UTF8.self)
    }

    func ref(_ name: String) throws -> ObjectID? {
        try repository().reference(name)
    }

    func actions(entity: String? = nil) throws -> [String] {
        try register.trail(entity: entity).map(\.action)
    }
}

/// Runs `body` with a fresh register built from the test policies (with `edits` applied), and
/// removes the register's folder afterwards.
func withRegister<T>(policies edits: [String: (String) -> String] = [:], _ body: (TestRegister) throws -> T) throws -> T {
    try withTemporaryFolder { folder in
        try body(try TestRegister(policyFiles: try testPolicyFiles(edits), folder: folder))
    }
}

/// A fresh temporary folder, removed after `body`.
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gembakit-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

extension Day {
    /// `Day("2026-03-02")` for literals the test knows are valid.
    static func on(_ text: String) throws -> Day {
        try #require(Day(text))
    }
}
