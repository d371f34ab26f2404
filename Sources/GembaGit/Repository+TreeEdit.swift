internal import CLibGit2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Repository {
    /// Applies `edits` in order to `base` (nil = empty tree) and writes the resulting trees.
    /// Intermediate directories are created as needed; directories left empty disappear.
    /// Only the object database is written.
    public func tree(base: ObjectID?, applying edits: [TreeEdit]) throws -> ObjectID {
        let editor = try TreeEditor(base: base, in: self)
        try editor.apply(edits)
        return try editor.write()
    }
}

/// A tree edited in memory and written as often as wanted: a chain of commits, each tree one
/// edit on from the last, shares one editor. A directory is read from its tree object the first
/// time an edit or look-up descends into it, and a write writes again only the directories edited
/// since the last write; the others keep their ids. Writes go to the editor's repository (or the
/// batch of it that it was made on). An edit that throws changes nothing (the edits before it in the
/// same call stay made). A directory left empty is gone at once, as it is from the written tree.
public final class TreeEditor {
    private let repository: Repository
    private let root: TreeEditNode

    /// An editor holding `base` (nil = the empty tree).
    public init(base: ObjectID?, in repository: Repository) throws {
        self.repository = repository
        root = try TreeEditNode(loading: base, in: repository)
    }

    /// Applies `edits` in order.
    public func apply(_ edits: [TreeEdit]) throws {
        for edit in edits {
            try root.apply(edit, in: repository)
        }
    }

    /// True if something (file or directory) is at `path` in the tree as edited so far.
    public func contains(_ path: String) throws -> Bool {
        let target = try TreePath(path, operation: "look up \(path)")
        return try root.contains(target.components[...], in: repository)
    }

    /// Writes the edited directories and returns the tree's id (the empty tree if nothing is left).
    public func write() throws -> ObjectID {
        let written = try repository.withObjectDatabase(operation: "write tree: open the object database") { odb in
            try root.write(into: odb, of: repository)
        }
        return try written.map { ObjectID($0) } ?? repository.emptyTree()
    }
}

/// One directory of a `TreeEditor`: its entries in git's tree order, as names' bytes, and what
/// it was last written as. Subdirectories are loaded only when an edit or look-up descends into
/// them; untouched entries keep their object ids.
final class TreeEditNode {
    enum Child {
        case object(git_oid, git_filemode_t)
        case node(TreeEditNode)

        var isDirectory: Bool {
            switch self {
            case let .object(_, mode): mode == GIT_FILEMODE_TREE
            case .node: true
            }
        }
    }

    private struct Entry {
        var name: [UInt8]
        var child: Child
    }

    /// What the entries were last written as; `edited` until they are written again.
    private enum Written {
        case edited
        case tree(git_oid)
        case empty
    }

    /// Sorted as git sorts tree entries (`TreeEditNode.order`).
    private var entries: [Entry] = []
    private var written = Written.edited

    private init() {}

