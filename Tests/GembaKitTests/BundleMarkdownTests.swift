import Foundation
import Testing
@testable import GembaKit

/// Markdown marks (headings, list items, rules, tables, fences) are read from a line's bytes; a
/// combining mark after an ASCII mark makes it another Character, which the bytes must not miss.
@Suite struct BundleMarkdownTests {
    @Test func marksReadFromBytesAreTheMarksCharactersRead() {
        // Pieces that make marks, break them, or join the character before them.
        let pieces = [
            "#", "##", "###", "-", "*", "+", "_", "|", "`", "```", ".", " ", "  ", "\t", "1", "23", "456789", "1234567890",
            "a", "Step", "\u{301}", "\u{308}", "Ü", "é", "\u{00A0}", "\u{200D}", "\u{1F600}", "&", "<", "\r",
        ]
        var generator = SynthRandom(seed: 9001)
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                for _ in 0..<Int.random(in: 0...6, using: &generator) { text += pieces.randomElement(using: &generator) ?? "" }
                text += Bool.random(using: &generator) ? "\n" : "\r\n"
            }
            #expect(BundleMarkdown.html(text) == CharacterMarkdown.html(text), "\(Array(text.unicodeScalars))")
        }
        // The lines that differ from their marks by a combining mark only
        for line in ["#\u{301} Title", "# \u{301}Title", "-\u{301} item", "- \u{301}item", "1\u{301}. step", "1.\u{301} step",
            "1. \u{301}step", "```\u{301}", "|\u{301} a |", "---\u{301}", "1. Überprüfen", "- Ölstand", "## Prüfung"] {
            #expect(BundleMarkdown.html(line) == CharacterMarkdown.html(line), "\(line)")
        }
        #expect(BundleMarkdown.html("1. Überprüfen\n- Ölstand\n## Prüfung") == "<ol>\n<li>Überprüfen</li>\n</ol>\n<ul>\n<li>Ölstand</li>\n</ul>\n<h4>Prüfung</h4>\n")
        #expect(BundleMarkdown.html("1.\u{301} step") == "<p>1.\u{301} step</p>\n")
    }
}

/// The renderer as it was before its marks were read from bytes (by Characters throughout): the
/// oracle that the byte reading must match on every line.
private enum CharacterMarkdown {
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
            let trimmed = line.trimmingCharacters(in: .whitespaces)
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
