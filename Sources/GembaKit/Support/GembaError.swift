import Foundation

/// An error a user can cause or meet. `description` is one line: the cause and what to do next.
public struct GembaError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: String, Sendable {
        case notFound, invalidInput, policy, permission, authentication, locked, conflict
        case state, integrity, busy, register, storage
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    static func notFound(_ message: String) -> GembaError { GembaError(.notFound, message) }
    static func invalid(_ message: String) -> GembaError { GembaError(.invalidInput, message) }
    static func permission(_ message: String) -> GembaError { GembaError(.permission, message) }
    static func state(_ message: String) -> GembaError { GembaError(.state, message) }
}
