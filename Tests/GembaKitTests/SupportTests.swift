import Foundation
import Testing
@testable import GembaKit

@Suite("Days and timestamps")
struct DayTests {
    @Test(arguments: ["2026-02-29", "2025-02-29", "2026-04-31", "2026-13-01", "2026-1-01", "26-01-01", "2026-01-01T00:00:00Z", ""])
    func impossibleOrMalformedDaysAreRefused(text: String) {
        #expect(Day(text) == nil)
    }

    @Test func signedFieldsAreNotDigits() {
        // Given text that is not YYYY-MM-DD because a field carries a sign, then it is not a day.
        let parsed = ["2026-+3-01", "2026-03-+1", "+026-03-01"].map { Day($0)?.description }
        #expect(parsed == [nil, nil, nil])
    }

    @Test func leapDayParses() throws {
        let day = try Day.on("2024-02-29")
        #expect((day.year, day.month, day.day) == (2024, 2, 29))
        #expect(day.description == "2024-02-29")
    }

    @Test(arguments: [
        ("2026-01-31", 1, "2026-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2024-02-29", 12, "2025-02-28"),
        ("2024-02-29", 48, "2028-02-29"), ("2026-03-31", 1, "2026-04-30"), ("2026-08-31", 6, "2027-02-28"),
        ("2026-12-15", 1, "2027-01-15"), ("2026-03-02", 24, "2028-03-02"), ("2026-03-31", -1, "2026-02-28"),
    ])
    func addingMonthsClampsToMonthEnd(start: String, months: Int, expected: String) throws {
        #expect(try Day.on(start).addingMonths(months).description == expected)
    }

    @Test(arguments: [
        ("2024-02-28", 2, "2024-03-01"), ("2025-02-28", 1, "2025-03-01"), ("2026-03-01", -1, "2026-02-28"),
        ("2026-12-31", 1, "2027-01-01"), ("2024-01-01", 366, "2025-01-01"),
    ])
    func addingDaysCrossesMonthsAndYears(start: String, days: Int, expected: String) throws {
        let from = try Day.on(start)
        let to = from.addingDays(days)
        #expect(to.description == expected)
        #expect(from.days(until: to) == days)
        #expect(to.days(until: from) == -days)
    }

    @Test func dayOfADateIsTheUTCDay() throws {
        // Given one second before and at midnight UTC, then the days differ.
        let midnight = try Day.on("2026-03-01").start
        #expect(Day(midnight.addingTimeInterval(-1)).description == "2026-02-28")
        #expect(Day(midnight).description == "2026-03-01")
        #expect(try Day.on("2026-02-28") < Day.on("2026-03-01"))
        #expect(try Day.on("2025-12-31") < Day.on("2026-01-01"))
    }

    @Test func timestampsAreUTCWithZ() throws {
        let date = try Day.on("2026-11-25").start.addingTimeInterval(17 * 3600 + 10 * 60 + 4)
        #expect(Timestamp.string(date) == "2026-11-25T17:10:04Z")
        #expect(Timestamp.readable(date) == "2026-11-25 17:10:04 UTC")
        #expect(Timestamp.parse("2026-11-25T17:10:04Z") == date)
    }

    @Test func manualClockMovesOnlyWhenTold() {
        let clock = ManualClock(startOfTests)
        #expect(clock.now() == startOfTests)
        clock.advance(seconds: 90)
        #expect(clock.now() == startOfTests.addingTimeInterval(90))
        clock.set(startOfTests.addingTimeInterval(0.75))
        #expect(clock.now() == startOfTests)
    }
}

@Suite("Timestamps by arithmetic")
struct CivilCalendarTests {
    @Test("formatting and parsing agree with Foundation's ISO 8601 formatter over 200 years")
    func agreesWithFoundation() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let seconds = Int64.random(in: -2_208_988_800...4_102_444_799, using: &generator)
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            let text = Timestamp.string(date)
            #expect(text == formatter.string(from: date))
            #expect(Timestamp.parse(text) == date)
            #expect(Day(date).description == String(text.prefix(10)))
        }
        #expect(Timestamp.string(Date(timeIntervalSince1970: 1.9)) == "1970-01-01T00:00:01Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
    }

    @Test("impossible and foreign forms are refused or left to Foundation")
    func refusals() {
        #expect(CivilCalendar.parseUTC("2026-02-29T00:00:00Z") == nil)
        #expect(CivilCalendar.parseUTC("2024-02-29T00:00:00Z") != nil)
        #expect(CivilCalendar.parseUTC("2026-13-01T00:00:00Z") == nil)
        #expect(CivilCalendar.parseUTC("2026-01-01T24:00:00Z") == nil)
        #expect(CivilCalendar.parseUTC("2026-01-01 00:00:00Z") == nil)
        #expect(Timestamp.parse("2026-01-01T01:00:00+01:00") == Timestamp.parse("2026-01-01T00:00:00Z"))
        #expect(Timestamp.parse("yesterday") == nil)
    }
}
