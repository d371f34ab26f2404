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
