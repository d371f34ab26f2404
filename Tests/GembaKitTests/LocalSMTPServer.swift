import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// The test certificates of Fixtures/ (see Fixtures/README.md).
enum TLSFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures", isDirectory: true)
    /// The test "plant CA" that issued `localhost.pem`.
    static var caFile: String { folder.appendingPathComponent("test-ca.pem").path }

    /// A server context presenting `NAME.pem` with `NAME-key.pem`.
    static func serverContext(_ name: String) throws -> NIOSSLContext {
        let chain = try NIOSSLCertificate.fromPEMFile(folder.appendingPathComponent("\(name).pem").path)
        let key = try NIOSSLPrivateKey(file: folder.appendingPathComponent("\(name)-key.pem").path, format: .pem)
        return try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key)))
    }
}

/// How a fake SMTP server behaves.
struct FakeSMTP: Sendable {
    enum Security: Sendable { case plain, starttls, implicit }
    var security: Security
    /// The fixture the server presents: `localhost` (issued by the test CA) or `self-signed`.
    var certificate = "localhost"
    /// AUTH mechanisms offered after TLS, as real servers do.
    var auth: [String] = []
    var username = "mailer"
    var password = "s3cret pass"
    /// Sends a further line right behind the 220 to STARTTLS, as a man in the middle injecting commands would.
    var injectAfterSTARTTLS = false
}

/// A fake SMTP server on SwiftNIO (127.0.0.1, a free port) with STARTTLS, implicit TLS and AUTH
/// PLAIN/LOGIN. The recorder gets every line a client sent as `clear: LINE` or `tls: LINE`, and
/// each message as `tls: MESSAGE ...` / `clear: MESSAGE ...`.
final class LocalSMTPServer: Sendable {
    let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let listener: any Channel

    init(_ behaviour: FakeSMTP, _ recorder: Recorder) throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let tls = behaviour.security == .plain ? nil : try TLSFixtures.serverContext(behaviour.certificate)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if behaviour.security == .implicit, let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.addHandler(FakeSMTPSession(behaviour, tls: tls, recorder: recorder))
                }
            }
        do {
            listener = try bootstrap.bind(host: "127.0.0.1", port: 0).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
        self.group = group
        port = listener.localAddress?.port ?? 0
    }

    func stop() {
        try? listener.close().wait()
        try? group.syncShutdownGracefully()
    }
}

private final class FakeSMTPSession: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let behaviour: FakeSMTP
    private let tls: NIOSSLContext?
    private let recorder: Recorder
    private var secured: Bool
    private var inbound = ByteBuffer()
    private var message: [String]?
    private var loginUser: String?
    private var loginStep = 0

    init(_ behaviour: FakeSMTP, tls: NIOSSLContext?, recorder: Recorder) {
        self.behaviour = behaviour
        self.tls = tls
        self.recorder = recorder
        secured = behaviour.security == .implicit
    }

    func channelActive(context: ChannelHandlerContext) {
        reply("220 fake.smtp ESMTP ready", context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        inbound.writeBuffer(&bytes)
        while let newline = inbound.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            var line = inbound.readString(length: newline - inbound.readerIndex) ?? ""
            inbound.moveReaderIndex(forwardBy: 1)
            if line.hasSuffix("\r") { line.removeLast() }
            handle(line, context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        recorder.add("error: \(error)")
        context.close(promise: nil)
    }

    private var tag: String { secured ? "tls" : "clear" }

    private func handle(_ line: String, _ context: ChannelHandlerContext) {
        if var lines = message {
            if line == "." {
                recorder.add("\(tag): MESSAGE \(lines.joined(separator: "\n"))")
                message = nil
                reply("250 2.0.0 queued as 42", context)
            } else {
                lines.append(line)
                message = lines
            }
            return
        }
        recorder.add("\(tag): \(line)")
        if loginStep == 1 {
            loginUser = decode(line)
            loginStep = 2
            return reply("334 UGFzc3dvcmQ6", context)
        }
        if loginStep == 2 {
            loginStep = 0
            return reply(loginUser == behaviour.username && decode(line) == behaviour.password ? "235 2.7.0 accepted" : "535 5.7.8 bad credentials", context)
        }
        let command = line.uppercased()
        if command.hasPrefix("EHLO") {
            var lines = ["fake.smtp hello"]
            if behaviour.security == .starttls && !secured { lines.append("STARTTLS") }
            if secured && !behaviour.auth.isEmpty { lines.append("AUTH " + behaviour.auth.joined(separator: " ")) }
            lines.append("8BITMIME")
            reply(lines.enumerated().map { "250\($0.offset == lines.count - 1 ? " " : "-")\($0.element)" }.joined(separator: "\r\n"), context)
        } else if command == "STARTTLS", behaviour.security == .starttls, !secured, let tls {
            reply("220 2.0.0 ready to start TLS" + (behaviour.injectAfterSTARTTLS ? "\r\n250-injected" : ""), context)
            do {
                try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
                secured = true
            } catch {
                context.close(promise: nil)
            }
        } else if command.hasPrefix("AUTH PLAIN "), secured, behaviour.auth.contains("PLAIN") {
            let expected = "\u{0}\(behaviour.username)\u{0}\(behaviour.password)"
            reply(decode(String(line.dropFirst(11))) == expected ? "235 2.7.0 accepted" : "535 5.7.8 bad credentials", context)
        } else if command == "AUTH LOGIN", secured, behaviour.auth.contains("LOGIN") {
            loginStep = 1
            reply("334 VXNlcm5hbWU6", context)
        } else if command.hasPrefix("MAIL FROM") || command.hasPrefix("RCPT TO") {
            reply("250 OK", context)
        } else if command == "DATA" {
            message = []
            reply("354 go ahead", context)
        } else if command == "QUIT" {
            let bye = context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: "221 bye\r\n")))
            bye.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        } else {
            reply("502 5.5.1 not here", context)
        }
    }

    private func reply(_ text: String, _ context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text + "\r\n")), promise: nil)
    }

    private func decode(_ base64: String) -> String? {
        Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) }
    }
}
