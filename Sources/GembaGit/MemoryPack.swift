import Crypto
import Foundation
internal import CLibGit2

/// New objects held in libgit2's in-memory object store (mempack), written out as one pack of
/// whole objects. libgit2's pack builder searches every object for a delta base first, which was
/// a third of a bulk import; this writes each object zlib-compressed at git's loose-object level
/// (as `git add` stores it) and lets libgit2's indexer check, index and fsync the pack. `git gc`
/// can delta-compress it later like any pack.
struct MemoryPack {
    /// The mempack backend (`git_odb_backend *`), owned by the object database it was added to.
    let backend: UnsafeMutablePointer<git_odb_backend>

    /// Writes every in-memory object that `roots` reach into a new pack in `odb` (which reads
    /// through the mempack too). Returns how many objects it wrote; nothing is written for none.
    @discardableResult
    func store(roots: [ObjectID], into odb: OpaquePointer) throws -> Int {
        let objects = try reachable(from: roots)
        guard !objects.isEmpty else { return 0 }
        var opened: UnsafeMutablePointer<git_odb_writepack>?
        try gitCall("start writing a pack") { git_odb_write_pack(&opened, odb, nil, nil) }
        guard let writer = opened else {
            throw GitError.local(GIT_ERROR, GIT_ERROR_ODB, "libgit2 returned no pack writer", operation: "write pack")
        }
        defer { writer.pointee.free?(writer) }
        var stats = git_indexer_progress()
        var checksum = Insecure.SHA1()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        func flush() throws {
            guard !buffer.isEmpty else { return }
            checksum.update(data: buffer)
            let result = buffer.withUnsafeBytes { bytes in writer.pointee.append?(writer, bytes.baseAddress, bytes.count, &stats) ?? -1 }
            if result < 0 { throw GitError.fromLastError(code: result, operation: { "write a pack of \(objects.count) objects" }) }
            buffer.removeAll(keepingCapacity: true)
        }
        buffer.append(contentsOf: Array("PACK".utf8))
        MemoryPack.appendBigEndian(2, to: &buffer)
        MemoryPack.appendBigEndian(UInt32(objects.count), to: &buffer)
        // One zlib stream at git's level for loose objects, reset between objects: compress2 set
        // up and cleared zlib's state for each, a third of its time on a document's small objects.
        let deflater = try Deflater(level: 1, framing: .zlib)
        for var oid in objects {
            try withObject(&oid) { type, bytes in
                MemoryPack.appendHeader(type: type, size: bytes.count, to: &buffer)
                try deflater.compress(bytes, finish: true) { buffer.append(contentsOf: $0) }
                try deflater.reset()
            }
            if buffer.count >= 1 << 20 { try flush() }
        }
        try flush()
        buffer.append(contentsOf: Array(checksum.finalize()))
        let result = buffer.withUnsafeBytes { bytes in writer.pointee.append?(writer, bytes.baseAddress, bytes.count, &stats) ?? -1 }
        if result < 0 { throw GitError.fromLastError(code: result, operation: { "finish a pack of \(objects.count) objects" }) }
        try gitCall("index and store a pack of \(objects.count) objects") { writer.pointee.commit?(writer, &stats) ?? -1 }
        return objects.count
    }

    /// The in-memory objects `roots` reach, each once: commits, tags and trees are opened to
    /// follow what they name; anything not in memory existed before, with all it reaches.
    private func reachable(from roots: [ObjectID]) throws -> [git_oid] {
        var seen = Set<RawObjectID>()
        var found: [git_oid] = []
        var pending: [git_oid] = []
        for root in roots { pending.append(root.oid) }
        while var oid = pending.popLast() {
            guard seen.insert(RawObjectID(oid)).inserted, backend.pointee.exists?(backend, &oid) == 1 else { continue }
            found.append(oid)
            var size = 0
            var kind = GIT_OBJECT_INVALID
            let result = backend.pointee.read_header?(&size, &kind, backend, &oid) ?? -1
            if result < 0 {
                throw GitError.local(GIT_ERROR, GIT_ERROR_ODB, "the in-memory object store cannot read object \(ObjectID(oid).hex) (\(result))", operation: "write pack")
            }
            guard kind != GIT_OBJECT_BLOB else { continue }
            try withObject(&oid) { type, bytes in
                switch type {
                case GIT_OBJECT_TREE: MemoryPack.treeEntries(bytes, into: &pending)
                case GIT_OBJECT_COMMIT, GIT_OBJECT_TAG: MemoryPack.namedObjects(bytes, into: &pending)
                default: break
                }
            }
        }
        return found
    }

