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
        self.message = GembaError.oneLine(message)
    }

    /// The message with control characters escaped (`\n`, `\u{0}`): an error is one line however
    /// much of a bad input it quotes (found by fuzzing CSV headers and file names).
    static func oneLine(_ message: String) -> String {
        guard message.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return message }
        var shown = ""
        for scalar in message.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                shown += scalar == "\n" ? "\\n" : scalar == "\r" ? "\\r" : scalar == "\t" ? "\\t" : "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    public var description: String { message }

    static func notFound(_ message: String) -> GembaError { GembaError(.notFound, message) }
    static func invalid(_ message: String) -> GembaError { GembaError(.invalidInput, message) }
    static func permission(_ message: String) -> GembaError { GembaError(.permission, message) }
    static func state(_ message: String) -> GembaError { GembaError(.state, message) }
}
