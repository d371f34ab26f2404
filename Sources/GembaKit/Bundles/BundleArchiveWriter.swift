import Crypto
import Foundation
import GembaGit
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
///
/// A file given as bytes is hashed on the caller's thread and compressed and written on a thread
/// of the writer's own, in order, while the caller renders the next (deflate was a quarter of a
/// bundle's time). A spooled file (`SpooledFile`, filled on the spooler's thread) is queued the
/// same way: the writer's thread waits for it when its turn comes, and streams it from disk. At
/// most `queueLimit` bytes wait in memory; a failed write is thrown by the next `add` or by
/// `finish`. A file streamed from disk with `add(_:contentsOf:)` is written once the queue is
/// empty, on the caller's thread.
final class BundleArchiveWriter {
    static let chunkSize = 64 * 1024
    static let permissions: UInt16 = 0o644
    /// Bytes of files waiting to be compressed, at most (one larger file may wait alone).
    static let queueLimit = 8 << 20
    /// zlib's fastest level, as git uses for loose objects: deflate was the largest part of a
    /// bundle's work at the default level (6), and takes half as long at 1, for an archive 7 %
    /// larger (4.4 MB -> 4.7 MB for the benchmark's 1,000 documents).
    static let compressionLevel: Int32 = 1

    private enum Listed {
        case ready(BundleFile)
        case spooled(String, SpooledFile)
    }

    private let queue: EntryQueue
    private var listed: [Listed] = []

    /// `compressionLevel` is zlib's, 0 to 9 (-1: zlib's default, 6, which ZIPFoundation uses).
    init(creating url: URL, modificationDate: Date, compressionLevel: Int32 = BundleArchiveWriter.compressionLevel) throws {
        queue = EntryQueue(try ZIPStream(creating: url, modificationDate: modificationDate, level: compressionLevel))
    }

    deinit {
        queue.stop()
    }

    /// Adds a file whose bytes are in memory (one page, one document file).
    @discardableResult
    func add(_ path: String, data: Data) throws -> BundleFile {
        let file = BundleFile(path: path, size: Int64(data.count), sha256: Self.sha256(data))
        try queue.enqueue(.data(path, data))
        listed.append(.ready(file))
        return file
    }

    /// Adds a file being filled on another thread; it is written when its turn comes.
    func add(_ path: String, spooled: SpooledFile) throws {
        try queue.enqueue(.spooled(path, spooled))
        listed.append(.spooled(path, spooled))
    }

    /// Every file added so far, in order, with its size and SHA-256; waits for spooled files
    /// still being filled, and throws the error that stopped one.
    func files() throws -> [BundleFile] {
        try listed.map { item in
            switch item {
            case .ready(let file):
                return file
            case .spooled(let path, let spooled):
                let written = try spooled.wait()
                return BundleFile(path: path, size: written.size, sha256: written.sha256)
            }
        }
    }

    /// Adds a file streamed from disk in chunks, hashing it on the way.
    @discardableResult
    func add(_ path: String, contentsOf source: URL) throws -> BundleFile {
        let size = try FileManager.default.attributesOfItem(atPath: source.path)[.size] as? NSNumber
        let stream = try queue.drain()
        let handle = try FileHandle(forReadingFrom: source)
        defer { try? handle.close() }
        var hasher = SHA256()
        var total: Int64 = 0
        try stream.addEntry(path, size: size?.int64Value ?? 0) { _, chunk in
            let data = try handle.read(upToCount: chunk) ?? Data()
            hasher.update(data: data)
            total += Int64(data.count)
            return data
        }
        let file = BundleFile(path: path, size: total, sha256: GitObjectHash.hex(Data(hasher.finalize())))
        listed.append(.ready(file))
        return file
    }

