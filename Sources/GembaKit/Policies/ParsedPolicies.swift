import Foundation
import GembaGit

/// Policy files as parsed, each kept with the blob it was parsed from. A policy is a controlled
/// document and can be released while a register is open (a server runs for months), so callers
/// still look the file up on main every time; only the parsing is saved while the blob is the same.
final class ParsedPolicies: @unchecked Sendable {
    private let lock = NSLock()
    private var parsed: [String: (blob: ObjectID, value: any Sendable)] = [:]

    func value<T: Sendable>(_ file: String, blob: ObjectID, parse: () throws -> T) throws -> T {
        if let kept = lock.withLock({ parsed[file] }), kept.blob == blob, let value = kept.value as? T { return value }
        let value = try parse()
        lock.withLock { parsed[file] = (blob, value) }
        return value
    }
}
