import Foundation
internal import CLibGit2

/// Writes many objects to memory and then into one pack file per `flush`, instead of one fsynced
/// loose file per object: the way to build a large history (`gemba synth`). While it is in use,
/// every object the repository writes goes to memory first; reads see them as usual.
public final class BulkObjectWriter {
    private let repository: Repository
    /// The `git_odb_backend *` of libgit2's in-memory pack; owned by the object database.
    private let backend: UnsafeMutablePointer<git_odb_backend>

    /// Adds the in-memory store to `repository`'s object database, ahead of the loose and pack stores.
    public init(repository: Repository) throws {
        self.repository = repository
        var backend: UnsafeMutablePointer<git_odb_backend>?
        try gitCall("create in-memory object store") { git_mempack_new(&backend) }
        guard let backend else {
            throw GitError.local(GIT_ERROR, GIT_ERROR_ODB, "libgit2 returned no in-memory store", operation: "create in-memory object store")
        }
        _ = try repository.withObjectDatabase(operation: "add in-memory object store") { odb in
            // The object database owns (and frees) the backend once added.
            try gitCall("add in-memory object store") { git_odb_add_backend(odb, backend, 999) }
        }
        self.backend = backend
        repository.memoryStore = backend
    }

    /// Writes the in-memory objects reachable from `roots` (the commits and tags written since
    /// the last flush) as one pack file with its index (`MemoryPack`), then empties memory.
    /// Objects written since the last flush that no root reaches are dropped.
    public func flush(roots: [ObjectID]) throws {
        guard !roots.isEmpty else { return }
        try repository.withObjectDatabase(operation: "write a pack of \(roots.count) commits and tags") { odb in
            try MemoryPack(backend: backend).store(roots: roots, into: odb)
            // The pack store must see the new pack before memory is emptied.
            try gitCall("refresh the object database") { git_odb_refresh(odb) }
        }
        try gitCall("empty the in-memory object store") { git_mempack_reset(backend) }
    }
}
