import Crypto
import Foundation
import GembaGit
import ZIPFoundation

/// The ZIP container: local headers, data, the central directory and end records.
///
/// The deflate stream and its CRC-32 come from zlib (`Deflater`), and ZIPFoundation reads the
/// archives back (`BundleArchiveReader`). The container is written here, in the layout
/// ZIPFoundation's `Archive` writes (at ZIPFoundation's compression level, a test holds the two
/// byte for byte): `Archive.addEntry` reads and writes the whole central directory again for
/// every entry it adds, so a bundle of 4,006 files wrote 666 MB for an archive of 4.4 MB, and the
/// cost grew with the square of the files. Here the central directory is kept in memory (about
/// 100 bytes a file) and written once by `finish()`; ZIP64 records are written where sizes,
/// offsets or the number of files need them. Used by one thread at a time (`EntryQueue`).
final class ZIPStream {
    private let descriptor: Int32
    private let folder: URL
    private let date: UInt16, time: UInt16
    private let level: Int32
    /// Bytes not yet written, and the offset in the file of the first of them.
    private var pending: [UInt8] = []
    private var pendingStart: UInt64 = 0
    private var centralDirectory: [UInt8] = []
    private var entryCount: UInt64 = 0
    private var finished = false
    /// The archive's SHA-256 over its first `hashed` bytes. Bytes are hashed once they are final:
    /// an entry's local header is patched after its data is written, so the bytes from the
    /// header of the entry being written (`entryStart`) on wait until the entry is done.
    private var digest = SHA256()
    private var hashed: UInt64 = 0
    private var entryStart: UInt64?

