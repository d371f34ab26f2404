import Crypto
import Foundation
import ZIPFoundation

/// A file in a bundle: its path in the archive, its size and its SHA-256.
struct BundleFile: Codable, Sendable, Equatable {
    let path: String
    let size: Int64
    let sha256: String
}

/// Writes a bundle's ZIP archive one entry at a time, each from a provider closure, so the
/// archive is never held in memory. Every entry gets the same modification date, permissions and
/// compression, which (with a fixed entry order) makes the archive byte-for-byte reproducible.
final class BundleArchiveWriter {
    static let chunkSize = 64 * 1024
    static let permissions: UInt16 = 0o644

    private let archive: Archive
    private let folder: URL
    private let modificationDate: Date
    private(set) var files: [BundleFile] = []

    init(creating url: URL, modificationDate: Date) throws {
        folder = url.deletingLastPathComponent()
        do {
            archive = try Archive(url: url, accessMode: .create)
        } catch {
            throw GembaError.storage(from: error, near: folder) ?? GembaError.writeFailed(url.path, "\(error)", near: folder)
        }
        self.modificationDate = modificationDate
    }

    /// Adds a file whose bytes are in memory (one page, one document file).
    @discardableResult
    func add(_ path: String, data: Data) throws -> BundleFile {
        let file = BundleFile(path: path, size: Int64(data.count), sha256: Self.sha256(data))
        try addEntry(path, size: file.size) { position, size in
            let start = Int(position)
            return data.subdata(in: start..<min(start + size, data.count))
        }
        files.append(file)
        return file
    }

    /// Adds a file streamed from disk in chunks, hashing it on the way.
    @discardableResult
    func add(_ path: String, contentsOf source: URL) throws -> BundleFile {
        let size = try FileManager.default.attributesOfItem(atPath: source.path)[.size] as? NSNumber
        let handle = try FileHandle(forReadingFrom: source)
        defer { try? handle.close() }
        var hasher = SHA256()
        var total: Int64 = 0
        try addEntry(path, size: size?.int64Value ?? 0) { _, chunk in
            let data = try handle.read(upToCount: chunk) ?? Data()
            hasher.update(data: data)
            total += Int64(data.count)
            return data
        }
        let file = BundleFile(path: path, size: total, sha256: GitObjectHash.hex(Data(hasher.finalize())))
        files.append(file)
        return file
    }

    private func addEntry(_ path: String, size: Int64, provider: (Int64, Int) throws -> Data) throws {
        do {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: size, modificationDate: modificationDate,
                permissions: Self.permissions, compressionMethod: .deflate, bufferSize: Self.chunkSize, provider: provider)
        } catch let error as GembaError {
            throw error
        } catch {
            throw GembaError.storage(from: error, near: folder) ?? GembaError.writeFailed("the archive", "\(path): \(error)", near: folder)
        }
    }

    static func sha256(_ data: Data) -> String {
        GitObjectHash.hex(Data(SHA256.hash(data: data)))
    }

    /// Flushes a finished archive to the disk before it is renamed into place.
    static func synchronize(_ url: URL) throws {
        let handle = try FileHandle(forUpdating: url)
        defer { try? handle.close() }
        try handle.synchronize()
    }

    /// The SHA-256 of a whole file, read in chunks.
    static func sha256(of url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty { hasher.update(data: chunk) }
        return GitObjectHash.hex(Data(hasher.finalize()))
    }
}

/// Text written to a temporary file, for entries too large to build in memory (the audit-trail
/// extract); the builder then streams the file into the archive and removes it.
final class BundleSpool {
    let url: URL
    private let handle: FileHandle
    private var buffer = Data()

    init(in folder: URL) throws {
        url = folder.appendingPathComponent("spool-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw GembaError(.storage, "cannot create a temporary file in \(folder.path)")
        }
        handle = try FileHandle(forWritingTo: url)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= BundleArchiveWriter.chunkSize { try flush() }
    }

    func close() throws {
        try flush()
        try handle.close()
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
