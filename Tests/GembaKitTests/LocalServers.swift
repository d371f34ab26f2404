import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP listener on 127.0.0.1 (a free port) that serves each connection on a background
/// thread with `handle`, for delivery tests with real sockets.
final class LocalServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var stopped = false

    init(_ handle: @escaping @Sendable (LocalConnection) -> Void) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketTestError("socket failed") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(fd, 8) == 0 else { close(fd); throw SocketTestError("bind/listen failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        let thread = Thread { [self] in
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 || isStopped { if client >= 0 { close(client) }; return }
                let connection = LocalConnection(client)
                Thread { handle(connection); connection.close() }.start()
            }
        }
        thread.start()
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    func stop() {
        lock.withLock { stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    deinit { if !isStopped { stop() } }
}

final class LocalConnection: @unchecked Sendable {
    private let fd: Int32
    private var buffer: [UInt8] = []

    init(_ fd: Int32) {
        self.fd = fd
        var interval = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer += chunk[..<count]
        return true
    }

    /// A line without CRLF; nil when the peer closed.
    func readLine() -> String? {
        while true {
            if let index = buffer.firstIndex(of: 10) {
                var line = Array(buffer[..<index])
                buffer.removeSubrange(...index)
                if line.last == 13 { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard fill() else { return nil }
        }
    }

    func read(count: Int) -> Data {
        while buffer.count < count { guard fill() else { break } }
        let taken = Array(buffer.prefix(count))
        buffer.removeFirst(taken.count)
        return Data(taken)
    }

    func close() { Glibc.close(fd) }
}

struct SocketTestError: Error { let message: String; init(_ message: String) { self.message = message } }

/// What a fake server saw, shared with the test.
final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}

/// An incoming-webhook endpoint answering `status()` to each POST and recording the bodies.
func webhookServer(_ recorder: Recorder, status: @escaping @Sendable () -> Int) throws -> LocalServer {
    try LocalServer { connection in
        var length = 0
        while let line = connection.readLine(), !line.isEmpty {
            if line.lowercased().hasPrefix("content-length:") { length = Int(line.dropFirst(15).trimmingCharacters(in: .whitespaces)) ?? 0 }
        }
        recorder.add(String(decoding: connection.read(count: length), as: UTF8.self))
        let code = status()
        connection.send("HTTP/1.1 \(code) X\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
    }
}

/// A fake SMTP server: records the message, and answers `rcptReply` to RCPT TO.
func smtpServer(_ recorder: Recorder, rcptReply: @escaping @Sendable () -> String = { "250 OK" }) throws -> LocalServer {
    try LocalServer { connection in smtpSession(connection, recorder, rcptReply: rcptReply) }
}

/// One plain SMTP session: records MAIL FROM, RCPT TO and the message; `beforeAccepting` runs
/// after the message's final dot, before the 250 reply.
func smtpSession(
    _ connection: LocalConnection, _ recorder: Recorder, rcptReply: @Sendable () -> String = { "250 OK" },
    beforeAccepting: @Sendable () -> Void = {}
) {
    connection.send("220 fake.smtp ESMTP ready\r\n")
    while let line = connection.readLine() {
        let command = line.uppercased()
        if command.hasPrefix("EHLO") {
            connection.send("250-fake.smtp hello\r\n250 8BITMIME\r\n")
        } else if command.hasPrefix("MAIL FROM") {
            recorder.add(line)
            connection.send("250 OK\r\n")
        } else if command.hasPrefix("RCPT TO") {
            recorder.add(line)
            connection.send(rcptReply() + "\r\n")
        } else if command == "DATA" {
            connection.send("354 go ahead\r\n")
            var message: [String] = []
            while let data = connection.readLine(), data != "." { message.append(data) }
            recorder.add(message.joined(separator: "\n"))
            beforeAccepting()
            connection.send("250 2.0.0 queued as 42\r\n")
        } else if command == "QUIT" {
            connection.send("221 bye\r\n")
            return
        } else {
            connection.send("500 what\r\n")
        }
    }
}
