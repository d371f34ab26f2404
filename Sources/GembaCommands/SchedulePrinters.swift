import Foundation
import GembaKit

enum SchedulePrinters {
    static func list(_ events: [ScheduleEventView], zone: String) {
        if events.isEmpty { return print("No schedule event.") }
        Output.table(["EVENT", "KIND", "LINES", "START (\(zone))", "END", "STATUS", "OWNER", "TITLE"], events.map { e in
            [e.id, e.kind.rawValue, e.lines.joined(separator: ","), e.localStart, e.localEnd, e.status.rawValue, e.owner, Output.clip(e.title, 45)]
        })
    }

    static func detail(_ detail: ScheduleEventDetail) {
        let e = detail.event
        print("\(e.id): \(e.title)")
        print("Kind: \(e.kind.label)   Lines: \(e.lines.joined(separator: ", "))   Status: \(e.status.rawValue)   Sequence: \(e.sequence)")
        print("When: \(e.localStart) to \(e.localEnd) local (\(e.start) to \(e.end))")
        print("Owner: \(e.ownerName) (\(e.owner))   Stakeholders: \(e.stakeholders.isEmpty ? "none" : e.stakeholders.joined(separator: ", "))")
        if let eco = e.links.eco { print("ECO: \(eco)") }
        if !e.links.documents.isEmpty { print("Documents: \(e.links.documents.joined(separator: ", "))") }
        if !e.links.participants.isEmpty { print("Participants: \(e.links.participants.joined(separator: ", "))") }
        if !e.links.trainingAssignments.isEmpty { print("Open training assignments: \(e.links.trainingAssignments.joined(separator: ", "))") }
        if let note = e.note { print("Note: \(note)") }
        print("History:")
        for change in detail.history {
            let values = change.field == "created" ? (change.newValue ?? "") : "\(change.oldValue ?? "(none)") -> \(change.newValue ?? "(none)")"
            print("  \(change.at) \(change.by): \(change.field) \(values) [\(change.reason)]")
        }
        if !detail.notices.isEmpty {
            print("Notices:")
            for n in detail.notices { print("  #\(n.id) \(n.change.rawValue) to \(n.stakeholder): \(n.status.rawValue), \(n.attempts) attempt(s)") }
        }
    }

    static func conflicts(_ conflicts: [ScheduleConflict]) {
        if conflicts.isEmpty { return print("No schedule conflict.") }
        for conflict in conflicts { print("\(conflict.rule.rawValue): \(conflict.message)") }
        print("\(conflicts.count) conflict(s)")
    }

    static func changes(_ changes: [ScheduleChangeView], empty: String) {
        if changes.isEmpty { return print(empty) }
        Output.table(["AT", "EVENT", "BY", "FIELD", "OLD", "NEW", "WHY"], changes.map { c in
            [c.at, c.event, c.by, c.field, Output.clip(c.oldValue ?? "-", 30), Output.clip(c.newValue ?? "-", 40), Output.clip(c.reason, 40)]
        })
    }

    /// One day's events with their local times; `..` where an event runs past the day's edge.
    static func day(_ day: ScheduleDayView) {
        print("\(day.weekday) \(day.day)")
        if day.events.isEmpty { return print("  -") }
        for e in day.events {
            let from = e.localStart.hasPrefix(day.day) ? String(e.localStart.suffix(5)) : "   .."
            let to = e.localEnd.hasPrefix(day.day) ? String(e.localEnd.suffix(5)) : "..   "
            print("  \(from)-\(to)  \(e.id)  \(e.kind.label)  \(e.lines.joined(separator: ","))  \(e.title) (\(e.status.rawValue))")
        }
    }

    static let kindLetters: [ScheduleKind: String] = [
        .maintenanceShutdown: "S", .engineeringChange: "E", .trainingEvent: "T", .safetyAudit: "A", .productionChange: "P", .expedite: "X",
    ]

    /// A month as a grid: a row per line, a column per day, a letter per kind (`*` for several).
    static func grid(_ period: SchedulePeriodView) {
        let lines = Set(period.days.flatMap { $0.events.flatMap(\.lines) }).filter { period.line == nil || $0 == period.line }.sorted()
        let width = max(6, (lines.map(\.count).max() ?? 0) + 1)
        print("".padding(toLength: width, withPad: " ", startingAt: 0) + period.days.map { String($0.day.suffix(2)) }.joined(separator: " "))
        print("".padding(toLength: width, withPad: " ", startingAt: 0) + period.days.map { String($0.weekday.prefix(2)) }.joined(separator: " "))
        for line in lines {
            let cells = period.days.map { day -> String in
                let kinds = Set(day.events.filter { $0.lines.contains(line) }.map(\.kind))
                return kinds.count > 1 ? " *" : kinds.first.map { " " + (kindLetters[$0] ?? "?") } ?? " ."
            }
            print(line.padding(toLength: width, withPad: " ", startingAt: 0) + cells.joined(separator: " "))
        }
        if lines.isEmpty { print("No event.") }
        print("S shutdown  E engineering change  T training  A safety audit  P production change  X expedite  * several")
    }
}
