import Foundation
import GembaKit
import NIOCore
import NIOPosix

/// Open registers for the web app. A `Register` holds a libgit2 repository handle, which one
/// thread may use at a time, so each request borrows one from the pool and gives it back; the
/// blocking work (SQLite, libgit2, password hashing) runs on a thread pool of the server's own, never
/// on the async executor.
actor RegisterPool {
    /// A register borrowed by exactly one request at a time (the pool guarantees it).
    final class Handle: @unchecked Sendable {
        let register: Register
        let openedAt: Date
        init(_ register: Register, openedAt: Date) {
            self.register = register
            self.openedAt = openedAt
        }
    }

    let url: URL
    let clock: any Clock
    /// Policies are read when a register opens; a handle older than this is reopened so that a
    /// released policy change reaches the web app within a minute.
    private let maxAge: TimeInterval = 60
    /// Registers in existence, lent or idle; at most one per thread. Opening one reads and checks
    /// every policy file, so a request that finds none idle waits for one to come back rather
    /// than opening another.
    private let maxHandles: Int
    private var handles = 0
    private var idle: [Handle] = []
    /// Requests waiting for a register, first come first served; nil asks the waiter to try again.
    private var waiters: [CheckedContinuation<Handle?, Never>] = []
    private var lastRelease = Date.distantPast
    /// Threads of its own: a write that waits for the register lock (a CLI command holding it)
    /// must not stall every reader, as it would on NIO's pool of one thread per core.
    private let threads: NIOThreadPool

    init(url: URL, clock: any Clock, threads count: Int = max(8, 2 * System.coreCount)) {
        self.url = url
        self.clock = clock
        maxHandles = count
        threads = NIOThreadPool(numberOfThreads: count)
        threads.start()
    }

    deinit {
        threads.shutdownGracefully { _ in }
    }

    /// Runs blocking register work on the thread pool with a register of its own.
    nonisolated func run<T: Sendable>(_ body: @escaping @Sendable (Register) throws -> T) async throws -> T {
        let (handle, releaseDue) = try await checkout()
        do {
            let result = try await threads.runIfActive {
                // Approved revisions whose effective date has come are released, as the CLI does on open.
                if releaseDue { _ = try handle.register.releaseDue() }
                return try body(handle.register)
            }
            await checkin(handle)
            return result
        } catch {
            await checkin(handle)
            throw error
        }
    }

    private func checkout() async throws -> (Handle, Bool) {
        let now = Date()
        let releaseDue = now.timeIntervalSince(lastRelease) > maxAge
        if releaseDue { lastRelease = now }
        while true {
            if let handle = idle.popLast() {
                if now.timeIntervalSince(handle.openedAt) < maxAge { return (handle, releaseDue) }
                handles -= 1
                continue
            }
            if handles < maxHandles {
                handles += 1
                let url = url
                let clock = clock
                do {
                    let handle = try await threads.runIfActive { Handle(try Register.open(at: url, clock: clock), openedAt: Date()) }
                    return (handle, releaseDue)
                } catch {
                    handles -= 1
                    if !waiters.isEmpty { waiters.removeFirst().resume(returning: nil) }
                    throw error
                }
            }
            if let handle = await withCheckedContinuation({ waiters.append($0) }) {
                if Date().timeIntervalSince(handle.openedAt) < maxAge { return (handle, releaseDue) }
                handles -= 1
            }
        }
    }

    /// A register back from a request: to the longest waiting request, else to the idle ones.
    private func checkin(_ handle: Handle) {
        if waiters.isEmpty { idle.append(handle) } else { waiters.removeFirst().resume(returning: handle) }
    }
}
