/// One stop as recorded: a line's interval with its reason and category.
struct DowntimeStop: Sendable {
    let start: Int64
    let end: Int64
    let reason: String
    let category: DowntimeCategory
}

/// Lays one line's stops on the plant's calendar: each stop is split at local midnights, and where
/// stops overlap the time counts once, for the stop whose category comes first (planned, setup,
/// unplanned, minor stop; then the earlier start). What each stop is credited with, per day, adds
/// up to the union of the stops.
enum DowntimeTimeline {
    struct Share {
        let stop: Int
        let day: Int
        let seconds: Int64
    }

    static func shares(_ stops: [DowntimeStop], days: PlantDays, within range: ClosedRange<Int>) -> [Share] {
        struct Piece { let stop: Int; let day: Int; let start: Int64; let end: Int64 }
        var pieces: [Piece] = []
        for (index, stop) in stops.enumerated() {
            var day = days.day(of: stop.start)
            var start = stop.start
            while start < stop.end {
                let next = days.midnight(day + 1)
                let end = min(stop.end, next)
                if range.contains(day) && end > start { pieces.append(Piece(stop: index, day: day, start: start, end: end)) }
                start = max(end, start + 1)
                day += 1
            }
        }
        var points: [(time: Int64, piece: Int, opens: Bool)] = []
        points.reserveCapacity(pieces.count * 2)
        for (index, piece) in pieces.enumerated() {
            points.append((piece.start, index, true))
            points.append((piece.end, index, false))
        }
        points.sort { ($0.time, $0.opens ? 1 : 0) < ($1.time, $1.opens ? 1 : 0) }
        var credited: [Int: Int64] = [:]
        var active: [Int] = []
        var previous: Int64 = 0
        for point in points {
            if point.time > previous, let winner = active.min(by: { rank(stops[pieces[$0].stop], pieces[$0].stop) < rank(stops[pieces[$1].stop], pieces[$1].stop) }) {
                credited[winner, default: 0] += point.time - previous
            }
            previous = point.time
            if point.opens {
                active.append(point.piece)
            } else if let at = active.firstIndex(of: point.piece) {
                active.remove(at: at)
            }
        }
        return credited.keys.sorted().compactMap { index in
            guard let seconds = credited[index], seconds > 0 else { return nil }
            return Share(stop: pieces[index].stop, day: pieces[index].day, seconds: seconds)
        }
    }

    private static func rank(_ stop: DowntimeStop, _ index: Int) -> (Int, Int64, Int) {
        (stop.category.precedence, stop.start, index)
    }
}