    init(creating url: URL, modificationDate: Date, level: Int32) throws {
        self.level = level
        folder = url.deletingLastPathComponent()
        // Read and write: bytes written out before their entry's header was patched are read back to be hashed.
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw GembaError.writeFailed("the archive", String(cString: strerror(errno)), near: folder)
        }
        self.descriptor = descriptor
        (date, time) = Self.dosDateTime(modificationDate)
        pending.reserveCapacity(4 * BundleArchiveWriter.chunkSize)
    }

    deinit {
        close(descriptor)
    }

    private var position: UInt64 { pendingStart + UInt64(pending.count) }

    /// Writes the central directory and the end records: the archive is complete. Nothing can be
    /// added after. Returns the archive's SHA-256.
    func finish() throws -> String {
        precondition(!finished, "an archive is finished once")
        let directoryStart = position
        let directorySize = UInt64(centralDirectory.count)
        pending += centralDirectory
        centralDirectory = []
        if entryCount >= 0xFFFF || directorySize >= 0xFFFF_FFFF || directoryStart >= 0xFFFF_FFFF {
            let recordStart = position
            // ZIP64 end of central directory record (its size counts the 44 bytes after the first 12), and its locator.
            append32(0x0606_4B50)
            append64(44)
            append16(Self.versionMadeBy)
            append16(45)
            append32(0)
            append32(0)
            append64(entryCount)
            append64(entryCount)
            append64(directorySize)
            append64(directoryStart)
            append32(0x0706_4B50)
            append32(0)
            append64(recordStart)
            append32(1)
        }
        append32(0x0605_4B50)
        append16(0)
        append16(0)
        append16(UInt16(min(entryCount, 0xFFFF)))
        append16(UInt16(min(entryCount, 0xFFFF)))
        append32(UInt32(min(directorySize, 0xFFFF_FFFF)))
        append32(UInt32(min(directoryStart, 0xFFFF_FFFF)))
        append16(0)
        try flush()
        finished = true
        precondition(hashed == position, "every byte of a finished archive is hashed")
        return GitObjectHash.hex(Data(digest.finalize()))
    }

    // MARK: - Entries

    /// Unix, ZIP specification 2.1: what ZIPFoundation writes.
    private static let versionMadeBy: UInt16 = 789
    /// Regular file, rw-r--r--.
    private static let externalAttributes = (UInt32(0o100000) | UInt32(BundleArchiveWriter.permissions)) << 16
    /// A file this large gets ZIP64 sizes in its local header: decided before it is compressed,
    /// with room for deflate's few bytes per block on data that does not compress. (ZIPFoundation
    /// decides at 4 GiB, and its header cannot grow if the compressed data passes that.)
    private static let zip64EntrySize: UInt64 = 0xFF00_0000

    /// Writes one file: its local header, its deflated bytes (then the header's checksum and
    /// compressed size), and keeps its central directory entry for `finish()`.
    func addEntry(_ path: String, size: Int64, provider: Provider) throws {
        precondition(!finished, "a finished bundle archive cannot take more files")
        let name = Array(path.utf8)
        let uncompressed = UInt64(max(size, 0))
        let zip64Sizes = uncompressed >= Self.zip64EntrySize
        let headerStart = position
        entryStart = headerStart
        defer { entryStart = nil }
        let versionNeeded: UInt16 = zip64Sizes ? 45 : 20
        // The local header, its checksum and compressed size filled in once the data is written.
        append32(0x0403_4B50)
        append16(versionNeeded)
        append16(0x0800)
        append16(CompressionMethod.deflate.rawValue)
        append16(time)
        append16(date)
        append32(0)
        append32(zip64Sizes ? 0xFFFF_FFFF : 0)
        append32(zip64Sizes ? 0xFFFF_FFFF : UInt32(uncompressed))
        append16(UInt16(name.count))
        append16(zip64Sizes ? 20 : 0)
        pending += name
        if zip64Sizes {
            append16(1)
            append16(16)
            append64(uncompressed)
            append64(0)
        }
        var compressed: UInt64 = 0
        var checksum: UInt32 = 0
        do {
            // The bytes in chunks of chunkSize, the last with Z_FINISH, as ZIPFoundation's
            // Data.compress feeds them (at its level, the same bytes). Its CRC-32 is computed in Swift on Linux, byte by byte
            // (a fifth of the writer's thread); zlib's is not.
            let deflater = try Deflater(level: level)
            var position: Int64 = 0
            repeat {
                let count = Int(min(size - position, Int64(BundleArchiveWriter.chunkSize)))
                let chunk = try provider(position, count)
                guard chunk.count == count else {
                    // A provider gives exactly what it is asked: the size in the header is final.
                    throw GembaError(.integrity, "\(path) ended after \(position + Int64(chunk.count)) of its \(size) bytes while it was added to the bundle; nothing was written")
                }
                position += Int64(count)
                try chunk.withUnsafeBytes { bytes in
                    checksum = Deflater.crc32(checksum, bytes)
                    try deflater.compress(bytes, finish: position >= size) { out in
                        compressed += UInt64(out.count)
                        pending.append(contentsOf: out)
                    }
                }
                if pending.count >= 4 * BundleArchiveWriter.chunkSize { try flush() }
            } while position < size
        } catch let error as GembaError {
            throw error
        } catch {
            throw GembaError.storage(from: error, near: folder) ?? GembaError.writeFailed("the archive", "\(path): \(error)", near: folder)
        }
        guard zip64Sizes || compressed < 0xFFFF_FFFF else {
            // Cannot happen: deflate adds a few bytes per block, far less than zip64EntrySize leaves.
            throw GembaError(.integrity, "\(path) grew past 4 GiB when compressed, which its ZIP header cannot record; nothing was written")
        }
        var patch: [UInt8] = []
        Self.put32(checksum, into: &patch)
        if zip64Sizes {
            try overwrite(patch, at: headerStart + 14)
            patch = []
            Self.put64(compressed, into: &patch)
            try overwrite(patch, at: headerStart + 30 + UInt64(name.count) + 12)
        } else {
            Self.put32(UInt32(compressed), into: &patch)
            try overwrite(patch, at: headerStart + 14)
        }

        // Its central directory entry.
        let zip64Offset = headerStart >= 0xFFFF_FFFF
        var extra: [UInt8] = []
        if zip64Sizes {
            Self.put64(uncompressed, into: &extra)
            Self.put64(compressed, into: &extra)
        }
        if zip64Offset { Self.put64(headerStart, into: &extra) }
        if !extra.isEmpty {
            var header: [UInt8] = []
            Self.put16(1, into: &header)
            Self.put16(UInt16(extra.count), into: &header)
            extra = header + extra
        }
        var entry: [UInt8] = []
        Self.put32(0x0201_4B50, into: &entry)
        Self.put16(Self.versionMadeBy, into: &entry)
        Self.put16(zip64Offset ? 45 : versionNeeded, into: &entry)
        Self.put16(0x0800, into: &entry)
        Self.put16(CompressionMethod.deflate.rawValue, into: &entry)
        Self.put16(time, into: &entry)
        Self.put16(date, into: &entry)
        Self.put32(checksum, into: &entry)
        Self.put32(zip64Sizes ? 0xFFFF_FFFF : UInt32(compressed), into: &entry)
        Self.put32(zip64Sizes ? 0xFFFF_FFFF : UInt32(uncompressed), into: &entry)
        Self.put16(UInt16(name.count), into: &entry)
        Self.put16(UInt16(extra.count), into: &entry)
        Self.put16(0, into: &entry)
        Self.put16(0, into: &entry)
        Self.put16(0, into: &entry)
        Self.put32(Self.externalAttributes, into: &entry)
        Self.put32(zip64Offset ? 0xFFFF_FFFF : UInt32(headerStart), into: &entry)
        centralDirectory += entry
        centralDirectory += name
        centralDirectory += extra
        entryCount += 1
    }

    // MARK: - Bytes

    private func append16(_ value: UInt16) { Self.put16(value, into: &pending) }
    private func append32(_ value: UInt32) { Self.put32(value, into: &pending) }
    private func append64(_ value: UInt64) { Self.put64(value, into: &pending) }

    private static func put16(_ value: UInt16, into bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    private static func put32(_ value: UInt32, into bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private static func put64(_ value: UInt64, into bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// Replaces bytes written earlier: in the pending bytes when they are still there, else in the file.
    private func overwrite(_ bytes: [UInt8], at offset: UInt64) throws {
        if offset >= pendingStart {
            let start = Int(offset - pendingStart)
            pending.replaceSubrange(start..<(start + bytes.count), with: bytes)
            return
        }
        try bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let count = pwrite(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
                if count < 0 {
                    if errno == EINTR { continue }
                    throw writeError()
                }
                done += count
            }
        }
    }

    /// Writes the pending bytes to the file, hashing those that are final first.
    private func flush() throws {
        try hashFinalBytes()
        try pending.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw writeError()
                }
                done += count
            }
        }
        pendingStart += UInt64(pending.count)
        pending.removeAll(keepingCapacity: true)
    }

    /// Adds to the archive's hash the bytes that can no longer change: all before the header of
    /// the entry being written (all, between entries). Those written out before they were final
    /// (a large entry's header and first data) are read back from the file.
    private func hashFinalBytes() throws {
        let final = entryStart ?? position
        guard hashed < final else { return }
        if hashed < pendingStart {
            var chunk = [UInt8](repeating: 0, count: BundleArchiveWriter.chunkSize)
            while hashed < min(final, pendingStart) {
                let wanted = Int(min(UInt64(chunk.count), min(final, pendingStart) - hashed))
                let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, wanted, off_t(hashed)) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else {
                    throw GembaError.writeFailed("the archive", count < 0 ? String(cString: strerror(errno)) : "it ended early", near: folder)
                }
                chunk.withUnsafeBytes { digest.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                hashed += UInt64(count)
            }
        }
        if hashed >= pendingStart && hashed < final {
            let start = Int(hashed - pendingStart), end = Int(final - pendingStart)
            pending.withUnsafeBytes { digest.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
            hashed = final
        }
    }

    /// The failed write's error; `writeFailed` tells a full disk from other causes.
    private func writeError() -> GembaError {
        GembaError.writeFailed("the archive", String(cString: strerror(errno)), near: folder)
    }

    /// An MS-DOS date and time (UTC), as ZIPFoundation writes them: years before 1980 and after
    /// 2099 are clamped.
    static func dosDateTime(_ date: Date) -> (date: UInt16, time: UInt16) {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return (0, 0) }
        let year = min(max(Int(parts.tm_year) + 1900, 1980), 2099)
        let day = UInt16(Int(parts.tm_mday) + (Int(parts.tm_mon) + 1) * 32 + (year - 1980) * 512)
        let time = UInt16(Int(parts.tm_sec) / 2 + Int(parts.tm_min) * 32 + Int(parts.tm_hour) * 2048)
        return (day, time)
    }

}
