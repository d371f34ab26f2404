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
        let day = day ?? today()
        let cutoff = day.addingDays(1).start
        let (documents, revisions) = try store.read { db in
            (try DocumentRecord.filter(Column("type") == Register.boardType).order(Column("number")).fetchAll(db),
             try RevisionRecord.filter(sql: "document_id IN (SELECT id FROM document WHERE type = ?) AND release_commit IS NOT NULL", arguments: [Register.boardType])
                .order(Column("document_id"), Column("seq")).fetchAll(db))
        }
        let released = Dictionary(grouping: revisions, by: \.documentId)
        return try documents.compactMap { document -> Board? in
            if let obsolete = document.obsoleteAt, obsolete < cutoff { return nil }
            let candidates = (released[document.id] ?? []).filter { revision in
                guard let effective = revision.effectiveOn.flatMap(Day.init), effective <= day else { return false }
                return revision.supersededAt.map { $0 >= cutoff } ?? true
            }
            guard let revision = candidates.max(by: { $0.seq < $1.seq }) else { return nil }
            return try board(document, revision)
        }
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

    private func board(_ document: DocumentRecord, _ revision: RevisionRecord) throws -> Board {
        let content = try self.content(document.id, revision: revision.letter)
        let parsed = try BoardContent.parse(name: "\(document.id) rev \(revision.letter) (\(content.mainFile))", data: content.main)
        return Board(
            id: document.id, revision: revision.letter, title: revision.title, owner: document.owner, line: parsed.line, area: parsed.area,
            effectiveOn: revision.effectiveOn ?? "", nextReviewDue: document.nextReviewDue, targets: parsed.targets, posted: parsed.posted,
            notes: parsed.notes)
    }
}
