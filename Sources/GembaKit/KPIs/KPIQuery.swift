/// How a KPI report groups days.
public enum KPIPeriod: String, Sendable, Codable, CaseIterable {
    case day, week, month
}

/// What `kpiReport` computes: lines, plant-local days from `from` to `to` (both included), and
/// periods (nil: the whole range as one period).
public struct KPIQuery: Sendable, Equatable {
    /// nil: every line of policies/plant.yaml, plus a plant row (`line` = `all`).
    public var lines: [String]?
    public var from: Day
    public var to: Day
    public var by: KPIPeriod?

    public init(lines: [String]? = nil, from: Day, to: Day, by: KPIPeriod? = nil) {
        self.lines = lines
        self.from = from
        self.to = to
        self.by = by
    }

    /// The periods of the range, each clipped to it, as day numbers.
    func periods() -> [ClosedRange<Int>] {
        let first = CivilDay.number(from), last = CivilDay.number(to)
        guard let by else { return [first...last] }
        var result: [ClosedRange<Int>] = []
        var start = first
        while start <= last {
            let end: Int
            switch by {
            case .day: end = start
            case .week: end = start + 6 - CivilDay.weekday(start)
            case .month:
                let (y, m, _) = CivilDay.date(start)
                end = (m == 12 ? CivilDay.number(year: y + 1, month: 1, day: 1) : CivilDay.number(year: y, month: m + 1, day: 1)) - 1
            }
            result.append(start...min(end, last))
            start = min(end, last) + 1
        }
        return result
    }
}

/// The line name of the plant-level row of a report over several lines.
public let plantRowLine = "all"
