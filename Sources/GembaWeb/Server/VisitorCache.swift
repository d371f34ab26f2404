import Foundation
import GembaKit
import Synchronization

/// Who a session's user is, kept per register change: every change to an account (a lock, a
/// deactivation, new roles, a released policy) is an entry in the audit trail and so a new change
/// stamp, which makes the kept answer stale. A request then costs one read of the stamp instead
/// of reading the account and working out its permissions each time.
final class VisitorCache: Sendable {
    private struct Entry {
        let stamp: Int64
        let visitor: SignedInPerson
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// Enough for every account of a large plant; past it the cache starts again.
    private let capacity = 4096

    /// The change stamp and the signed-in person, read from the register only when the stamp moved.
    /// An assessor's account that has expired meanwhile is read again, so that it is refused.
    func lookUp(_ username: String, in register: Register) throws -> (stamp: Int64, visitor: SignedInPerson) {
        let stamp = try register.changeStamp()
        let now = register.now()
        let kept = entries.withLock { $0[username] }
        if let kept, kept.stamp == stamp, kept.visitor.expiresAt.map({ $0 > now }) ?? true {
            return (stamp, kept.visitor)
        }
        let visitor = try register.signedIn(username)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll() }
            entries[username] = Entry(stamp: stamp, visitor: visitor)
        }
        return (stamp, visitor)
    }
}
