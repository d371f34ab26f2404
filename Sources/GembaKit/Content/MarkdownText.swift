import Foundation

/// Renders Markdown as plain text for a terminal: headings underlined, emphasis and code marks
/// removed, links shown with their address, lists and numbered steps kept.
public enum MarkdownText {
    public static func render(_ markdown: String) -> String {
        var output: [String] = []
        var inFence = false
        for rawLine in markdown.components(separatedBy: "\n") {
            let line = rawLine.replacingOccurrences(of: "\r", with: "")
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                inFence.toggle()
                continue
            }
            if inFence {
                output.append("    " + line)
                continue
            }
            if let heading = trimmed.firstMatch(of: /^(#{1,6})\s+(.*)$/) {
                let text = inline(String(heading.output.2))
                let level = heading.output.1.count
                output.append(level == 1 ? text.uppercased() : text)
                if level <= 2 { output.append(String(repeating: level == 1 ? "=" : "-", count: text.count)) }
                continue
            }
            if trimmed.wholeMatch(of: /[-*_]{3,}/) != nil {
                output.append(String(repeating: "-", count: 60))
                continue
            }
            if trimmed.hasPrefix("|") {
                // Tables: drop the separator row, keep the cells.
                if trimmed.wholeMatch(of: /\|?[\s:\-|]+\|?/) != nil { continue }
                let cells = trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "|")).components(separatedBy: "|")
                output.append(cells.map { inline($0.trimmingCharacters(in: .whitespaces)) }.joined(separator: "  |  "))
                continue
            }
            let indent = String(line.prefix { $0 == " " })
            if let bullet = trimmed.firstMatch(of: /^[-*+]\s+(.*)$/) {
                output.append(indent + "  • " + inline(String(bullet.output.1)))
                continue
            }
            if trimmed.hasPrefix(">") {
                output.append("  | " + inline(String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces)))
                continue
            }
            output.append(indent + inline(trimmed))
        }
        return output.joined(separator: "\n")
    }

    static func inline(_ text: String) -> String {
        var result = text
        result = result.replacing(/!\[([^\]]*)\]\(([^)]*)\)/) { "[image: \($0.output.1)]" }
        result = result.replacing(/\[([^\]]+)\]\(([^)]+)\)/) { "\($0.output.1) <\($0.output.2)>" }
        result = result.replacing(/\*\*([^*]+)\*\*/) { String($0.output.1) }
        result = result.replacing(/__([^_]+)__/) { String($0.output.1) }
        result = result.replacing(/(^|[\s(])\*([^*\s][^*]*)\*/) { "\($0.output.1)\($0.output.2)" }
        result = result.replacing(/`([^`]+)`/) { String($0.output.1) }
        return result
    }
}
