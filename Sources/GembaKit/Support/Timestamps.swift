import Foundation

/// UTC timestamps and calendar dates as Gemba writes them: ISO 8601 with `Z`, and `YYYY-MM-DD`.
public enum Timestamp {
    static let utc: TimeZone = TimeZone(identifier: "UTC") ?? .gmt

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        return calendar
    }

    /// `2026-11-25T17:10:04Z` (fractions of a second are dropped).
    public static func string(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let (days, rest) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let (day, second) = rest < 0 ? (days - 1, rest + 86_400) : (days, rest)
        let (y, m, d) = CivilCalendar.date(fromDays: day)
        guard (0...9999).contains(y) else {
            // A year of other than four digits (never from the clock): as many as it takes.
            var text = ""
            CivilCalendar.append(y, width: 4, to: &text)
            for (separator, value) in [("-", m), ("-", d), ("T", Int(second / 3600)), (":", Int(second % 3600 / 60)), (":", Int(second % 60))] {
                text.append(separator)
                CivilCalendar.append(value, width: 2, to: &text)
            }
            return text + "Z"
        }
        // Twenty bytes written in place: a trail entry's time is written twice per change.
        return String(unsafeUninitializedCapacity: 20) { bytes in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var value = value
                for position in stride(from: offset + width - 1, through: offset, by: -1) {
                    bytes[position] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(y, 4, at: 0)
            bytes[4] = UInt8(ascii: "-")
            put(m, 2, at: 5)
            bytes[7] = UInt8(ascii: "-")
            put(d, 2, at: 8)
            bytes[10] = UInt8(ascii: "T")
            put(Int(second / 3600), 2, at: 11)
            bytes[13] = UInt8(ascii: ":")
            put(Int(second % 3600 / 60), 2, at: 14)
            bytes[16] = UInt8(ascii: ":")
            put(Int(second % 60), 2, at: 17)
            bytes[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    /// Parses an ISO 8601 date and time. `YYYY-MM-DDTHH:MM:SSZ`, the form Gemba writes, is read by
    /// arithmetic (records are decoded by the thousand); anything else goes to Foundation.
    public static func parse(_ text: String) -> Date? {
        if let date = CivilCalendar.parseUTC(text) { return date }
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
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let (days, rest) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let (y, m, d) = CivilCalendar.date(fromDays: rest < 0 ? days - 1 : days)
        self.init(year: y, month: m, day: d)
    }

    /// Parses `YYYY-MM-DD`, rejecting impossible dates such as 2026-02-30.
    public init?(_ text: String) {
        // Byte by byte: lists of late items parse one of these per row.
        var text = text
        guard let day = text.withUTF8({ Day.parse($0) }) else { return nil }
        self = day
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
            y >= 1, (1...12).contains(m), d >= 1, d <= CivilCalendar.daysInMonth(year: y, month: m)
        else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// The day `days` days after 1970-01-01.
    init(daysSinceEpoch days: Int64) {
        let (y, m, d) = CivilCalendar.date(fromDays: days)
        self.init(year: y, month: m, day: d)
    }

    /// Days since 1970-01-01.
    var daysSinceEpoch: Int64 { CivilCalendar.days(year: year, month: month, day: day) }

    public var description: String {
        var text = ""
        text.reserveCapacity(10)
        CivilCalendar.append(year, width: 4, to: &text)
        text.append("-")
        CivilCalendar.append(month, width: 2, to: &text)
        text.append("-")
        CivilCalendar.append(day, width: 2, to: &text)
        return text
    }

    /// Midnight UTC at the start of this day.
    public var start: Date { Date(timeIntervalSince1970: TimeInterval(daysSinceEpoch * 86_400)) }

    /// This day plus a number of calendar months; the 31st clamps to the month's last day.
    public func addingMonths(_ months: Int) -> Day {
        let total = year * 12 + (month - 1) + months
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        let m = total - y * 12 + 1
        return Day(year: y, month: m, day: min(day, CivilCalendar.daysInMonth(year: y, month: m)))
    }

    public func addingDays(_ days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + Int64(days)) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: Day) -> Int { Int(other.daysSinceEpoch - daysSinceEpoch) }

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


/// Proleptic Gregorian dates by arithmetic (Howard Hinnant's days-from-civil algorithms): the
/// same answers as Foundation's calendar in UTC, without its cost on hot paths.
enum CivilCalendar {
    /// Days since 1970-01-01 of a valid date.
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func date(fromDays days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d))
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func append(_ value: Int, width: Int, to text: inout String) {
        let digits = String(value)
        if digits.count < width { text.append(String(repeating: "0", count: width - digits.count)) }
        text.append(digits)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` exactly; nil for anything else (including impossible dates).
    static func parseUTC(_ text: String) -> Date? {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { bytes -> Date? in
            guard bytes.count == 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A, bytes[16] == 0x3A, bytes[19] == 0x5A
            else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    let byte = bytes[index]
                    guard byte >= 0x30, byte <= 0x39 else { return nil }
                    value = value * 10 + Int(byte - 0x30)
                }
                return value
            }
            guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), let hh = number(11..<13), let mm = number(14..<16),
                let ss = number(17..<19), (1...12).contains(m), d >= 1, d <= daysInMonth(year: y, month: m), hh < 24, mm < 60, ss < 60
            else { return nil }
            let seconds = days(year: y, month: m, day: d) * 86_400 + Int64(hh * 3600 + mm * 60 + ss)
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        } ?? nil
    }
}
