import Foundation

/// The morning briefing for a production meeting (docs/briefing.md): yesterday's output,
/// downtime, quality holds and maintenance, what is late, and the KPI tiles against target.
public struct Briefing: Codable, Sendable {
    public let plant: String
    public let timeZone: String
    /// The meeting's day (plant-local); the figures are for `reportDay`, the day before.
    public let date: String
    public let reportDay: String
    public let lines: [BriefingLine]
    /// Stops of the report day, longest first.
    public let downtime: [DowntimeEventView]
    /// Quality holds open at the start of the meeting's day, oldest first.
    public let holds: [QualityHoldView]
    /// Maintenance work orders not technically complete, most urgent first.
    public let workOrders: [WorkOrderView]
    /// Changes to the schedule and the shift plan in the 24 hours before the briefing was made, newest first.
    public let scheduleChanges: [BriefingChange]
    /// Open action items overdue or due on the meeting's day, most overdue first.
    public let actions: [ActionItemView]
    /// Periodic reviews, review steps, CAPA deadlines overdue or due within the next 7 days.
    public let dueThisWeek: [LateItem]
    /// Per line, the KPIs of its board (and OEE, scrap ratio and schedule attainment) for the
    /// report day against the target in force that day; plant safety year to date.
    public let tiles: [KPITile]
}

/// One line's output on the report day against plan.
public struct BriefingLine: Codable, Sendable {
    public let line: String
    public let name: String
    public let plannedQty: Double
    public let producedQty: Double
    public let goodQty: Double
    public let scrapQty: Double
    public let reworkQty: Double
    /// Σ min(actual, planned) / Σ planned per order (null without a plan).
    public let scheduleAttainment: Double?
    public let oee: Double?
    public let unplannedDowntimeMin: Double
    public let stops: Int
    public let orders: [OrderOutput]
}

/// A change to the schedule: an event added, moved or cancelled, or a shift re-planned by a
/// calendar import.
public struct BriefingChange: Codable, Sendable, Equatable {
    /// When it was recorded (UTC).
    public let at: String
    public let line: String?
    public let what: String
    public let detail: String
}

/// A KPI value beside its target: green when it meets it, red when not, no colour without one.
public struct KPITile: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case green, red
        /// No target in force, or no value (a zero denominator).
        case none
    }

    /// A line, or `all` for the plant.
    public let line: String
    public let kpi: String
    /// The period the value covers: the report day, or the year to date for safety rates.
    public let from: String
    public let to: String
    public let value: Double?
    public let target: Double?
    public let direction: String?
    public let unit: String?
    public let status: Status
    /// The board the target comes from (`BOARD-001 rev C`).
    public let board: String?
}
