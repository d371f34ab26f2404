internal import CLibGit2

extension Repository {
    /// Applies `edits` in order to `base` (nil = empty tree) and writes the resulting trees.
    /// Intermediate directories are created as needed; directories left empty disappear.
    /// Only the object database is written.
    public func tree(base: ObjectID?, applying edits: [TreeEdit]) throws -> ObjectID {
        let root = try TreeEditNode(loading: base, in: self)
        for edit in edits {
            try root.apply(edit, in: self)
        }
        return try root.write(in: self) ?? emptyTree()
    }
}

/// In-memory directory used while editing a tree. Subdirectories are loaded only when an
/// edit descends into them; untouched entries keep their object ids.
final class TreeEditNode {
    enum Child {
        case object(ObjectID, git_filemode_t)
        case node(TreeEditNode)
    }

    private var children: [String: Child] = [:]

    private init() {}

    /// Loads the entries of `tree` (nil = no entries).
    init(loading tree: ObjectID?, in repository: Repository) throws {
        guard let tree else { return }
        try repository.withTree(tree, operation: "edit tree \(tree)") { handle in
            for index in 0..<git_tree_entrycount(handle) {
                guard let entry = git_tree_entry_byindex(handle, index),
                      let id = ObjectID(git_tree_entry_id(entry)),
                      let name = git_tree_entry_name(entry)
                else {
                    throw GitError.local(GIT_ERROR, GIT_ERROR_TREE, "malformed tree entry", operation: "edit tree \(tree)")
                }
                children[String(cString: name)] = .object(id, git_tree_entry_filemode(entry))
            }
        }
    }

    func apply(_ edit: TreeEdit, in repository: Repository) throws {
        switch edit {
        case let .upsertFile(path, blob):
            let operation = "upsert file \(path)"
            let target = try TreePath(path, operation: operation)
            try upsert(target.components[...], .object(blob, GIT_FILEMODE_BLOB), path: path, operation: operation, in: repository)
        case let .upsertTree(path, tree):
            let operation = "upsert tree \(path)"
            let target = try TreePath(path, operation: operation)
            try upsert(target.components[...], .object(tree, GIT_FILEMODE_TREE), path: path, operation: operation, in: repository)
        case let .remove(path):
            let operation = "remove \(path)"
            let target = try TreePath(path, operation: operation)
            try remove(target.components[...], path: path, operation: operation, in: repository)
        }
    }

    private func upsert(
        _ components: ArraySlice<String>, _ child: Child, path: String, operation: String, in repository: Repository
    ) throws {
        guard let first = components.first else { return }
        if components.count == 1 {
            children[first] = child
            return
        }
        let directory = try subdirectory(first, create: true, path: path, operation: operation, in: repository)
        try directory?.upsert(components.dropFirst(), child, path: path, operation: operation, in: repository)
    }

    private func remove(
        _ components: ArraySlice<String>, path: String, operation: String, in repository: Repository
    ) throws {
        guard let first = components.first else { return }
        if components.count == 1 {
            if children.removeValue(forKey: first) == nil {
                throw GitError.local(GIT_ENOTFOUND, GIT_ERROR_TREE, "path '\(path)' does not exist in the tree", operation: operation)
            }
            return
        }
        guard let directory = try subdirectory(first, create: false, path: path, operation: operation, in: repository) else {
            throw GitError.local(GIT_ENOTFOUND, GIT_ERROR_TREE, "path '\(path)' does not exist in the tree", operation: operation)
        }
        try directory.remove(components.dropFirst(), path: path, operation: operation, in: repository)
    }

    /// The directory `name`, loading it from its tree object; created if absent and `create`.
    private func subdirectory(
        _ name: String, create: Bool, path: String, operation: String, in repository: Repository
    ) throws -> TreeEditNode? {
        switch children[name] {
        case let .node(node)?:
            return node
        case let .object(id, mode)? where mode == GIT_FILEMODE_TREE:
            let node = try TreeEditNode(loading: id, in: repository)
            children[name] = .node(node)
            return node
        case .object?:
            if !create { return nil }
            throw GitError.local(
                GIT_EEXISTS, GIT_ERROR_TREE,
                "'\(name)' on the way to '\(path)' is a file, not a directory; remove it first", operation: operation)
        case nil:
            if !create { return nil }
            let node = TreeEditNode()
            children[name] = .node(node)
            return node
        }
    }

    /// Writes this directory and its edited subdirectories; nil if it ended up empty.
    func write(in repository: Repository) throws -> ObjectID? {
        var builder: OpaquePointer?
        try gitCall("write tree: create tree builder") { git_treebuilder_new(&builder, repository.handle, nil) }
        defer { git_treebuilder_free(builder) }
        for (name, child) in children {
            let id: ObjectID
            let mode: git_filemode_t
            switch child {
            case let .object(objectID, objectMode):
                if objectMode == GIT_FILEMODE_TREE && objectID == .emptyTree { continue }
                (id, mode) = (objectID, objectMode)
            case let .node(node):
                guard let written = try node.write(in: repository) else { continue }
                (id, mode) = (written, GIT_FILEMODE_TREE)
            }
            var oid = id.oid
            try gitCall("write tree: insert '\(name)' (\(id))") {
                git_treebuilder_insert(nil, builder, name, &oid, mode)
            }
        }
        if git_treebuilder_entrycount(builder) == 0 { return nil }
        var oid = git_oid()
        try gitCall("write tree") { git_treebuilder_write(&oid, builder) }
        return ObjectID(oid)
    }
}
