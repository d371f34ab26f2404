import Foundation

/// Reads and shows schedule times: UTC with `Z`, an explicit offset, or local wall-clock time in
/// the plant's time zone.
public struct PlantTime: Sendable {
    public let zone: TimeZone

    public init(zone: TimeZone) { self.zone = zone }

    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// `2027-01-07T06:00:00Z`, `2027-01-07T07:00:00+01:00`, or local `2027-01-07T07:00`,
    /// `2027-01-07 07:00[:00]`. A local time that does not exist (skipped by a DST change) or
    /// exists twice is refused: give it with an offset.
    public func parse(_ text: String, _ option: String) throws -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = Timestamp.parse(trimmed) { return date }
        let pattern = /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?/
        guard let match = trimmed.wholeMatch(of: pattern), let year = Int(match.1), let month = Int(match.2), let day = Int(match.3),
            let hour = Int(match.4), let minute = Int(match.5), hour < 24, minute < 60
        else {
            throw GembaError.invalid("\(option) '\(text)' must be a time such as 2027-01-07T06:00:00Z, 2027-01-07T07:00:00+01:00 or local 2027-01-07 07:00 (\(zone.identifier))")
        }
        let second = match.6.flatMap { Int($0) } ?? 0
        let wanted = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        let matches = candidates(for: wanted)
        guard matches.count == 1, let date = matches.first else {
            let problem = matches.isEmpty ? "does not exist in \(zone.identifier) (a clock change skips it, or the date is impossible)"
                : "happens twice in \(zone.identifier) (the clocks go back)"
            throw GembaError.invalid("\(option) '\(text)' \(problem); give the time with Z or an offset")
        }
        return date
    }

    /// Every instant whose local wall-clock reading is `wanted` (0, 1, or 2 at a DST change).
    private func candidates(for wanted: DateComponents) -> [Date] {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = Timestamp.utc
        guard let naive = utc.date(from: wanted) else { return [] }
        let offsets = Set([-1, 0, 1].map { zone.secondsFromGMT(for: naive.addingTimeInterval(Double($0) * 43_200)) })
        return offsets.map { naive.addingTimeInterval(-Double($0)) }.filter { date in
            let local = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            return local.year == wanted.year && local.month == wanted.month && local.day == wanted.day && local.hour == wanted.hour
                && local.minute == wanted.minute && local.second == wanted.second
        }.sorted()
    }

    /// `2027-01-07 07:00` in the plant's zone.
    public func local(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// The local calendar day of an instant.
    public func day(of date: Date) -> Day {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return Day(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }

    /// The instant a local day starts (local midnight).
    public func start(of day: Day) -> Date {
        calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? day.start
    }
}

extension Register {
    /// The plant's time zone: `time_zone` of policies/plant.yaml when the register has it,
    /// else `time_zone` of policies/notifications.yaml, else UTC.
    public func plantTime() throws -> PlantTime {
        if try policyFile(PlantPolicy.fileName) != nil { return PlantTime(zone: try plantPolicy().timeZone) }
        return PlantTime(zone: try notificationPolicy().timeZone ?? Timestamp.utc)
    }

    /// Reads a time given on the command line (see `PlantTime.parse`).
    public func scheduleTime(_ text: String, _ option: String = "--start") throws -> Date {
        try plantTime().parse(text, option)
    }

    /// Reads `--from`/`--to`: a day (local midnight in the plant's zone) or a time.
    public func scheduleBound(_ text: String, _ option: String) throws -> Date {
        let time = try plantTime()
        if let day = Day(text) { return time.start(of: day) }
        return try time.parse(text, option)
    }
}

extension Register {
    /// Today as a local day in the plant's time zone.
    public func plantToday() throws -> Day {
        try plantTime().day(of: now())
    }
}
