import Crypto
import Foundation

/// A bundle file written to a temporary file by the spooler's thread, resolved once: with the
/// file, its size and its SHA-256 as written, or with the error that stopped it.
final class SpooledFile: @unchecked Sendable {
    // @unchecked: `result` is read and written with `condition` locked.
    struct Written {
        let url: URL
        let size: Int64
        let sha256: String
    }

    private let condition = NSCondition()
    private var result: Result<Written, any Error>?

    /// Records the outcome; the first one stands.
    func resolve(_ outcome: Result<Written, any Error>) {
        condition.lock()
        defer { condition.unlock() }
        if result == nil { result = outcome }
        condition.broadcast()
    }

    /// Waits until the file is written; throws the error that stopped it.
    func wait() throws -> Written {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return try result!.get()
    }
}

/// What fills spooled files: one file, or several written in one pass, each into a spool of its
/// own (the audit-trail extract's CSV and page, from one read of each trail entry). A bundle
/// entry names the fill and its part.
final class BundleSpoolFill {
    let parts: Int
    let fill: ([BundleSpool]) throws -> Void

    /// Fills one file.
    init(_ fill: @escaping (BundleSpool) throws -> Void) {
        parts = 1
        self.fill = { spools in try fill(spools[0]) }
    }

    /// Fills `parts` files at once, given their spools in order.
    init(parts: Int, fill: @escaping ([BundleSpool]) throws -> Void) {
        precondition(parts > 0, "a fill writes at least one file")
        self.parts = parts
        self.fill = fill
    }
}

/// Fills a bundle's spooled files (the audit-trail extract, the register index) on a thread of
/// its own, one fill after the other, while the builder renders the other files and the archive
/// writer compresses them: the audit-trail extract alone was a third of the builder's thread.
///
/// A spooled file's fill therefore runs beside the rest of the build. It may read the register's
/// store (a GRDB `DatabasePool`, whose reads are safe from any thread) and values fixed before the
/// bundle is written (the context's documents, audits and dates), and keep what it counts for the
/// section's manifest: that is read only after `SpooledFile.wait()` returned.
final class BundleSpooler: @unchecked Sendable {
    // @unchecked: `fills` and `folder` are fixed before the thread starts and used only by it;
    // `started`, `stopping` and `exited` are read and written with `condition` locked; each
    // `SpooledFile` guards itself.

    /// One per part of each fill, in order.
    let files: [SpooledFile]
    private let fills: [BundleSpoolFill]
    private let folder: URL
    private let condition = NSCondition()
    private var started = false
    private var stopping = false
    private var exited = false

    init(folder: URL, fills: [BundleSpoolFill]) {
        self.folder = folder
        self.fills = fills
        files = fills.flatMap { fill in (0..<fill.parts).map { _ in SpooledFile() } }
    }

    /// One file per fill.
    convenience init(folder: URL, fills: [(BundleSpool) throws -> Void]) {
        self.init(folder: folder, fills: fills.map(BundleSpoolFill.init))
    }

    deinit {
        stop()
    }

    func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !started, !stopping, !fills.isEmpty else { return }
        started = true
        let thread = Thread { [self] in run() }
        thread.name = "gemba.bundle.spool"
        thread.start()
    }

    /// Stops after the fill under way, waits for the thread, and resolves every file not written
    /// with an error, so nothing waits for it.
    func stop() {
        condition.lock()
        stopping = true
        while started && !exited { condition.wait() }
        condition.unlock()
        for file in files { file.resolve(.failure(CancellationError())) }
    }

    private func run() {
        var failure: (any Error)?
        var next = files[...]
        for fill in fills {
            let parts = next.prefix(fill.parts)
            next = next.dropFirst(fill.parts)
            condition.lock()
            let stopped = stopping
            condition.unlock()
            if let failure {
                for file in parts { file.resolve(.failure(failure)) }
                continue
            }
            if stopped { break }
            var spools: [BundleSpool] = []
            do {
                for _ in parts { spools.append(try BundleSpool(in: folder)) }
                try fill.fill(spools)
                let written = try spools.map { try $0.close() }
                for (file, written) in zip(parts, written) { file.resolve(.success(written)) }
            } catch {
                for spool in spools { spool.discard() }
                failure = error
                for file in parts { file.resolve(.failure(error)) }
            }
        }
        condition.lock()
        exited = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Text written to a temporary file, for entries too large to build in memory (the audit-trail
/// extract), hashed as it is written; the writer's thread streams the file into the archive and
/// removes it.
final class BundleSpool {
    let url: URL
    private let handle: FileHandle
    private var buffer = Data()
    private var hasher = SHA256()
    private var size: Int64 = 0
    private var closed = false

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
        closed = true
        try handle.close()
        return SpooledFile.Written(url: url, size: size, sha256: GitObjectHash.hex(Data(hasher.finalize())))
    }

    /// Closes the file after a failure (if `close` has not), and removes it.
    func discard() {
        if !closed { try? handle.close() }
        try? FileManager.default.removeItem(at: url)
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        hasher.update(data: buffer)
        size += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }
}
