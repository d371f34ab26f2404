import Foundation

/// HTML escaping for the bundle's pages: every piece of user text (titles, reasons, names,
/// comments, file content) goes through `escape` (stored XSS, REFERENCE.md section 7).
enum HTML {
    static func escape(_ text: String) -> String {
        // Byte by byte: the five characters are ASCII, and no byte of a longer UTF-8 sequence is.
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(utf8.count + 32)
        for byte in utf8 {
            switch byte {
            case 0x26: escaped.append(contentsOf: "&amp;".utf8)
            case 0x3C: escaped.append(contentsOf: "&lt;".utf8)
            case 0x3E: escaped.append(contentsOf: "&gt;".utf8)
            case 0x22: escaped.append(contentsOf: "&quot;".utf8)
            case 0x27: escaped.append(contentsOf: "&#39;".utf8)
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// A link whose target is a path inside the archive (plain names only, checked by the builder).
    static func link(_ href: String, _ text: String) -> String {
        "<a href=\"\(escape(href))\">\(escape(text))</a>"
    }

    /// A complete page. No script can run: the content security policy allows only inline styles.
    static func page(title: String, root: String?, body: String) -> String {
        pageStart(title: title, root: root) + body + pageEnd
    }

    /// The start of a page, for pages written in pieces (the audit-trail extract). `root` leads
    /// back to the archive's root for the link to index.html; nil on index.html itself.
    static func pageStart(title: String, root: String?) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>\(style)</style>
        </head>
        <body>

        """ + (root.map { "<p class=\"crumbs\"><a href=\"\(escape($0))index.html\">Evidence bundle index</a></p>\n" } ?? "")
    }

    static let pageEnd = "</body>\n</html>\n"

    /// A table: a header row and rows of cells that are already HTML.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var html = "<table>\n<tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
        for row in rows { html += "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>\n" }
        return html + "</table>\n"
    }

    /// Rows of label and value (both plain text), as a two-column table.
    static func facts(_ rows: [(String, String)]) -> String {
        "<table class=\"facts\">\n" + rows.map { "<tr><th>\(escape($0.0))</th><td>\(escape($0.1))</td></tr>\n" }.joined() + "</table>\n"
    }

    private static let style = """
        body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#222}\
        table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top}\
        th{background:#eee}table.facts th{width:14em}pre{background:#f6f6f6;padding:1em;overflow-x:auto;white-space:pre-wrap}\
        .content{border:1px solid #ccc;padding:0 1em}.signature{font-weight:600}.warning{color:#a00;font-weight:600}.crumbs{font-size:.9em}code{font-size:.95em}
        """
}

/// CSV as RFC 4180 describes it: CRLF line ends; a field holding a comma, a double quote, CR or
/// LF is enclosed in double quotes, and its double quotes are doubled.
enum CSV {
    static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ value: String) -> String {
        // Comma, double quote, CR, LF (bytes: a CRLF pair is one Character).
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else { return value }
        // Byte by byte (no byte of a longer UTF-8 sequence is a double quote): the trail section
        // quotes every JSON value, and Foundation's replacingOccurrences was a tenth of a
        // bundle's time, appending scalar by scalar a fifth of the trail extract's.
        var quoted: [UInt8] = [0x22]
        quoted.reserveCapacity(value.utf8.count + 16)
        for byte in value.utf8 {
            if byte == 0x22 { quoted.append(0x22) }
            quoted.append(byte)
        }
        quoted.append(0x22)
        return String(decoding: quoted, as: UTF8.self)
    }
}
