import Foundation
import GRDB

/// A visual-management board: a BOARD document's revision effective on a day, with its targets
/// and postings.
public struct Board: Codable, Sendable {
    public let id: String
    public let revision: String
    public let title: String
    public let owner: String
    public let line: String?
    public let area: String?
    public let effectiveOn: String
    public let nextReviewDue: String?
    public let targets: [BoardTarget]
    public let posted: [BoardPosting]
    public let notes: String?

    /// The targets in force on `day`.
    public func targets(on day: Day) -> [BoardTarget] { targets.filter { $0.covers(day) } }
}

extension Register {
    static let boardType = "BOARD"

    /// The boards effective at the end of `day` (default today), by ID.
    public func boards(on day: Day? = nil) throws -> [Board] {
        var timeline = try BoardTimeline(self)
        return try timeline.boards(on: day ?? today())
    }

    /// One board as effective today.
    public func board(_ id: String) throws -> Board {
        let document = try store.read { db in try documentRecord(db, id) }
        guard document.type == Register.boardType else {
            throw GembaError.invalid("\(document.id) is a \(document.type), not a BOARD document")
        }
        guard let board = try boards().first(where: { $0.id == document.id }) else {
            throw GembaError.state("\(document.id) has no effective revision; `gemba doc history \(document.id)` shows its revisions")
        }
        return board
    }

    /// The target for `kpi` on `line` in force on `day`, from the line's board effective that day.
    public func boardTarget(line: String, kpi: String, on day: Day) throws -> BoardTarget? {
        try boards(on: day).first { $0.line == line }?.targets(on: day).first { $0.kpi == kpi }
    }

    func board(_ document: DocumentRecord, _ revision: RevisionRecord) throws -> Board {
        let content = try self.content(document.id, revision: revision.letter)
        let parsed = try BoardContent.parse(name: "\(document.id) rev \(revision.letter) (\(content.mainFile))", data: content.main)
        return Board(
            id: document.id, revision: revision.letter, title: revision.title, owner: document.owner, line: parsed.line, area: parsed.area,
            effectiveOn: revision.effectiveOn ?? "", nextReviewDue: document.nextReviewDue, targets: parsed.targets, posted: parsed.posted,
            notes: parsed.notes)
    }
}
