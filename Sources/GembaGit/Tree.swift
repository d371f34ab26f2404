/// One entry of a tree object.
public struct TreeEntry: Sendable, Equatable {
    /// The entry's file name (last path component).
    public let name: String
    public let id: ObjectID
    /// `.blob` for files (and symlinks), `.tree` for directories, `.commit` for submodule links.
    public let kind: ObjectKind
    /// True for blobs with mode 100755.
    public let isExecutable: Bool

    public init(name: String, id: ObjectID, kind: ObjectKind, isExecutable: Bool) {
        self.name = name
        self.id = id
        self.kind = kind
        self.isExecutable = isExecutable
    }
}

/// An edit of a tree, addressed by a slash-separated path such as "documents/SOP-0001/meta.yaml".
/// Edits are applied in order.
public enum TreeEdit: Sendable, Equatable {
    /// Puts a regular (100644) file at `path`, creating intermediate directories.
    case upsertFile(path: String, blob: ObjectID)
    /// Puts a directory at `path`, creating intermediate directories. An empty tree removes the path.
    case upsertTree(path: String, tree: ObjectID)
    /// Removes the file or whole subtree at `path`. Throws `isNotFound` if nothing is there.
    case remove(path: String)
}
