internal import CLibGit2

/// A validated slash-separated path inside a tree: non-empty components, no ".", "..", ".git".
struct TreePath {
    let components: [String]

    init(_ path: String, operation: String) throws {
        let components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let invalid = components.isEmpty || components.contains { component in
            component.isEmpty || component == "." || component == ".."
                || component.lowercased() == ".git" || component.utf8.contains(0)
        }
        if path.isEmpty || invalid {
            throw GitError.local(
                GIT_EINVALIDSPEC, GIT_ERROR_TREE, "invalid tree path '\(path)'", operation: operation)
        }
        self.components = components
    }
}
