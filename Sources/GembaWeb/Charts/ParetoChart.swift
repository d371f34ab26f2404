import Foundation

/// Downtime by reason, largest first: a bar per reason on the left axis (minutes) and the
/// cumulative share as a line on the right axis (0-100 %).
struct ParetoChart {
    struct Bar: Equatable {
        let label: String
        let minutes: Double
        /// The running share of all downtime up to and including this bar (0...1).
        let cumulativeShare: Double
    }

    static let area = ChartArea(width: 640, height: 320, left: 60, right: 580, top: 30, bottom: 220)

    let title: String
    let bars: [Bar]

    var svg: String {
        let area = Self.area
        let scale = ChartScale(largest: bars.map(\.minutes).max() ?? 0)
        var svg = SVGDocument(area: area, title: title)
        let minutes = ChartValueFormat.number(unit: "min")
        svg.leftAxis(scale, format: minutes)
        // The right axis: cumulative share in quarters.
        svg.line(area.right, area.top, area.right, area.bottom, class: "axis")
        for quarter in 0...4 {
            let share = Double(quarter) / 4
            svg.text(ChartValueFormat.percent.text(share, step: 0.25), x: area.right + 6, y: area.bottom - share * area.plotHeight + 4)
        }
        let count = bars.count
        let width = area.slotWidth(count) * 0.7
        var cumulative: [(Double, Double)] = []
        for (index, bar) in bars.enumerated() {
            let centre = area.slotCentre(index, of: count)
            let top = scale.y(bar.minutes, in: area)
            let share = min(max(bar.cumulativeShare, 0), 1)
            svg.rect(x: centre - width / 2, y: top, width: width, height: area.bottom - top, class: "bar",
                     tooltip: "\(bar.label): \(minutes.text(bar.minutes)), cumulative \(ChartValueFormat.percent.text(share))")
            cumulative.append((centre, area.bottom - share * area.plotHeight))
        }
        if cumulative.count > 1 { svg.polyline(cumulative, class: "cumulative") }
        for (index, point) in cumulative.enumerated() {
            svg.circle(point.0, point.1, radius: 3, class: "cumulative-point",
                       tooltip: "cumulative \(ChartValueFormat.percent.text(bars[index].cumulativeShare))")
        }
        svg.slotLabels(bars.map(\.label), turned: true)
        if bars.isEmpty {
            svg.text("no downtime in this range", x: area.left + area.plotWidth / 2, y: area.top + area.plotHeight / 2, anchor: "middle")
        }
        return svg.svg
    }
}
