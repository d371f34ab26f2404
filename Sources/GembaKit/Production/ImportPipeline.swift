import Foundation
import GRDB

/// The rows of an import file, parsed and checked on a thread of their own while the writer's
/// thread stores them in SQLite. On a year of production data (a million confirmations) parsing
/// and storing take about as long as each other, and a plant's server has more than one core.
///
/// Rows reach the writer in file order, and a parse error reaches it only after every row before
/// it: the first bad row of the file is the one reported, whether the parser or SQLite finds it.
/// The writer's thread never returns before the parser has finished with the file and the rows.
final class ImportPipeline: @unchecked Sendable {
    // @unchecked: every stored property is read and written with `condition` locked. The reader and
    // source belong to the parsing thread alone from the moment it starts.

    /// A parsed row and the line of the file it starts on.
    struct Parsed: Sendable {
        var row: ParsedRow
        let line: Int
    }

    /// Rows handed over at a time, and chunks parsed ahead of the writer at most.
    private static let chunkSize = 1024, depth = 8

    private let condition = NSCondition()
    private var chunks: [[Parsed]] = []
    private var finished = false
    private var failure: (any Error)?
    private var abandoned = false
    private var exited = false

    private init() {}

    /// Parses every remaining record of `source` (its reader positioned after the header) on a
    /// second thread and passes the rows, in order and a chunk at a time, to `store` on this one.
    /// Returns the number of rows read. The first error, from either side, stops both and is
    /// thrown; a parse error only once `store` has returned for every row before it.
    static func run(_ kind: ImportKind, from source: ImportRowSource, store: ([Parsed]) throws -> Void) throws -> Int {
        let pipe = ImportPipeline()
        // The source and its reader are not used on this thread again (see `@unchecked` above).
        nonisolated(unsafe) let source = source
        let parser = Thread {
            pipe.parse(kind, source)
            pipe.exit()
        }
        parser.name = "gemba.import.parse"
        parser.start()
        defer { pipe.abandonAndWait() }
        var read = 0
        while let chunk = try pipe.take() {
            try store(chunk)
            read += chunk.count
        }
        return read
    }

    private func parse(_ kind: ImportKind, _ source: ImportRowSource) {
        var chunk: [Parsed] = []
        chunk.reserveCapacity(Self.chunkSize)
        do {
            while try source.reader.next() {
                chunk.append(Parsed(row: try source.parse(kind), line: source.line))
                if chunk.count == Self.chunkSize {
                    guard put(chunk) else { return }
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            finish(chunk, nil)
        } catch {
            finish(chunk, error)
        }
    }

    /// Hands a full chunk over, waiting while the writer is `depth` chunks behind; false when the
    /// writer has given up.
    private func put(_ chunk: [Parsed]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= Self.depth && !abandoned { condition.wait() }
        guard !abandoned else { return false }
        chunks.append(chunk)
        condition.broadcast()
        return true
    }

    private func finish(_ chunk: [Parsed], _ error: (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        if !chunk.isEmpty { chunks.append(chunk) }
        finished = true
        failure = error
        condition.broadcast()
    }

    private func exit() {
        condition.lock()
        defer { condition.unlock() }
        exited = true
        condition.broadcast()
    }

    /// The next chunk in file order; nil after the last. Throws the parser's error once every row
    /// parsed before it has been taken.
    private func take() throws -> [Parsed]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished { condition.wait() }
        if !chunks.isEmpty {
            condition.broadcast()
            return chunks.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Tells the parser to stop (when the writer failed) and waits until its thread is done.
    private func abandonAndWait() {
        condition.lock()
        defer { condition.unlock() }
        abandoned = true
        condition.broadcast()
        while !exited { condition.wait() }
    }
}
