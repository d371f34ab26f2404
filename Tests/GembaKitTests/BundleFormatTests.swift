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
    }

    @Test func sha256SumsLinesAreWhatSha256sumReads() {
        let files = [BundleFile(path: "a/b.txt", size: 1, sha256: String(repeating: "ab", count: 32))]
        let text = SHA256Sums.text(files)
        #expect(text == String(repeating: "ab", count: 32) + "  a/b.txt\n")
        #expect(SHA256Sums.parse(text) == ["a/b.txt": String(repeating: "ab", count: 32)])
        #expect(SHA256Sums.parse("nothex  a.txt\n") == nil)
    }
}
