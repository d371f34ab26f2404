import Foundation

/// One plain-text UTF-8 message as it goes after DATA: headers, then the dot-stuffed body, CRLF line ends.
struct MailMessage: Sendable {
    let from: String
    let recipients: [String]
    let subject: String
    let body: String
    let date: Date
    let messageID: String

    /// The text to send after DATA's 354, up to and including the final `CRLF.CRLF`.
    var dataText: String { headers + dotStuffed + "\r\n.\r\n" }

    private var headers: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        // One header line whatever the event title holds.
        let line = subject.split(whereSeparator: \.isNewline).joined(separator: " ")
        let encodedSubject = line.allSatisfy(\.isASCII) ? line : "=?UTF-8?B?\(Data(line.utf8).base64EncodedString())?="
        return [
            "From: \(from)", "To: \(recipients.joined(separator: ", "))", "Subject: \(encodedSubject)", "Date: \(formatter.string(from: date))",
            "Message-ID: <\(messageID)>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit", "", "",
        ].joined(separator: "\r\n")
    }

    /// CRLF line ends, and a leading dot doubled so no body line ends the message (RFC 5321 4.5.2).
    private var dotStuffed: String {
        body.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let clean = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            return clean.hasPrefix(".") ? "." + clean : clean
        }.joined(separator: "\r\n")
    }
}