    /// Loads the entries of `tree` (nil = no entries).
    init(loading tree: ObjectID?, in repository: Repository) throws {
        guard let tree else { return }
        try repository.withTree(tree, operation: "edit tree \(tree)") { handle in
            let count = git_tree_entrycount(handle)
            entries.reserveCapacity(count)
            for index in 0..<count {
                guard let entry = git_tree_entry_byindex(handle, index), let id = git_tree_entry_id(entry),
                      let name = git_tree_entry_name(entry)
                else {
                    throw GitError.local(GIT_ERROR, GIT_ERROR_TREE, "malformed tree entry", operation: "edit tree \(tree)")
                }
                let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(name).assumingMemoryBound(to: UInt8.self), count: strlen(name))
                entries.append(Entry(name: Array(bytes), child: .object(id.pointee, git_tree_entry_filemode(entry))))
            }
        }
        let inOrder = zip(entries, entries.dropFirst()).allSatisfy { TreeEditNode.order($0, $1) < 0 && $0.name != $1.name }
        if inOrder {
            written = entries.isEmpty ? .empty : .tree(tree.oid)
        } else {
            // Not as git writes trees (out of order, or a name twice): put in order, keeping the
            // last of a name, and write it anew when asked.
            var byName: [[UInt8]: Entry] = [:]
            for entry in entries { byName[entry.name] = entry }
            entries = byName.values.sorted { TreeEditNode.order($0, $1) < 0 }
        }
    }

    func apply(_ edit: TreeEdit, in repository: Repository) throws {
        switch edit {
        case let .upsertFile(path, blob):
            let operation = "upsert file \(path)"
            let target = try TreePath(path, operation: operation)
            try TreeEditNode.requireObject(blob, kind: GIT_OBJECT_BLOB, path: path, operation: operation, in: repository)
            try upsert(target.components[...], .object(blob.oid, GIT_FILEMODE_BLOB), path: path, operation: operation, in: repository)
        case let .upsertTree(path, tree):
            let operation = "upsert tree \(path)"
            let target = try TreePath(path, operation: operation)
            if tree == .emptyTree {
                // An empty directory is no directory: whatever is at the path goes.
                if try contains(target.components[...], in: repository) {
                    try remove(target.components[...], path: path, operation: operation, in: repository)
                }
                return
            }
            try TreeEditNode.requireObject(tree, kind: GIT_OBJECT_TREE, path: path, operation: operation, in: repository)
            try upsert(target.components[...], .object(tree.oid, GIT_FILEMODE_TREE), path: path, operation: operation, in: repository)
        case let .remove(path):
            let operation = "remove \(path)"
            let target = try TreePath(path, operation: operation)
            try remove(target.components[...], path: path, operation: operation, in: repository)
        }
    }

    /// True if `components` names an entry below this directory.
    func contains(_ components: ArraySlice<String>, in repository: Repository) throws -> Bool {
        guard let first = components.first else { return true }
        let name = Array(first.utf8)
        guard let index = index(of: name) else { return false }
        if components.count == 1 { return true }
        guard let directory = try subdirectory(at: index, in: repository) else { return false }
        return try directory.contains(components.dropFirst(), in: repository)
    }

    private func upsert(
        _ components: ArraySlice<String>, _ child: Child, path: String, operation: String, in repository: Repository
    ) throws {
        guard let first = components.first else { return }
        let name = Array(first.utf8)
        written = .edited
        if components.count == 1 {
            put(Entry(name: name, child: child))
            return
        }
        let directory: TreeEditNode
        if let index = index(of: name) {
            guard let existing = try subdirectory(at: index, in: repository) else {
                throw GitError.local(
                    GIT_EEXISTS, GIT_ERROR_TREE,
                    "'\(first)' on the way to '\(path)' is a file, not a directory; remove it first", operation: operation)
            }
            directory = existing
        } else {
            directory = TreeEditNode()
            put(Entry(name: name, child: .node(directory)))
        }
        try directory.upsert(components.dropFirst(), child, path: path, operation: operation, in: repository)
    }

    private func remove(
        _ components: ArraySlice<String>, path: String, operation: String, in repository: Repository
    ) throws {
        guard let first = components.first else { return }
        let notFound = GitError.local(GIT_ENOTFOUND, GIT_ERROR_TREE, "path '\(path)' does not exist in the tree", operation: operation)
        guard let index = index(of: Array(first.utf8)) else { throw notFound }
        if components.count == 1 {
            entries.remove(at: index)
            written = .edited
            return
        }
        guard let directory = try subdirectory(at: index, in: repository) else { throw notFound }
        try directory.remove(components.dropFirst(), path: path, operation: operation, in: repository)
        if directory.entries.isEmpty { entries.remove(at: index) }
        written = .edited
    }

    /// The directory at `index`, loaded from its tree object the first time; nil for a file.
    private func subdirectory(at index: Int, in repository: Repository) throws -> TreeEditNode? {
        switch entries[index].child {
        case let .node(node):
            return node
        case let .object(oid, mode) where mode == GIT_FILEMODE_TREE:
            let node = try TreeEditNode(loading: ObjectID(oid), in: repository)
            entries[index].child = .node(node)
            return node
        case .object:
            return nil
        }
    }

    /// The index of the entry named `name`, file or directory.
    private func index(of name: [UInt8]) -> Int? {
        for isDirectory in [true, false] {
            let position = insertionPoint(name, isDirectory: isDirectory)
            if position < entries.count, entries[position].name == name { return position }
        }
        return nil
    }

    /// Puts `entry` in place of the entry of the same name, or where git's order puts it.
    private func put(_ entry: Entry) {
        if let existing = index(of: entry.name) {
            if entries[existing].child.isDirectory == entry.child.isDirectory {
                entries[existing] = entry
                return
            }
            entries.remove(at: existing)
        }
        entries.insert(entry, at: insertionPoint(entry.name, isDirectory: entry.child.isDirectory))
    }

    /// The first position whose entry does not sort before (`name`, `isDirectory`).
    private func insertionPoint(_ name: [UInt8], isDirectory: Bool) -> Int {
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            let entry = entries[middle]
            if TreeEditNode.order(entry.name, entry.child.isDirectory, name, isDirectory) < 0 {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    private static func order(_ lhs: Entry, _ rhs: Entry) -> Int {
        order(lhs.name, lhs.child.isDirectory, rhs.name, rhs.child.isDirectory)
    }

    /// git's tree order: names compared as bytes, a directory's name as if it ended in "/".
    static func order(_ lhs: [UInt8], _ lhsIsDirectory: Bool, _ rhs: [UInt8], _ rhsIsDirectory: Bool) -> Int {
        let common = min(lhs.count, rhs.count)
        if common > 0 {
            let compared = lhs.withUnsafeBytes { left in
                rhs.withUnsafeBytes { right in
                    guard let left = left.baseAddress, let right = right.baseAddress else { return Int32(0) }
                    return memcmp(left, right, common)
                }
            }
            if compared != 0 { return compared < 0 ? -1 : 1 }
        }
        let slash = UInt8(ascii: "/")
        let left = lhs.count > common ? lhs[common] : (lhsIsDirectory ? slash : 0)
        let right = rhs.count > common ? rhs[common] : (rhsIsDirectory ? slash : 0)
        return left == right ? 0 : (left < right ? -1 : 1)
    }

    /// Fails unless `id` is an object of `kind` in the repository, as libgit2's tree builder checks.
    private static func requireObject(_ id: ObjectID, kind: git_object_t, path: String, operation: String, in repository: Repository) throws {
        try repository.withObjectDatabase(operation: operation) { odb in
            var oid = id.oid
            var size = 0
            var found = GIT_OBJECT_INVALID
            let result = git_odb_read_header(&size, &found, odb, &oid)
            if result == GIT_ENOTFOUND.rawValue {
                throw GitError.local(GIT_ENOTFOUND, GIT_ERROR_TREE, "object \(id) for '\(path)' is not in the repository", operation: operation)
            }
            try gitCall(operation) { result }
            guard found == kind else {
                let expected = kind == GIT_OBJECT_TREE ? "tree" : "blob"
                throw GitError.local(GIT_EINVALID, GIT_ERROR_TREE, "object \(id) for '\(path)' is not a \(expected)", operation: operation)
            }
        }
    }

    /// Writes this directory if it was edited since it was last written, and its edited
    /// subdirectories first; returns its id, or nil if it has no entries (an empty directory).
    func write(into odb: OpaquePointer, of repository: Repository) throws -> git_oid? {
        switch written {
        case let .tree(oid): return oid
        case .empty: return nil
        case .edited: break
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.count * 56)
        for entry in entries {
            var oid: git_oid
            let mode: git_filemode_t
            switch entry.child {
            case let .object(id, objectMode):
                if objectMode == GIT_FILEMODE_TREE && TreeEditNode.isEmptyTree(id) { continue }
                (oid, mode) = (id, objectMode)
            case let .node(node):
                guard let id = try node.write(into: odb, of: repository) else { continue }
                (oid, mode) = (id, GIT_FILEMODE_TREE)
            }
            TreeEditNode.appendMode(mode, to: &bytes)
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: entry.name)
            bytes.append(0)
            withUnsafeBytes(of: &oid.id) { bytes.append(contentsOf: $0) }
        }
        if bytes.isEmpty {
            written = .empty
            return nil
        }
        let oid = try bytes.withUnsafeBytes { try repository.writeObject($0, GIT_OBJECT_TREE, into: odb, operation: "write tree") }
        written = .tree(oid)
        return oid
    }

    private static let emptyTreeBytes: [UInt8] = withUnsafeBytes(of: ObjectID.emptyTree.oid.id) { Array($0) }

    private static func isEmptyTree(_ oid: git_oid) -> Bool {
        withUnsafeBytes(of: oid.id) { $0.elementsEqual(emptyTreeBytes) }
    }

    private static let treeMode = Array("40000".utf8), fileMode = Array("100644".utf8)

    /// A mode as tree objects spell it: octal digits, no leading zero ("40000", "100644").
    private static func appendMode(_ mode: git_filemode_t, to bytes: inout [UInt8]) {
        switch mode {
        case GIT_FILEMODE_TREE: bytes.append(contentsOf: treeMode)
        case GIT_FILEMODE_BLOB: bytes.append(contentsOf: fileMode)
        default: bytes.append(contentsOf: String(mode.rawValue, radix: 8).utf8)
        }
    }
}
