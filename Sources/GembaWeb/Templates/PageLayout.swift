import GembaKit

/// The layout around every page (head, navigation, the logout form, the flash message, the
/// footer), written out directly: it is on every response, and as a Mustache template its lookups
/// cost as much as the rest of a cached page. Every value is escaped here.
enum PageLayout {
    /// The templates are written as `{{<layout}}{{$content}} … {{/content}}{{/layout}}` so that each
    /// reads as a whole page; the library keeps only the part between, which this layout wraps.
    static func content(ofPage text: String) -> String {
        let head = "{{<layout}}{{$content}}", tail = "{{/content}}{{/layout}}"
        guard text.hasPrefix(head), text.hasSuffix(tail) else { return text }
        return String(text.dropFirst(head.count).dropLast(tail.count))
    }

    static func html(_ frame: PageFrame, content: String) -> String {
        let e = MarkdownHTML.escape
        var html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(frame.title)) · Gemba</title>
        <link rel="stylesheet" href="/static/gemba.css">
        </head>
        <body>
        <header class="top">
        <a class="brand" href="/">Gemba</a><span class="plant">\(e(frame.plant))</span>

        """
        html.reserveCapacity(content.utf8.count + 2048)
        if let user = frame.user {
            html += "<nav aria-label=\"Main\">"
            for link in frame.nav {
                html += "<a href=\"\(e(link.href))\"\(link.current ? " aria-current=\"page\"" : "")>\(e(link.label))</a>"
            }
            html += "</nav>\n"
            html += "<form method=\"post\" action=\"/logout\" class=\"logout\"><input type=\"hidden\" name=\"csrf\" value=\"\(e(frame.csrf ?? ""))\">"
            html += "<span>\(e(user.name))\(user.assessor ? " (assessor, read-only)" : "")</span><button class=\"secondary\" type=\"submit\">Log out</button></form>\n"
        }
        html += "</header>\n<main>\n"
        if let flash = frame.flash {
            html += "<p class=\"flash\(flash.isError ? " error" : "")\" role=\"status\">\(e(flash.text))</p>\n"
        }
        html += content
        html += "\n</main>\n<footer>Gemba · \(e(frame.plant)) · page made \(e(frame.generatedAt)) UTC"
        if let user = frame.user { html += " for \(e(user.username))" }
        html += "</footer>\n</body>\n</html>"
        return html
    }
}