    /// An object read straight from the mempack: not through the object database, which would
    /// cache it and hash it again. Its id was computed as it was written, and the indexer
    /// computes it once more from the pack.
    private func withObject(_ oid: inout git_oid, _ body: (git_object_t, UnsafeRawBufferPointer) throws -> Void) throws {
        var data: UnsafeMutableRawPointer?
        var size = 0
        var type = GIT_OBJECT_INVALID
        let result = backend.pointee.read?(&data, &size, &type, backend, &oid) ?? -1
        if result < 0 {
            throw GitError.local(GIT_ERROR, GIT_ERROR_ODB, "the in-memory object store cannot read object \(ObjectID(oid).hex) (\(result))", operation: "write pack")
        }
        defer { git_odb_backend_data_free(backend, data) }
        try body(type, UnsafeRawBufferPointer(start: data, count: size))
    }

    /// Entries of a raw tree (`<mode> <name>\0<20-byte id>` each), but submodule commits.
    private static func treeEntries(_ bytes: UnsafeRawBufferPointer, into pending: inout [git_oid]) {
        var index = 0
        while index < bytes.count {
            let modeStart = index
            while index < bytes.count, bytes[index] != 0x20 { index += 1 }
            let isSubmodule = index - modeStart == 6 && bytes[modeStart] == UInt8(ascii: "1") && bytes[modeStart + 1] == UInt8(ascii: "6")
            while index < bytes.count, bytes[index] != 0 { index += 1 }
            index += 1
            guard index + 20 <= bytes.count else { return }
            if !isSubmodule {
                var oid = git_oid()
                withUnsafeMutableBytes(of: &oid.id) { target in
                    target.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[index..<index + 20]))
                }
                pending.append(oid)
            }
            index += 20
        }
    }

    private static let namingKeys: [[UInt8]] = ["tree ", "parent ", "object "].map { Array($0.utf8) }

    /// The `tree`, `parent` and `object` lines of a raw commit or tag header (up to its first
    /// blank line), read as bytes: the message after it is not looked at.
    static func namedObjects(_ bytes: UnsafeRawBufferPointer, into pending: inout [git_oid]) {
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            if end == start { return }
            for key in namingKeys where end - start == key.count + 40 && key.indices.allSatisfy({ bytes[start + $0] == key[$0] }) {
                let hex = UnsafeRawBufferPointer(rebasing: bytes[(start + key.count)..<end])
                if let id = ObjectID(hex: String(decoding: hex, as: UTF8.self)) { pending.append(id.oid) }
            }
            start = end + 1
        }
    }

    /// A pack object header: type and size, seven bits of size per further byte.
    private static func appendHeader(type: git_object_t, size: Int, to buffer: inout [UInt8]) {
        var size = UInt64(size)
        var byte = UInt8(truncatingIfNeeded: (UInt64(type.rawValue) << 4) | (size & 0x0f))
        size >>= 4
        while size != 0 {
            buffer.append(byte | 0x80)
            byte = UInt8(truncatingIfNeeded: size & 0x7f)
            size >>= 7
        }
        buffer.append(byte)
    }

    private static func appendBigEndian(_ value: UInt32, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)])
    }
}

/// A git object id's 20 bytes as a hashable value, for sets of ids without making hex strings.
private struct RawObjectID: Hashable {
    let high: UInt64, middle: UInt64, low: UInt32

    init(_ oid: git_oid) {
        (high, middle, low) = withUnsafeBytes(of: oid.id) { bytes in
            (bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self), bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
             bytes.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
        }
    }
}
