import Foundation

/// Days and instants in the plant's time zone. A day is numbered by days since 1970-01-01 (the
/// proleptic Gregorian calendar); an instant is whole seconds since 1970-01-01T00:00:00Z.
public struct PlantDays: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// The local day an instant falls on.
    public func day(of instant: Int64) -> Int {
        Int((instant + offset(instant)).floorDivided(by: 86_400))
    }

    /// The instant the local day starts (its local midnight).
    public func midnight(_ day: Int) -> Int64 { instant(localSeconds: Int64(day) * 86_400) }

    /// The instant of a local wall-clock time given as seconds since 1970-01-01 local.
    func instant(localSeconds local: Int64) -> Int64 {
        let guess = local - offset(local)
        return local - offset(guess)
    }

    private func offset(_ instant: Int64) -> Int64 {
        Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
    }
}

extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

/// Calendar arithmetic on day numbers without Foundation's Calendar (fast enough for every row).
public enum CivilDay {
    /// Days since 1970-01-01 of a Gregorian date (H. Hinnant's algorithm).
    public static func number(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func date(_ number: Int) -> (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public static func day(_ number: Int) -> Day {
        let (y, m, d) = date(number)
        return Day(year: y, month: m, day: d)
    }

    public static func number(_ day: Day) -> Int { number(year: day.year, month: day.month, day: day.day) }

    /// `YYYY-MM-DD`
    public static func text(_ number: Int) -> String {
        let (y, m, d) = date(number)
        return digits(y, 4) + "-" + digits(m, 2) + "-" + digits(d, 2)
    }

    /// A non-negative number with leading zeros to `width` digits (no String(format:): it is slow).
    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// Whether a year, month and day name a real date (no 2026-02-30).
    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let next = month == 12 ? number(year: year + 1, month: 1, day: 1) : number(year: year, month: month + 1, day: 1)
        return day <= next - number(year: year, month: month, day: 1)
    }

    /// Monday = 0 ... Sunday = 6.
    static func weekday(_ number: Int) -> Int { ((number % 7) + 7 + 3) % 7 }
}

extension PlantPolicy {
    /// The plant-local day a moment falls on.
    public func localDay(_ date: Date) -> Day {
        CivilDay.day(days.day(of: Int64(date.timeIntervalSince1970.rounded(.down))))
    }
}
