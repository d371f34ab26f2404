import Foundation
internal import CLibGit2

/// Writes many objects to memory and then into one pack file per `flush`, instead of one fsynced
/// loose file per object: the way to build a large history (`gemba synth`). While it is in use,
/// every object the repository writes goes to memory first; reads see them as usual.
public final class BulkObjectWriter {
    private let repository: Repository
    /// The `git_odb_backend *` of libgit2's in-memory pack; owned by the object database.
    private let backend: OpaquePointer

    /// Adds the in-memory store to `repository`'s object database, ahead of the loose and pack stores.
    public init(repository: Repository) throws {
        self.repository = repository
        var backend: OpaquePointer?
        try gitCall("create in-memory object store") { git_mempack_new(&backend) }
        guard let backend else {
            throw GitError.local(GIT_ERROR, GIT_ERROR_ODB, "libgit2 returned no in-memory store", operation: "create in-memory object store")
        }
        _ = try repository.withObjectDatabase(operation: "add in-memory object store") { odb in
            // The object database owns (and frees) the backend once added.
            try gitCall("add in-memory object store") { git_odb_add_backend(odb, backend, 999) }
        }
        self.backend = backend
    }

    /// Writes the objects reachable from `roots` (the commits and tags written since the last
    /// flush) as one pack file with its index, then empties memory. Objects written since the
    /// last flush that no root reaches are dropped.
    public func flush(roots: [ObjectID]) throws {
        guard !roots.isEmpty else { return }
        var builder: OpaquePointer?
        try gitCall("start a pack") { git_packbuilder_new(&builder, repository.handle) }
        defer { git_packbuilder_free(builder) }
        git_packbuilder_set_threads(builder, 0)
        for root in roots {
            var oid = root.oid
            try gitCall("add \(root) to the pack") { git_packbuilder_insert_recur(builder, &oid, nil) }
        }
        try gitCall("write a pack of \(roots.count) commits and tags") { git_packbuilder_write(builder, nil, 0, nil, nil) }
        // The pack store must see the new pack before memory is emptied.
        _ = try repository.withObjectDatabase(operation: "refresh the object database") { odb in
            try gitCall("refresh the object database") { git_odb_refresh(odb) }
        }
        try gitCall("empty the in-memory object store") { git_mempack_reset(backend) }
    }
}

/// One line of a `packed-refs` file: a reference and, for an annotated tag, the commit it peels to.
public struct PackedReference: Sendable {
    public let name: String
    public let target: ObjectID
    public let peeled: ObjectID?

    public init(name: String, target: ObjectID, peeled: ObjectID?) {
        self.name = name
        self.target = target
        self.peeled = peeled
    }
}

extension Repository {
    /// Writes `references` as the repository's `packed-refs` file (sorted, fully peeled), the
    /// form git itself uses for many references: one file instead of one per tag. Only for a
    /// repository that has none of these references yet as loose files, such as a new one.
    public func writePackedReferences(_ references: [PackedReference]) throws {
        let operation = "write packed-refs"
        for reference in references { try Repository.validateReferenceName(reference.name, operation: operation) }
        var text = "# pack-refs with: peeled fully-peeled sorted \n"
        // git compares reference names byte by byte.
        for reference in references.sorted(by: { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }) {
            text += "\(reference.target.hex) \(reference.name)\n"
            if let peeled = reference.peeled { text += "^\(peeled.hex)\n" }
        }
        let file = path.appendingPathComponent("packed-refs")
        let staging = path.appendingPathComponent("packed-refs.lock")
        do {
            guard FileManager.default.createFile(atPath: staging.path, contents: Data(text.utf8)) else {
                throw CocoaError(.fileWriteUnknown)
            }
            let handle = try FileHandle(forWritingTo: staging)
            try handle.synchronize()
            try handle.close()
            guard rename(staging.path, file.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw GitError.local(GIT_ERROR, GIT_ERROR_OS, "cannot write \(file.path): \(error)", operation: operation)
        }
    }
}
