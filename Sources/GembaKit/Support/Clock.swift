import Foundation

/// Where "now" comes from. Production uses the system clock; the demo replays history with a
/// clock set to past moments, and tests pin it.
public protocol Clock: Sendable {
    func now() -> Date
}

public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date {
        // Whole seconds: git stores seconds, and signatures must match their commits exactly.
        Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    }
}

/// A clock that a caller moves by hand (the demo's replay and tests).
public final class ManualClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date) { current = start }

    public func now() -> Date { lock.withLock { current } }

    public func set(_ date: Date) {
        lock.withLock { current = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)) }
    }

    public func advance(seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }
}
