import Foundation
import GRDB

/// One bar of a downtime Pareto chart.
public struct DowntimeParetoEntry: Codable, Sendable, Equatable {
    /// The reason code, or the category for the by-category chart.
    public let name: String
    public let category: String
    public let minutes: Double
    /// Stops that count time in the range.
    public let stops: Int
    /// Fraction of all downtime in the range, and the running total down the chart.
    public let share: Double
    public let cumulativeShare: Double
}

/// Downtime by reason and by category, largest first. Overlapping stops count once (the time goes
/// to the stop whose category comes first), so the bars add up to the union of the stops.
public struct DowntimePareto: Codable, Sendable, Equatable {
    public let lines: [String]
    public let from: String
    public let to: String
    public let totalMinutes: Double
    public let byReason: [DowntimeParetoEntry]
    public let byCategory: [DowntimeParetoEntry]
}

extension Register {
    public func downtimePareto(lines requested: [String]? = nil, from: Day, to: Day) throws -> DowntimePareto {
        let plant = try plantPolicy()
        let lines = try reportLines(requested, plant)
        _ = try checkedPeriods(KPIQuery(lines: lines, from: from, to: to))
        let range = CivilDay.number(from)...CivilDay.number(to)
        let stopsByLine = try store.read { db in try KPIData.stopsByLine(db, range: range, days: plant.days) }
        var reasons: [String: (category: String, seconds: Int64, stops: Set<Int>)] = [:]
        var categories: [String: (seconds: Int64, stops: Set<Int>)] = [:]
        var serial = 0
        for line in lines {
            let stops = stopsByLine[line] ?? []
            for share in DowntimeTimeline.shares(stops, days: plant.days, within: range) {
                let stop = stops[share.stop]
                let id = serial + share.stop
                let key = "\(stop.reason)\u{1F}\(stop.category.rawValue)"
                reasons[key, default: (stop.category.rawValue, 0, [])].seconds += share.seconds
                reasons[key]?.stops.insert(id)
                categories[stop.category.rawValue, default: (0, [])].seconds += share.seconds
                categories[stop.category.rawValue]?.stops.insert(id)
            }
            serial += stops.count
        }
        let total = Double(categories.values.reduce(0) { $0 + $1.seconds })
        func chart(_ items: [(name: String, category: String, seconds: Int64, stops: Int)]) -> [DowntimeParetoEntry] {
            var running = 0.0
            return items.sorted { ($1.seconds, $0.name) < ($0.seconds, $1.name) }.map { item in
                let share = total > 0 ? Double(item.seconds) / total : 0
                running += share
                return DowntimeParetoEntry(
                    name: item.name, category: item.category, minutes: Double(item.seconds) / 60, stops: item.stops, share: share,
                    cumulativeShare: min(1, running))
            }
        }
        return DowntimePareto(
            lines: lines, from: from.description, to: to.description, totalMinutes: total / 60,
            byReason: chart(reasons.map { key, value in
                (String(key.split(separator: "\u{1F}").first ?? ""), value.category, value.seconds, value.stops.count)
            }),
            byCategory: chart(categories.map { key, value in (key, key, value.seconds, value.stops.count) }))
    }
}
