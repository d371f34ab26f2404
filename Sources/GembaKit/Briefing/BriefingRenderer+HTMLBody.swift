import Foundation

extension BriefingRenderer {
    /// The briefing's heading and tables as an HTML fragment, every text escaped: the body of
    /// `render(_:as: .html)`, and what the web app's briefing page shows inside its own layout
    /// (whose style sheet prints it on A4). Tile rows carry the class `green` or `red`, cut lists
    /// a `<p class="more">` saying how to see the rest.
    public static func htmlBody(_ briefing: Briefing) -> String {
        htmlBody(briefing, sections(briefing))
    }

    static func htmlBody(_ b: Briefing, _ sections: [Section]) -> String {
        let title = "Morning briefing \(b.date)"
        var body = "<h1>\(HTML.escape(title))</h1>\n<p>\(HTML.escape(b.plant)). Figures of \(HTML.escape(b.reportDay)) (\(HTML.escape(b.timeZone))).</p>\n"
        for section in sections {
            body += "<h2>\(HTML.escape(section.title))</h2>\n"
            guard !section.rows.isEmpty else {
                body += "<p>\(HTML.escape(section.empty))</p>\n"
                continue
            }
            body += "<table>\n<tr>" + section.header.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr>\n"
            for (index, row) in section.rows.enumerated() {
                let mark = index < section.marks.count ? section.marks[index] : nil
                body += "<tr\(mark.map { " class=\"\($0)\"" } ?? "")>" + row.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>\n"
            }
            body += "</table>\n"
            if let more = section.more { body += "<p class=\"more\">\(HTML.escape(more))</p>\n" }
        }
        return body
    }
}
