import Foundation
import NIOCore
import NIOSSL

/// The SMTP client side of one connection, as a state machine on the channel's event loop: each
/// complete reply moves it one step. It completes `outcome` with the server's reply to the
/// message (and the TLS in use), or fails it with why; then it says QUIT and closes.
final class SMTPConversation: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Step {
        case greeting, hello, startTLS, authPlain, authLogin, authLoginUser, authLoginPassword, mailFrom, recipient(Int), data, message, quit

        var isGreeting: Bool { if case .greeting = self { true } else { false } }
        var isQuit: Bool { if case .quit = self { true } else { false } }
    }

    private let outcome: EventLoopPromise<String>
    private let plan: SMTPPlan
    private var step = Step.greeting
    /// What was last sent, as the failure names it (never a credential).
    private var sentLabel = "the greeting"
    private var inbound = ByteBuffer()
    private var replyLines: [String] = []
    private var secured: Bool
    private var capabilities: [String] = []
    private var finished = false

    init(plan: SMTPPlan, outcome: EventLoopPromise<String>) {
        self.plan = plan
        self.outcome = outcome
        secured = plan.settings.tls == .implicit
    }

    private var server: String { "\(plan.settings.host):\(plan.settings.port)" }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        inbound.writeBuffer(&bytes)
        do {
            while let line = nextLine() {
                // After a failure nothing more is read; after success only the reply to QUIT.
                guard !finished || step.isQuit else { return }
                replyLines.append(line)
                guard replyLines.count <= 100 else { throw DeliveryError("\(server) sent a reply of more than 100 lines") }
                guard line.count < 4 || line.dropFirst(3).first != "-" else { continue }
                let reply = replyLines
                replyLines = []
                try handle(reply, context: context)
            }
            if inbound.readableBytes > 65_536 { throw DeliveryError("\(server) sent a line longer than 64 KiB") }
        } catch {
            end(context: context, with: error)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            let problem =
                !step.isGreeting ? "no answer from \(server) within \(plan.timeout) s to \(sentLabel)"
                : plan.settings.tls == .implicit ? "no greeting from \(server) within \(plan.timeout) s"
                : "no greeting from \(server) within \(plan.timeout) s (a server that expects TLS at once, as on port 465, needs tls: implicit)"
            end(context: context, with: DeliveryError(problem))
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        end(context: context, with: error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !finished { end(context: context, with: DeliveryError("\(server) closed the connection after \(sentLabel)")) }
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        // A connection attempt that never got through (another address won) ends here.
        if !finished {
            finished = true
            outcome.fail(DeliveryError("the connection to \(server) ended after \(sentLabel)"))
        }
    }

    // MARK: - The conversation

    private func handle(_ reply: [String], context: ChannelHandlerContext) throws {
        switch step {
        case .greeting:
            try expect(reply, "220")
            send("EHLO \(plan.settings.helo)", then: .hello, context: context)
        case .hello:
            try expect(reply, "250")
            capabilities = reply.dropFirst().map { $0.dropFirst(4).uppercased() }
            if plan.settings.tls == .starttls && !secured {
                guard capabilities.contains("STARTTLS") else {
                    throw DeliveryError("\(server) does not offer STARTTLS; with tls: starttls gemba sends nothing in clear, so no message was sent")
                }
                send("STARTTLS", then: .startTLS, context: context)
            } else {
                try authenticateOrSendEnvelope(context: context)
            }
        case .startTLS:
            try expect(reply, "220")
            // Bytes after the 220 arrived before TLS: a man in the middle may have injected them (RFC 3207 5).
            guard inbound.readableBytes == 0 else { throw DeliveryError("\(server) sent data after its STARTTLS reply; refused as a possible injection") }
            guard let tlsContext = plan.tlsContext else { throw DeliveryError("no TLS context for STARTTLS") }
            try context.pipeline.syncOperations.addHandler(
                try NIOSSLClientHandler(context: tlsContext, serverHostname: plan.serverHostname), position: .first)
            secured = true
            // RFC 3207: forget what was learnt in clear and say EHLO again, now over TLS.
            capabilities = []
            send("EHLO \(plan.settings.helo)", then: .hello, context: context)
        case .authLogin:
            try expect(reply, "334")
            send(base64(plan.settings.username ?? ""), then: .authLoginUser, label: "the AUTH LOGIN user name", context: context)
        case .authLoginUser:
            try expect(reply, "334")
            send(base64(plan.password ?? ""), then: .authLoginPassword, label: "the AUTH LOGIN password", context: context)
        case .authPlain, .authLoginPassword:
            try expect(reply, "235")
            send("MAIL FROM:<\(plan.settings.from)>", then: .mailFrom, context: context)
        case .mailFrom:
            try expect(reply, "250")
            send("RCPT TO:<\(plan.message.recipients[0])>", then: .recipient(0), context: context)
        case .recipient(let index):
            try expect(reply, "25")
            if index + 1 < plan.message.recipients.count {
                send("RCPT TO:<\(plan.message.recipients[index + 1])>", then: .recipient(index + 1), context: context)
            } else {
                send("DATA", then: .data, context: context)
            }
        case .data:
            try expect(reply, "354")
            sentLabel = "the end of DATA"
            step = .message
            write(plan.message.dataText, context: context)
        case .message:
            try expect(reply, "250")
            finished = true
            outcome.succeed((reply.last ?? "") + security(context: context))
            send("QUIT", then: .quit, context: context)
        case .quit:
            context.close(promise: nil)
        }
    }

    /// AUTH when the policy names a user (over TLS only), then the envelope.
    private func authenticateOrSendEnvelope(context: ChannelHandlerContext) throws {
        guard let username = plan.settings.username else {
            return send("MAIL FROM:<\(plan.settings.from)>", then: .mailFrom, context: context)
        }
        guard secured else { throw DeliveryError("SMTP AUTH needs TLS; no password is sent in clear") }
        let mechanisms = Set(capabilities.filter { $0.hasPrefix("AUTH ") }.flatMap { $0.split(separator: " ").dropFirst().map(String.init) })
        if mechanisms.contains("PLAIN") {
            send("AUTH PLAIN " + base64("\u{0}\(username)\u{0}\(plan.password ?? "")"), then: .authPlain, label: "AUTH PLAIN", context: context)
        } else if mechanisms.contains("LOGIN") {
            send("AUTH LOGIN", then: .authLogin, context: context)
        } else {
            let offered = mechanisms.isEmpty ? "none" : mechanisms.sorted().joined(separator: " ")
            throw DeliveryError("\(server) offers no AUTH PLAIN or LOGIN (it offers: \(offered)); no message was sent")
        }
    }

    private func expect(_ reply: [String], _ code: String) throws {
        guard let first = reply.first, first.prefix(3).allSatisfy(\.isNumber), first.count >= 3 else {
            throw DeliveryError("\(server) does not speak SMTP: '\(String(reply.first?.prefix(60) ?? ""))' after \(sentLabel)")
        }
        guard first.hasPrefix(code) else { throw DeliveryError("SMTP \(sentLabel): \(reply.joined(separator: " | "))") }
    }

    private func send(_ command: String, then next: Step, label: String? = nil, context: ChannelHandlerContext) {
        sentLabel = label ?? String(command.prefix(60))
        step = next
        write(command + "\r\n", context: context)
    }

    private func write(_ text: String, context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text)), promise: nil)
    }

    /// How the message went, for the record: `(STARTTLS, TLS 1.3)`, or nothing when in clear.
    private func security(context: ChannelHandlerContext) -> String {
        guard secured, let version = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self).tlsVersion else { return "" }
        let name = switch version {
        case .tlsv1: "TLS 1.0"
        case .tlsv11: "TLS 1.1"
        case .tlsv12: "TLS 1.2"
        case .tlsv13: "TLS 1.3"
        }
        return " (\(plan.settings.tls == .starttls ? "STARTTLS" : "implicit TLS"), \(name))"
    }

    /// Fails the outcome once (later errors, such as the TLS close after success, change nothing) and closes.
    private func end(context: ChannelHandlerContext, with error: any Error) {
        if !finished {
            finished = true
            outcome.fail(error)
        }
        context.close(promise: nil)
    }

    private func nextLine() -> String? {
        guard let newline = inbound.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let length = newline - inbound.readerIndex
        var line = inbound.readBytes(length: length) ?? []
        inbound.moveReaderIndex(forwardBy: 1)
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return String(decoding: line, as: UTF8.self)
    }

    private func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
}
