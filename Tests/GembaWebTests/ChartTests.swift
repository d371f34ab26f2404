import Foundation
import Testing
@testable import GembaWeb

/// The SVG chart builder: coordinates, the target line, escaping, no styles or scripts.
@Suite("SVG charts")
struct ChartTests {
    /// The trend plot spans x 60...620 and y 30...230; four slots are 140 wide.
    static let series = [
        TrendChart.Point(label: "03-02", value: 0.5, target: 0.75), TrendChart.Point(label: "03-03", value: 0.6, target: 0.75),
        TrendChart.Point(label: "03-04", value: nil, target: 0.75), TrendChart.Point(label: "<L1>", value: 0.8, target: 0.75),
    ]

    @Test("a known series lands on known coordinates; a missing value breaks the line")
    func coordinates() {
        let chart = TrendChart(title: "OEE", points: Self.series, format: .percent)
        #expect(chart.scale == ChartScale(largest: 0.8))
        #expect(chart.scale.maximum == 0.8 && chart.scale.step == 0.2)
        let svg = chart.svg
        // x = 60 + (i + 0.5) * 140; y = 230 - v / 0.8 * 200.
        #expect(svg.contains(#"<polyline class="series" points="130,105 270,80"/>"#))
        #expect(svg.components(separatedBy: "<polyline").count == 2, "one run: the point after the gap stands alone")
        #expect(svg.contains(#"<circle class="point" cx="550" cy="30" r="3.5">"#))
        #expect(svg.components(separatedBy: "<circle").count == 4, "a marker per value, none for the gap")
        #expect(svg.contains(#"viewBox="0 0 640 280""#))
        #expect(svg.contains(#"<line class="axis" x1="60" y1="230" x2="620" y2="230"/>"#))
        #expect(svg.contains(#"<line class="grid" x1="60" y1="180" x2="620" y2="180"/>"#), "a grid line at 20 %")
        #expect(svg.contains(">80 %</text>") && svg.contains(">0 %</text>"))
    }

    @Test("the target is one dashed line across the slots where it is in force")
    func targetLine() {
        let svg = TrendChart(title: "OEE", points: Self.series, format: .percent).svg
        // y = 230 - 0.75 / 0.8 * 200 = 42.5, from the first slot's left edge to the last one's right edge.
        #expect(svg.contains(#"<line class="target" x1="60" y1="42.5" x2="620" y2="42.5"><title>target 75.0 %</title></line>"#))
        let changed = [
            TrendChart.Point(label: "a", value: 0.5, target: nil), TrendChart.Point(label: "b", value: 0.5, target: 0.4),
            TrendChart.Point(label: "c", value: 0.5, target: 0.5),
        ]
        let stepped = TrendChart(title: "OEE", points: changed, format: .percent).svg
        // Scale 0...0.5 in steps of 0.1; three slots of 186.67.
        #expect(stepped.contains(#"<line class="target" x1="246.67" y1="70" x2="433.33" y2="70">"#), "no target in the first slot")
        #expect(stepped.contains(#"<line class="target" x1="433.33" y1="30" x2="620" y2="30">"#), "a new target starts a new segment")
        #expect(!TrendChart(title: "OEE", points: [.init(label: "a", value: 0.5, target: nil)], format: .percent).svg.contains("class=\"target\""))
    }

    @Test("labels and titles are escaped; no style attribute, no script")
    func escaping() {
        let svg = TrendChart(title: "OEE <L1> & \"co\"", points: Self.series, format: .percent).svg
        #expect(svg.contains("&lt;L1&gt;: 80.0 %"), "the point's tooltip")
        #expect(svg.contains(">&lt;L1&gt;</text>"), "the axis label")
        #expect(svg.contains("OEE &lt;L1&gt; &amp; &quot;co&quot;"))
        #expect(!svg.contains("<L1>"))
        let pareto = ParetoChart(title: "Downtime", bars: [.init(label: "<script>", minutes: 60, cumulativeShare: 0.6), .init(label: "B", minutes: 40, cumulativeShare: 1)]).svg
        #expect(!pareto.contains("<script>") && pareto.contains("&lt;script&gt;"))
        for text in [svg, pareto] {
            #expect(!text.contains("style="))
            #expect(!text.contains("<script"))
        }
    }

    @Test("Pareto: bars by minutes on the left axis, the cumulative share on the right")
    func pareto() {
        let chart = ParetoChart(title: "Downtime", bars: [
            .init(label: "JAM", minutes: 60, cumulativeShare: 0.6), .init(label: "MOTOR", minutes: 30, cumulativeShare: 0.9),
            .init(label: "MINOR", minutes: 10, cumulativeShare: 1),
        ])
        let svg = chart.svg
        // Plot x 60...580 (three slots of 173.33, bars 121.33 wide), y 30...220; minutes scale 0...60.
        #expect(svg.contains(#"<rect class="bar" x="86" y="30" width="121.33" height="190">"#))
        #expect(svg.contains(#"<rect class="bar" x="259.33" y="125" width="121.33" height="95">"#))
        // Cumulative: y = 220 - share * 190.
        #expect(svg.contains(#"<polyline class="cumulative" points="146.67,106 320,49 493.33,30"/>"#))
        #expect(svg.contains(">100 %</text>") && svg.contains(">60</text>") && svg.contains(">min</text>"))
        #expect(ParetoChart(title: "Downtime", bars: []).svg.contains("no downtime in this range"))
    }

    @Test("round scales: the maximum is the first step at or above the largest value")
    func scales() {
        #expect(ChartScale(largest: 0.87) == ChartScale(largest: 1.0))
        #expect(ChartScale(largest: 0.87).maximum == 1 && ChartScale(largest: 0.87).step == 0.2)
        #expect(abs(ChartScale(largest: 0.023).maximum - 0.025) < 1e-12)
        #expect(ChartScale(largest: 0).maximum == 1)
        #expect(ChartScale(largest: 1.2).maximum > 1.2 - 1e-9)
        #expect(ChartValueFormat.percent.text(0.005, step: 0.005) == "0.5 %")
        #expect(SVGText.coordinate(42.5) == "42.5" && SVGText.coordinate(130) == "130" && SVGText.coordinate(-0.001) == "0")
    }
}
