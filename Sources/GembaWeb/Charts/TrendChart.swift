import Foundation

/// A KPI over consecutive periods: the values as a line with a marker per point (a gap where a
/// period has no value), and the board's target as a dashed line where one is in force.
struct TrendChart {
    struct Point: Equatable {
        let label: String
        let value: Double?
        /// The target in force for the period, when the line's board has one.
        let target: Double?
    }

    static let area = ChartArea(width: 640, height: 280, left: 60, right: 620, top: 30, bottom: 230)

    let title: String
    let points: [Point]
    let format: ChartValueFormat

    var scale: ChartScale {
        ChartScale(largest: points.flatMap { [$0.value, $0.target] }.compactMap { $0 }.max() ?? 0)
    }

    var svg: String {
        let area = Self.area
        let scale = scale
        var svg = SVGDocument(area: area, title: title)
        svg.leftAxis(scale, format: format)
        let count = points.count
        // The target: one dashed segment per run of periods with the same target, across their slots.
        var index = 0
        while index < count {
            guard let target = points[index].target else {
                index += 1
                continue
            }
            var end = index
            while end + 1 < count, points[end + 1].target == target { end += 1 }
            let half = area.slotWidth(count) / 2
            let y = scale.y(target, in: area)
            let x2 = area.slotCentre(end, of: count) + half
            svg.line(area.slotCentre(index, of: count) - half, y, x2, y, class: "target", tooltip: "target \(format.text(target))")
            // Above the line, or below it when the line runs along the top of the plot.
            let labelY = y - 5 < area.top + 10 ? y + 13 : y - 5
            svg.text("target \(format.text(target))", x: x2 - 4, y: labelY, anchor: "end", class: "target-label")
            index = end + 1
        }
        // The series: a polyline per run of periods with a value, and a marker on every point.
        var run: [(Double, Double)] = []
        for (position, point) in points.enumerated() {
            guard let value = point.value else {
                if run.count > 1 { svg.polyline(run, class: "series") }
                run = []
                continue
            }
            run.append((area.slotCentre(position, of: count), scale.y(value, in: area)))
        }
        if run.count > 1 { svg.polyline(run, class: "series") }
        for (position, point) in points.enumerated() {
            guard let value = point.value else { continue }
            let text = "\(point.label): \(format.text(value))" + (point.target.map { " (target \(format.text($0)))" } ?? "")
            svg.circle(area.slotCentre(position, of: count), scale.y(value, in: area), radius: 3.5, class: "point", tooltip: text)
        }
        svg.slotLabels(points.map(\.label), turned: false)
        if points.allSatisfy({ $0.value == nil }) {
            svg.text("no data in this range", x: area.left + area.plotWidth / 2, y: area.top + area.plotHeight / 2, anchor: "middle")
        }
        return svg.svg
    }
}
