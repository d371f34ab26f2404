import Foundation
import Testing
@testable import GembaGit

/// A fresh temporary directory, removed after `body`.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("gembagit-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// A fresh bare repository in a temporary directory.
func withBareRepository<T>(_ body: (Repository) throws -> T) throws -> T {
    try withTemporaryDirectory { directory in
        let repository = try Repository.createBare(at: directory.appendingPathComponent("register.git", isDirectory: true))
        return try body(repository)
    }
}

struct GitCLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the stock git CLI against the bare repository, isolated from user/system config.
@discardableResult
func runGit(_ arguments: [String], in repository: Repository) throws -> GitCLIResult {
    let scratch = FileManager.default.temporaryDirectory
        .appendingPathComponent("gembagit-cli-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
    process.arguments = ["--git-dir=\(repository.path.path)"] + arguments
    process.environment = [
        "PATH": "/usr/bin:/bin",
        "HOME": scratch.path,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "LC_ALL": "C",
        "TZ": "UTC",
    ]
    process.standardOutput = outHandle
    process.standardError = errHandle
    try process.run()
    process.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    return GitCLIResult(
        status: process.terminationStatus,
        stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
        stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}

let alice = GitPerson(name: "Alice Author", email: "alice@example.com", time: Date(timeIntervalSince1970: 1_700_000_000))
let quentin = GitPerson(name: "Quentin Quality", email: "quentin@example.com", time: Date(timeIntervalSince1970: 1_700_086_400))

func blob(_ text: String, in repository: Repository) throws -> ObjectID {
    try repository.writeBlob(Data(text.utf8))
}

/// Writes a tree holding `files` (path -> text) on top of `base`.
func tree(_ files: [String: String], base: ObjectID? = nil, in repository: Repository) throws -> ObjectID {
    var edits: [TreeEdit] = []
    for (path, text) in files.sorted(by: { $0.key < $1.key }) {
        edits.append(.upsertFile(path: path, blob: try blob(text, in: repository)))
    }
    return try repository.tree(base: base, applying: edits)
}

/// Runs `body` and returns the GitError it throws (records an issue if it throws nothing or something else).
func gitError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> GitError? {
    do {
        try body()
        Issue.record("expected a GitError, nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as GitError {
        return error
    } catch {
        Issue.record("expected a GitError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
