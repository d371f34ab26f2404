/// What a production-data file holds. Each kind has its table, its generic columns and the natural
/// key that makes a re-import add nothing (docs/production-data.md).
public enum ImportKind: String, Sendable, Codable, CaseIterable {
    case calendar, production, downtime, holds
    case workOrders = "work-orders"
    case safety, hours

    var table: String {
        switch self {
        case .calendar: "shift_calendar"
        case .production: "production_confirmation"
        case .downtime: "downtime_event"
        case .holds: "quality_hold"
        case .workOrders: "work_order"
        case .safety: "safety_incident"
        case .hours: "hours_worked"
        }
    }

    /// The stored columns after `natural_key`, in the order the row parsers give their values.
    var storedColumns: [String] {
        switch self {
        case .calendar: ["day", "shift", "line", "planned_min"]
        case .production:
            ["day", "shift", "line", "order_no", "operation", "product", "planned_qty", "produced_qty", "scrap_qty", "rework_qty",
             "ideal_cycle_s", "due_on", "final", "confirmation", "counter", "reversal", "reverses_key", "reversed"]
        case .downtime: ["line", "start_at", "end_at", "reason", "category", "text"]
        case .holds: ["line", "product", "lot", "quantity", "reason", "opened_at", "released_at"]
        case .workOrders: ["type", "equipment", "functional_location", "line", "priority", "status", "planned_on", "created_on", "text"]
        case .safety: ["day", "area", "case_no", "recordable", "days_away", "restricted_days", "transferred_days", "text"]
        case .hours: ["day", "area", "hours"]
        }
    }

    /// Columns a file must have (in gemba's names; a column of alternatives is written `a|b`).
    var requiredColumns: [String] {
        switch self {
        case .calendar: ["date", "shift", "line", "planned_time_min"]
        case .production: ["date", "line|work_center", "order", "produced_qty|yield_qty"]
        case .downtime: ["line|work_center", "start", "end", "reason", "category"]
        case .holds: ["line|work_center", "product", "lot", "quantity", "reason", "opened"]
        case .workOrders: ["order", "type", "priority", "status"]
        case .safety: ["date", "area", "recordable"]
        case .hours: ["date", "area", "hours"]
        }
    }

    /// Columns a file may have besides the required ones.
    var optionalColumns: [String] {
        switch self {
        case .calendar: []
        case .production:
            ["shift", "operation", "product", "planned_qty", "scrap_qty", "rework_qty", "ideal_cycle_s", "due_date", "final", "confirmation",
             "counter", "reversal", "reverses_counter", "plant", "unit"]
        case .downtime: ["text"]
        case .holds: ["released"]
        case .workOrders: ["equipment", "functional_location", "line", "work_center", "planned_date", "created", "text"]
        case .safety: ["case", "days_away", "restricted", "transferred", "text"]
        case .hours: []
        }
    }

    /// Whether a later file may change a row with the same key (a hold released since, a work
    /// order's new status); otherwise a changed row is refused.
    var updatable: Bool { self == .holds || self == .workOrders }
}
