import Foundation

/// The current record of an import file, read by gemba column name. Every problem becomes
/// `FILE:LINE: column X: ...`.
struct ImportRowSource {
    let reader: CSVReader
    /// Each gemba column and its position in the record, the first of duplicates. Searched in
    /// order, lengths first: names are short, a dozen lengths compare faster than one name
    /// hashes, and two different texts compare slowly.
    let positions: [(column: String, position: Int)]
    let parse: FieldParsers
    let plant: PlantPolicy
    let lineIDs: Set<String>
    let shifts: Set<String>
    let lineByWorkCenter: [String: String]

    var line: Int { reader.line }

    init(reader: CSVReader, header: [String], kind: ImportKind, mapping: ImportMapping, plant: PlantPolicy) throws {
        self.reader = reader
        var index: [String: Int] = [:]
        var positions: [(column: String, position: Int)] = []
        for (position, column) in header.enumerated() where index[column] == nil {
            index[column] = position
            positions.append((column, position))
        }
        self.positions = positions
        parse = FieldParsers(days: plant.days, decimalComma: mapping.decimalComma)
        self.plant = plant
        lineIDs = Set(plant.lines.map(\.id))
        shifts = Set(plant.shifts)
        var centers: [String: String] = [:]
        for line in plant.lines { for center in line.workCenters { centers[center] = line.id } }
        lineByWorkCenter = centers.merging(mapping.workCenters) { _, mapped in mapped }
        for required in kind.requiredColumns {
            let choices = required.split(separator: "|").map(String.init)
            guard choices.contains(where: { index[$0] != nil }) else {
                let via = mapping.name == "generic" ? "" : " after mapping \(mapping.name)"
                throw GembaError.invalid(
                    "\(reader.file):\(reader.line): column \(choices.joined(separator: " or ")): missing; a \(kind.rawValue) file needs \(kind.requiredColumns.map { $0.replacingOccurrences(of: "|", with: " or ") }.joined(separator: ", ")) (the header has\(via): \(header.joined(separator: ", ")))")
            }
        }
    }

    func fail(_ column: String, _ problem: String) -> GembaError {
        Self.failure(reader.file, reader.line, column, problem)
    }

    static func failure(_ file: String, _ line: Int, _ column: String, _ problem: String) -> GembaError {
        GembaError.invalid("\(file):\(line): column \(column): \(problem); nothing from this file was imported")
    }

    func has(_ column: String) -> Bool { position(column) != nil }

    private func position(_ column: String) -> Int? {
        let length = column.utf8.count
        for entry in positions where entry.column.utf8.count == length && entry.column == column { return entry.position }
        return nil
    }

    /// The trimmed value; nil when the column is absent or the value empty.
    func optional(_ column: String) -> String? {
        guard let position = position(column) else { return nil }
        return reader.trimmed(position)
    }

    func text(_ column: String) throws -> String {
        guard let value = optional(column) else { throw fail(column, "empty; every row needs a value") }
        return value
    }

    func optionalNumber(_ column: String) throws -> Double? {
        guard let position = position(column) else { return nil }
        // Plain digits are read from the file's bytes, without making text of them.
        if let value = reader.withTrimmedBytes(position, parse.plainNumber) { return value }
        guard let text = reader.trimmed(position) else { return nil }
        guard let value = parse.number(text) else {
            throw fail(column, "'\(text)' is not a number\(parse.decimalComma ? " (this mapping reads 1.234,5)" : " (write 1234.5)")")
        }
        guard value >= 0 else { throw fail(column, "\(text) is negative; quantities and times are 0 or more") }
        return value
    }

    func number(_ column: String) throws -> Double {
        guard let value = try optionalNumber(column) else { throw fail(column, "empty; every row needs a number") }
        return value
    }

    func optionalCount(_ column: String) throws -> Int64? {
        guard let value = try optionalNumber(column) else { return nil }
        guard value == value.rounded(), value < 1e9 else { throw fail(column, "\(value) is not a whole number") }
        return Int64(value)
    }

    func optionalDay(_ column: String) throws -> String? {
        guard let text = optional(column) else { return nil }
        guard let day = parse.day(text) else { throw fail(column, "'\(text)' is not a date (YYYY-MM-DD, YYYYMMDD or DD.MM.YYYY)") }
        // A date written YYYY-MM-DD is its own text.
        return text.utf8.count == 10 && text.utf8.dropFirst(4).first == UInt8(ascii: "-") ? text : CivilDay.text(day)
    }

    func day(_ column: String) throws -> String {
        guard let day = try optionalDay(column) else { throw fail(column, "empty; every row needs a date") }
        return day
    }

    func optionalInstant(_ column: String) throws -> Int64? {
        guard let text = optional(column) else { return nil }
        guard let instant = parse.instant(text) else {
            throw fail(column, "'\(text)' is not a time (YYYY-MM-DD HH:MM[:SS] in \(plant.timeZone.identifier), or with Z or an offset such as +01:00)")
        }
        return instant
    }

    func instant(_ column: String) throws -> Int64 {
        guard let instant = try optionalInstant(column) else { throw fail(column, "empty; every row needs a time") }
        return instant
    }

    func flag(_ column: String) throws -> Bool {
        guard let text = optional(column) else { return false }
        guard let value = parse.flag(text) else { throw fail(column, "'\(text)' is not a yes/no value (X or empty, true/false, yes/no, 1/0)") }
        return value
    }

    func shift() throws -> String? {
        guard let shift = optional("shift") else { return nil }
        guard shifts.contains(shift) else {
            throw fail("shift", "unknown shift '\(shift)'; policies/plant.yaml defines \(plant.shifts.joined(separator: ", "))")
        }
        return shift
    }

    /// The line from `line`, else from `work_center` through plant.yaml and the mapping.
    func line(required: Bool = true) throws -> String? {
        if let line = optional("line") {
            guard lineIDs.contains(line) else {
                throw fail("line", "unknown line '\(line)'; policies/plant.yaml defines \(plant.lines.map(\.id).joined(separator: ", "))")
            }
            return line
        }
        if let center = optional("work_center") {
            if let line = lineByWorkCenter[center] { return line }
            if required {
                throw fail("work_center", "work center '\(center)' belongs to no line; add it to a line's work_centers in policies/plant.yaml or to the mapping")
            }
            return nil
        }
        if required { throw fail(has("line") ? "line" : "work_center", "empty; every row needs a line") }
        return nil
    }
}
