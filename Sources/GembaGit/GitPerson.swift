import Foundation
internal import CLibGit2

/// An author, committer or tagger. Times are whole seconds and are written with UTC offset 0.
public struct GitPerson: Sendable, Equatable {
    public var name: String
    public var email: String
    /// Truncated to whole seconds (what git stores), so values round-trip exactly.
    public var time: Date {
        get { storedTime }
        set { storedTime = GitPerson.wholeSeconds(newValue) }
    }
    private var storedTime: Date

    public init(name: String, email: String, time: Date) {
        self.name = name
        self.email = email
        self.storedTime = GitPerson.wholeSeconds(time)
    }

    private static func wholeSeconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    var epochSeconds: Int64 { Int64(storedTime.timeIntervalSince1970) }
}

extension GitPerson {
    /// Copies a libgit2 signature.
    init(_ signature: UnsafePointer<git_signature>) {
        let value = signature.pointee
        self.init(
            name: swiftString(value.name),
            email: swiftString(value.email),
            time: Date(timeIntervalSince1970: TimeInterval(value.when.time)))
    }

    /// Creates a libgit2 signature (UTC), passes it to `body`, then frees it.
    func withSignature<T>(operation: String, _ body: (UnsafePointer<git_signature>) throws -> T) throws -> T {
        var signature: UnsafeMutablePointer<git_signature>?
        try gitCall("\(operation): signature of \(name) <\(email)>") {
            git_signature_new(&signature, name, email, epochSeconds, 0)
        }
        defer { git_signature_free(signature) }
        guard let signature else {
            throw GitError.local(GIT_ERROR, GIT_ERROR_INVALID, "no signature created", operation: operation)
        }
        return try body(signature)
    }
}
