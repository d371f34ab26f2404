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
            if let open = list { html += "<\(open)>\n" + items.map { "<li>\(HTML.escape($0))</li>\n" }.joined() + "</\(open)>\n" }
            list = nil
            items = []
            if let header = table.first {
                html += HTML.table(header, table.dropFirst().map { $0.map(HTML.escape) })
            }
            table = []
        }

        // Lines split on bytes: splitting a String walks grapheme clusters, and "\r\n" is one
        // cluster, so a CRLF text split on Characters stayed one line.
        for rawLine in markdown.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let bytes = rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine[...]
            let line = String(Substring(bytes))
            let trimmed = trimmingWhitespace(line)
            if trimmed.hasPrefix("```") {
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
            } else if let (level, text) = heading(trimmed) {
                closeBlocks()
                html += "<h\(level + 2)>\(HTML.escape(text))</h\(level + 2)>\n"
            } else if let mark = trimmed.first, "-*_".contains(mark), trimmed.count >= 3, trimmed.allSatisfy({ $0 == mark }) {
                closeBlocks()
                html += "<hr>\n"
            } else if trimmed.hasPrefix("|") {
                let cells = trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "|")).components(separatedBy: "|")
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                if !table.isEmpty, cells.allSatisfy({ !$0.isEmpty && $0.allSatisfy { "-:".contains($0) } }) { continue }
                if table.isEmpty { closeBlocks() }
                table.append(cells)
            } else if let (kind, text) = listItem(trimmed) {
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

    /// `trimmingCharacters(in: .whitespaces)`, without Foundation for the usual line that starts
    /// and ends with an ASCII character other than a space or tab (most lines of a document).
    static func trimmingWhitespace(_ line: String) -> String {
        guard let first = line.utf8.first, let last = line.utf8.last else { return line }
        func plain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && byte != 0x09 }
        if plain(first) && plain(last) { return line }
        return line.trimmingCharacters(in: .whitespaces)
    }

    /// `## Text` -> (2, "Text"), for one to six `#` and a space.
    private static func heading(_ line: String) -> (Int, String)? {
        let marks = line.prefix { $0 == "#" }.count
        guard (1...6).contains(marks), line.dropFirst(marks).first == " " else { return nil }
        return (min(marks, 4), String(line.dropFirst(marks + 1)).trimmingCharacters(in: .whitespaces))
    }

    /// `- text`, `* text`, `+ text` -> ("ul", text); `12. text` -> ("ol", text).
    private static func listItem(_ line: String) -> (String, String)? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return ("ul", String(line.dropFirst(2)))
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9, line.dropFirst(digits.count).hasPrefix(". ") {
            return ("ol", String(line.dropFirst(digits.count + 2)))
        }
        return nil
    }
}
