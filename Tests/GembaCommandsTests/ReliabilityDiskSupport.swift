import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A small tmpfs mounted over a sandbox folder, so the register, its inputs and its outputs live
/// on a disk that can be filled to the last byte. Needs root (CAP_SYS_ADMIN).
struct SmallDisk {
    let folder: URL
    private var filler: URL { folder.appendingPathComponent("filler") }

    /// Whether this process may mount a tmpfs; the reason when it may not.
    static let refusal: String? = {
        guard getuid() == 0 else { return "not root" }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-mount-probe-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: probe) }
        do {
            try FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
            let mounted = try command("/bin/mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe.path)
            guard mounted.status == 0 else { return "mount failed: \(mounted.output)" }
            _ = try command("/bin/umount", probe.path)
            return nil
        } catch {
            return "\(error)"
        }
    }()

    /// Mounts a tmpfs of `megabytes` over `folder`, keeping what the folder held.
    init(over folder: URL, megabytes: Int) throws {
        self.folder = folder
        let aside = folder.deletingLastPathComponent().appendingPathComponent(folder.lastPathComponent + "-aside")
        try FileManager.default.copyItem(at: folder, to: aside)
        defer { try? FileManager.default.removeItem(at: aside) }
        let mounted = try Self.command("/bin/mount", "-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", folder.path)
        guard mounted.status == 0 else { throw ReliabilityFailure("mount: \(mounted.output)") }
        for name in try FileManager.default.contentsOfDirectory(atPath: aside.path) {
            try FileManager.default.copyItem(at: aside.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
    }

    func unmount() {
        _ = try? Self.command("/bin/umount", "-l", folder.path)
    }

    /// Free bytes on the disk.
    func free() throws -> Int {
        var stats = statvfs()
        guard statvfs(folder.path, &stats) == 0 else { throw ReliabilityFailure("statvfs: \(String(cString: strerror(errno)))") }
        return Int(stats.f_bavail) * Int(stats.f_frsize)
    }

    /// Fills the disk until at most `headroom` bytes are free.
    func fill(leaving headroom: Int) throws {
        let descriptor = open(filler.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard descriptor >= 0 else { throw ReliabilityFailure("cannot open the filler: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let chunk = [UInt8](repeating: 0x5A, count: 4096)
        while try free() > headroom {
            let size = min(chunk.count, max(1, try free() - headroom))
            if write(descriptor, chunk, size) <= 0 { break }
        }
    }

    /// Frees what `fill` took.
    func empty() throws {
        try? FileManager.default.removeItem(at: filler)
    }

    @discardableResult
    static func command(_ arguments: String...) throws -> (status: Int32, output: String) {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
