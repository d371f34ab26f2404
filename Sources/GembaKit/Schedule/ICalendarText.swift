import Foundation

/// RFC 5545 content lines: text escaping, UTC times, and folding at 75 octets.
enum ICalendarText {
    /// Escapes `\`, `;`, `,` and newlines in a TEXT value (RFC 5545 3.3.11).
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n", "\r": result += "\\n"
            default:
                // Other control characters are not allowed in TEXT.
                if scalar.value < 0x20 && scalar != "\t" { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `20270107T060000Z`
    static func utc(_ date: Date) -> String {
        Timestamp.string(date).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }

    /// Folds one content line into physical lines of at most 75 octets (CRLF and one space
    /// before each continuation), never inside a UTF-8 character (RFC 5545 3.1).
    static func fold(_ line: String) -> String {
        let bytes = Array(line.utf8)
        var pieces: [[UInt8]] = []
        var start = 0
        var limit = 75
        while bytes.count - start > limit {
            var end = start + limit
            while end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            pieces.append(Array(bytes[start..<end]))
            start = end
            limit = 74
        }
        pieces.append(Array(bytes[start...]))
        return pieces.enumerated().map { index, piece in (index == 0 ? "" : " ") + String(decoding: piece, as: UTF8.self) }.joined(separator: "\r\n")
    }

    /// Content lines joined with CRLF, folded, ending with CRLF.
    static func document(_ lines: [String]) -> String {
        lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }
}
