import Foundation

extension KPIRow {
    /// A report's rows as CSV (RFC 4180, CRLF line ends): the header is `fieldNames`, every
    /// field of every row follows in that order, and a null is an empty cell. What
    /// `gemba kpi report --csv` prints and the web app's KPI page downloads.
    public static func csv(_ rows: [KPIRow]) -> String {
        var lines = [fieldNames.joined(separator: ",")]
        for row in rows {
            lines.append(row.fieldValues.map { value in
                guard let value else { return "" }
                return value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
