import Foundation

extension MeetingMinutes {
    /// A self-contained page (no external resources), every text escaped, styled for printing.
    static func html(_ view: MeetingView) -> String {
        var body: [String] = ["<h1>\(h(title(view)))</h1>", "<table class=\"facts\">"]
        body += facts(view).map { "<tr><th>\(h($0.0))</th><td>\(h($0.1))</td></tr>" }
        body += ["</table>", "<h2>Attendance</h2>", "<ul>"]
        body += attendance(view).map { "<li><strong>\(h($0.0)):</strong> \(h($0.1))</li>" }
        body.append("</ul>")
        let (items, other) = sections(view)
        body += ["<h2>Agenda</h2>", "<ol>"]
        for item in items {
            body.append("<li>\(h(item.0))" + (item.1.isEmpty ? "" : "<ul>" + item.1.map(updateItem).joined() + "</ul>") + "</li>")
        }
        body.append("</ol>")
        if !other.isEmpty {
            body += ["<h2>Other status updates</h2>", "<ul>" + other.map(updateItem).joined() + "</ul>"]
        }
        body.append("<h2>Decisions</h2>")
        body.append(view.decisions.isEmpty ? "<p>None.</p>" : "<ol>" + view.decisions.map { "<li>\(h($0.text))</li>" }.joined() + "</ol>")
        body.append("<h2>Action items raised</h2>")
        if view.actions.isEmpty {
            body.append("<p>None.</p>")
        } else {
            body.append("<table><tr><th>ID</th><th>Action</th><th>Owner</th><th>Due</th><th>Priority</th><th>Status</th></tr>")
            body += view.actions.map { a in
                "<tr><td>\(h(a.id))</td><td>\(h(a.text))</td><td>\(h(a.ownerName))</td><td>\(h(a.dueOn))</td><td>\(h(a.priority))</td><td>\(h(a.status))</td></tr>"
            }
            body.append("</table>")
        }
        let carried = view.agenda.filter { $0.action != nil }
        body.append("<h2>Open action items carried over</h2>")
        if carried.isEmpty {
            body.append("<p>None.</p>")
        } else {
            body.append("<table><tr><th>Item</th><th>State when the agenda was made</th></tr>")
            body += carried.map { "<tr><td>\(h($0.title))</td><td>\(h($0.detail ?? ""))</td></tr>" }
            body.append("</table>")
        }
        if let footer = footer(view) { body.append("<footer>\(h(footer))</footer>") }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(h(title(view)))</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    private static func updateItem(_ update: StatusUpdateView) -> String {
        let rating = update.rating.map { "<span class=\"rating \(h($0))\">\(h($0.uppercased()))</span> " } ?? ""
        return "<li>\(rating)<strong>\(h(update.subject)):</strong> \(h(update.text))</li>"
    }

    /// Escapes text for HTML element content and attribute values.
    static func h(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    private static let style = """
        body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; font-size: 11pt; margin: 2em auto; max-width: 60em; color: #111; }
        h1 { font-size: 16pt; margin-bottom: 0.4em; }
        h2 { font-size: 12.5pt; border-bottom: 1px solid #999; margin-top: 1.2em; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
        table.facts th { width: 9em; background: #f2f2f2; }
        .rating { font-weight: bold; padding: 0 4px; border-radius: 3px; color: #fff; }
        .rating.green { background: #2e7d32; } .rating.amber { background: #b26a00; } .rating.red { background: #c62828; }
        footer { margin-top: 2em; font-size: 8.5pt; color: #555; word-break: break-all; }
        @page { size: A4; margin: 15mm; }
        @media print {
          body { margin: 0; max-width: none; font-size: 10pt; }
          h2 { page-break-after: avoid; }
          tr, li { page-break-inside: avoid; }
          .rating { color: #000; background: none; border: 1px solid #000; }
        }
        """
}
