import Foundation

/// A small seeded random generator (SplitMix64): the sample's numbers are the same on every run.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<1.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }
}

/// The sample plant's last 90 days of production data as CSV files in gemba's generic layout:
/// three shifts on weekdays, output per order and shift, breaks, changeovers, breakdowns (some
/// overlapping a changeover, some crossing midnight), minor stops, quality holds (some open),
/// maintenance work orders (some open), safety incidents and hours worked.
struct SampleProductionData {
    static let reasons = [
        "L1": ["COATER-WEB-BREAK", "SLURRY-FILTER", "CALENDER-GAP"],
        "L2": ["STACKER-JAM", "WELDER-HORN", "DRYROOM-DEWPOINT"],
        "L3": ["RACK-CONTACT", "EOL-TESTER", "DEGAS-SEAL"],
    ]
    static let shiftStarts = [("A", 6), ("B", 14), ("C", 22)]

    let plant: PlantPolicy
    /// Plant-local day numbers, oldest first.
    let days: [Int]
    var random = SeededRandom(seed: 2026)
    var files: [ImportKind: [String]] = [:]

    init(plant: PlantPolicy, lastDay: Int, count: Int = 90) {
        self.plant = plant
        days = Array((lastDay - count + 1)...lastDay)
        files = [
            .calendar: ["date,shift,line,planned_time_min"],
            .production: ["date,shift,line,order,product,planned_qty,produced_qty,scrap_qty,rework_qty,due_date"],
            .downtime: ["line,start,end,reason,category,text"],
            .holds: ["line,product,lot,quantity,reason,opened,released"],
            .workOrders: ["order,type,equipment,line,priority,status,planned_date,created,text"],
            .safety: ["case,date,area,recordable,days_away,restricted,transferred,text"],
            .hours: ["date,area,hours"],
        ]
    }

    private func time(_ day: Int, _ minutes: Int) -> String {
        let extra = minutes.quotientAndRemainder(dividingBy: 1440)
        return String(format: "%@ %02d:%02d", CivilDay.text(day + extra.quotient), extra.remainder / 60, extra.remainder % 60)
    }

    mutating func generate() {
        let lines = plant.lines.map(\.id).filter { Self.reasons[$0] != nil }
        for (index, day) in days.enumerated() {
            let weekday = CivilDay.weekday(day)
            let date = CivilDay.text(day)
            for line in lines {
                let shifts = weekday < 5 ? Self.shiftStarts : (weekday == 5 && line == "L3" ? Array(Self.shiftStarts.prefix(2)) : [])
                // Each line changes product every Monday (day 0 was a Thursday, so weeks start at day - 3).
                let product = Self.product(day: day, line: line)
                let previous = Self.product(day: day - 1, line: line)
                let order = "10\(line.dropFirst())\(String(format: "%05d", index))"
                let ideal = plant.idealCycle(product: product, line: line) ?? 30
                for (shift, startHour) in shifts {
                    files[.calendar, default: []].append("\(date),\(shift),\(line),480")
                    let planned = Int(((450 * 60) / ideal * 0.82 / 10).rounded()) * 10
                    let produced = Int(Double(planned) * (0.88 + random.unit() * 0.2))
                    let scrap = Int(Double(produced) * (line == "L1" ? 0.012 : 0.006) * (0.5 + random.unit()))
                    let rework = Int(Double(produced) * 0.004 * random.unit())
                    files[.production, default: []].append("\(date),\(shift),\(line),\(order),\(product),\(planned),\(produced),\(scrap),\(rework),\(date)")
                    let start = startHour * 60
                    files[.downtime, default: []].append("\(line),\(time(day, start + 240)),\(time(day, start + 270)),BREAK,planned,Shift break")
                    if shift == "A" && product != previous && weekday == 0 {
                        files[.downtime, default: []].append("\(line),\(time(day, start + 30)),\(time(day, start + 120)),CHANGEOVER,setup,Changeover to \(product)")
                        // A breakdown during the changeover: the overlap counts once.
                        files[.downtime, default: []].append("\(line),\(time(day, start + 90)),\(time(day, start + 150)),\(Self.reasons[line]?[0] ?? "BREAKDOWN"),unplanned,Found during changeover")
                    }
                    if random.chance(0.22) {
                        let at = start + random.int(20...440)
                        let reason = Self.reasons[line]?[random.int(0...2)] ?? "BREAKDOWN"
                        files[.downtime, default: []].append("\(line),\(time(day, at)),\(time(day, at + random.int(15...95))),\(reason),unplanned,")
                    }
                    for stop in 0..<random.int(0...3) {
                        let at = start + 10 + stop * 150 + random.int(0...140)
                        files[.downtime, default: []].append("\(line),\(time(day, at)),\(time(day, at + random.int(2...6))),MINOR-STOP,minor_stop,")
                    }
                }
                // Night shift ends with a cleaning stop that crosses midnight now and then.
                if weekday < 5 && random.chance(0.15) {
                    let at = 23 * 60 + random.int(0...40)
                    files[.downtime, default: []].append("\(line),\(time(day, at)),\(time(day, at + random.int(40...90))),\(Self.reasons[line]?[1] ?? "BREAKDOWN"),unplanned,Night shift stop across midnight")
                }
            }
            generateSupport(day: day, index: index, weekday: weekday, lines: lines)
        }
    }

