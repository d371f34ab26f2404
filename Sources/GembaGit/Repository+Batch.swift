import Foundation
internal import CLibGit2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// open(2); the name `open` is taken by `Repository.open` inside the extension.
private func openFile(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
    #if canImport(Glibc)
    Glibc.open(path, flags, mode)
    #else
    Darwin.open(path, flags, mode)
    #endif
}

extension Repository {
    /// Writes many objects as one pack file instead of one fsynced loose file each. `body` writes
    /// through a second handle on this repository whose new objects stay in memory, and returns
    /// what to keep: `roots` (commits and tag objects) with every new object they reach. Those
    /// are written as one pack (`MemoryPack`), indexed and fsynced once into `objects/pack`. If
    /// `body` throws, nothing reaches the disk.
    public func withObjectBatch<T>(_ body: (Repository) throws -> (T, roots: [ObjectID])) throws -> T {
        let (batch, backend) = try openBatch()
        let (result, roots) = try body(batch)
        try Repository.storeBatch(batch, backend, roots: roots)
        return result
    }

    /// As `withObjectBatch`, but the pack is compressed, indexed and fsynced on a thread of its
    /// own while the caller goes on (an import records its documents meanwhile). The objects are
    /// on disk only once `BatchPack.wait()` returned without an error: nothing may name them
    /// durably before that. If `body` throws, nothing reaches the disk and no thread starts.
    public func withObjectBatchPackedAside<T>(_ body: (Repository) throws -> (T, roots: [ObjectID])) throws -> (T, BatchPack) {
        let (batch, backend) = try openBatch()
        let (result, roots) = try body(batch)
        return (result, BatchPack(batch: batch, backend: backend, roots: roots))
    }

    /// A second handle on this repository whose object database writes to a new in-memory store first.
    private func openBatch() throws -> (Repository, UnsafeMutablePointer<git_odb_backend>) {
        let batch = try Repository.open(at: path)
        var created: UnsafeMutablePointer<git_odb_backend>?
        try gitCall("create an in-memory object store") { git_mempack_new(&created) }
        guard let backend = created else {
            throw GitError.local(GIT_ERROR, GIT_ERROR_ODB, "libgit2 returned no in-memory object store", operation: "batch objects")
        }
        try batch.withObjectDatabase(operation: "open the object database for a batch") { odb in
            let result = git_odb_add_backend(odb, backend, 1000)
            if result < 0 {
                let error = GitError.fromLastError(code: result, operation: { "add the in-memory object store" })
                backend.pointee.free?(backend)
                throw error
            }
        }
        batch.memoryStore = backend
        return (batch, backend)
    }

    /// Writes the objects `roots` reach from the batch's in-memory store as one pack, then empties the store.
    fileprivate static func storeBatch(_ batch: Repository, _ backend: UnsafeMutablePointer<git_odb_backend>, roots: [ObjectID]) throws {
        _ = try batch.withObjectDatabase(operation: "open the object database to store a pack") { odb in
            try MemoryPack(backend: backend).store(roots: roots, into: odb)
        }
        try gitCall("release the in-memory object store") { git_mempack_reset(backend) }
    }

    /// Which of `names` exist, loose or in `packed-refs`: `packed-refs` read once and one
    /// `lstat` per name, where a libgit2 look-up per name tries both (thousands in an import).
    public func existingReferences(among names: [String]) throws -> Set<String> {
        existingReferences(among: names, packed: try packedReferences().targets)
    }

