import Foundation
import GRDB

/// One shift of the calendar: planned operation time of a line on a plant-local day.
public struct ShiftPlan: Codable, Sendable, Equatable, FetchableRecord {
    public let line: String
    public let day: String
    public let shift: String
    public let plannedMinutes: Double
    /// The import that wrote (or last changed) the row, and when it was imported.
    public let batch: Int64
    public let importedAt: String

    public init(row: Row) throws {
        line = row["line"]
        day = row["day"]
        shift = row["shift"]
        plannedMinutes = row["planned_min"]
        batch = row["batch_id"]
        importedAt = row["imported_at"]
    }
}

extension Register {
    /// The shift calendar of the plant-local days `from...to` (every line, or one), by day, line, shift.
    public func shiftCalendar(line: String? = nil, from: Day, to: Day) throws -> [ShiftPlan] {
        try store.read { db in
            try ShiftPlan.fetchAll(db, sql: """
                SELECT c.*, b.imported_at FROM shift_calendar c JOIN import_batch b ON b.id = c.batch_id
                WHERE c.day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR c.line = ?3) ORDER BY c.day, c.line, c.shift
                """, arguments: [from.description, to.description, line])
        }
    }

    /// Shifts added or changed by imports since `moment` (for the briefing's schedule changes).
    public func shiftCalendarChanges(since moment: Date) throws -> [ShiftPlan] {
        try store.read { db in
            try ShiftPlan.fetchAll(db, sql: """
                SELECT c.*, b.imported_at FROM shift_calendar c JOIN import_batch b ON b.id = c.batch_id
                WHERE b.imported_at >= ? ORDER BY c.day, c.line, c.shift
                """, arguments: [Timestamp.string(moment)])
        }
    }
}
