import Crypto
import Foundation

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
/// `finish`. The ZIP container itself is `ZIPStream` (BundleZIPStream.swift).
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
/// while it has files to write, and by the caller's thread (to finish the archive) only after
/// `drain()` has seen the queue empty and the thread idle (both under `condition`).
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
