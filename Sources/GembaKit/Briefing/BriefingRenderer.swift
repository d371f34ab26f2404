import Foundation

/// How `gemba briefing` prints: plain text for a terminal, Markdown, or a self-contained HTML page.
public enum BriefingFormat: String, Sendable, CaseIterable {
    case text, markdown, html
}

/// Renders a briefing so it fits one printed page for a three-line plant: long lists are cut
/// to their first rows with a count of the rest and the command that shows them all.
public enum BriefingRenderer {
    static let listLimit = 8

    public static func render(_ briefing: Briefing, as format: BriefingFormat) -> String {
        let sections = sections(briefing)
        switch format {
        case .text: return text(briefing, sections)
        case .markdown: return markdown(briefing, sections)
        case .html: return html(briefing, sections)
        }
    }

    /// A titled table (or a sentence when empty), shared by the three formats.
    struct Section {
        let title: String
        let header: [String]
        let rows: [[String]]
        let empty: String
        var more: String? = nil
        /// Per row, the colour of the row (tiles), for HTML.
        var marks: [String?] = []
    }

    static func sections(_ b: Briefing) -> [Section] {
        let zone = TimeZone(identifier: b.timeZone) ?? TimeZone(secondsFromGMT: 0) ?? .current
        func time(_ text: String) -> String { BriefingRenderer.time(text, in: zone) }
        var result: [Section] = []
        result.append(Section(
            title: "Output on \(b.reportDay) against plan", header: ["Line", "Planned", "Produced", "Good", "Scrap", "Rework", "Attainment", "OEE", "Downtime", "Stops"],
            rows: b.lines.map { line in
                [line.line, qty(line.plannedQty), qty(line.producedQty), qty(line.goodQty), qty(line.scrapQty), qty(line.reworkQty),
                 percent(line.scheduleAttainment), percent(line.oee), minutes(line.unplannedDowntimeMin), String(line.stops)]
            }, empty: "No line in policies/plant.yaml."))
        let tiles = b.tiles
        result.append(Section(
            title: "KPI tiles", header: ["Line", "KPI", "Period", "Value", "Target", "Status"],
            rows: tiles.map { tile in
                [tile.line, tile.kpi, tile.from == tile.to ? tile.from : "\(tile.from)..\(tile.to)", value(tile.kpi, tile.value),
                 tile.target.map { "\(tile.direction == "lower_is_better" ? "<=" : ">=") \(value(tile.kpi, $0))" } ?? "-",
                 tile.status == .none ? "-" : tile.status.rawValue.uppercased()]
            }, empty: "No KPI.", marks: tiles.map { $0.status == .none ? nil : $0.status.rawValue }))
        let stops = Array(b.downtime.prefix(listLimit))
        result.append(Section(
            title: "Unplanned downtime, setups and minor stops on \(b.reportDay), longest first", header: ["Line", "Start", "End", "Minutes", "Category", "Reason", "Note"],
            rows: stops.map { [$0.line, time($0.start), time($0.end), minutes($0.minutes), $0.category, $0.reason, $0.text ?? ""] },
            empty: "No downtime recorded.", more: rest(b.downtime.count, "gemba kpi pareto --from \(b.reportDay) --to \(b.reportDay)")))
        result.append(Section(
            title: "Open quality holds", header: ["Line", "Product", "Lot", "Quantity", "Reason", "Opened"],
            rows: b.holds.prefix(listLimit).map { [$0.line, $0.product, $0.lot, qty($0.quantity), $0.reason, time($0.openedAt)] },
            empty: "No open hold.", more: rest(b.holds.count, "gemba data holds --open")))
        result.append(Section(
            title: "Open maintenance work orders by priority", header: ["Priority", "Order", "Type", "Line", "Equipment", "Status", "Planned", "Text"],
            rows: b.workOrders.prefix(listLimit).map {
                [String($0.priority), $0.order, $0.type, $0.line ?? "-", $0.equipment ?? "-", $0.status, $0.plannedOn ?? "-", $0.text ?? ""]
            }, empty: "No open work order.", more: rest(b.workOrders.count, "gemba data work-orders --open")))
        result.append(Section(
            title: "Schedule changes in the last 24 hours", header: ["Recorded", "Line", "What", "Change"],
            rows: b.scheduleChanges.prefix(listLimit).map { [time($0.at), $0.line ?? "-", $0.what, $0.detail] },
            empty: "No change.", more: rest(b.scheduleChanges.count, "gemba schedule changes")))
        result.append(Section(
            title: "Actions due or overdue", header: ["Action", "Owner", "Due", "Late", "Priority", "Escalation", "Text"],
            rows: b.actions.prefix(listLimit).map {
                [$0.id, $0.ownerName, $0.dueOn, ($0.daysOverdue ?? 0) > 0 ? "\($0.daysOverdue ?? 0) d" : "today", $0.priority, $0.escalation ?? "-", $0.text]
            }, empty: "No action item due.", more: rest(b.actions.count, "gemba actions --overdue")))
        result.append(Section(
            title: "Document reviews and CAPA due this week", header: ["Kind", "Reference", "Owner", "Due", "Late", "Title"],
            rows: b.dueThisWeek.prefix(listLimit).map {
                [$0.kind, $0.reference, $0.owner ?? "-", $0.dueDate, $0.daysOverdue > 0 ? "\($0.daysOverdue) d" : "in \(-$0.daysOverdue) d", $0.title]
            }, empty: "Nothing due this week.", more: rest(b.dueThisWeek.count, "gemba status --within 7")))
        return result
    }

