import GRDB

/// The line-day totals and plant safety days of a range, read from the production tables.
struct KPIData {
    struct LineDay: Hashable {
        let line: String
        let day: Int
    }

    var lineDays: [LineDay: KPITotals] = [:]
    var safety: [Int: SafetyTotals] = [:]

    /// Reads days `range` of the register's data in one read transaction.
    static func load(_ db: Database, range: ClosedRange<Int>, days: PlantDays) throws -> KPIData {
        var data = KPIData()
        let first = CivilDay.text(range.lowerBound), last = CivilDay.text(range.upperBound)
        let bounds: StatementArguments = [first, last]
        func each(_ sql: String, _ body: (Row, LineDay) -> Void) throws {
            let rows = try Row.fetchCursor(db, sql: sql, arguments: bounds)
            while let row = try rows.next() {
                guard let day = CivilDay.number(text: row[1]) else { continue }
                body(row, LineDay(line: row[0], day: day))
            }
        }
        try each("SELECT line, day, SUM(planned_min) FROM shift_calendar WHERE day BETWEEN ? AND ? GROUP BY line, day") { row, key in
            data.lineDays[key, default: KPITotals()].plannedOperation += (row[2] as Double) * 60
        }
        try loadProduction(db, first: first, last: last, into: &data)
        // On time: an order due in the range is complete when its good quantity up to its due date
        // reaches its planned total, or a final confirmation was posted by then.
        try each(onTimeSQL) { row, key in
            let planned: Double? = row[2]
            let good: Double = row[3]
            let final: Int = row[4]
            data.lineDays[key, default: KPITotals()].ordersDue += 1
            if final == 1 || (planned.map { $0 > 0 && good >= $0 } ?? false) { data.lineDays[key, default: KPITotals()].ordersOnTime += 1 }
        }
        try loadDowntime(db, range: range, days: days, into: &data)
        let safety = try Row.fetchAll(db, sql: """
            SELECT day, SUM(recordable), SUM(CASE WHEN days_away + restricted_days + transferred_days > 0 THEN 1 ELSE 0 END), 0
            FROM safety_incident WHERE day BETWEEN ?1 AND ?2 GROUP BY day
            UNION ALL SELECT day, 0, 0, SUM(hours) FROM hours_worked WHERE day BETWEEN ?1 AND ?2 GROUP BY day
            """, arguments: bounds)
        for row in safety {
            guard let day = CivilDay.number(text: row[0]) else { continue }
            data.safety[day, default: SafetyTotals()] += SafetyTotals(recordable: row[1], dart: row[2], hours: row[3])
        }
        for key in data.lineDays.keys { data.lineDays[key]?.settle() }
        return data
    }

    /// Orders due in the range (`?1`...`?2`) with their planned total, their good quantity up to
    /// the due date and whether a final confirmation came by then. Each due order's
    /// confirmations are sought through the index on (order_no, line).
    static let onTimeSQL = """
        WITH due AS (
            SELECT line, order_no, MAX(due_on) AS due FROM production_confirmation
            WHERE due_on BETWEEN ? AND ? AND reversal = 0 AND reversed = 0 GROUP BY line, order_no
        )
        SELECT due.line, due.due,
            SUM(p.planned_qty) AS planned,
            SUM(CASE WHEN p.day <= due.due THEN p.produced_qty - p.scrap_qty - p.rework_qty ELSE 0 END) AS good,
            MAX(CASE WHEN p.day <= due.due THEN p.final ELSE 0 END) AS final
        FROM due JOIN production_confirmation p ON p.line = due.line AND p.order_no = due.order_no
        WHERE p.reversal = 0 AND p.reversed = 0 GROUP BY due.line, due.order_no
        """

    /// A line item of a line-day: schedule attainment counts its good quantity up to its plan.
    private struct LineItem: Hashable {
        let order: String
        let product: String?
    }

    /// Quantities and schedule attainment of the range's confirmations (reversed ones and
    /// reversals left out), in one pass over the day/line index: the rows of a line-day come
    /// together, so each line item (order, product) is summed there, without SQLite sorting a
    /// year's million rows to group them. Per line-day: produced, scrap, rework,
    /// Σ ideal cycle × produced; per line item whose plan is known, min(good, plan) toward the
    /// attained quantity and the plan toward the planned quantity. Line items are added in the
    /// order they first appear, not in SQL's sorted order: with fractional quantities a sum can
    /// differ from the SQL one in its last bits, never in what a report shows.
    static let productionSQL = """
        SELECT day, line, order_no, product, produced_qty, scrap_qty, rework_qty, ideal_cycle_s, planned_qty FROM production_confirmation
        WHERE day BETWEEN ? AND ? AND reversal = 0 AND reversed = 0 ORDER BY day, line
        """

