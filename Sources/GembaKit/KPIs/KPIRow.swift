/// The KPIs of one line (or the plant, `line` = `all`) over one period. Ratios are fractions
/// (0.85, not 85); a ratio whose denominator is zero is null. Times are minutes. See docs/kpis.md.
public struct KPIRow: Codable, Sendable, Equatable {
    public let line: String
    /// First and last plant-local day of the period (both included).
    public let from: String
    public let to: String
    public let plannedOperationTimeMin: Double
    public let plannedDowntimeMin: Double
    public let plannedBusyTimeMin: Double
    public let setupTimeMin: Double
    public let unplannedDowntimeMin: Double
    public let minorStopTimeMin: Double
    public let actualProductionTimeMin: Double
    public let producedQty: Double
    public let goodQty: Double
    public let scrapQty: Double
    public let reworkQty: Double
    public let availability: Double?
    public let performance: Double?
    /// True when performance is above 1: the ideal cycle time is too slow (reported uncapped).
    public let performanceFlag: Bool
    public let quality: Double?
    public let oee: Double?
    public let scrapRatio: Double?
    public let reworkRatio: Double?
    public let failures: Int
    public let mtbfMin: Double?
    public let mttrMin: Double?
    public let plannedQty: Double
    public let scheduleAttainment: Double?
    public let ordersDue: Int
    public let ordersOnTime: Int
    public let onTimeAttainment: Double?
    /// Plant-level (every row of a period shows the plant's figures).
    public let recordableCases: Int
    public let dartCases: Int
    public let hoursWorked: Double
    public let trir: Double?
    public let dart: Double?

    enum CodingKeys: String, CodingKey {
        case line, from, to, plannedOperationTimeMin, plannedDowntimeMin, plannedBusyTimeMin, setupTimeMin, unplannedDowntimeMin
        case minorStopTimeMin, actualProductionTimeMin, producedQty, goodQty, scrapQty, reworkQty, availability, performance
        case performanceFlag, quality, oee, scrapRatio, reworkRatio, failures, mtbfMin, mttrMin, plannedQty, scheduleAttainment
        case ordersDue, ordersOnTime, onTimeAttainment, recordableCases, dartCases, hoursWorked, trir, dart
    }

    /// Every key is written, a missing value as null (never left out, never 0).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(line, forKey: .line)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        let numbers: [(CodingKeys, Double?)] = [
            (.plannedOperationTimeMin, plannedOperationTimeMin), (.plannedDowntimeMin, plannedDowntimeMin),
            (.plannedBusyTimeMin, plannedBusyTimeMin), (.setupTimeMin, setupTimeMin), (.unplannedDowntimeMin, unplannedDowntimeMin),
            (.minorStopTimeMin, minorStopTimeMin), (.actualProductionTimeMin, actualProductionTimeMin), (.producedQty, producedQty),
            (.goodQty, goodQty), (.scrapQty, scrapQty), (.reworkQty, reworkQty), (.availability, availability), (.performance, performance),
            (.quality, quality), (.oee, oee), (.scrapRatio, scrapRatio), (.reworkRatio, reworkRatio), (.mtbfMin, mtbfMin), (.mttrMin, mttrMin),
            (.plannedQty, plannedQty), (.scheduleAttainment, scheduleAttainment), (.onTimeAttainment, onTimeAttainment),
            (.hoursWorked, hoursWorked), (.trir, trir), (.dart, dart),
        ]
        for (key, value) in numbers {
            if let value { try c.encode(value, forKey: key) } else { try c.encodeNil(forKey: key) }
        }
        try c.encode(performanceFlag, forKey: .performanceFlag)
        for (key, value) in [(CodingKeys.failures, failures), (.ordersDue, ordersDue), (.ordersOnTime, ordersOnTime),
                             (.recordableCases, recordableCases), (.dartCases, dartCases)] {
            try c.encode(value, forKey: key)
        }
    }
}

/// A KPI report: rows per period, then per line (and the plant row), in order.
public struct KPIReport: Codable, Sendable, Equatable {
    public let plant: String
    public let timeZone: String
    public let from: String
    public let to: String
    /// `day`, `week`, `month`, or null for one period over the whole range.
    public let by: String?
    public let rows: [KPIRow]
    /// Each row's KPIs against the board target in force on the row's last day (docs/boards.md).
    public var targets: [KPITile] = []

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(plant, forKey: .plant)
        try c.encode(timeZone, forKey: .timeZone)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        if let by { try c.encode(by, forKey: .by) } else { try c.encodeNil(forKey: .by) }
        try c.encode(rows, forKey: .rows)
        try c.encode(targets, forKey: .targets)
    }

    enum CodingKeys: String, CodingKey { case plant, timeZone, from, to, by, rows, targets }

    public func row(line: String, from: String? = nil) -> KPIRow? {
        rows.first { $0.line == line && (from == nil || $0.from == from) }
    }
}

extension KPIRow {
    /// The keys of a row, in a fixed order (for CSV headers).
    public static let fieldNames = [
        "line", "from", "to", "plannedOperationTimeMin", "plannedDowntimeMin", "plannedBusyTimeMin", "setupTimeMin", "unplannedDowntimeMin",
        "minorStopTimeMin", "actualProductionTimeMin", "producedQty", "goodQty", "scrapQty", "reworkQty", "availability", "performance",
        "performanceFlag", "quality", "oee", "scrapRatio", "reworkRatio", "failures", "mtbfMin", "mttrMin", "plannedQty",
        "scheduleAttainment", "ordersDue", "ordersOnTime", "onTimeAttainment", "recordableCases", "dartCases", "hoursWorked", "trir", "dart",
    ]

    /// The values in `fieldNames` order as text; nil for null.
    public var fieldValues: [String?] {
        func n(_ value: Double?) -> String? { value.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : String($0) } }
        return [
            line, from, to, n(plannedOperationTimeMin), n(plannedDowntimeMin), n(plannedBusyTimeMin), n(setupTimeMin), n(unplannedDowntimeMin),
            n(minorStopTimeMin), n(actualProductionTimeMin), n(producedQty), n(goodQty), n(scrapQty), n(reworkQty), n(availability),
            n(performance), String(performanceFlag), n(quality), n(oee), n(scrapRatio), n(reworkRatio), String(failures), n(mtbfMin),
            n(mttrMin), n(plannedQty), n(scheduleAttainment), String(ordersDue), String(ordersOnTime), n(onTimeAttainment),
            String(recordableCases), String(dartCases), n(hoursWorked), n(trir), n(dart),
        ]
    }
}