    /// Writes the central directory and the end records once every file is written: the archive
    /// is complete. Nothing can be added after. Returns the archive's SHA-256, hashed on the
    /// writer's thread as its bytes were written.
    @discardableResult
    func finish() throws -> String {
        let sha256 = try queue.drain().finish()
        queue.stop()
        return sha256
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

/// The files waiting for the writer's thread, and that thread. The stream is used by that thread
/// while it has files to write, and by the caller's thread only after `drain()` has seen the
/// queue empty and the thread idle (both under `condition`).
private final class EntryQueue: @unchecked Sendable {
    // @unchecked: every stored property but `stream` is read and written with `condition` locked;
    // `stream` is used by one thread at a time, handed over through `condition` (see above).
    private let condition = NSCondition()
    private let stream: ZIPStream
    enum Job {
        case data(String, Data)
        case spooled(String, SpooledFile)

        /// Bytes held in memory while it waits.
        var size: Int {
            if case .data(_, let data) = self { return data.count }
            return 0
        }
    }

    private var jobs: [Job] = []
    private var queuedBytes = 0
    private var busy = false
    private var failure: (any Error)?
    private var stopping = false
    private var started = false
    private var exited = false

    init(_ stream: ZIPStream) {
        self.stream = stream
    }

    /// Queues a file, waiting while `queueLimit` bytes wait already; throws the thread's error.
    func enqueue(_ job: Job) throws {
        condition.lock()
        defer { condition.unlock() }
        precondition(!stopping, "a finished bundle archive cannot take more files")
        if !started {
            started = true
            let thread = Thread { [self] in work() }
            thread.name = "gemba.bundle.zip"
            thread.start()
        }
        while failure == nil && !jobs.isEmpty && queuedBytes + job.size > BundleArchiveWriter.queueLimit { condition.wait() }
        if let failure { throw failure }
        jobs.append(job)
        queuedBytes += job.size
        condition.broadcast()
    }

    /// Waits until every queued file is written; the stream, then free for this thread. Throws
    /// the thread's error.
    func drain() throws -> ZIPStream {
        condition.lock()
        defer { condition.unlock() }
        while !jobs.isEmpty || busy { condition.wait() }
        if let failure { throw failure }
        return stream
    }

    /// Stops the thread (dropping what waits, after a failure elsewhere) and waits for it.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        condition.broadcast()
        while started && !exited { condition.wait() }
    }

    private func work() {
        condition.lock()
        while true {
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty || stopping { break }
            let job = jobs.removeFirst()
            busy = true
            condition.unlock()
            var error: (any Error)?
            do {
                switch job {
                case .data(let path, let data):
                    try stream.addEntry(path, size: Int64(data.count)) { position, size in
                        let start = Int(position)
                        return data.subdata(in: start..<min(start + size, data.count))
                    }
                case .spooled(let path, let spooled):
                    try write(path, spooled)
                }
            } catch let thrown {
                error = thrown
            }
            condition.lock()
            busy = false
            queuedBytes -= job.size
            if let error {
                failure = error
                jobs.removeAll()
                queuedBytes = 0
            }
            condition.broadcast()
        }
        exited = true
        condition.broadcast()
        condition.unlock()
    }

    /// Streams a spooled file into the archive once it is filled, checking on the way that its
    /// bytes are the ones the spooler hashed (the file sits in the temporary folder meanwhile),
    /// and removes it.
    private func write(_ path: String, _ spooled: SpooledFile) throws {
        let written = try spooled.wait()
        defer { try? FileManager.default.removeItem(at: written.url) }
        let handle = try FileHandle(forReadingFrom: written.url)
        defer { try? handle.close() }
        let changed = GembaError(.integrity, "the temporary file of \(path) (\(written.url.path)) changed while the bundle was built; nothing was written")
        var hasher = SHA256()
        try stream.addEntry(path, size: written.size) { _, count in
            let data = try handle.read(upToCount: count) ?? Data()
            guard data.count == count else { throw changed }
            hasher.update(data: data)
            return data
        }
        guard try handle.read(upToCount: 1)?.isEmpty ?? true, GitObjectHash.hex(Data(hasher.finalize())) == written.sha256 else { throw changed }
    }
}

/// The ZIP container: local headers, data, the central directory and end records.
///
/// The deflate stream and its CRC-32 come from zlib (`RawDeflate`), and ZIPFoundation reads the
/// archives back (`BundleArchiveReader`). The container is written here, in the layout
/// ZIPFoundation's `Archive` writes (at ZIPFoundation's compression level, a test holds the two
/// byte for byte): `Archive.addEntry` reads and writes the whole central directory again for
/// every entry it adds, so a bundle of 4,006 files wrote 666 MB for an archive of 4.4 MB, and the
/// cost grew with the square of the files. Here the central directory is kept in memory (about 100 bytes a file) and written once
/// by `finish()`; ZIP64 records are written where sizes, offsets or the number of files need them.
private final class ZIPStream {
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
            let deflater = try RawDeflate(level: level)
            var position: Int64 = 0
            repeat {
                let count = Int(min(size - position, Int64(BundleArchiveWriter.chunkSize)))
                let chunk = try provider(position, count)
                guard chunk.count == count else {
                    throw GembaError(.integrity, "\(path) gave \(position + Int64(chunk.count)) of its \(size) bytes; nothing was written")
                }
                position += Int64(count)
                try chunk.withUnsafeBytes { bytes in
                    checksum = RawDeflate.crc32(checksum, bytes)
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

/// Text written to a temporary file, for entries too large to build in memory (the audit-trail
/// extract); the builder then streams the file into the archive and removes it.
final class BundleSpool {
    let url: URL
    private let handle: FileHandle
    private var buffer = Data()
    private var hasher = SHA256()
    private var size: Int64 = 0

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

    /// Writes what is buffered and closes the file: its size and SHA-256.
    func close() throws -> SpooledFile.Written {
        try flush()
        try handle.close()
        return SpooledFile.Written(url: url, size: size, sha256: GitObjectHash.hex(Data(hasher.finalize())))
    }

    /// Closes the file after a failure, and removes it.
    func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        hasher.update(data: buffer)
        size += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }
}
