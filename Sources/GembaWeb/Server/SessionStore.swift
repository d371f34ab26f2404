import Crypto
import Foundation
import GembaKit

/// One browser session: who, since when, the CSRF token of its forms.
struct WebSession: Sendable {
    let id: String
    let username: String
    let csrfToken: String
    let createdAt: Date
    var lastSeen: Date
    /// A one-time message for the next page (the outcome of a form).
    var flash: Flash?
}

/// A one-time message shown at the top of the next page.
struct Flash: Sendable {
    let text: String
    let isError: Bool
    /// What was typed into the refused form, for its page to show again.
    var refill: FormRefill? = nil
}

/// Sessions live in the server's memory only: a restart logs everyone out, and nothing that
/// identifies a session is written to disk. IDs are 256 random bits.
actor SessionStore {
    private var sessions: [String: WebSession] = [:]
    private let clock: any Clock
    private let idleTimeout: TimeInterval

    init(clock: any Clock, idleMinutes: Int) {
        self.clock = clock
        idleTimeout = TimeInterval(idleMinutes * 60)
    }

    static func randomToken() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64URLEncoded
    }

    /// A new session with a new ID (never the one the browser sent before logging in). Sessions
    /// left idle too long are swept at the same time; their users are returned for the trail.
    func create(for username: String) -> (WebSession, ended: [String]) {
        let now = clock.now()
        let idle = sessions.values.filter { now.timeIntervalSince($0.lastSeen) > idleTimeout }
        for session in idle { sessions[session.id] = nil }
        let session = WebSession(id: Self.randomToken(), username: username, csrfToken: Self.randomToken(), createdAt: now, lastSeen: now)
        sessions[session.id] = session
        return (session, idle.map(\.username))
    }

    enum Lookup: Sendable {
        case active(WebSession)
        /// The session existed but was idle too long; it is gone now.
        case expired(username: String)
        case unknown
    }

    /// The session for an ID, touched; an idle one is ended here.
    func touch(_ id: String) -> Lookup {
        guard var session = sessions[id] else { return .unknown }
        let now = clock.now()
        if now.timeIntervalSince(session.lastSeen) > idleTimeout {
            sessions[id] = nil
            return .expired(username: session.username)
        }
        session.lastSeen = now
        sessions[id] = session
        return .active(session)
    }

    func end(_ id: String) { sessions[id] = nil }

    /// Ends every session of a person (their account was locked or expired).
    func endAll(of username: String) { sessions = sessions.filter { $0.value.username != username } }

    func setFlash(_ id: String, _ flash: Flash) { sessions[id]?.flash = flash }

    func takeFlash(_ id: String) -> Flash? {
        defer { sessions[id]?.flash = nil }
        return sessions[id]?.flash
    }
}

extension Data {
    /// Base64 without padding, with `-` and `_`: safe in cookies, URLs and form fields.
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// Compares two secrets in time that does not depend on where they differ.
func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for index in x.indices { difference |= x[index] ^ y[index] }
    return difference == 0
}
