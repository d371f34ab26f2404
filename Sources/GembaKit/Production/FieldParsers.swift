import Foundation

/// How import values are read: dates, local or UTC times, numbers, flags.
struct FieldParsers {
    let days: PlantDays
    let decimalComma: Bool

    /// A date as `YYYY-MM-DD`, `YYYYMMDD` (SAP) or `DD.MM.YYYY`; nil when it is none of them.
    func day(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { b in FieldParsers.date(b, 0, b.count) }
    }

    /// A time as `YYYY-MM-DD HH:MM[:SS]` (or `T` between), local in the plant's time zone unless
    /// it ends in `Z` or an offset such as `+01:00`; also `DD.MM.YYYY HH:MM[:SS]`.
    func instant(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { b in instant(b) }
    }

    private func instant(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let split = b.firstIndex(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "T") }),
            let day = FieldParsers.date(b, 0, split)
        else { return nil }
        var i = split + 1
        while i < b.count && b[i] == UInt8(ascii: " ") { i += 1 }
        func two() -> Int? {
            guard i + 1 < b.count, let high = digit(b[i]), let low = digit(b[i + 1]) else { return nil }
            i += 2
            return high * 10 + low
        }
        guard let hour = two(), hour < 24, i < b.count, b[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard let minute = two(), minute < 60 else { return nil }
        var second = 0
        if i < b.count && b[i] == UInt8(ascii: ":") {
            i += 1
            guard let s = two(), s < 60 else { return nil }
            second = s
            if i < b.count && b[i] == UInt8(ascii: ".") {
                i += 1
                while i < b.count, digit(b[i]) != nil { i += 1 }
            }
        }
        let local = Int64(day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        if i == b.count { return days.instant(localSeconds: local) }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") { return i + 1 == b.count ? local : nil }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return nil }
        let sign: Int64 = b[i] == UInt8(ascii: "+") ? 1 : -1
        i += 1
        guard let offsetHours = two() else { return nil }
        if i < b.count && b[i] == UInt8(ascii: ":") { i += 1 }
        let offsetMinutes = i == b.count ? 0 : two()
        guard let offsetMinutes, i == b.count, offsetHours < 15 else { return nil }
        return local - sign * Int64(offsetHours * 3600 + offsetMinutes * 60)
    }

    /// A number of `0.5`, `1,234.5`-free form: `1234.5`, or `1.234,5` with a decimal comma. SAP's
    /// trailing minus (`12-`) reads as negative.
    func number(_ text: String) -> Double? {
        var t = text
        if decimalComma {
            t = t.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        }
        if t.hasSuffix("-") { t = "-" + t.dropLast() }
        guard let value = Double(t), value.isFinite else { return nil }
        return value
    }

    /// `number` for what most files hold, read from bytes: digits, with at most one decimal
    /// separator between digits, fifteen digits in all. Nil for anything else, which `number`
    /// then reads. The same value as `Double(String)`: the digits as a whole number (below 2^53)
    /// and the power of ten (up to 10^15) are both exact, so one division rounds correctly.
    func plainNumber(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        let separator = decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        var mantissa: UInt64 = 0, digits = 0
        // Digits after the separator; -1 before it.
        var fraction = -1
        for byte in b {
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                digits += 1
                if fraction >= 0 { fraction += 1 }
            } else if byte == separator && fraction < 0 && digits > 0 {
                fraction = 0
            } else {
                return nil
            }
        }
        guard digits > 0, digits <= 15, fraction != 0 else { return nil }
        return fraction > 0 ? Double(mantissa) / Self.powersOfTen[fraction] : Double(mantissa)
    }

    private static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

    /// SAP flags are `X` or empty; generic files may say true/false, yes/no, 1/0.
    func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "x", "true", "yes", "y", "1": true
        case "", "false", "no", "n", "0": false
        default: nil
        }
    }

    private static func date(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int? {
        let count = to - from
        func value(_ start: Int, _ length: Int) -> Int? {
            var result = 0
            for index in start..<(start + length) {
                guard let d = digit(b[index]) else { return nil }
                result = result * 10 + d
            }
            return result
        }
        let parts: (Int?, Int?, Int?)
        if count == 10 && b[from + 4] == UInt8(ascii: "-") && b[from + 7] == UInt8(ascii: "-") {
            parts = (value(from, 4), value(from + 5, 2), value(from + 8, 2))
        } else if count == 10 && b[from + 2] == UInt8(ascii: ".") && b[from + 5] == UInt8(ascii: ".") {
            parts = (value(from + 6, 4), value(from + 3, 2), value(from, 2))
        } else if count == 8 {
            parts = (value(from, 4), value(from + 4, 2), value(from + 6, 2))
        } else {
            return nil
        }
        guard let y = parts.0, let m = parts.1, let d = parts.2, y >= 1900, CivilDay.isValid(year: y, month: m, day: d) else { return nil }
        return CivilDay.number(year: y, month: m, day: d)
    }
}

private func digit(_ byte: UInt8) -> Int? {
    byte >= 48 && byte <= 57 ? Int(byte - 48) : nil
}

extension Timestamp {
    /// Seconds since 1970 as `2026-11-25T17:10:04Z`, without a formatter (fast for many rows).
    static func string(seconds: Int64) -> String {
        let day = Int(seconds.floorDivided(by: 86_400))
        let rest = Int(seconds - Int64(day) * 86_400)
        return CivilDay.text(day) + "T" + CivilDay.digits(rest / 3600, 2) + ":" + CivilDay.digits(rest / 60 % 60, 2) + ":"
            + CivilDay.digits(rest % 60, 2) + "Z"
    }

    /// The inverse of `string(seconds:)`.
    static func seconds(_ text: String) -> Int64? {
        FieldParsers(days: PlantDays(timeZone: utc), decimalComma: false).instant(text)
    }
}