    private func existingReferences(among names: [String], packed: [String: ObjectID]) -> Set<String> {
        Set(names.filter { name in
            var status = stat()
            return packed[name] != nil || (lstat(path.appendingPathComponent(name).path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG)
        })
    }

    /// The references in `packed-refs` by name (none when there is no such file), and, when the
    /// file says it is fully peeled (git and gemba write it so), what each one peels to: the
    /// object after its `^` line, or nil for a reference that is not an annotated tag.
    private func packedReferences() throws -> (targets: [String: ObjectID], peeled: [String: ObjectID?]?) {
        var targets: [String: ObjectID] = [:]
        let file = path.appendingPathComponent("packed-refs")
        guard FileManager.default.fileExists(atPath: file.path) else { return (targets, [:]) }
        let existing = try String(contentsOf: file, encoding: .utf8)
        let lines = existing.split(separator: "\n")
        var peeled: [String: ObjectID?]? = lines.first.map { $0.hasPrefix("# pack-refs with:") && $0.split(separator: " ").contains("fully-peeled") } == true ? [:] : nil
        var last: String?
        for line in lines where !line.hasPrefix("#") {
            if line.hasPrefix("^") {
                if let last, let id = ObjectID(hex: String(line.dropFirst())) { peeled?[last] = id }
                continue
            }
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let id = ObjectID(hex: String(parts[0])) else { last = nil; continue }
            let name = String(parts[1])
            targets[name] = id
            peeled?[name] = .some(nil)
            last = name
        }
        return (targets, peeled)
    }

    /// Creates many new references at once in `packed-refs`: one fsynced file instead of one
    /// loose file (and fsync) per reference. Fails, creating none, if any of them exists already.
    /// Takes `packed-refs.lock` as libgit2 and git do. `peeled` may give what annotated tags among
    /// the targets finally point at, when the caller made them; the others are read.
    public func createPackedReferences(_ references: [(name: String, target: ObjectID)], peeled: [ObjectID: ObjectID] = [:]) throws {
        guard !references.isEmpty else { return }
        let operation = "create \(references.count) references"
        for (name, _) in references {
            try Repository.validateReferenceName(name, operation: operation)
        }
        let file = path.appendingPathComponent("packed-refs")
        let lock = path.appendingPathComponent("packed-refs.lock")
        let descriptor = openFile(lock.path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw GitError.local(GIT_ELOCKED, GIT_ERROR_REFERENCE, "cannot lock \(lock.path): \(String(cString: strerror(errno)))", operation: operation)
        }
        var written = false
        defer {
            if !written { unlink(lock.path) }
        }
        // Read under the lock, so no other writer packs a reference between the check and the
        // write. What the references already packed peel to is kept, not read again for each.
        var (targets, knownPeels) = try packedReferences()
        if let taken = existingReferences(among: references.map(\.name), packed: targets).min() {
            throw GitError.local(GIT_EEXISTS, GIT_ERROR_REFERENCE, "\(taken) already exists", operation: operation)
        }
        for (name, target) in references {
            targets[name] = target
            knownPeels?[name] = peeled[target].map { .some($0) }
        }
        var text = "# pack-refs with: peeled fully-peeled sorted \n"
        for name in targets.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            guard let target = targets[name] else { continue }
            text += "\(target.hex) \(name)\n"
            let final = try knownPeels?[name] ?? peeledTarget(target)
            if let final { text += "^\(final.hex)\n" }
        }
        let bytes = Array(text.utf8)
        let complete = bytes.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, buffer.baseAddress?.advanced(by: offset), buffer.count - offset)
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
        let synced = complete && fsync(descriptor) == 0
        close(descriptor)
        guard synced, rename(lock.path, file.path) == 0 else {
            throw GitError.local(GIT_ERROR, GIT_ERROR_OS, "cannot write \(file.path): \(String(cString: strerror(errno)))", operation: operation)
        }
        written = true
        let directory = openFile(path.path, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
    }

    /// The commit (or other non-tag object) an annotated tag finally points at; nil for a non-tag.
    private func peeledTarget(_ id: ObjectID) throws -> ObjectID? {
        guard try kind(of: id) == .tag else { return nil }
        var current = id
        while try kind(of: current) == .tag { current = try tag(current).target }
        return current
    }
}

/// The pack of an object batch, being written on a thread of its own
/// (`Repository.withObjectBatchPackedAside`). `wait()` returns once it is indexed and fsynced, or
/// throws what stopped it. Call it on every path, failures too, so that a process does not exit
/// with the pack half-written (libgit2 would leave its temporary file in `objects/pack`).
public final class BatchPack: @unchecked Sendable {
    // @unchecked: `outcome` is read and written with `condition` locked. The batch's handle and
    // in-memory store go to the pack's thread alone (`HandedOver`), which frees them when done.
    private let condition = NSCondition()
    private var outcome: Result<Void, any Error>?

    /// What the pack's thread takes over: nothing else uses the handle or its store after `init`.
    private struct HandedOver: @unchecked Sendable {
        let batch: Repository
        let backend: UnsafeMutablePointer<git_odb_backend>
        let roots: [ObjectID]
    }

    fileprivate init(batch: Repository, backend: UnsafeMutablePointer<git_odb_backend>, roots: [ObjectID]) {
        let work = HandedOver(batch: batch, backend: backend, roots: roots)
        let thread = Thread { [self] in
            let result = Result { try Repository.storeBatch(work.batch, work.backend, roots: work.roots) }
            condition.lock()
            outcome = result
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "gemba.git.pack"
        thread.start()
    }

    /// Waits until the pack is on disk; throws the error that stopped it (every time it is asked).
    public func wait() throws {
        condition.lock()
        while outcome == nil { condition.wait() }
        let result = outcome
        condition.unlock()
        try result?.get()
    }
}
