import Foundation

/// Sends one plain-text message over plain SMTP (RFC 5321): EHLO, MAIL, RCPT, DATA, QUIT.
/// No STARTTLS: the policy parser refuses settings that ask for it.
struct SMTPClient {
    let settings: SMTPSettings
    let timeout: Int

    /// The server's last reply on success; throws `SocketError` with the failing reply otherwise.
    func send(to recipients: [String], subject: String, body: String, at date: Date, messageID: String) throws -> String {
        let connection = try SocketConnection(host: settings.host, port: settings.port, timeout: timeout)
        _ = try expect(connection, nil, "220")
        _ = try expect(connection, "EHLO \(settings.helo)", "250")
        _ = try expect(connection, "MAIL FROM:<\(settings.from)>", "250")
        for recipient in recipients { _ = try expect(connection, "RCPT TO:<\(recipient)>", "25") }
        _ = try expect(connection, "DATA", "354")
        let message = headers(to: recipients, subject: subject, date: date, messageID: messageID) + dotStuffed(body)
        let accepted = try expect(connection, message + "\r\n.", "250", label: "end of DATA")
        _ = try? expect(connection, "QUIT", "221")
        return accepted
    }

    /// Sends a command (nil: just reads the greeting) and reads the whole reply, which must start with `code`.
    private func expect(_ connection: SocketConnection, _ command: String?, _ code: String, label: String? = nil) throws -> String {
        if let command { try connection.send(command + "\r\n") }
        var line = try connection.readLine()
        var reply = line
        while line.count >= 4, line[line.index(line.startIndex, offsetBy: 3)] == "-" {
            line = try connection.readLine()
            reply += " | " + line
        }
        guard reply.hasPrefix(code) else {
            let sent = label ?? command.map { String($0.prefix(60)) } ?? "greeting"
            throw SocketError("SMTP \(sent): \(reply)")
        }
        return line
    }

    private func headers(to recipients: [String], subject: String, date: Date, messageID: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let encodedSubject = subject.allSatisfy(\.isASCII) ? subject : "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
        return [
            "From: \(settings.from)", "To: \(recipients.joined(separator: ", "))", "Subject: \(encodedSubject)", "Date: \(formatter.string(from: date))",
            "Message-ID: <\(messageID)>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit", "", "",
        ].joined(separator: "\r\n")
    }

    /// CRLF line ends, and a leading dot doubled so no body line ends the message (RFC 5321 4.5.2).
    private func dotStuffed(_ body: String) -> String {
        body.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let clean = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            return clean.hasPrefix(".") ? "." + clean : clean
        }.joined(separator: "\r\n")
    }
}
