import GRDB

/// One order's output on a line and day, against its plan.
public struct OrderOutput: Codable, Sendable, Equatable {
    public let order: String
    public let product: String?
    /// Null when the data gives no plan for it.
    public let plannedQty: Double?
    public let producedQty: Double
    public let goodQty: Double
    public let scrapQty: Double
    public let reworkQty: Double
}

/// A stop as recorded, with the minutes it counts on the day asked for (after splitting at
/// midnight and counting overlaps once).
public struct DowntimeEventView: Codable, Sendable, Equatable {
    public let line: String
    public let start: String
    public let end: String
    public let reason: String
    public let category: String
    public let text: String?
    public let minutes: Double
}

/// A line's day: the KPIs, output per order and the stops.
public struct ProductionDay: Codable, Sendable, Equatable {
    public let line: String
    public let day: String
    public let kpis: KPIRow
    public let orders: [OrderOutput]
    public let stops: [DowntimeEventView]
}

/// A quality hold: product kept from shipping until it is released.
public struct QualityHoldView: Codable, Sendable, Equatable, FetchableRecord {
    public let line: String
    public let product: String
    public let lot: String
    public let quantity: Double
    public let reason: String
    public let openedAt: String
    public let releasedAt: String?

    public init(row: Row) throws {
        line = row["line"]
        product = row["product"]
        lot = row["lot"]
        quantity = row["quantity"]
        reason = row["reason"]
        openedAt = row["opened_at"]
        releasedAt = row["released_at"]
    }
}

/// A maintenance work order (SAP PM system status).
public struct WorkOrderView: Codable, Sendable, Equatable, FetchableRecord {
    public let order: String
    public let type: String
    public let equipment: String?
    public let functionalLocation: String?
    /// Null for plant-wide equipment.
    public let line: String?
    /// 1 very high ... 4 low (SAP PRIOK).
    public let priority: Int
    public let status: String
    public let plannedOn: String?
    public let createdOn: String?
    public let text: String?

    public var isOpen: Bool { WorkOrderStatus(rawValue: status)?.isOpen ?? false }

    public init(row: Row) throws {
        order = row["natural_key"]
        type = row["type"]
        equipment = row["equipment"]
        functionalLocation = row["functional_location"]
        line = row["line"]
        priority = row["priority"]
        status = row["status"]
        plannedOn = row["planned_on"]
        createdOn = row["created_on"]
        text = row["text"]
    }
}
