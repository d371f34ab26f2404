import Foundation

/// Markdown as HTML for a document's page in a bundle: headings, paragraphs, bullet and numbered
/// lists, tables, rules and fenced code, line by line (no regular expressions: a bundle renders
/// thousands of pages). Inline marks are kept as written. Every piece of text is escaped.
enum BundleMarkdown {
    static func html(_ markdown: String) -> String {
        var html = ""
        var paragraph: [String] = []
        var list: String?
        var items: [String] = []
        var table: [[String]] = []
        var fence: [String]?

        func closeBlocks() {
            // Lines of a paragraph or a list item are one text (Markdown's soft line breaks).
            if !paragraph.isEmpty { html += "<p>" + HTML.escape(paragraph.joined(separator: " ")) + "</p>\n" }
            paragraph = []
            if let open = list {
                html += "<\(open)>\n"
                for item in items { html += "<li>" + HTML.escape(item) + "</li>\n" }
                html += "</\(open)>\n"
            }
            list = nil
            items = []
            if let header = table.first {
                html += HTML.table(header, table.dropFirst().map { $0.map(HTML.escape) })
            }
            table = []
        }

        // Lines split on bytes: splitting a String walks grapheme clusters, and "\r\n" is one
        // cluster, so a CRLF text split on Characters stayed one line.
        let text = Array(markdown.utf8)
        var start = 0
        while start <= text.count {
            let end = text[start...].firstIndex(of: UInt8(ascii: "\n")) ?? text.count
            let line = String(decoding: text[start..<(end > start && text[end - 1] == UInt8(ascii: "\r") ? end - 1 : end)], as: UTF8.self)
            start = end + 1
            let trimmed = trimmingWhitespace(line)
            let head = Head(trimmed)
            if head.hasPrefix("```") {
                if let code = fence {
                    html += "<pre>" + HTML.escape(code.joined(separator: "\n")) + "</pre>\n"
                    fence = nil
                } else {
                    closeBlocks()
                    fence = []
                }
                continue
            }
            if fence != nil {
                fence?.append(line)
                continue
            }
            if trimmed.isEmpty {
                closeBlocks()
            } else if let (level, text) = heading(head) {
                closeBlocks()
                html += "<h\(level + 2)>\(HTML.escape(text))</h\(level + 2)>\n"
            } else if let mark = head.first, mark == UInt8(ascii: "-") || mark == UInt8(ascii: "*") || mark == UInt8(ascii: "_"),
                trimmed.utf8.count >= 3, trimmed.utf8.allSatisfy({ $0 == mark }) {
                // A rule is one mark repeated: as bytes exactly when as Characters.
                closeBlocks()
                html += "<hr>\n"
            } else if head.hasPrefix("|") {
                let cells = trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "|")).components(separatedBy: "|")
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                if !table.isEmpty, cells.allSatisfy({ !$0.isEmpty && $0.allSatisfy { "-:".contains($0) } }) { continue }
                if table.isEmpty { closeBlocks() }
                table.append(cells)
            } else if let (kind, text) = listItem(head) {
                if list != kind {
                    closeBlocks()
                    list = kind
                }
                items.append(text)
            } else if list != nil, let last = items.popLast() {
                items.append(last + " " + trimmed)
            } else {
                if !table.isEmpty { closeBlocks() }
                paragraph.append(trimmed)
            }
        }
        if let code = fence { html += "<pre>" + HTML.escape(code.joined(separator: "\n")) + "</pre>\n" }
        closeBlocks()
        return html
    }

    /// The first bytes of a trimmed line, where its marks are (an ordered item's nine digits, a
    /// dot and a space at most): marks are read from bytes, as Characters. ASCII bytes are one
    /// Character each unless a combining mark follows (a line holds no LF, so no CR LF pair), so
    /// a mark is one where a Character ends right after it.
    private struct Head {
        let line: String
        let bytes: [UInt8]

        init(_ line: String) {
            self.line = line
            bytes = Array(line.utf8.prefix(13))
        }

        var first: UInt8? { bytes.first }

        /// Whether a Character of the line ends before byte `offset` (its bytes before are ASCII;
        /// marks end by byte 11, so `offset` is inside the bytes kept or past the line's end).
        func boundary(_ offset: Int) -> Bool {
            guard offset < bytes.count else { return true }
            return bytes[offset] < 0x80 || line.utf8.index(line.startIndex, offsetBy: offset).samePosition(in: line) != nil
        }

        /// `line.hasPrefix(mark)` for an ASCII mark.
        func hasPrefix(_ mark: StaticString) -> Bool {
            let count = mark.utf8CodeUnitCount
            return bytes.count >= count && bytes.prefix(count).elementsEqual(UnsafeBufferPointer(start: mark.utf8Start, count: count))
                && boundary(count)
        }

        /// How many of the first bytes satisfy `predicate`.
        func run(_ predicate: (UInt8) -> Bool) -> Int {
            bytes.prefix(while: predicate).count
        }

        /// The line from byte `offset` on (a Character boundary).
        func text(from offset: Int) -> String {
            String(Substring(line.utf8.dropFirst(offset)))
        }

        /// Whether bytes `offset...` are `mark` followed by the end of a Character.
        func has(_ mark: UInt8, at offset: Int) -> Bool {
            offset < bytes.count && bytes[offset] == mark && boundary(offset + 1)
        }
    }

    /// `## Text` -> (2, "Text"), for one to six `#` and a space.
    private static func heading(_ head: Head) -> (Int, String)? {
        let marks = head.run { $0 == UInt8(ascii: "#") }
        guard (1...6).contains(marks), head.boundary(marks), head.has(UInt8(ascii: " "), at: marks) else { return nil }
        return (min(marks, 4), trimmingWhitespace(head.text(from: marks + 1)))
    }

    /// `- text`, `* text`, `+ text` -> ("ul", text); `12. text` -> ("ol", text).
    private static func listItem(_ head: Head) -> (String, String)? {
        guard let first = head.first else { return nil }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") {
            guard head.boundary(1), head.has(UInt8(ascii: " "), at: 1) else { return nil }
            return ("ul", head.text(from: 2))
        }
        let digits = head.run { (0x30...0x39).contains($0) }
        guard (1...9).contains(digits), head.boundary(digits), head.has(UInt8(ascii: "."), at: digits),
            head.has(UInt8(ascii: " "), at: digits + 1)
        else { return nil }
        return ("ol", head.text(from: digits + 2))
    }

    /// `trimmingCharacters(in: .whitespaces)`, without Foundation for the usual line that starts
    /// and ends with an ASCII character other than a space or tab (most lines of a document).
    static func trimmingWhitespace(_ line: String) -> String {
        guard let first = line.utf8.first, let last = line.utf8.last else { return line }
        func plain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && byte != 0x09 }
        if plain(first) && plain(last) { return line }
        return line.trimmingCharacters(in: .whitespaces)
    }
}
