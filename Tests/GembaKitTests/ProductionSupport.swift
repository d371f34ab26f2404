import Foundation
import Testing
@testable import GembaKit

/// A shipped policy file other than the four core ones, as text.
func shippedPolicy(_ name: String) throws -> String {
    try String(contentsOf: shippedPolicyFolder.appendingPathComponent(name), encoding: .utf8)
}

/// A fresh register with the shipped plant.yaml and imports.yaml (after `plant`, a change of the
/// plant's text). carl (coordinator) may import data.
func withPlantRegister<T>(plant edit: @escaping (String) -> String = { $0 }, _ body: (TestRegister) throws -> T) throws -> T {
    let plant = try shippedPolicy(PlantPolicy.fileName)
    let imports = try shippedPolicy(ImportMapping.fileName)
    return try withRegister(policies: [PlantPolicy.fileName: { _ in edit(plant) }, ImportMapping.fileName: { _ in imports }]) { r in
        try body(r)
    }
}

extension TestRegister {
    /// Writes `text` to a file in the test folder and imports it.
    @discardableResult
    func importCSV(_ kind: ImportKind, _ text: String, name: String? = nil, mapping: String? = nil, by username: String = "carl") throws -> ImportBatch {
        let file = folder.appendingPathComponent(name ?? "\(kind.rawValue).csv")
        try Data(text.utf8).write(to: file)
        return try register.importData(kind, file: file, name: file.lastPathComponent, mapping: mapping, by: username)
    }

    /// The message of the error an import throws (or "" when it succeeds).
    func importError(_ kind: ImportKind, _ text: String, mapping: String? = nil, by username: String = "carl") -> String {
        do {
            try importCSV(kind, text, mapping: mapping, by: username)
            return ""
        } catch {
            return "\(error)"
        }
    }

    func count(_ table: String) throws -> Int {
        try database().read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }

    func report(_ lines: [String]? = ["L1"], from: String = "2026-03-02", to: String = "2026-03-02", by: KPIPeriod? = nil) throws -> KPIReport {
        try register.kpiReport(KPIQuery(lines: lines, from: try Day.on(from), to: try Day.on(to), by: by))
    }
}

/// The worked example of docs/kpis.md: L1 on Monday 2026-03-02 (Europe/Berlin).
enum WorkedExample {
    static let calendar = """
        date,shift,line,planned_time_min
        2026-03-02,A,L1,480
        2026-03-02,B,L1,480
        """
    static let production = """
        date,shift,line,order,product,planned_qty,produced_qty,scrap_qty,rework_qty,due_date
        2026-03-02,A,L1,4711,VC72-E,1000,1200,24,12,2026-03-02
        2026-03-02,B,L1,4712,VC60-P,800,700,14,0,2026-03-02
        """
    static let downtime = """
        line,start,end,reason,category,text
        L1,2026-03-02 09:00,2026-03-02 09:30,BREAK,planned,Breakfast break
        L1,2026-03-02 10:00,2026-03-02 11:00,CHANGEOVER,setup,To VC60-P
        L1,2026-03-02 10:30,2026-03-02 11:30,JAM,unplanned,Web break during changeover
        L1,2026-03-02 13:00,2026-03-02 13:06,MINOR,minor_stop,
        L1,2026-03-02T20:30:00Z,2026-03-02T21:30:00Z,MOTOR,unplanned,Drive motor
        """
    static let safety = """
        case,date,area,recordable,days_away,restricted,transferred,text
        INC-1,2026-03-02,L1,yes,2,0,0,Hand cut
        """
    static let hours = """
        date,area,hours
        2026-03-02,Plant,4000
        """

    static func load(_ r: TestRegister) throws {
        try r.importCSV(.calendar, calendar)
        try r.importCSV(.production, production)
        try r.importCSV(.downtime, downtime)
        try r.importCSV(.safety, safety)
        try r.importCSV(.hours, hours)
    }
}

/// Two values equal to 1e-9.
func close(_ a: Double?, _ b: Double) -> Bool {
    guard let a else { return false }
    return abs(a - b) < 1e-9
}
