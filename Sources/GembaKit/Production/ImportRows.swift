import Foundation
import GRDB

/// One parsed row: its natural key and the values of its kind's `storedColumns`.
struct ParsedRow: Sendable {
    var key: String
    var values: [DatabaseValue]
    /// For a reversal: the natural key of the confirmation it cancels.
    var reverses: String? = nil
    /// SAP confirmations never change: a different row under the same number and counter is refused.
    var immutable = false
}

extension ImportRowSource {
    func parse(_ kind: ImportKind) throws -> ParsedRow {
        switch kind {
        case .calendar: try calendarRow()
        case .production: try productionRow()
        case .downtime: try downtimeRow()
        case .holds: try holdRow()
        case .workOrders: try workOrderRow()
        case .safety: try safetyRow()
        case .hours: try hoursRow()
        }
    }

    private func calendarRow() throws -> ParsedRow {
        let day = try day("date")
        guard let shift = try shift() else { throw fail("shift", "empty; every calendar row names its shift") }
        let line = try line() ?? ""
        let minutes = try number("planned_time_min")
        guard minutes <= 1440 else { throw fail("planned_time_min", "\(minutes) minutes is more than a day") }
        return ParsedRow(key: "\(line)|\(day)|\(shift)", values: [day.databaseValue, shift.databaseValue, line.databaseValue, minutes.databaseValue])
    }

    private func productionRow() throws -> ParsedRow {
        let day = try day("date")
        let shift = try shift()
        let line = try line() ?? ""
        let order = try text("order")
        let operation = optional("operation")
        let product = optional("product")
        let scrap = try optionalNumber("scrap_qty") ?? 0
        let rework = try optionalNumber("rework_qty") ?? 0
        let produced: Double
        if has("produced_qty") { produced = try number("produced_qty") } else { produced = try number("yield_qty") + scrap + rework }
        guard scrap + rework <= produced else {
            throw fail("scrap_qty", "scrap \(scrap) and rework \(rework) exceed the produced quantity \(produced)")
        }
        let planned = try optionalNumber("planned_qty")
        var ideal = try optionalNumber("ideal_cycle_s")
        if ideal == nil, let product { ideal = plant.idealCycle(product: product, line: line) }
        guard let ideal, ideal > 0 else {
            throw fail("ideal_cycle_s", product.map { "empty, and policies/plant.yaml gives no ideal cycle time for product \($0) on \(line)" }
                ?? "empty, and the row names no product to look one up in policies/plant.yaml")
        }
        let due = try optionalDay("due_date")
        let final = try flag("final")
        let confirmation = optional("confirmation")
        let counter = optional("counter")
        let reversal = try flag("reversal")
        var row = ParsedRow(key: "", values: [])
        if let confirmation {
            row.key = confirmation + "/" + (counter ?? "")
            row.immutable = true
            if reversal {
                row.reverses = "\(confirmation)/\(optional("reverses_counter") ?? counter ?? "")"
                row.key = "R:" + row.key
            }
        } else {
            guard !reversal else { throw fail("reversal", "a reversal needs the confirmation number and counter of what it cancels") }
            row.key = [day, shift ?? "", line, order, operation ?? "", product ?? ""].joined(separator: "|")
        }
        row.values = [
            day.databaseValue, shift.databaseValue, line.databaseValue, order.databaseValue, operation.databaseValue, product.databaseValue,
            planned.databaseValue, produced.databaseValue, scrap.databaseValue, rework.databaseValue, ideal.databaseValue, due.databaseValue,
            (final ? 1 : 0).databaseValue, confirmation.databaseValue, counter.databaseValue, (reversal ? 1 : 0).databaseValue,
            row.reverses.databaseValue, 0.databaseValue,
        ]
        return row
    }

    private func downtimeRow() throws -> ParsedRow {
        let line = try line() ?? ""
        let start = try instant("start")
        let end = try instant("end")
        guard end > start else {
            throw fail("end", "ends at \(Timestamp.string(seconds: end)), not after it starts at \(Timestamp.string(seconds: start))")
        }
        let reason = try text("reason")
        let rawCategory = try text("category")
        let category = rawCategory.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        guard DowntimeCategory(rawValue: category) != nil else {
            throw fail("category", "'\(rawCategory)' is not a category; use \(DowntimeCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let startText = Timestamp.string(seconds: start)
        return ParsedRow(
            key: "\(line)|\(startText)|\(reason)",
            values: [line.databaseValue, startText.databaseValue, Timestamp.string(seconds: end).databaseValue, reason.databaseValue,
                     category.databaseValue, optional("text").databaseValue])
    }

    private func holdRow() throws -> ParsedRow {
        let line = try line() ?? ""
        let lot = try text("lot")
        let opened = try instant("opened")
        let released = try optionalInstant("released")
        if let released, released < opened {
            throw fail("released", "released at \(Timestamp.string(seconds: released)), before the hold opened at \(Timestamp.string(seconds: opened))")
        }
        let openedText = Timestamp.string(seconds: opened)
        return ParsedRow(
            key: "\(line)|\(lot)|\(openedText)",
            values: [line.databaseValue, try text("product").databaseValue, lot.databaseValue, try number("quantity").databaseValue,
                     try text("reason").databaseValue, openedText.databaseValue, released.map { Timestamp.string(seconds: $0) }.databaseValue])
    }

    private func workOrderRow() throws -> ParsedRow {
        let order = try text("order")
        let location = optional("functional_location")
        var line: String? = nil
        if optional("line") != nil { line = try self.line() }
        if line == nil, let location {
            line = plant.lines.first { $0.functionalLocations.contains { location.hasPrefix($0) } }?.id
        }
        if line == nil { line = try self.line(required: false) }
        let status = try text("status")
        guard let system = WorkOrderStatus.latest(in: status) else {
            throw fail("status", "'\(status)' holds no system status (\(WorkOrderStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let priorityText = try text("priority")
        guard let priority = WorkOrderPriority.number(priorityText) else {
            throw fail("priority", "'\(priorityText)' is not a priority (1 very high to 9, or very high, high, medium, low)")
        }
        return ParsedRow(
            key: order,
            values: [try text("type").databaseValue, optional("equipment").databaseValue, location.databaseValue, line.databaseValue,
                     priority.databaseValue, system.rawValue.databaseValue, try optionalDay("planned_date").databaseValue,
                     try optionalDay("created").databaseValue, optional("text").databaseValue])
    }

    private func safetyRow() throws -> ParsedRow {
        let day = try day("date")
        let area = try text("area")
        let recordable = try flag("recordable")
        let away = try optionalCount("days_away") ?? 0
        let restricted = try optionalCount("restricted") ?? 0
        let transferred = try optionalCount("transferred") ?? 0
        guard recordable || away + restricted + transferred == 0 else {
            throw fail("recordable", "a case with days away, restricted or transferred is recordable (OSHA 1904.7); set recordable")
        }
        let caseNumber = optional("case")
        let text = optional("text")
        return ParsedRow(
            key: caseNumber ?? "\(day)|\(area)|\(text ?? "")",
            values: [day.databaseValue, area.databaseValue, caseNumber.databaseValue, (recordable ? 1 : 0).databaseValue, away.databaseValue,
                     restricted.databaseValue, transferred.databaseValue, text.databaseValue])
    }

    private func hoursRow() throws -> ParsedRow {
        let day = try day("date")
        let area = try text("area")
        return ParsedRow(key: "\(day)|\(area)", values: [day.databaseValue, area.databaseValue, try number("hours").databaseValue])
    }
}