    private mutating func generateSupport(day: Int, index: Int, weekday: Int, lines: [String]) {
        let date = CivilDay.text(day)
        let last = days.count - 1
        for line in lines where weekday < 5 {
            files[.hours, default: []].append("\(date),\(line),\(line == "L2" ? 840 : 600)")
        }
        files[.hours, default: []].append("\(date),Plant,\(weekday < 5 ? 720 : 120)")
        if index % 6 == 2 {
            let line = lines[index % lines.count]
            let open = index > last - 14
            let opened = time(day, 9 * 60 + index)
            let released = open ? "" : time(day + 2 + index % 3, 15 * 60)
            let reason = ["Coating weight out of tolerance", "Weld pull test below limit", "OCV drift after aging", "Foreign particle found"][index % 4]
            files[.holds, default: []].append("\(line),\(index % 2 == 0 ? "VC72-E" : "VC60-P"),LOT-\(date.replacingOccurrences(of: "-", with: ""))-\(line),\(200 + index * 7),\(reason),\(opened),\(released)")
        }
        if index % 2 == 1 {
            let line = lines[index % lines.count]
            let age = last - index
            let status = age > 20 ? (index % 5 == 0 ? "CLSD" : "TECO") : ["CRTD", "REL", "REL PCNF", "CNF", "TECO"][index % 5]
            let priority = [3, 2, 4, 1, 3, 2][index % 6]
            let type = priority == 1 ? "PM01" : (index % 3 == 0 ? "PM03" : "PM02")
            let equipment = ["L1": "COATER-C1", "L2": "STACKER-Z2", "L3": "FORM-RACK-07"][line] ?? "EQ"
            let text = type == "PM03" ? "Preventive inspection \(equipment)" : "Repair \(equipment) after stop"
            files[.workOrders, default: []].append("40\(String(format: "%05d", index)),\(type),\(equipment),\(line),\(priority),\(status),\(CivilDay.text(day + 10)),\(date),\(text)")
        }
        let incidents = [
            (11, "L2", true, 2, 0, 0, "Hand cut on pouch foil edge"), (37, "L1", false, 0, 0, 0, "Slurry splash on sleeve, first aid"),
            (63, "L3", true, 0, 5, 0, "Back strain lifting rack tray"),
        ]
        for (at, area, recordable, away, restricted, transferred, text) in incidents where at == index {
            files[.safety, default: []].append("INC-\(date.prefix(4))-\(String(format: "%03d", at)),\(date),\(area),\(recordable),\(away),\(restricted),\(transferred),\(text)")
        }
    }

    private static func product(day: Int, line: String) -> String {
        ((day + 3) / 7 + (line == "L2" ? 1 : 0)) % 2 == 0 ? "VC72-E" : "VC60-P"
    }

    /// The CSV text of one kind (CRLF line ends, as spreadsheets write them).
    func csv(_ kind: ImportKind) -> String { (files[kind] ?? []).joined(separator: "\r\n") + "\r\n" }
}
