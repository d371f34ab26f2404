import Foundation
import Yams

/// A KPI target on a visual-management board, in force from `effectiveFrom` to `effectiveTo`
/// (both days included; open-ended without `effectiveTo`).
public struct BoardTarget: Codable, Sendable, Equatable {
    public let kpi: String
    public let target: Double
    public let unit: String?
    /// `higher_is_better` (the default) or `lower_is_better`.
    public let direction: String
    public let effectiveFrom: String
    public let effectiveTo: String?

    public var higherIsBetter: Bool { direction != "lower_is_better" }

    /// Whether the target is in force on `day`.
    public func covers(_ day: Day) -> Bool {
        guard let from = Day(effectiveFrom), from <= day else { return false }
        return effectiveTo.flatMap(Day.init).map { day <= $0 } ?? true
    }

    /// Whether `value` meets the target (green) or not (red).
    public func isMet(by value: Double) -> Bool { higherIsBetter ? value >= target : value <= target }
}

/// A controlled document posted at a point of use, with the revision that is posted there.
public struct BoardPosting: Codable, Sendable, Equatable {
    /// Where it hangs: "K-1 operator station".
    public let point: String
    public let document: String
    public let revision: String
}

/// The content of a BOARD document revision (a YAML file): the board's line and area, its KPI
/// targets with effective periods, and the documents posted at each point of use.
struct BoardContent: Equatable {
    static let directions: Set<String> = ["higher_is_better", "lower_is_better"]

    let board: String
    let line: String?
    let area: String?
    let targets: [BoardTarget]
    let posted: [BoardPosting]
    let notes: String?

    static func validate(_ file: ContentFile) throws {
        _ = try parse(name: file.name, data: file.data)
    }

    /// Parses board YAML; errors name the file and line.
    static func parse(name: String, data: Data) throws -> BoardContent {
        let doc = try YAMLDocument(file: name, data: data)
        try doc.allowOnly(doc.root, ["board", "line", "area", "targets", "posted", "notes"])
        let fields = try doc.mapping(doc.root, "board")
        let targets = try (fields["targets"] == nil ? [] : doc.sequence(doc.root, "targets")).map { target in
            try doc.allowOnly(target, ["kpi", "target", "unit", "direction", "effective_from", "effective_to"])
            let direction = try doc.optionalString(target, "direction") ?? "higher_is_better"
            guard directions.contains(direction) else {
                throw doc.error(try doc.child(target, "direction"), "direction must be higher_is_better or lower_is_better")
            }
            let from = try day(doc, target, "effective_from")
            var to: Day?
            if try doc.mapping(target, "target")["effective_to"] != nil {
                to = try day(doc, target, "effective_to")
                if let to, to < from {
                    throw doc.error(try doc.child(target, "effective_to"), "effective_to is before effective_from")
                }
            }
            return BoardTarget(
                kpi: try doc.string(target, "kpi"), target: try doc.double(target, "target"), unit: try doc.optionalString(target, "unit"),
                direction: direction, effectiveFrom: from.description, effectiveTo: to?.description)
        }
        for (index, target) in targets.enumerated() {
            if let overlap = targets[..<index].first(where: { $0.kpi == target.kpi && overlaps($0, target) }) {
                let node = try doc.sequence(doc.root, "targets")[index]
                throw doc.error(node, "the \(target.kpi) target from \(target.effectiveFrom) overlaps the one from \(overlap.effectiveFrom); end one before the next starts")
            }
        }
        let posted = try (fields["posted"] == nil ? [] : doc.sequence(doc.root, "posted")).map { node in
            try doc.allowOnly(node, ["point", "document", "revision"])
            let document = try doc.string(node, "document").uppercased()
            guard document.wholeMatch(of: /[A-Z][A-Z0-9]*-[0-9]+/) != nil else {
                throw doc.error(try doc.child(node, "document"), "'\(document)' is not a document ID such as WI-0002")
            }
            let revision = try doc.string(node, "revision").uppercased()
            guard revision.wholeMatch(of: /[A-Z]{1,3}/) != nil else {
                throw doc.error(try doc.child(node, "revision"), "'\(revision)' is not a revision letter such as B")
            }
            return BoardPosting(point: try doc.string(node, "point"), document: document, revision: revision)
        }
        return BoardContent(
            board: try doc.string(doc.root, "board"), line: try doc.optionalString(doc.root, "line"), area: try doc.optionalString(doc.root, "area"),
            targets: targets, posted: posted, notes: try doc.optionalString(doc.root, "notes"))
    }

    private static func overlaps(_ a: BoardTarget, _ b: BoardTarget) -> Bool {
        guard let aFrom = Day(a.effectiveFrom), let bFrom = Day(b.effectiveFrom) else { return false }
        let aTo = a.effectiveTo.flatMap(Day.init)
        let bTo = b.effectiveTo.flatMap(Day.init)
        return (aTo.map { bFrom <= $0 } ?? true) && (bTo.map { aFrom <= $0 } ?? true)
    }

    private static func day(_ doc: YAMLDocument, _ node: Node, _ key: String) throws -> Day {
        let value = try doc.child(node, key)
        guard let text = value.scalar?.string, let day = Day(text) else {
            throw doc.error(value, "'\(key)' must be a date YYYY-MM-DD")
        }
        return day
    }
}
