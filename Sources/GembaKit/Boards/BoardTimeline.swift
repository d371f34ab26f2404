import Foundation
import GRDB

/// Every released revision of every BOARD document, read once, to answer "which board and
/// targets were in force on this day" for many days (KPI reports by day over a year).
struct BoardTimeline {
    private let documents: [DocumentRecord]
    private let revisions: [String: [RevisionRecord]]
    private let register: Register
    private var parsed: [String: Board] = [:]

    init(_ register: Register) throws {
        self.register = register
        (documents, revisions) = try register.store.read { db in
            (try DocumentRecord.filter(Column("type") == Register.boardType).order(Column("number")).fetchAll(db),
             Dictionary(grouping: try RevisionRecord.filter(
                sql: "document_id IN (SELECT id FROM document WHERE type = ?) AND release_commit IS NOT NULL", arguments: [Register.boardType])
                .order(Column("document_id"), Column("seq")).fetchAll(db), by: \.documentId))
        }
    }

    /// The boards effective at the end of `day`: per document, the newest released revision
    /// effective on or before the day and not superseded before its end; obsolete ones left out.
    mutating func boards(on day: Day) throws -> [Board] {
        let cutoff = day.addingDays(1).start
        var result: [Board] = []
        for document in documents {
            if let obsolete = document.obsoleteAt, obsolete < cutoff { continue }
            guard let revision = RevisionRecord.effective(among: revisions[document.id] ?? [], atEndOf: day) else { continue }
            let key = "\(document.id)/\(revision.letter)"
            if let board = parsed[key] {
                result.append(board)
                continue
            }
            let board = try register.board(document, revision)
            parsed[key] = board
            result.append(board)
        }
        return result
    }
}

extension Register {
    /// Each row's KPIs against the target in force on the row's last day, from the line's board
    /// effective that day (docs/boards.md); the plant row's TRIR and DART against the strictest
    /// safety target on any board.
    func kpiTargets(_ rows: [KPIRow]) throws -> [KPITile] {
        var timeline = try BoardTimeline(self)
        var tiles: [KPITile] = []
        for row in rows {
            guard let day = Day(row.to) else { continue }
            let boards = try timeline.boards(on: day)
            if row.line == plantRowLine {
                for kpi in ["trir", "dart"] {
                    let strictest = boards.flatMap { $0.targets(on: day) }.filter { $0.kpi == kpi }.min { $0.target < $1.target }
                    if let strictest { tiles.append(KPITile(row: row, kpi: kpi, target: strictest, board: nil)) }
                }
                continue
            }
            guard let board = boards.first(where: { $0.line == row.line }) else { continue }
            for target in board.targets(on: day) where KPIRow.knows(target.kpi) && !["trir", "dart"].contains(target.kpi) {
                tiles.append(KPITile(row: row, kpi: target.kpi, target: target, board: board))
            }
        }
        return tiles
    }
}
