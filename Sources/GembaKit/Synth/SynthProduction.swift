import Foundation

/// A week of the synthetic plant's production data as CSV files in gemba's generic layout, per
/// line: three shifts on weekdays (and a Saturday shift on some lines), output per shift of the
/// week's order, breaks, changeovers, breakdowns, minor stops, hours worked and now and then a
/// safety incident. Each line and week has its own random stream, so a week is the same
/// whichever order it is made in.
struct SynthProduction {
    static let kinds: [ImportKind] = [.calendar, .production, .downtime, .hours, .safety]
    static let headers: [ImportKind: String] = [
        .calendar: "date,shift,line,planned_time_min",
        .production: "date,shift,line,order,product,planned_qty,produced_qty,scrap_qty,rework_qty,due_date",
        .downtime: "line,start,end,reason,category,text",
        .hours: "date,area,hours",
        .safety: "case,date,area,recordable,days_away,restricted,transferred,text",
    ]
    private static let shifts = [("A", 6), ("B", 14), ("C", 22)]
    private static let breakdowns = ["DRIVE-TRIP", "SENSOR-FAULT", "MATERIAL-JAM", "VACUUM-LOSS", "TOOL-WEAR", "PLC-ALARM"]
    private static let incidents = [
        "Hand cut on foil edge", "Strain lifting a tray", "Slip near the washing station", "Eye irritation from electrolyte vapour",
        "Finger pinched at the stacker guard",
    ]

    let plant: PlantPolicy
    let seed: UInt64
    /// The plant-local days with data, first and last.
    let firstDay: Int
    let lastDay: Int
    /// The Monday of week 0 (on or before the first day).
    let firstMonday: Int
    /// Operators per line (hours worked).
    let crews: [String: Int]

    init(plant: PlantPolicy, seed: UInt64, firstDay: Int, lastDay: Int, crews: [String: Int]) {
        self.plant = plant
        self.seed = seed
        self.firstDay = firstDay
        self.lastDay = lastDay
        firstMonday = firstDay - CivilDay.weekday(firstDay)
        self.crews = crews
    }

    var weeks: Int { (lastDay - firstMonday) / 7 + 1 }

    /// The days of week `week` that have data.
    func days(of week: Int) -> ClosedRange<Int> {
        max(firstDay, firstMonday + 7 * week)...min(lastDay, firstMonday + 7 * week + 6)
    }

    private func product(line index: Int, week: Int) -> (name: String, idealCycle: Int) {
        let products = SynthPolicies.products
        return products[(index + (week + index + 2) % 2) % products.count]
    }

    /// The files of one week, by kind (CRLF line ends, as spreadsheets write them).
    func files(week: Int) -> [ImportKind: String] {
        var rows: [ImportKind: [String]] = [:]
        let range = days(of: week)
        for (lineIndex, line) in plant.lines.map(\.id).enumerated() {
            var random = SynthRandom(seed: seed, stream: UInt64(lineIndex) << 32 | UInt64(week), salt: 31)
            let product = self.product(line: lineIndex, week: week)
            let changeover = product.name != self.product(line: lineIndex, week: week - 1).name
            let order = "PO-\(line)-\(CivilDay.text(firstMonday + 7 * week).replacingOccurrences(of: "-", with: ""))"
            let saturday = lineIndex % 3 == 0
            let dueDay = CivilDay.text(min(firstMonday + 7 * week + (saturday ? 5 : 4), lastDay))
            let planned = Int((Double(480 * 60) / Double(product.idealCycle) * 0.7 / 10).rounded()) * 10
            for day in range {
                let weekday = CivilDay.weekday(day)
                let date = CivilDay.text(day)
                let shifts = weekday < 5 ? Self.shifts : (weekday == 5 && saturday ? Array(Self.shifts.prefix(1)) : [])
                let midnight = plant.days.midnight(day)
                for (shift, hour) in shifts {
                    rows[.calendar, default: []].append("\(date),\(shift),\(line),480")
                    let start = midnight + Int64(hour) * 3600
                    var lost = 30 * 60
                    func stop(_ from: Int, _ minutes: Int, _ reason: String, _ category: String, _ text: String) {
                        let begin = start + Int64(from) * 60
                        rows[.downtime, default: []].append(
                            "\(line),\(Timestamp.string(seconds: begin)),\(Timestamp.string(seconds: begin + Int64(minutes) * 60)),\(reason),\(category),\(text)")
                    }
                    stop(240, 30, "BREAK", "planned", "Shift break")
                    if changeover, weekday == 0, shift == "A" {
                        let minutes = random.int(40...100)
                        stop(20, minutes, "CHANGEOVER", "setup", "Changeover to \(product.name)")
                        lost += minutes * 60
                    }
                    if random.chance(0.35) {
                        let minutes = random.int(15...120)
                        stop(random.int(20...420), minutes, random.pick(Self.breakdowns), "unplanned", "")
                        lost += minutes * 60
                    }
                    for index in 0..<random.int(0...5) {
                        let minutes = random.int(2...8)
                        stop(5 + index * 90 + random.int(0...80), minutes, "MINOR-STOP", "minor_stop", "")
                        lost += minutes * 60
                    }
                    let produced = Int(Double(480 * 60 - lost) / Double(product.idealCycle) * (0.8 + 0.12 * random.unit()))
                    let scrap = Int(Double(produced) * (0.004 + 0.016 * random.unit()))
                    let rework = Int(Double(produced) * 0.006 * random.unit())
                    rows[.production, default: []].append(
                        "\(date),\(shift),\(line),\(order),\(product.name),\(planned),\(produced),\(scrap),\(rework),\(dueDay)")
                    if random.chance(0.0005) {
                        let recordable = random.chance(0.4)
                        let away = recordable && random.chance(0.4) ? random.int(1...10) : 0
                        let restricted = recordable && random.chance(0.3) ? random.int(1...5) : 0
                        rows[.safety, default: []].append(
                            "INC-\(line)-\(date.replacingOccurrences(of: "-", with: ""))-\(shift),\(date),\(line),\(recordable),\(away),\(restricted),0,\(random.pick(Self.incidents))")
                    }
                }
                if !shifts.isEmpty { rows[.hours, default: []].append("\(date),\(line),\(shifts.count * 8 * (crews[line] ?? 12))") }
            }
        }
        var files: [ImportKind: String] = [:]
        for kind in Self.kinds {
            guard let lines = rows[kind], !lines.isEmpty, let header = Self.headers[kind] else { continue }
            files[kind] = ([header] + lines).joined(separator: "\r\n") + "\r\n"
        }
        return files
    }
}
