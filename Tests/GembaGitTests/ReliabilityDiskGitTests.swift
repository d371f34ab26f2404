import Foundation
import Testing
@testable import GembaGit
#if canImport(Glibc)
import Glibc
#endif

/// docs/reliability.md, "A full disk": libgit2 1.5's git_commit_create reports success when the
/// commit object could not be written. A commit on a full disk must throw instead of returning
/// the id of an object that does not exist (which gemba would then record, for good).
@Suite struct ReliabilityDiskGitTests {
    /// Nil when a tmpfs can be mounted here, else why not.
    static let refusal: String? = {
        guard getuid() == 0 else { return "not root" }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("gembagit-mount-probe-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: probe) }
        guard (try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)) != nil,
            run("/bin/mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe.path) == 0
        else { return "mount failed" }
        run("/bin/umount", probe.path)
        return nil
    }()

    @discardableResult
    static func run(_ arguments: String...) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A fresh bare repository on a 2 MB tmpfs mounted over a temporary directory; `fill` then
    /// fills the disk to the last byte.
    static func withRepositoryOnSmallDisk(_ body: (Repository, _ fill: () -> Void) throws -> Void) throws {
        try withTemporaryDirectory { directory in
            #expect(run("/bin/mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", directory.path) == 0)
            defer { run("/bin/umount", "-l", directory.path) }
            let repository = try Repository.createBare(at: directory.appendingPathComponent("content.git", isDirectory: true))
            try body(repository) {
                let filler = open(directory.appendingPathComponent("filler").path, O_WRONLY | O_CREAT, 0o644)
                let page = [UInt8](repeating: 0x5A, count: 4096)
                while write(filler, page, page.count) > 0 {}
                close(filler)
            }
        }
    }

    @Test(.enabled(if: ReliabilityDiskGitTests.refusal == nil, "a tmpfs cannot be mounted here (\(ReliabilityDiskGitTests.refusal ?? "")); needs root"))
    func aCommitOnAFullDiskThrowsInsteadOfReturningAMissingObject() throws {
        try Self.withRepositoryOnSmallDisk { repository, fill in
            // Given a repository on a 2 MB tmpfs holding a tree, and the disk then filled to the last byte
            let tree = try repository.tree(base: nil, applying: [.upsertFile(path: "a.txt", blob: try repository.writeBlob(Data("a\n".utf8)))])
            fill()

            // When a commit of that tree is created
            let person = GitPerson(name: "Ada", email: "ada@example.com", time: Date())
            var created: ObjectID?
            let error = #expect(throws: GitError.self) {
                created = try repository.createCommit(tree: tree, parents: [], author: person, committer: person, message: "On a full disk\n")
            }

            // Then it fails, saying why, and hands out no id
            #expect(created == nil)
            #expect(error?.message.contains("disk full") == true, "\(String(describing: error))")
        }
    }
}
