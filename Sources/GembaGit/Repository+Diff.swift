internal import CLibGit2

extension Repository {
    /// Unified patch between two trees (nil = empty tree), as `git diff` would print it.
    /// Binary files appear as libgit2's "Binary files ... differ" line.
    public func unifiedDiff(
        from oldTree: ObjectID?, to newTree: ObjectID?, oldPrefix: String = "a/", newPrefix: String = "b/"
    ) throws -> String {
        let operation = "diff \(oldTree?.hex ?? "empty tree") to \(newTree?.hex ?? "empty tree")"
        return try withOptionalTree(oldTree, operation: operation) { oldHandle in
            try withOptionalTree(newTree, operation: operation) { newHandle in
                var options = git_diff_options()
                try gitCall(operation) { git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)) }
                return try oldPrefix.withCString { oldPrefixC in
                    try newPrefix.withCString { newPrefixC in
                        options.old_prefix = oldPrefixC
                        options.new_prefix = newPrefixC
                        var diff: OpaquePointer?
                        try gitCall(operation) { git_diff_tree_to_tree(&diff, handle, oldHandle, newHandle, &options) }
                        defer { git_diff_free(diff) }
                        var buffer = git_buf()
                        defer { git_buf_dispose(&buffer) }
                        try gitCall("\(operation): format patch") { git_diff_to_buf(&buffer, diff, GIT_DIFF_FORMAT_PATCH) }
                        guard let pointer = buffer.ptr, buffer.size > 0 else { return "" }
                        let bytes = UnsafeRawBufferPointer(start: pointer, count: buffer.size)
                        return String(decoding: bytes, as: UTF8.self)
                    }
                }
            }
        }
    }

    private func withOptionalTree<T>(_ id: ObjectID?, operation: String, _ body: (OpaquePointer?) throws -> T) throws -> T {
        guard let id else { return try body(nil) }
        return try withTree(id, operation: "\(operation): look up tree \(id)") { try body($0) }
    }
}