    private static func rest(_ count: Int, _ command: String) -> String? {
        count > listLimit ? "\(count - listLimit) more: \(command)" : nil
    }

    // MARK: Formats

    private static func text(_ b: Briefing, _ sections: [Section]) -> String {
        var out = "Morning briefing \(b.date) - \(b.plant) (figures of \(b.reportDay), \(b.timeZone))\n"
        for section in sections {
            out += "\n== \(section.title) ==\n"
            guard !section.rows.isEmpty else {
                out += section.empty + "\n"
                continue
            }
            let widths = section.header.indices.map { column in
                min(40, ([section.header[column]] + section.rows.map { $0[column] }).map(\.count).max() ?? 0)
            }
            for row in [section.header] + section.rows {
                out += row.indices.map { column in
                    let cell = row[column].count > widths[column] ? String(row[column].prefix(widths[column] - 1)) + "…" : row[column]
                    return column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                }.joined(separator: "  ") + "\n"
            }
            if let more = section.more { out += "(\(more))\n" }
        }
        return out
    }

    private static func markdown(_ b: Briefing, _ sections: [Section]) -> String {
        func cell(_ text: String) -> String {
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }
        var out = "# Morning briefing \(b.date)\n\n\(cell(b.plant)). Figures of \(b.reportDay) (\(b.timeZone)).\n"
        for section in sections {
            out += "\n## \(section.title)\n\n"
            guard !section.rows.isEmpty else {
                out += section.empty + "\n"
                continue
            }
            out += "| " + section.header.joined(separator: " | ") + " |\n"
            out += "|" + section.header.map { _ in " --- |" }.joined() + "\n"
            for row in section.rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
            if let more = section.more { out += "\n_\(cell(more))_\n" }
        }
        return out
    }

    private static func html(_ b: Briefing, _ sections: [Section]) -> String {
        let title = "Morning briefing \(b.date)"
        let body = htmlBody(b, sections)
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title))</title>
            <style>\(style)</style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    private static let style = """
        body{font-family:system-ui,sans-serif;font-size:11px;margin:1.5em;color:#222}h1{font-size:1.5em;margin:0 0 .2em}\
        h2{font-size:1.1em;margin:.9em 0 .2em}table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:1px 4px;\
        text-align:left;vertical-align:top}th{background:#eee}tr.green td:last-child{background:#cdeccd;font-weight:600}\
        tr.red td:last-child{background:#f6c9c9;font-weight:600}p{margin:.2em 0}.more{font-style:italic}\
        @page{size:A4;margin:10mm}@media print{body{margin:0;font-size:9px}h2{break-after:avoid}tr{break-inside:avoid}}
        """

    // MARK: Numbers

    public static func qty(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : String(format: "%.1f", value)
    }

    public static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.1f %%", $0 * 100) } ?? "-"
    }

    static func minutes(_ value: Double) -> String { String(format: "%.0f", value) }

    /// Ratios as percentages, rates and times as numbers.
    public static func value(_ kpi: String, _ value: Double?) -> String {
        guard let value else { return "-" }
        switch kpi {
        case "trir", "dart": return String(format: "%.2f", value)
        case "mtbf", "mttr": return String(format: "%.0f min", value)
        default: return percent(value)
        }
    }

    /// `2026-11-24T05:40:00Z` -> `11-24 06:40` in the plant's time zone.
    public static func time(_ text: String, in zone: TimeZone) -> String {
        guard let date = Timestamp.parse(text) else { return text }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.month, .day, .hour, .minute], from: date)
        return String(format: "%02d-%02d %02d:%02d", c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }
}