    private static func loadProduction(_ db: Database, first: String, last: String, into data: inout KPIData) throws {
        var day: String?, line: String?
        var totals = KPITotals()
        var items: [LineItem: Int] = [:]
        var sums: [(good: Double, planned: Double?)] = []
        func close() {
            guard let line, let text = day, let number = CivilDay.number(text: text) else { return }
            for sum in sums {
                guard let planned = sum.planned else { continue }
                totals.attainedQty += min(sum.good, planned)
                totals.plannedQty += planned
            }
            data.lineDays[LineDay(line: line, day: number), default: KPITotals()] += totals
        }
        let rows = try db.cachedStatement(sql: productionSQL)
        try SQLiteBinding.forEachRow(rows, [first.databaseValue, last.databaseValue], db) { row in
            let rowDay = SQLiteBinding.text(row, 0), rowLine = SQLiteBinding.text(row, 1)
            if rowDay != day || rowLine != line {
                close()
                day = rowDay
                line = rowLine
                totals = KPITotals()
                items.removeAll(keepingCapacity: true)
                sums.removeAll(keepingCapacity: true)
            }
            let produced = SQLiteBinding.double(row, 4) ?? 0, scrap = SQLiteBinding.double(row, 5) ?? 0
            let rework = SQLiteBinding.double(row, 6) ?? 0
            totals.produced += produced
            totals.scrap += scrap
            totals.rework += rework
            totals.idealTime += (SQLiteBinding.double(row, 7) ?? 0) * produced
            let item = LineItem(order: SQLiteBinding.text(row, 2) ?? "", product: SQLiteBinding.text(row, 3))
            let index = items[item] ?? {
                items[item] = sums.count
                sums.append((0, nil))
                return sums.count - 1
            }()
            sums[index].good += produced - scrap - rework
            if let planned = SQLiteBinding.double(row, 8) { sums[index].planned = (sums[index].planned ?? 0) + planned }
        }
        close()
    }

    /// Stops overlapping the range, laid on the calendar line by line (DowntimeTimeline).
    private static func loadDowntime(_ db: Database, range: ClosedRange<Int>, days: PlantDays, into data: inout KPIData) throws {
        for (line, stops) in try stopsByLine(db, range: range, days: days) {
            for share in DowntimeTimeline.shares(stops, days: days, within: range) {
                let key = LineDay(line: line, day: share.day)
                let seconds = Double(share.seconds)
                switch stops[share.stop].category {
                case .planned: data.lineDays[key, default: KPITotals()].plannedDowntime += seconds
                case .setup: data.lineDays[key, default: KPITotals()].setup += seconds
                case .minorStop: data.lineDays[key, default: KPITotals()].minorStops += seconds
                case .unplanned: data.lineDays[key, default: KPITotals()].unplanned += seconds
                    data.lineDays[key, default: KPITotals()].repair += seconds
                }
            }
            // A breakdown is one failure, on the day it starts.
            for stop in stops where stop.category == .unplanned {
                let day = days.day(of: stop.start)
                if range.contains(day) { data.lineDays[LineDay(line: line, day: day), default: KPITotals()].failures += 1 }
            }
        }
    }

    static func stopsByLine(_ db: Database, range: ClosedRange<Int>, days: PlantDays) throws -> [String: [DowntimeStop]] {
        let start = Timestamp.string(seconds: days.midnight(range.lowerBound))
        let end = Timestamp.string(seconds: days.midnight(range.upperBound + 1))
        var result: [String: [DowntimeStop]] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT line, start_at, end_at, reason, category FROM downtime_event WHERE end_at > ? AND start_at < ? ORDER BY line, start_at",
            arguments: [start, end])
        while let row = try rows.next() {
            guard let from = Timestamp.seconds(row[1]), let to = Timestamp.seconds(row[2]),
                let category = DowntimeCategory(rawValue: row[4])
            else { continue }
            result[row[0], default: []].append(DowntimeStop(start: from, end: to, reason: row[3], category: category))
        }
        return result
    }
}

extension CivilDay {
    /// The day number of a stored `YYYY-MM-DD`.
    static func number(text: String) -> Int? {
        guard let day = Day(text) else { return nil }
        return number(day)
    }
}
