import Foundation
internal import CLibGit2

extension Repository {
    /// Reads a commit.
    public func commit(_ id: ObjectID) throws -> Commit {
        var oid = id.oid
        var commit: OpaquePointer?
        try gitCall("read commit \(id)") { git_commit_lookup(&commit, handle, &oid) }
        defer { git_commit_free(commit) }
        guard let tree = ObjectID(git_commit_tree_id(commit)),
              let author = git_commit_author(commit),
              let committer = git_commit_committer(commit)
        else {
            throw GitError.local(GIT_ERROR, GIT_ERROR_OBJECT, "malformed commit", operation: "read commit \(id)")
        }
        let parentCount = git_commit_parentcount(commit)
        var parents: [ObjectID] = []
        for index in 0..<parentCount {
            if let parent = ObjectID(git_commit_parent_id(commit, index)) { parents.append(parent) }
        }
        return Commit(
            id: id, tree: tree, parents: parents,
            author: GitPerson(author), committer: GitPerson(committer),
            message: swiftString(git_commit_message_raw(commit)))
    }

    /// Reads an annotated tag object.
    public func tag(_ id: ObjectID) throws -> Tag {
        var oid = id.oid
        var tag: OpaquePointer?
        try gitCall("read tag \(id)") { git_tag_lookup(&tag, handle, &oid) }
        defer { git_tag_free(tag) }
        guard let target = ObjectID(git_tag_target_id(tag)),
              let targetKind = ObjectKind(git_tag_target_type(tag))
        else {
            throw GitError.local(GIT_ERROR, GIT_ERROR_TAG, "malformed tag", operation: "read tag \(id)")
        }
        return Tag(
            id: id, name: swiftString(git_tag_name(tag)), target: target, targetKind: targetKind,
            tagger: git_tag_tagger(tag).map { GitPerson($0) },
            message: swiftString(git_tag_message(tag)))
    }

    /// The kind of the object, or nil if it is not in the object database.
    public func kind(of id: ObjectID) throws -> ObjectKind? {
        try withObjectDatabase(operation: "read header of \(id)") { odb in
            var oid = id.oid
            var size = 0
            var type = GIT_OBJECT_INVALID
            let result = git_odb_read_header(&size, &type, odb, &oid)
            if result == GIT_ENOTFOUND.rawValue { return nil }
            try gitCall("read header of \(id)") { result }
            return ObjectKind(type)
        }
    }

    /// Whether the object database holds `id`.
    public func contains(_ id: ObjectID) -> Bool {
        (try? withObjectDatabase(operation: "look up \(id)") { odb in
            var oid = id.oid
            return git_odb_exists(odb, &oid) == 1
        }) ?? false
    }

    /// The entry at a slash-separated path inside `tree`, or nil if there is none.
    public func entry(atPath path: String, inTree tree: ObjectID) throws -> TreeEntry? {
        let operation = "look up \(path) in tree \(tree)"
        _ = try TreePath(path, operation: operation)
        return try withTree(tree, operation: operation) { treeHandle in
            var entry: OpaquePointer?
            let result = git_tree_entry_bypath(&entry, treeHandle, path)
            if result == GIT_ENOTFOUND.rawValue { return nil }
            try gitCall(operation) { result }
            defer { git_tree_entry_free(entry) }
            return try TreeEntry(copying: entry, operation: operation)
        }
    }

    /// The entries of a tree, in git's tree order.
    public func entries(ofTree tree: ObjectID) throws -> [TreeEntry] {
        let operation = "list tree \(tree)"
        return try withTree(tree, operation: operation) { treeHandle in
            let count = git_tree_entrycount(treeHandle)
            var entries: [TreeEntry] = []
            entries.reserveCapacity(count)
            for index in 0..<count {
                entries.append(try TreeEntry(copying: git_tree_entry_byindex(treeHandle, index), operation: operation))
            }
            return entries
        }
    }

    /// The contents of a blob.
    public func blob(_ id: ObjectID) throws -> Data {
        var oid = id.oid
        var blob: OpaquePointer?
        try gitCall("read blob \(id)") { git_blob_lookup(&blob, handle, &oid) }
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let content = git_blob_rawcontent(blob) else { return Data() }
        return Data(bytes: content, count: size)
    }

    /// True if `ancestor` is reachable from `descendant` through parent links, or equal to it.
    public func isAncestor(_ ancestor: ObjectID, of descendant: ObjectID) throws -> Bool {
        let operation = "check whether \(ancestor) is an ancestor of \(descendant)"
        guard try kind(of: ancestor) == .commit else {
            throw GitError.local(GIT_ENOTFOUND, GIT_ERROR_OBJECT, "commit \(ancestor) not found", operation: operation)
        }
        guard try kind(of: descendant) == .commit else {
            throw GitError.local(GIT_ENOTFOUND, GIT_ERROR_OBJECT, "commit \(descendant) not found", operation: operation)
        }
        if ancestor == descendant { return true }
        var ancestorOid = ancestor.oid
        var descendantOid = descendant.oid
        let result = try gitCall(operation) { git_graph_descendant_of(handle, &descendantOid, &ancestorOid) }
        return result == 1
    }
}

extension TreeEntry {
    /// Copies a `git_tree_entry *`.
    init(copying entry: OpaquePointer?, operation: String) throws {
        guard let entry, let id = ObjectID(git_tree_entry_id(entry)),
              let kind = ObjectKind(git_tree_entry_type(entry))
        else {
            throw GitError.local(GIT_ERROR, GIT_ERROR_TREE, "malformed tree entry", operation: operation)
        }
        self.init(
            name: swiftString(git_tree_entry_name(entry)), id: id, kind: kind,
            isExecutable: git_tree_entry_filemode(entry) == GIT_FILEMODE_BLOB_EXECUTABLE)
    }
}
