import Foundation
import Synchronization

/// Rendered page content (what goes inside the layout), kept for pages that are read far more
/// often than the register changes: the dashboard and document pages. A key names the page, the
/// register's change stamp, the hour (texts such as "3 d late" move with the clock) and the session
/// (its forms carry the session's CSRF token), so any change to the register, a new hour or another
/// visitor is a different key and nothing stale is ever shown. Pages whose reads are recorded
/// (assessors) are never kept.
final class PageCache: Sendable {
    struct Page: Sendable {
        let title: String
        let content: String
    }

    private struct State {
        var pages: [String: (page: Page, used: UInt64)] = [:]
        var bytes = 0
        var clock: UInt64 = 0
    }

    private let state = Mutex(State())
    private let maxPages: Int
    private let maxBytes: Int

    init(maxPages: Int = 512, maxBytes: Int = 64 << 20) {
        self.maxPages = maxPages
        self.maxBytes = maxBytes
    }

    subscript(key: String) -> Page? {
        state.withLock { state in
            guard let entry = state.pages[key] else { return nil }
            state.clock += 1
            state.pages[key] = (entry.page, state.clock)
            return entry.page
        }
    }

    func keep(_ page: Page, as key: String) {
        let size = page.content.utf8.count + page.title.utf8.count
        guard size <= maxBytes / 8 else { return }
        state.withLock { state in
            state.clock += 1
            if let old = state.pages.updateValue((page, state.clock), forKey: key) {
                state.bytes -= old.page.content.utf8.count + old.page.title.utf8.count
            }
            state.bytes += size
            // Least recently used first out, until both bounds hold.
            while state.pages.count > maxPages || state.bytes > maxBytes,
                  let oldest = state.pages.min(by: { $0.value.used < $1.value.used }) {
                state.pages[oldest.key] = nil
                state.bytes -= oldest.value.page.content.utf8.count + oldest.value.page.title.utf8.count
            }
        }
    }

    var count: Int { state.withLock { $0.pages.count } }
}
