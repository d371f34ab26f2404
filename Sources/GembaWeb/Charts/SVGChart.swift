import Foundation
import GembaKit

/// The pieces every chart shares: the plot area inside a fixed `viewBox` (the browser scales it),
/// a y scale with round ticks, number formats, and escaping. Charts are drawn on the server as
/// SVG: no script, no inline styles, only the stylesheet's classes (`svg.chart .series`,
/// `.target`, `.bar`, `.cumulative`, `.axis`, `.grid`, `.point`). Every piece of text is escaped.
struct ChartArea: Equatable {
    let width: Double
    let height: Double
    let left: Double
    let right: Double
    let top: Double
    let bottom: Double

    var plotWidth: Double { right - left }
    var plotHeight: Double { bottom - top }

    /// The centre of slot `index` of `count` equal slots across the plot (points and bars alike).
    func slotCentre(_ index: Int, of count: Int) -> Double {
        left + (Double(index) + 0.5) * slotWidth(count)
    }

    func slotWidth(_ count: Int) -> Double { plotWidth / Double(max(count, 1)) }
}

/// How the values of a chart read: ratios as percentages, or plain numbers with a unit.
enum ChartValueFormat: Equatable {
    case percent
    case number(unit: String)

    func text(_ value: Double, step: Double? = nil) -> String {
        switch self {
        case .percent:
            let places = step.map { SVGText.places(forStep: $0 * 100) } ?? 1
            return SVGText.number(value * 100, places: places) + " %"
        case .number(let unit):
            let places = step.map { SVGText.places(forStep: $0) } ?? (value == value.rounded() ? 0 : 1)
            return SVGText.number(value, places: places) + (unit.isEmpty ? "" : " " + unit)
        }
    }

    /// A tick label of the y axis: percentages with their sign, numbers bare (the unit is the axis' caption).
    func tick(_ value: Double, step: Double) -> String {
        switch self {
        case .percent: text(value, step: step)
        case .number: SVGText.number(value, places: SVGText.places(forStep: step))
        }
    }
}

/// A y axis from 0 to a round maximum, with ticks every `step`.
struct ChartScale: Equatable {
    let maximum: Double
    let step: Double

    /// A scale whose maximum is the first round step at or above `largest` (1 when there is nothing to show).
    init(largest: Double) {
        guard largest > 0, largest.isFinite else {
            maximum = 1
            step = 0.2
            return
        }
        let raw = largest / 5
        let magnitude = pow(10, floor(log10(raw)))
        let normalized = raw / magnitude
        let nice: Double = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 2.5 ? 2.5 : normalized <= 5 ? 5 : 10
        step = nice * magnitude
        maximum = step * max(1, ceil(largest / step - 1e-9))
    }

    var ticks: [Double] {
        let count = Int((maximum / step).rounded())
        return (0...count).map { Double($0) * step }
    }

    /// The y coordinate of a value in the plot area (values above the maximum are clipped to it).
    func y(_ value: Double, in area: ChartArea) -> Double {
        area.bottom - min(max(value, 0), maximum) / maximum * area.plotHeight
    }
}

/// Text and numbers as they go into SVG.
enum SVGText {
    static func escape(_ text: String) -> String { MarkdownHTML.escape(text) }

    /// A coordinate: at most two decimals, no trailing zeros (`130`, `42.5`).
    static func coordinate(_ value: Double) -> String {
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    static func number(_ value: Double, places: Int) -> String {
        String(format: "%.\(places)f", value)
    }

    /// Decimal places that show a tick step exactly enough (0 for steps of 1 or more).
    static func places(forStep step: Double) -> Int {
        guard step > 0, step < 1 else { return 0 }
        return min(4, Int(ceil(-log10(step) - 1e-9)))
    }

    /// A label cut to `limit` characters.
    static func clip(_ text: String, _ limit: Int) -> String {
        text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }
}

/// Builds one `<svg>` element.
struct SVGDocument {
    private var parts: [String] = []
    let area: ChartArea
    let title: String

    init(area: ChartArea, title: String) {
        self.area = area
        self.title = title
    }

    mutating func add(_ element: String) { parts.append(element) }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, class name: String, tooltip: String? = nil) {
        let c = SVGText.coordinate
        let head = "<line class=\"\(name)\" x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\""
        add(tooltip.map { head + "><title>\(SVGText.escape($0))</title></line>" } ?? head + "/>")
    }

    mutating func text(_ text: String, x: Double, y: Double, anchor: String = "start", rotate: Double? = nil, class name: String? = nil) {
        let c = SVGText.coordinate
        var attributes = "x=\"\(c(x))\" y=\"\(c(y))\" text-anchor=\"\(anchor)\""
        if let name { attributes = "class=\"\(name)\" " + attributes }
        if let rotate { attributes += " transform=\"rotate(\(c(rotate)) \(c(x)) \(c(y)))\"" }
        add("<text \(attributes)>\(SVGText.escape(text))</text>")
    }

    mutating func polyline(_ points: [(Double, Double)], class name: String) {
        let list = points.map { "\(SVGText.coordinate($0.0)),\(SVGText.coordinate($0.1))" }.joined(separator: " ")
        add("<polyline class=\"\(name)\" points=\"\(list)\"/>")
    }

    mutating func circle(_ x: Double, _ y: Double, radius: Double, class name: String, tooltip: String) {
        let c = SVGText.coordinate
        add("<circle class=\"\(name)\" cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"\(c(radius))\"><title>\(SVGText.escape(tooltip))</title></circle>")
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, class name: String, tooltip: String) {
        let c = SVGText.coordinate
        add("<rect class=\"\(name)\" x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(width))\" height=\"\(c(height))\"><title>\(SVGText.escape(tooltip))</title></rect>")
    }

    /// Horizontal grid lines with their labels on the left (and the unit above them), and both axes.
    mutating func leftAxis(_ scale: ChartScale, format: ChartValueFormat) {
        for tick in scale.ticks {
            let y = scale.y(tick, in: area)
            if tick > 0 { line(area.left, y, area.right, y, class: "grid") }
            text(format.tick(tick, step: scale.step), x: area.left - 6, y: y + 4, anchor: "end")
        }
        if case .number(let unit) = format, !unit.isEmpty { text(unit, x: area.left - 6, y: area.top - 10, anchor: "end") }
        line(area.left, area.top, area.left, area.bottom, class: "axis")
        line(area.left, area.bottom, area.right, area.bottom, class: "axis")
    }

    /// Category labels under the slots, every `every`-th one, turned when they are long.
    mutating func slotLabels(_ labels: [String], turned: Bool) {
        let every = max(1, Int(ceil(Double(labels.count) / 12)))
        for (index, label) in labels.enumerated() where index % every == 0 {
            let x = area.slotCentre(index, of: labels.count)
            if turned {
                text(SVGText.clip(label, 20), x: x, y: area.bottom + 14, anchor: "end", rotate: -35)
            } else {
                text(label, x: x, y: area.bottom + 18, anchor: "middle")
            }
        }
    }

    var svg: String {
        let c = SVGText.coordinate
        return "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(c(area.width)) \(c(area.height))\" role=\"img\">"
            + "<title>\(SVGText.escape(title))</title>"
            + "<text class=\"chart-title\" x=\"\(c(area.left))\" y=\"18\">\(SVGText.escape(title))</text>"
            + parts.joined() + "</svg>"
    }
}
