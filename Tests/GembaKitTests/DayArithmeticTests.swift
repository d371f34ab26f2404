import Foundation
import Testing
@testable import GembaKit

/// Days are worked out by arithmetic (review due dates, training windows, the dashboard's lists);
/// each answer must be the one Foundation's Gregorian calendar in UTC gives.
@Suite("Day arithmetic")
struct DayArithmeticTests {
    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        return calendar
    }

    @Test("every day from 1900 to 2200: text, start, days and months ahead as the Gregorian calendar has them")
    func matchesFoundation() throws {
        let calendar = Self.calendar
        var random = SynthRandom(seed: 1126)
        var day = try #require(Day("1900-01-01"))
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        while day.year < 2200 {
            let start = try #require(calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)))
            #expect(day.start == start)
            #expect(day.description == formatter.string(from: start))
            #expect(Day(day.description) == day)
            // Months: Foundation moves the first of the month, and its length clamps the day.
            // (Foundation's own clamping is wrong at times: 2026-05-31 minus 27 months gives
            // 2024-02-28, not 2024-02-29.)
            let months = random.int(-30...130)
            let first = try #require(calendar.date(from: DateComponents(year: day.year, month: day.month, day: 1)))
            let month = try #require(calendar.date(byAdding: .month, value: months, to: first))
            let length = try #require(calendar.range(of: .day, in: .month, for: month)).count
            let later = try #require(calendar.date(byAdding: .day, value: min(day.day, length) - 1, to: month))
            #expect(day.addingMonths(months) == Day(later), "\(day) + \(months) months")
            let offset = random.int(-400...400)
            let moved = try #require(calendar.date(byAdding: .day, value: offset, to: start))
            #expect(day.addingDays(offset) == Day(moved))
            #expect(day.days(until: Day(moved)) == offset)
            if day.addingMonths(months) != Day(later) { return }
            day = day.addingDays(1)
        }
    }

    @Test("impossible dates and other shapes are refused")
    func refused() {
        for text in ["2026-02-29", "2026-02-30", "2100-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "0000-01-01", "2026-1-01", "26-01-01", "2026-01-01T00:00:00Z", ""] {
            #expect(Day(text) == nil, "\(text)")
        }
        #expect(Day("2024-02-29") != nil)
        #expect(Day("2026-01-31")?.addingMonths(1) == Day("2026-02-28"))
        #expect(Day("2026-05-31")?.addingMonths(-27) == Day("2024-02-29"))
        #expect(Day("2024-02-29")?.addingMonths(12) == Day("2025-02-28"))
        #expect(Day("2000-02-29") != nil)
    }
}
