import Foundation
import GembaKit
import Hummingbird
import Logging
import Mustache

/// How `gemba serve` runs.
public struct WebConfiguration: Sendable {
    public var register: URL
    public var host: String
    public var port: Int
    /// Mark cookies `Secure` and send HSTS: set when clients reach Gemba over TLS (directly or
    /// through a reverse proxy that terminates TLS).
    public var secureCookies: Bool
    public var clock: any Clock

    public init(register: URL, host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false, clock: any Clock = SystemClock()) {
        self.register = register
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.clock = clock
    }
}

/// Everything the pages share: the register pool, the sessions, the templates, the route table.
final class WebSite: Sendable {
    static let sessionCookie = "gemba_session"
    static let loginCookie = "gemba_login"

    let configuration: WebConfiguration
    let pool: RegisterPool
    let sessions: SessionStore
    let dashboard = DashboardCache()
    let visitors = VisitorCache()
    let pages = PageCache()
    let templates: MustacheLibrary
    let settings: RegisterSettings
    let plantName: String
    let logger = Logger(label: "gemba.web")

    init(configuration: WebConfiguration) async throws {
        self.configuration = configuration
        pool = RegisterPool(url: configuration.register, clock: configuration.clock)
        let (settings, plantName) = try await pool.run { register in
            (register.policies.settings, (try? register.plantPolicy().name) ?? "Gemba")
        }
        self.settings = settings
        self.plantName = plantName
        sessions = SessionStore(clock: configuration.clock, idleMinutes: settings.sessionIdleMinutes)
        templates = try PageTemplates.library()
    }

    var maxUploadBytes: Int { settings.maxUploadMegabytes * 1024 * 1024 }

    /// Runs blocking register work for a request.
    func run<T: Sendable>(_ body: @escaping @Sendable (Register) throws -> T) async throws -> T {
        try await pool.run(body)
    }

    func now() -> Date { configuration.clock.now() }
}
