import Foundation
import GRDB

/// Something on a board that no longer matches the register or the calendar.
public struct BoardDrift: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// A KPI's target period has ended and no later target follows it.
        case targetExpired = "target_expired"
        /// A posted document's revision is not the effective one (or the document is obsolete).
        case postingOutdated = "posting_outdated"
        /// The board's periodic review is past due.
        case reviewOverdue = "review_overdue"
    }

    public let board: String
    public let revision: String
    public let line: String?
    public let kind: Kind
    /// The KPI, or the posted document.
    public let subject: String
    public let message: String
    /// Days since the target ended, the newer revision became effective, or the review was due.
    public let days: Int
}

extension Register {
    /// Drift on every effective board today: expired targets without a successor, posted
    /// revisions that are no longer effective, boards past their periodic-review date.
    public func boardDrift() throws -> [BoardDrift] {
        let day = today()
        var drift: [BoardDrift] = []
        let documents = try store.read { db in
            Dictionary(try DocumentRecord.fetchAll(db).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
        for board in try boards(on: day) {
            func add(_ kind: BoardDrift.Kind, _ subject: String, _ days: Int, _ message: String) {
                drift.append(BoardDrift(board: board.id, revision: board.revision, line: board.line, kind: kind, subject: subject, message: message, days: days))
            }
            for (kpi, targets) in Dictionary(grouping: board.targets, by: \.kpi).sorted(by: { $0.key < $1.key }) {
                guard !targets.contains(where: { $0.covers(day) }) else { continue }
                let later = targets.compactMap { Day($0.effectiveFrom) }.filter { $0 > day }.min()
                guard let ended = targets.compactMap({ $0.effectiveTo.flatMap(Day.init) }).filter({ $0 < day }).max() else { continue }
                let next = later.map { "; the next starts \($0)" } ?? "; no later target follows"
                add(.targetExpired, kpi, ended.days(until: day), "\(kpi) target ended \(ended)\(next): nothing in force on \(day)")
            }
            for posting in board.posted {
                guard let document = documents[posting.document] else {
                    add(.postingOutdated, posting.document, 0, "\(posting.point): \(posting.document) is not in the register")
                    continue
                }
                if let obsolete = document.obsoleteAt {
                    add(.postingOutdated, posting.document, Day(obsolete).days(until: day),
                        "\(posting.point): \(posting.document) rev \(posting.revision) is posted; the document is obsolete since \(Day(obsolete))")
                } else if let effective = document.effectiveRevision, effective != posting.revision {
                    let since = try store.read { db in
                        try String.fetchOne(db, sql: "SELECT effective_on FROM revision WHERE document_id = ? AND letter = ?", arguments: [document.id, effective])
                    }.flatMap(Day.init)
                    add(.postingOutdated, posting.document, since.map { $0.days(until: day) } ?? 0,
                        "\(posting.point): \(posting.document) rev \(posting.revision) is posted; rev \(effective) is effective\(since.map { " since \($0)" } ?? "")")
                } else if document.effectiveRevision == nil {
                    add(.postingOutdated, posting.document, 0, "\(posting.point): \(posting.document) has no effective revision")
                }
            }
            if let due = board.nextReviewDue.flatMap(Day.init), due < day {
                add(.reviewOverdue, board.id, due.days(until: day), "not reviewed within its interval: the periodic review was due \(due)")
            }
        }
        return drift
    }
}
