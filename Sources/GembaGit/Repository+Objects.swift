import Foundation
internal import CLibGit2

extension Repository {
    /// Writes `data` as a blob to the object database.
    public func writeBlob(_ data: Data) throws -> ObjectID {
        let operation = data.isEmpty ? "write empty blob" : "write blob of \(data.count) bytes"
        return ObjectID(try data.withUnsafeBytes { bytes in
            try withObjectDatabase(operation: operation) { odb in try writeObject(bytes, GIT_OBJECT_BLOB, into: odb, operation: operation) }
        })
    }

    /// Writes an object of `type` into `odb` and returns its id. In a batch a new object goes
    /// straight into the in-memory store, and one the repository has already (a released
    /// document's unchanged file) is not written again: `git_odb_write` would look for the
    /// object in every store and, not finding it (a new object never is found), scan
    /// `objects/pack` again for packs written since, six directory scans per imported document.
    /// Here the look-up is made without that scan.
    func writeObject(_ bytes: UnsafeRawBufferPointer, _ type: git_object_t, into odb: OpaquePointer, operation: @autoclosure () -> String) throws -> git_oid {
        var oid = git_oid()
        var none: UInt8 = 0
        try withUnsafeMutablePointer(to: &none) { empty in
            let base = bytes.baseAddress ?? UnsafeRawPointer(empty)
            if let memory = memoryStore {
                guard let write = memory.pointee.write else {
                    throw GitError.local(GIT_ERROR, GIT_ERROR_ODB, "the in-memory object store cannot write", operation: operation())
                }
                try gitCall(operation()) { git_odb_hash(&oid, base, bytes.count, type) }
                if git_odb_exists_ext(odb, &oid, GIT_ODB_LOOKUP_NO_REFRESH.rawValue) == 0 {
                    try gitCall(operation()) { write(memory, &oid, base, bytes.count, type) }
                }
            } else {
                try gitCall(operation()) { git_odb_write(&oid, odb, base, bytes.count, type) }
            }
        }
        return oid
    }

    /// Writes (if needed) and returns the empty tree.
    public func emptyTree() throws -> ObjectID {
        var builder: OpaquePointer?
        try gitCall("create empty tree") { git_treebuilder_new(&builder, handle, nil) }
        defer { git_treebuilder_free(builder) }
        var oid = git_oid()
        try gitCall("write empty tree") { git_treebuilder_write(&oid, builder) }
        return ObjectID(oid)
    }

    /// Writes a commit object. No reference is updated.
    public func createCommit(
        tree: ObjectID, parents: [ObjectID], author: GitPerson, committer: GitPerson, message: String
    ) throws -> ObjectID {
        let operation = "create commit of tree \(tree)"
        return try withTree(tree, operation: "\(operation): look up tree \(tree)") { treeHandle in
            var parentHandles: [OpaquePointer?] = []
            defer { for parent in parentHandles { git_commit_free(parent) } }
            for parent in parents {
                var oid = parent.oid
                var commit: OpaquePointer?
                try gitCall("\(operation): look up parent commit \(parent)") { git_commit_lookup(&commit, handle, &oid) }
                parentHandles.append(commit)
            }
            return try author.withSignature(operation: operation) { authorSignature in
                try committer.withSignature(operation: operation) { committerSignature in
                    var oid = git_oid()
                    try parentHandles.withUnsafeMutableBufferPointer { buffer -> Void in
                        try gitCall(operation) {
                            git_commit_create(
                                &oid, handle, nil, authorSignature, committerSignature, nil, message,
                                treeHandle, buffer.count, buffer.baseAddress)
                        }
                    }
                    // libgit2 1.5 reports success even when writing the commit object failed (a
                    // full disk): it drops git_odb_write's error. Never hand out an id of nothing.
                    guard contains(ObjectID(oid)) else {
                        throw GitError.local(GIT_ERROR, GIT_ERROR_ODB, "the commit object was not written (failed to write out file; is the disk full?)", operation: operation)
                    }
                    return ObjectID(oid)
                }
            }
        }
    }

    /// Writes an annotated tag object named `name` (e.g. "SOP-0007/C") pointing at `target`.
    /// No reference is created; use `setReference("refs/tags/" + name, ...)` for that.
    public func createTagObject(name: String, target: ObjectID, tagger: GitPerson, message: String) throws -> ObjectID {
        let operation = "create tag object \(name)"
        try Repository.validateReferenceName("refs/tags/\(name)", operation: operation)
        var targetOid = target.oid
        var object: OpaquePointer?
        try gitCall("\(operation): look up target \(target)") {
            git_object_lookup(&object, handle, &targetOid, GIT_OBJECT_ANY)
        }
        defer { git_object_free(object) }
        return try tagger.withSignature(operation: operation) { signature in
            guard memoryStore != nil else {
                var oid = git_oid()
                try gitCall(operation) { git_tag_annotation_create(&oid, handle, name, object, signature, message) }
                return ObjectID(oid)
            }
            // In a batch the tag goes through `writeObject`, not `git_odb_write` (which scanned
            // objects/pack again for each of an import's tags), in the bytes libgit2 writes:
            // its object, type, name, the tagger as the checked signature has them (GitPerson signs
            // in UTC, hence +0000), and the message.
            let value = signature.pointee
            let type = git_object_type2string(git_object_type(object)).map { String(cString: $0) } ?? "commit"
            let text = "object \(target.hex)\ntype \(type)\ntag \(name)\ntagger \(swiftString(value.name)) <\(swiftString(value.email))> "
                + "\(value.when.time) +0000\n\n\(message)"
            return ObjectID(try Array(text.utf8).withUnsafeBytes { raw in
                try withObjectDatabase(operation: operation) { odb in try writeObject(raw, GIT_OBJECT_TAG, into: odb, operation: operation) }
            })
        }
    }

    /// Throws `GIT_EINVALIDSPEC` unless `name` is a valid full reference name.
    static func validateReferenceName(_ name: String, operation: String) throws {
        var valid: Int32 = 0
        try gitCall("\(operation): validate reference name") { git_reference_name_is_valid(&valid, name) }
        if valid == 0 {
            throw GitError.local(
                GIT_EINVALIDSPEC, GIT_ERROR_REFERENCE, "'\(name)' is not a valid reference name", operation: operation)
        }
    }
}
