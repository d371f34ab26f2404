internal import CLibGit2

/// An error reported by libgit2 (or by GembaGit's own validation, using the same codes).
///
/// `code` is libgit2's `git_error_code` (e.g. `GIT_EMODIFIED` = -15), `errorClass` its
/// `git_error_t` class, `message` libgit2's message and `operation` what GembaGit was doing.
public struct GitError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: Int32
    public let errorClass: Int32
    public let message: String
    public let operation: String

    public init(code: Int32, errorClass: Int32, message: String, operation: String) {
        self.code = code
        self.errorClass = errorClass
        self.message = message
        self.operation = operation
    }

    /// libgit2 error codes that callers commonly test for.
    public enum Code {
        public static let generic: Int32 = GIT_ERROR.rawValue
        public static let notFound: Int32 = GIT_ENOTFOUND.rawValue
        public static let exists: Int32 = GIT_EEXISTS.rawValue
        public static let invalidSpec: Int32 = GIT_EINVALIDSPEC.rawValue
        public static let locked: Int32 = GIT_ELOCKED.rawValue
        public static let modified: Int32 = GIT_EMODIFIED.rawValue
        public static let invalid: Int32 = GIT_EINVALID.rawValue
        public static let mismatch: Int32 = GIT_EMISMATCH.rawValue
    }

    /// A reference did not have the expected value (compare-and-swap lost).
    public var isModified: Bool { code == Code.modified }
    /// The object, reference or repository does not exist.
    public var isNotFound: Bool { code == Code.notFound }
    /// The reference (or repository) already exists.
    public var isAlreadyExists: Bool { code == Code.exists }
    /// A lock file (e.g. `refs/heads/main.lock`) prevented the operation.
    public var isLocked: Bool { code == Code.locked }

    public var description: String { "git: \(operation): \(message)" }
}

extension GitError {
    /// Builds the error for a failed libgit2 call. Reads `git_error_last()` first,
    /// before anything else can overwrite the thread's last error.
    static func fromLastError(code: Int32, operation: () -> String) -> GitError {
        var errorClass: Int32 = 0
        var message = "libgit2 error \(code)"
        if let last = git_error_last() {
            errorClass = last.pointee.klass
            if let cMessage = last.pointee.message {
                let text = String(cString: cMessage).trimmingTrailingNewlines()
                if !text.isEmpty { message = text }
            }
        }
        return GitError(code: code, errorClass: errorClass, message: message, operation: operation())
    }

    /// An error raised by GembaGit itself (argument validation, CAS checks).
    static func local(_ code: git_error_code, _ errorClass: git_error_t, _ message: String, operation: String) -> GitError {
        GitError(code: code.rawValue, errorClass: Int32(bitPattern: errorClass.rawValue), message: message, operation: operation)
    }
}

extension String {
    fileprivate func trimmingTrailingNewlines() -> String {
        var text = Substring(self)
        while let last = text.last, last == "\n" || last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
