import Foundation
internal import CLibGit2

/// A git repository opened through libgit2. Not thread-safe: use one instance from one thread at a time.
public final class Repository {
    /// The repository directory (for a bare repository, the directory holding HEAD, objects, refs).
    public let path: URL
    /// The owned `git_repository *`; freed in deinit.
    let handle: OpaquePointer
    /// The in-memory store (`git_odb_backend *`, owned by the object database) that new objects
    /// go to while this handle writes a batch (`withObjectBatch`, `BulkObjectWriter`).
    var memoryStore: UnsafeMutablePointer<git_odb_backend>?

    private init(path: URL, handle: OpaquePointer) {
        self.path = path
        self.handle = handle
    }

    deinit {
        git_repository_free(handle)
    }

    /// Creates a new bare repository whose HEAD is `refs/heads/main`. Fails if one already exists there.
    public static func createBare(at url: URL) throws -> Repository {
        try LibGit2.ensureInitialized()
        let path = url.standardizedFileURL
        let operation = "create bare repository at \(path.path)"
        var options = git_repository_init_options()
        try gitCall(operation) {
            git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION))
        }
        options.flags = GIT_REPOSITORY_INIT_BARE.rawValue
            | GIT_REPOSITORY_INIT_MKPATH.rawValue
            | GIT_REPOSITORY_INIT_MKDIR.rawValue
            | GIT_REPOSITORY_INIT_NO_REINIT.rawValue
        var handle: OpaquePointer?
        try "main".withCString { initialHead in
            options.initial_head = initialHead
            try gitCall(operation) { git_repository_init_ext(&handle, path.path, &options) }
        }
        guard let handle else {
            throw GitError.local(GIT_ERROR, GIT_ERROR_REPOSITORY, "libgit2 returned no repository", operation: operation)
        }
        return Repository(path: path, handle: handle)
    }

    /// Opens an existing repository at exactly `url` (no search upwards).
    public static func open(at url: URL) throws -> Repository {
        try LibGit2.ensureInitialized()
        let path = url.standardizedFileURL
        let operation = "open repository at \(path.path)"
        var handle: OpaquePointer?
        try gitCall(operation) {
            git_repository_open_ext(&handle, path.path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        }
        guard let handle else {
            throw GitError.local(GIT_ERROR, GIT_ERROR_REPOSITORY, "libgit2 returned no repository", operation: operation)
        }
        return Repository(path: path, handle: handle)
    }
}

extension Repository {
    /// Opens the repository's object database (`git_odb *`) for the duration of `body`.
    func withObjectDatabase<T>(operation: @autoclosure () -> String, _ body: (OpaquePointer) throws -> T) throws -> T {
        var odb: OpaquePointer?
        try gitCall(operation()) { git_repository_odb(&odb, handle) }
        defer { git_odb_free(odb) }
        guard let odb else {
            throw GitError.local(GIT_ERROR, GIT_ERROR_ODB, "no object database", operation: operation())
        }
        return try body(odb)
    }

    /// Looks up a tree (`git_tree *`) for the duration of `body`.
    func withTree<T>(_ id: ObjectID, operation: @autoclosure () -> String, _ body: (OpaquePointer) throws -> T) throws -> T {
        var oid = id.oid
        var tree: OpaquePointer?
        try gitCall(operation()) { git_tree_lookup(&tree, handle, &oid) }
        defer { git_tree_free(tree) }
        guard let tree else {
            throw GitError.local(GIT_ENOTFOUND, GIT_ERROR_TREE, "tree \(id) not found", operation: operation())
        }
        return try body(tree)
    }
}
