import Foundation

extension Register {
    /// KPIs every line's tiles show even when its board has no target for them.
    static let standardTiles = ["oee", "scrap_ratio", "schedule_attainment"]

    /// The briefing for the meeting on `date` (plant-local; default today in the plant's time
    /// zone): figures of the day before, what is open at the start of `date`, and what is due.
    public func briefing(date: Day? = nil) throws -> Briefing {
        let plant = try plantPolicy()
        let date = date ?? plantToday(plant)
        let reportDay = date.addingDays(-1)
        let lineIDs = plant.lines.map(\.id)
        let days = try lineIDs.map { try productionDay(line: $0, day: reportDay) }
        let lines = zip(plant.lines, days).map { line, day in
            BriefingLine(
                line: line.id, name: line.name, plannedQty: day.kpis.plannedQty, producedQty: day.kpis.producedQty, goodQty: day.kpis.goodQty,
                scrapQty: day.kpis.scrapQty, reworkQty: day.kpis.reworkQty, scheduleAttainment: day.kpis.scheduleAttainment, oee: day.kpis.oee,
                unplannedDowntimeMin: day.kpis.unplannedDowntimeMin + day.kpis.minorStopTimeMin, stops: day.stops.count, orders: day.orders)
        }
        // Planned downtime (breaks, planned maintenance) is in the plan; the meeting talks about losses.
        let downtime = days.flatMap(\.stops).filter { $0.category != "planned" }
            .sorted { ($0.minutes, $1.line, $1.start) > ($1.minutes, $0.line, $0.start) }
        let meetingStart = plantStart(of: date, plant)
        // Only the document-review and CAPA parts of `gemba status`, most overdue first as there.
        let late = (try reviewLateItems(withinDays: 7) + capaLateItems(withinDays: 7))
            .sorted { ($0.daysOverdue, $1.dueDate, $0.reference) > ($1.daysOverdue, $0.dueDate, $1.reference) }
        return Briefing(
            plant: plant.name, timeZone: plant.timeZone.identifier, date: date.description, reportDay: reportDay.description, lines: lines,
            downtime: downtime, holds: try openQualityHolds(at: meetingStart), workOrders: try openWorkOrders(),
            scheduleChanges: try scheduleChanges(since: now().addingTimeInterval(-86_400), from: date),
            actions: try actionItems(ActionQuery(dueWithinDays: 0)), dueThisWeek: late,
            tiles: try kpiTiles(lines: days.map(\.kpis), reportDay: reportDay))
    }

    /// Schedule events added, moved or cancelled since `moment` (shutdowns, engineering
    /// changes, expedites...), and shifts of `from` and later days added or re-planned by
    /// calendar imports since then (imports of past days' calendars are records, not changes).
    private func scheduleChanges(since moment: Date, from: Day) throws -> [BriefingChange] {
        // A register made before the schedule existed has no notifications.yaml and no events.
        let hasSchedule = try policyFile(NotificationPolicy.fileName) != nil
        let events = Dictionary(try hasSchedule ? scheduleEvents(ScheduleQuery()).map { ($0.id, $0) } : [], uniquingKeysWith: { first, _ in first })
        let scheduled = try (hasSchedule ? self.scheduleChanges(since: moment) : []).map { change in
            let values = change.oldValue == nil && change.newValue == nil ? "" : ": \(change.oldValue ?? "-") -> \(change.newValue ?? "-")"
            return BriefingChange(
                at: change.at, line: events[change.event].map { $0.lines.joined(separator: ",") },
                what: "\(change.event) \(change.title)", detail: "\(change.field)\(values) (\(change.reason), \(change.by))")
        }
        let shifts = try shiftCalendarChanges(since: moment).filter { Day($0.day).map { $0 >= from } ?? false }.map { plan in
            BriefingChange(
                at: plan.importedAt, line: plan.line, what: "shift calendar",
                detail: "\(plan.day) shift \(plan.shift): \(BriefingRenderer.qty(plan.plannedMinutes)) min planned (import \(plan.batch))")
        }
        return (scheduled + shifts).sorted { ($1.at, $0.what) < ($0.at, $1.what) }
    }

    /// Per line, the standard tiles and every other KPI its board targets on the report day;
    /// for the plant, TRIR and DART year to date. The comparison with targets is the KPI
    /// report's (`kpiTargets`); KPIs without a target get a tile without colour.
    private func kpiTiles(lines: [KPIRow], reportDay: Day) throws -> [KPITile] {
        // Safety rates over one day mean little: the plant's year to date.
        let yearStart = Day(year: reportDay.year, month: 1, day: 1)
        let safety = try kpiReport(KPIQuery(from: yearStart, to: reportDay)).row(line: plantRowLine)
        let rows = lines + (safety.map { [$0] } ?? [])
        let targeted = try kpiTargets(rows)
        var tiles: [KPITile] = []
        for row in rows {
            let own = targeted.filter { $0.line == row.line && $0.from == row.from }
            let standard = row.line == plantRowLine ? ["trir", "dart"] : Register.standardTiles
            tiles += standard.map { kpi in own.first { $0.kpi == kpi } ?? KPITile(row: row, kpi: kpi, target: nil, board: nil) }
            tiles += own.filter { !standard.contains($0.kpi) }
        }
        return tiles
    }

    /// Today in the plant's time zone.
    func plantToday(_ plant: PlantPolicy) -> Day { plant.localDay(now()) }

    /// Midnight at the start of a plant-local day.
    func plantStart(of day: Day, _ plant: PlantPolicy) -> Date {
        Date(timeIntervalSince1970: TimeInterval(plant.days.midnight(CivilDay.number(day))))
    }
}

extension KPITile {
    init(row: KPIRow, kpi: String, target: BoardTarget?, board: Board?) {
        let value = row.value(ofKPI: kpi)
        let status: Status = switch (value, target) {
        case (let value?, let target?): target.isMet(by: value) ? .green : .red
        default: .none
        }
        self.init(
            line: row.line, kpi: kpi, from: row.from, to: row.to, value: value, target: target?.target, direction: target?.direction,
            unit: target?.unit, status: status, board: target == nil ? nil : board.map { "\($0.id) rev \($0.revision)" })
    }
}

extension KPIRow {
    /// The value of a KPI named as boards name them (docs/boards.md); nil when the report has
    /// no such KPI or its denominator was zero. `first_pass_yield` is the quality ratio (rework
    /// is not good on first pass).
    public func value(ofKPI name: String) -> Double? {
        switch name {
        case "availability": availability
        case "performance": performance
        case "quality", "first_pass_yield": quality
        case "oee": oee
        case "scrap_ratio": scrapRatio
        case "rework_ratio": reworkRatio
        case "schedule_attainment": scheduleAttainment
        case "on_time_attainment": onTimeAttainment
        case "mtbf": mtbfMin
        case "mttr": mttrMin
        case "trir": trir
        case "dart": dart
        default: nil
        }
    }

    /// Whether `value(ofKPI:)` knows the name.
    public static func knows(_ name: String) -> Bool {
        ["availability", "performance", "quality", "first_pass_yield", "oee", "scrap_ratio", "rework_ratio", "schedule_attainment",
         "on_time_attainment", "mtbf", "mttr", "trir", "dart"].contains(name)
    }
}
