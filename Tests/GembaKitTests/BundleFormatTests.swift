import Foundation
import Testing
@testable import GembaKit

/// The small formats of a bundle: HTML escaping, RFC 4180 CSV, Markdown pages, SHA256SUMS.
@Suite struct BundleFormatTests {
    @Test func htmlEscapesEveryMarkupCharacter() {
        #expect(HTML.escape("<a href=\"x\" onclick='y'>&</a>") == "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
        #expect(HTML.escape("Prüfung – ok") == "Prüfung – ok")
        #expect(HTML.link("documents/A.html", "<b>") == "<a href=\"documents/A.html\">&lt;b&gt;</a>")
    }

    @Test func csvQuotesOnlyWhatRFC4180Requires() {
        #expect(CSV.row(["plain", "with space", ""]) == "plain,with space,\r\n")
        #expect(CSV.row(["a,b", "say \"hi\"", "two\nlines", "cr\r\nlf"]) == "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\nlf\"\r\n")
    }

    @Test func markdownBecomesEscapedHTML() {
        let html = BundleMarkdown.html("""
            # Title <x>

            First line
            continues here.

            - one
              more of one
            - two
            1. step
            2. step & check

            | Field | Value |
            |---|---|
            | a | <b> |

            ```
            code <here>
            ```
            ---
            """)
        #expect(html == """
            <h3>Title &lt;x&gt;</h3>
            <p>First line continues here.</p>
            <ul>
            <li>one more of one</li>
            <li>two</li>
            </ul>
            <ol>
            <li>step</li>
            <li>step &amp; check</li>
            </ol>
            <table>
            <tr><th>Field</th><th>Value</th></tr>
            <tr><td>a</td><td>&lt;b&gt;</td></tr>
            </table>
            <pre>code &lt;here&gt;</pre>
            <hr>

            """)
        // Lines ended with CR LF (a file from Windows) are lines too
        #expect(BundleMarkdown.html("# Title\r\n\r\nText\r\n- one\r\n- two\r\n") == "<h3>Title</h3>\n<p>Text</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n")
    }

    @Test func sha256SumsLinesAreWhatSha256sumReads() {
        let files = [BundleFile(path: "a/b.txt", size: 1, sha256: String(repeating: "ab", count: 32))]
        let text = SHA256Sums.text(files)
        #expect(text == String(repeating: "ab", count: 32) + "  a/b.txt\n")
        #expect(SHA256Sums.parse(text) == ["a/b.txt": String(repeating: "ab", count: 32)])
        #expect(SHA256Sums.parse("nothex  a.txt\n") == nil)
    }

    /// manifest.json is written by hand; it must stay what JSONEncoder wrote, byte for byte:
    /// every field, optional fields left out when nil, empty lists, nested section summaries,
    /// and strings with every character the encoder escapes.
    @Test func manifestIsWhatJSONEncoderWrites() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let pieces = ["a", "Z", "0", "/", "\\", "\"", " ", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{00}", "\u{01}", "\u{1F}", "\u{7F}", "é", "\u{2028}", "😀", "_", ":"]
        var generator = SynthRandom(seed: 20_261_127)
        func text() -> String {
            (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
        for round in 0..<300 {
            let documents = (0..<(round % 4)).map { index in
                BundleManifest.Document(
                    id: "SOP-\(index)", type: text(), title: text(), revision: "A", effectiveDate: text(), releaseCommit: text(), folderTree: text(),
                    tag: text(), tagObject: index % 2 == 0 ? nil : text(), mainFile: text(), page: text(), folder: text(),
                    files: (0..<(index % 3)).map { _ in BundleManifest.DocumentFile(path: text(), blob: text()) })
            }
            let sections: [String: BundleJSON] = round % 5 == 0 ? [:] : [
                "audit_trail": .object(["entries": .int(round), "first_seq": round % 2 == 0 ? .null : .int(-round), "before": .string(text())]),
                "register_index": .object(["rows": .int(3), "columns": .array([.string(text()), .string(text())])]),
                "audits": .array(round % 3 == 0 ? [] : [.object(["id": .string(text()), "closed": .bool(round % 2 == 0), "nested": .object([:])])]),
                text(): .string(text()),
            ]
            let manifest = BundleManifest(
                format: BundleManifest.format, generator: text(), registerId: text(), asOf: text(),
                registerState: BundleRegisterState(mainCommit: round % 3 == 0 ? nil : text(), trailSeq: round % 4 == 0 ? nil : Int64(round) * 1_000_003, trailHash: text()),
                scope: .init(types: round % 2 == 0 ? [] : [text(), text()], documents: [text()], areas: [], audits: [text()], summary: text()),
                documents: documents, sections: sections,
                files: (0..<(round % 6)).map { _ in BundleFile(path: text(), size: Int64.random(in: 0...Int64.max, using: &generator), sha256: text()) })
            var expected = try encoder.encode(manifest)
            expected.append(0x0A)
            let written = manifest.encoded()
            #expect(written == expected, "round \(round):\n\(String(decoding: written, as: UTF8.self))\n\(String(decoding: expected, as: UTF8.self))")
            if written != expected { break }
        }
    }

    /// The byte-level checks that replaced a regular expression and Foundation calls give the
    /// same answers on random text (spaces, tabs, no-break spaces, quotes, slashes, letters).
    @Test func byteLevelChecksAgreeWithTheSlowerOnes() throws {
        let pieces = ["a", "Z", "0", "9", ".", "_", "-", "/", " ", "\t", "\u{A0}", "\u{2003}", "\"", ",", "é", "\r", "#", "|", "&", "<", ">", "'", "😀"]
        let pathRegex = try Regex("[A-Za-z0-9][A-Za-z0-9._\\-]*(/[A-Za-z0-9][A-Za-z0-9._\\-]*)*")
        var generator = SynthRandom(seed: 20_261_126)
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(Register.isPlainRelativePath(text) == (text.wholeMatch(of: pathRegex) != nil), "\(text.debugDescription)")
            #expect(BundleMarkdown.trimmingWhitespace(text) == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
            let escapes: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]
            let scalars: String = text.unicodeScalars.map { scalar in escapes[scalar] ?? String(scalar) }.joined()
            #expect(HTML.escape(text) == scalars, "\(text.debugDescription)")
            let quoted: Bool = text.utf8.contains { byte in byte == 0x2C || byte == 0x22 || byte == 0x0D || byte == 0x0A }
            let doubled: String = text.replacingOccurrences(of: "\"", with: "\"\"")
            let field: String = quoted ? "\"\(doubled)\"" : text
            #expect(CSV.field(text) == field, "\(text.debugDescription)")
        }
    }
}
