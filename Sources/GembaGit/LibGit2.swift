internal import CLibGit2

/// Process-wide libgit2 setup and the single checked-call helper.
enum LibGit2 {
    /// Runs exactly once per process (Swift `static let` initialization is thread-safe).
    private static let initialization: GitError? = {
        let initResult = git_libgit2_init()
        if initResult < 0 {
            return GitError.fromLastError(code: initResult, operation: { "initialize libgit2" })
        }
        let options: [(String, () -> Int32)] = [
            ("enable fsync of the git directory", { gemba_git_enable_fsync_gitdir(1) }),
            ("enable strict hash verification", { gemba_git_enable_strict_hash_verification(1) }),
            ("enable strict object creation", { gemba_git_enable_strict_object_creation(1) }),
            ("enable strict symbolic reference creation", { gemba_git_enable_strict_symbolic_ref_creation(1) }),
            // Trees up to 16 MiB stay cached (within the cap below): looking up
            // each document's folder in one large tree (a register with the flat layout of before
            // 2026-11-26 has a 3.6 MB `documents/` tree at 100,000 documents) then reads it once,
            // not once per look-up. Commits and tags up to 64 KiB, for long messages.
            ("cache trees up to 16 MiB", { gemba_git_set_cache_object_limit(GIT_OBJECT_TREE, 16 << 20) }),
            ("cache commits up to 64 KiB", { gemba_git_set_cache_object_limit(GIT_OBJECT_COMMIT, 64 << 10) }),
            ("cache tags up to 64 KiB", { gemba_git_set_cache_object_limit(GIT_OBJECT_TAG, 64 << 10) }),
            // Each repository and object database has caches of its own; 64 MiB each still holds
            // the few large trees, and keeps `verify` on a large register from holding 256 MiB
            // in each.
            ("cache at most 64 MiB", { gemba_git_set_cache_max_size(64 << 20) }),
        ]
        for (name, apply) in options {
            let result = apply()
            if result < 0 {
                return GitError.fromLastError(code: result, operation: { name })
            }
        }
        return nil
    }()

    /// Makes sure libgit2 is initialized; throws if initialization failed.
    static func ensureInitialized() throws {
        if let error = initialization { throw error }
    }
}

/// Calls a libgit2 function; on a negative return reads `git_error_last()` immediately
/// and throws a `GitError` naming `operation`. Returns the (non-negative) result.
@discardableResult
func gitCall(_ operation: @autoclosure () -> String, _ call: () -> Int32) throws -> Int32 {
    let result = call()
    if result < 0 {
        throw GitError.fromLastError(code: result, operation: operation)
    }
    return result
}

/// Converts a C string owned by libgit2 into a Swift String (empty if NULL).
func swiftString(_ cString: UnsafePointer<CChar>?) -> String {
    guard let cString else { return "" }
    return String(cString: cString)
}
