import Foundation
import ZIPFoundation

/// One entry of a ZIP archive as its central directory describes it (nothing read yet).
struct BundleArchiveEntry {
    enum Kind: Equatable { case file, directory, symbolicLink }

    let path: String
    let kind: Kind
    /// The unpacked size the headers declare; reading never accepts more.
    let declaredSize: UInt64
    let checksum: UInt32
    fileprivate let entry: Entry
}

/// Reads a ZIP archive entry by entry, in chunks, for `bundle verify`.
final class BundleArchiveReader {
    private let archive: Archive

    init(_ url: URL) throws {
        guard FileManager.default.fileExists(atPath: url.path) else { throw GembaError.notFound("no file \(url.path)") }
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw GembaError.invalid("\(url.path) is not a readable ZIP archive (\(error))")
        }
    }

    /// Walks the central directory in order until `body` returns false.
    func forEachEntry(_ body: (BundleArchiveEntry) throws -> Bool) rethrows {
        for entry in archive {
            let kind: BundleArchiveEntry.Kind = switch entry.type {
            case .file: .file
            case .directory: .directory
            case .symlink: .symbolicLink
            }
            let described = BundleArchiveEntry(path: entry.path, kind: kind, declaredSize: entry.uncompressedSize, checksum: entry.checksum, entry: entry)
            guard try body(described) else { return }
        }
    }

    /// Streams an entry's bytes to `consumer`; returns the CRC-32 of what was read.
    @discardableResult
    func read(_ entry: BundleArchiveEntry, _ consumer: (Data) throws -> Void) throws -> UInt32 {
        try archive.extract(entry.entry, bufferSize: BundleArchiveWriter.chunkSize, skipCRC32: false, consumer: consumer)
    }

    /// An entry's bytes in memory, refusing more than `limit`.
    func data(_ entry: BundleArchiveEntry, limit: UInt64) throws -> Data {
        guard entry.declaredSize <= limit else { throw GembaError.invalid("\(entry.path) is larger than \(limit) bytes") }
        var data = Data()
        try read(entry) { chunk in
            data.append(chunk)
            guard UInt64(data.count) <= entry.declaredSize else { throw GembaError.invalid("\(entry.path) unpacks to more bytes than it declares") }
        }
        return data
    }
}
