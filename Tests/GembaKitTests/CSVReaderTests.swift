import Foundation
import Testing
@testable import GembaKit

@Suite struct CSVReaderTests {
    private func records(_ text: String) throws -> [(Int, [String])] {
        let reader = CSVReader(bytes: Array(text.utf8), file: "t.csv")
        var result: [(Int, [String])] = []
        while try reader.next() { result.append((reader.line, (0..<reader.fieldCount).map(reader.text))) }
        return result
    }

    @Test func quotesLineBreaksCRLFAndByteOrderMark() throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"two, \"\"2\"\"\",3\r\n\r\n\"multi\nline\",,x\n4,5,6"
        let rows = try records(text)
        #expect(rows.map(\.1) == [["a", "b", "c"], ["1", "two, \"2\"", "3"], ["multi\nline", "", "x"], ["4", "5", "6"]])
        // Line numbers are those of the file, counting blank lines and breaks inside quotes
        #expect(rows.map(\.0) == [1, 2, 4, 6])
    }

    @Test func textAfterAClosingQuoteIsAnError() throws {
        #expect(throws: GembaError.self) { try records("a\n\"x\"y\n") }
    }

    @Test func plantTimesAndDates() throws {
        let berlin = FieldParsers(days: PlantDays(timeZone: try #require(TimeZone(identifier: "Europe/Berlin"))), decimalComma: false)
        #expect(berlin.instant("2026-03-02 06:00").map(Timestamp.string(seconds:)) == "2026-03-02T05:00:00Z")
        #expect(berlin.instant("2026-07-02T06:00:30").map(Timestamp.string(seconds:)) == "2026-07-02T04:00:30Z")
        #expect(berlin.instant("2026-03-02T06:00:00Z").map(Timestamp.string(seconds:)) == "2026-03-02T06:00:00Z")
        #expect(berlin.instant("2026-03-02T06:00:00-05:00").map(Timestamp.string(seconds:)) == "2026-03-02T11:00:00Z")
        #expect(berlin.instant("02.03.2026 06:00").map(Timestamp.string(seconds:)) == "2026-03-02T05:00:00Z")
        #expect(berlin.day("20260302") == CivilDay.number(try Day.on("2026-03-02")) && berlin.day("2026-13-01") == nil)
        let days = PlantDays(timeZone: try #require(TimeZone(identifier: "Europe/Berlin")))
        // Midnight of 2026-03-29 (clocks go forward at 02:00) is 23:00 UTC the day before
        #expect(Timestamp.string(seconds: days.midnight(CivilDay.number(try Day.on("2026-03-29")))) == "2026-03-28T23:00:00Z")
        #expect(Timestamp.string(seconds: days.midnight(CivilDay.number(try Day.on("2026-03-30")))) == "2026-03-29T22:00:00Z")
        let monday = CivilDay.number(try Day.on("2026-03-02"))
        #expect(CivilDay.text(CivilDay.number(year: 2024, month: 2, day: 29)) == "2024-02-29" && CivilDay.weekday(monday) == 0)
    }

    /// Plain numbers read from bytes are bit for bit what `Double(String)` reads (the path for
    /// every other number), and anything not plain is left to that path.
    @Test func plainNumbersReadAsDoubleReadsThem() throws {
        var generator = SynthRandom(seed: 22400)
        for decimalComma in [false, true] {
            let parse = FieldParsers(days: PlantDays(timeZone: try #require(TimeZone(identifier: "UTC"))), decimalComma: decimalComma)
            let separator = decimalComma ? "," : "."
            for _ in 0..<20_000 {
                let whole = String(UInt64.random(in: 0...999_999_999_999_999, using: &generator) >> UInt64.random(in: 0...50, using: &generator))
                let fractionDigits = Int.random(in: 0...8, using: &generator)
                let fraction = String((0..<fractionDigits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
                let text = fraction.isEmpty ? whole : whole + separator + fraction
                let plain = Array(text.utf8).withUnsafeBufferPointer(parse.plainNumber)
                if whole.count + fraction.count > 15 {
                    #expect(plain == nil, "\(text)")
                } else {
                    let expected = try #require(parse.number(text), "\(text)")
                    #expect(plain?.bitPattern == expected.bitPattern, "\(text): \(plain ?? -1) against \(expected)")
                }
            }
            let other = decimalComma ? "." : ","
            for text in ["", "5" + separator, separator + "5", "1" + separator + "2" + separator + "3", "12-", "-1", "1e3", " 1", "1" + other + "5", "+1", "inf"] {
                #expect(Array(text.utf8).withUnsafeBufferPointer(parse.plainNumber) == nil, "\(text)")
            }
        }
    }
}
