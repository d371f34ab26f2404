import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Sends one plain-text message over SMTP (RFC 5321), plain, after STARTTLS (RFC 3207) or over
/// implicit TLS (RFC 8314), with AUTH PLAIN or LOGIN over TLS only. The conversation runs on
/// SwiftNIO's shared event loops; `send` blocks its caller until it ended.
struct SMTPClient {
    let settings: SMTPSettings
    let timeout: Int
    /// The TLS rules: certificates checked against `ca_file` or the system trust store, and the host name.
    private let tlsContext: NIOSSLContext?

    /// Builds the TLS context once for many messages; throws `DeliveryError` when `ca_file` is unusable.
    init(settings: SMTPSettings, timeout: Int) throws {
        self.settings = settings
        self.timeout = timeout
        guard settings.tls != .none else {
            tlsContext = nil
            return
        }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        configuration.certificateVerification = .fullVerification
        if let caFile = settings.caFile {
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(caFile)
            } catch {
                throw DeliveryError("ca_file \(caFile) cannot be read as PEM certificates (\(error)); nothing was sent")
            }
            guard !certificates.isEmpty else { throw DeliveryError("ca_file \(caFile) holds no PEM certificate; nothing was sent") }
            configuration.trustRoots = .certificates(certificates)
        }
        do {
            tlsContext = try NIOSSLContext(configuration: configuration)
        } catch {
            throw DeliveryError("cannot set up TLS (\(error)); nothing was sent")
        }
    }

    /// The longest one session may take, in seconds: every step (connect, greeting, EHLO,
    /// STARTTLS, the handshake with the second EHLO, up to three AUTH steps, MAIL, each RCPT,
    /// DATA, the message) waits at most `timeout`.
    static func longestSession(timeout: Int, recipients: Int) -> Int { timeout * (12 + recipients) }

    /// The server's reply to the message, with the TLS in use; throws `DeliveryError` with the
    /// failing reply or why the session failed.
    func send(_ message: MailMessage, password: String?) throws -> String {
        let plan = SMTPPlan(
            settings: settings, message: message, password: password, tlsContext: tlsContext,
            serverHostname: (try? SocketAddress(ipAddress: settings.host, port: 0)) == nil ? settings.host : nil, timeout: timeout)
        // Happy eyeballs may try several addresses, each a channel with its own conversation:
        // the outcome is the one of the channel that connected.
        let outcomes = ConversationOutcomes()
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(Int64(timeout)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    var handlers: [any ChannelHandler] = [IdleStateHandler(readTimeout: .seconds(Int64(plan.timeout)))]
                    if plan.settings.tls == .implicit, let context = plan.tlsContext {
                        handlers.append(try NIOSSLClientHandler(context: context, serverHostname: plan.serverHostname))
                    }
                    let outcome = channel.eventLoop.makePromise(of: String.self)
                    outcomes.add(outcome.futureResult, for: channel)
                    do {
                        try channel.pipeline.syncOperations.addHandlers(handlers + [SMTPConversation(plan: plan, outcome: outcome)])
                    } catch {
                        outcome.fail(error)
                        throw error
                    }
                }
            }
        let connected = bootstrap.connect(host: settings.host, port: settings.port)
        let outcome = connected.flatMap { channel in
            outcomes.take(for: channel) ?? channel.eventLoop.makeFailedFuture(DeliveryError("no SMTP conversation on the connection to \(server)"))
        }
        let waiter = OutcomeWaiter()
        outcome.whenComplete { waiter.finish($0) }
        let limit = SMTPClient.longestSession(timeout: timeout, recipients: message.recipients.count)
        guard let result = waiter.wait(seconds: limit) else {
            connected.whenSuccess { $0.close(promise: nil) }
            throw DeliveryError("the SMTP session with \(server) took longer than \(limit) s and was cut off")
        }
        switch result {
        case .success(let reply): return reply
        case .failure(let error): throw DeliveryError(reason(error))
        }
    }

    private var server: String { "\(settings.host):\(settings.port)" }

    /// One line saying why a session failed, for the attempt record.
    func reason(_ error: any Error) -> String {
        let trust = settings.caFile.map { "the CA in \($0)" } ?? "the system trust store"
        switch error {
        case let error as DeliveryError:
            return error.description
        case NIOSSLError.handshakeFailed(let cause):
            if "\(cause)".contains("CERTIFICATE_VERIFY_FAILED") {
                return "TLS: the certificate of \(server) is not trusted (not issued by \(trust), or expired); no message was sent"
            }
            let hint = "\(cause)".contains("WRONG_VERSION_NUMBER") ? " (the server does not speak TLS here: check port and tls)" : ""
            return "TLS handshake with \(server) failed\(hint): \(cause); no message was sent"
        case let error as NIOSSLExtraError where "\(error)".contains("failedToValidateHostname"):
            return "TLS: the certificate of \(server) is not issued for \(settings.host) (host name check failed); no message was sent"
        case let error as NIOSSLError:
            return "TLS with \(server) failed: \(error); no message was sent"
        case ChannelError.connectTimeout:
            return "cannot connect to \(server): no answer within \(timeout) s"
        case let error as NIOConnectionError:
            if let dns = error.dnsAError ?? error.dnsAAAAError {
                return "cannot resolve \(settings.host): \((dns as? SocketAddressError.UnknownHost)?.errorDescription ?? "\(dns)")"
            }
            let causes = error.connectionErrors.map { "\($0.target): \($0.error)" }
            return "cannot connect to \(server): \(causes.isEmpty ? "no address" : causes.joined(separator: "; "))"
        default:
            return "SMTP with \(server) failed: \(error)"
        }
    }
}

/// Everything one session needs, handed to the event loop.
struct SMTPPlan: Sendable {
    let settings: SMTPSettings
    let message: MailMessage
    let password: String?
    let tlsContext: NIOSSLContext?
    /// The name the certificate must carry (and SNI); nil when `host` is an IP address, whose
    /// certificate must then carry that address.
    let serverHostname: String?
    let timeout: Int
}

/// The outcome of each connection attempt's conversation, by channel.
private final class ConversationOutcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [ObjectIdentifier: EventLoopFuture<String>] = [:]

    func add(_ outcome: EventLoopFuture<String>, for channel: any Channel) { lock.withLock { outcomes[ObjectIdentifier(channel)] = outcome } }
    func take(for channel: any Channel) -> EventLoopFuture<String>? { lock.withLock { outcomes.removeValue(forKey: ObjectIdentifier(channel)) } }
}

/// Hands a session's outcome from the event loop to the blocked caller.
private final class OutcomeWaiter: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<String, any Error>?

    func finish(_ result: Result<String, any Error>) {
        lock.withLock { self.result = result }
        done.signal()
    }

    /// The outcome, or nil when none came within `seconds`.
    func wait(seconds: Int) -> Result<String, any Error>? {
        guard done.wait(timeout: .now() + .seconds(seconds)) == .success else { return nil }
        return lock.withLock { result }
    }
}
