/// Times (seconds) and quantities of one line-day, or the sum of several: roll-ups add these and
/// divide only at the end, never averaging ratios.
struct KPITotals: Sendable {
    var plannedOperation = 0.0
    var plannedDowntime = 0.0
    var setup = 0.0
    var unplanned = 0.0
    var minorStops = 0.0
    /// Planned busy and actual production time, settled per line-day (so neither is ever negative).
    var plannedBusy = 0.0
    var actualProduction = 0.0
    var failures = 0
    var repair = 0.0
    var produced = 0.0
    var scrap = 0.0
    var rework = 0.0
    /// Σ ideal cycle time × produced quantity.
    var idealTime = 0.0
    var plannedQty = 0.0
    var attainedQty = 0.0
    var ordersDue = 0
    var ordersOnTime = 0

    /// PBT = POT − planned downtime; APT = PBT − setup − unplanned − minor stops; both at least 0.
    mutating func settle() {
        plannedBusy = max(0, plannedOperation - plannedDowntime)
        actualProduction = max(0, plannedBusy - setup - unplanned - minorStops)
    }

    static func += (lhs: inout KPITotals, rhs: KPITotals) {
        lhs.plannedOperation += rhs.plannedOperation
        lhs.plannedDowntime += rhs.plannedDowntime
        lhs.setup += rhs.setup
        lhs.unplanned += rhs.unplanned
        lhs.minorStops += rhs.minorStops
        lhs.plannedBusy += rhs.plannedBusy
        lhs.actualProduction += rhs.actualProduction
        lhs.failures += rhs.failures
        lhs.repair += rhs.repair
        lhs.produced += rhs.produced
        lhs.scrap += rhs.scrap
        lhs.rework += rhs.rework
        lhs.idealTime += rhs.idealTime
        lhs.plannedQty += rhs.plannedQty
        lhs.attainedQty += rhs.attainedQty
        lhs.ordersDue += rhs.ordersDue
        lhs.ordersOnTime += rhs.ordersOnTime
    }
}

/// Recordable and DART cases and hours worked of the plant.
struct SafetyTotals: Sendable {
    var recordable = 0
    var dart = 0
    var hours = 0.0

    static func += (lhs: inout SafetyTotals, rhs: SafetyTotals) {
        lhs.recordable += rhs.recordable
        lhs.dart += rhs.dart
        lhs.hours += rhs.hours
    }
}

/// A ratio, or nil when the denominator is zero.
func ratio(_ numerator: Double, _ denominator: Double) -> Double? {
    denominator > 0 ? numerator / denominator : nil
}

extension KPIRow {
    init(line: String, from: Int, to: Int, _ t: KPITotals, _ s: SafetyTotals) {
        let good = max(0, t.produced - t.scrap - t.rework)
        let availability = ratio(t.actualProduction, t.plannedBusy)
        let performance = ratio(t.idealTime, t.actualProduction)
        let quality = ratio(good, t.produced)
        let oee: Double? = t.plannedBusy > 0 ? (availability ?? 0) * (performance ?? 0) * (quality ?? 0) : nil
        self.init(
            line: line, from: CivilDay.text(from), to: CivilDay.text(to),
            plannedOperationTimeMin: t.plannedOperation / 60, plannedDowntimeMin: t.plannedDowntime / 60,
            plannedBusyTimeMin: t.plannedBusy / 60, setupTimeMin: t.setup / 60, unplannedDowntimeMin: t.unplanned / 60,
            minorStopTimeMin: t.minorStops / 60, actualProductionTimeMin: t.actualProduction / 60,
            producedQty: t.produced, goodQty: good, scrapQty: t.scrap, reworkQty: t.rework,
            availability: availability, performance: performance, performanceFlag: (performance ?? 0) > 1, quality: quality, oee: oee,
            scrapRatio: ratio(t.scrap, t.produced), reworkRatio: ratio(t.rework, t.produced),
            failures: t.failures, mtbfMin: ratio(t.actualProduction / 60, Double(t.failures)), mttrMin: ratio(t.repair / 60, Double(t.failures)),
            plannedQty: t.plannedQty, scheduleAttainment: ratio(t.attainedQty, t.plannedQty),
            ordersDue: t.ordersDue, ordersOnTime: t.ordersOnTime, onTimeAttainment: ratio(Double(t.ordersOnTime), Double(t.ordersDue)),
            recordableCases: s.recordable, dartCases: s.dart, hoursWorked: s.hours,
            trir: ratio(Double(s.recordable) * 200_000, s.hours), dart: ratio(Double(s.dart) * 200_000, s.hours))
    }
}
