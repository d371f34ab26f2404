import Foundation
import Yams

/// Visual-management board content: targets with their effective periods.
enum BoardContent {
    static let directions: Set<String> = ["higher_is_better", "lower_is_better"]

    static func validate(_ file: ContentFile) throws {
        let doc = try YAMLDocument(file: file.name, data: file.data)
        try doc.allowOnly(doc.root, ["board", "line", "area", "targets", "notes"])
        _ = try doc.string(doc.root, "board")
        for target in try doc.sequence(doc.root, "targets") {
            try doc.allowOnly(target, ["kpi", "target", "unit", "direction", "effective_from", "effective_to"])
            _ = try doc.string(target, "kpi")
            _ = try doc.double(target, "target")
            if let direction = try doc.optionalString(target, "direction"), !directions.contains(direction) {
                throw doc.error(try doc.child(target, "direction"), "direction must be higher_is_better or lower_is_better")
            }
            let from = try day(doc, target, "effective_from")
            if try doc.mapping(target, "target")["effective_to"] != nil {
                let to = try day(doc, target, "effective_to")
                if let from, let to, to < from {
                    throw doc.error(try doc.child(target, "effective_to"), "effective_to is before effective_from")
                }
            }
        }
    }

    private static func day(_ doc: YAMLDocument, _ node: Node, _ key: String) throws -> Day? {
        let value = try doc.child(node, key)
        guard let text = value.scalar?.string, let day = Day(text) else {
            throw doc.error(value, "'\(key)' must be a date YYYY-MM-DD")
        }
        return day
    }
}
