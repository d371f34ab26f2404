import Foundation

/// UTC timestamps and calendar dates as Gemba writes them: ISO 8601 with `Z`, and `YYYY-MM-DD`.
public enum Timestamp {
    static let utc: TimeZone = TimeZone(identifier: "UTC") ?? .gmt

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        return calendar
    }

    /// `2026-11-25T17:10:04Z`
    public static func string(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0,
            c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// The readable form used in manifestations: `2026-11-25 17:10:04 UTC`.
    public static func readable(_ date: Date) -> String {
        string(date).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
    }
}

/// A calendar day in UTC, stored and shown as `YYYY-MM-DD`.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public init(_ date: Date) {
        let c = Timestamp.calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }

    /// Parses `YYYY-MM-DD`, rejecting impossible dates such as 2026-02-30.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        let candidate = Day(year: y, month: m, day: d)
        guard let start = Timestamp.calendar.date(from: DateComponents(year: y, month: m, day: d)),
            Day(start) == candidate
        else { return nil }
        self = candidate
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// Midnight UTC at the start of this day.
    public var start: Date {
        Timestamp.calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
    }

    /// This day plus a number of calendar months; the 31st clamps to the month's last day.
    public func addingMonths(_ months: Int) -> Day {
        Day(Timestamp.calendar.date(byAdding: .month, value: months, to: start) ?? start)
    }

    public func addingDays(_ days: Int) -> Day {
        Day(Timestamp.calendar.date(byAdding: .day, value: days, to: start) ?? start)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: Day) -> Int {
        Timestamp.calendar.dateComponents([.day], from: start, to: other.start).day ?? 0
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
