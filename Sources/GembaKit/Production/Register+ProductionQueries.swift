import Foundation
import GRDB

extension Register {
    /// A line's plant-local day: KPIs, output per order against plan, and the stops that count on it.
    public func productionDay(line: String, day: Day) throws -> ProductionDay {
        let plant = try plantPolicy()
        _ = try reportLines([line], plant)
        let report = try kpiReport(KPIQuery(lines: [line], from: day, to: day))
        let number = CivilDay.number(day)
        return try store.read { db in
            let orders = try Row.fetchAll(db, sql: """
                SELECT order_no, product, SUM(planned_qty), SUM(produced_qty), SUM(produced_qty - scrap_qty - rework_qty), SUM(scrap_qty), SUM(rework_qty)
                FROM production_confirmation WHERE line = ? AND day = ? AND reversal = 0 AND reversed = 0
                GROUP BY order_no, product ORDER BY order_no, product
                """, arguments: [line, day.description]).map { row in
                OrderOutput(order: row[0], product: row[1], plannedQty: row[2], producedQty: row[3], goodQty: row[4], scrapQty: row[5], reworkQty: row[6])
            }
            let stops = try KPIData.stopsByLine(db, range: number...number, days: plant.days)[line] ?? []
            var credited: [Int: Int64] = [:]
            for share in DowntimeTimeline.shares(stops, days: plant.days, within: number...number) { credited[share.stop, default: 0] += share.seconds }
            let views = stops.enumerated().map { index, stop in
                DowntimeEventView(
                    line: line, start: Timestamp.string(seconds: stop.start), end: Timestamp.string(seconds: stop.end), reason: stop.reason,
                    category: stop.category.rawValue, text: nil, minutes: Double(credited[index] ?? 0) / 60)
            }
            let texts = try stopTexts(db, line: line, stops: stops)
            return ProductionDay(
                line: line, day: day.description, kpis: report.rows.first ?? KPIRow(line: line, from: number, to: number, KPITotals(), SafetyTotals()),
                orders: orders,
                stops: zip(views, texts).map { view, text in
                    DowntimeEventView(line: view.line, start: view.start, end: view.end, reason: view.reason, category: view.category, text: text, minutes: view.minutes)
                })
        }
    }

    private func stopTexts(_ db: Database, line: String, stops: [DowntimeStop]) throws -> [String?] {
        try stops.map { stop in
            try String.fetchOne(
                db, sql: "SELECT text FROM downtime_event WHERE line = ? AND start_at = ? AND reason = ?",
                arguments: [line, Timestamp.string(seconds: stop.start), stop.reason])
        }
    }

    /// Quality holds not released at `moment` (default now), oldest first.
    public func openQualityHolds(at moment: Date? = nil, line: String? = nil) throws -> [QualityHoldView] {
        let at = Timestamp.string(moment ?? now())
        return try store.read { db in
            try QualityHoldView.fetchAll(db, sql: """
                SELECT * FROM quality_hold WHERE opened_at <= ?1 AND (released_at IS NULL OR released_at > ?1) AND (?2 IS NULL OR line = ?2)
                ORDER BY opened_at, line, lot
                """, arguments: [at, line])
        }
    }

    /// Work orders not yet technically complete, most urgent first (priority, then planned date).
    public func openWorkOrders(line: String? = nil) throws -> [WorkOrderView] {
        try store.read { db in
            try WorkOrderView.fetchAll(db, sql: """
                SELECT * FROM work_order WHERE status NOT IN ('TECO', 'CLSD') AND (?1 IS NULL OR line = ?1)
                ORDER BY priority, planned_on IS NULL, planned_on, natural_key
                """, arguments: [line])
        }
    }

    /// Open work orders whose planned date has passed or comes within `withinDays` (for `gemba status`).
    public func productionLateItems(withinDays days: Int) throws -> [LateItem] {
        let today = today()
        return try openWorkOrders().compactMap { order in
            guard let planned = order.plannedOn, let due = Day(planned) else { return nil }
            let overdue = due.days(until: today)
            guard overdue >= -days else { return nil }
            let title = [order.text, order.equipment.map { "equipment \($0)" }, order.line].compactMap { $0 }.joined(separator: ", ")
            return LateItem(
                kind: "work-order", reference: "\(order.order) (\(order.type), priority \(order.priority), \(order.status))",
                title: title.isEmpty ? "Maintenance work order" : title, owner: nil, dueDate: planned, daysOverdue: overdue)
        }.sorted { ($1.daysOverdue, $0.reference) < ($0.daysOverdue, $1.reference) }
    }
}
