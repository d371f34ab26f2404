import Foundation
import GembaKit

enum ActionPrinters {
    static func added(_ view: ActionItemView, _ json: Bool) throws {
        if json { return try Output.json(view) }
        print(view.id)
    }

    static func changed(_ view: ActionItemView, _ json: Bool) throws {
        if json { return try Output.json(view) }
        print("\(view.id) is \(view.status.replacingOccurrences(of: "_", with: " ")); due \(view.dueOn), \(view.priority), owner \(view.owner)")
    }

    static func late(_ item: ActionItemView) -> String {
        guard let days = item.daysOverdue else { return item.status }
        return days > 0 ? "\(days) d late" : days == 0 ? "due today" : "in \(-days) d"
    }

    static func list(_ items: [ActionItemView], empty: String) {
        if items.isEmpty { return print(empty) }
        Output.table(["ACTION", "LEVEL", "DUE", "LATE", "PRIORITY", "STATUS", "OWNER", "ORIGIN", "TEXT"], items.map { a in
            [a.id, a.escalationLevel > 0 ? "\(a.escalationLevel)" : "-", a.dueOn, late(a), a.priority, a.status, a.owner,
             a.reference.map { "\(a.origin) \($0)" } ?? a.origin, Output.clip(a.text, 50)]
        })
    }

    static func detail(_ detail: ActionItemDetail) {
        let a = detail.item
        print("\(a.id): \(a.text)")
        print("Owner: \(a.ownerName) (\(a.owner))   Priority: \(a.priority)   Status: \(a.status)   Due: \(a.dueOn) (\(late(a)))")
        if let level = a.escalation { print("Escalation: level \(a.escalationLevel), \(level)\(a.escalatedTo.isEmpty ? "" : "; carried into \(a.escalatedTo.joined(separator: ", ")) meetings")") }
        print("Origin: \(a.origin)\(a.reference.map { " \($0)" } ?? "")\(a.series.map { "   Series: \($0)" } ?? "")")
        print("Created: \(a.createdAt) by \(a.createdBy)")
        if let closed = a.closedAt { print("Closed: \(closed) by \(a.closedBy ?? "-"): \(a.resolution ?? "")") }
        if !detail.carriedInto.isEmpty { print("Carried into: \(detail.carriedInto.joined(separator: ", "))") }
        if !detail.comments.isEmpty {
            print("Comments:")
            for c in detail.comments { print("  C\(c.number) \(c.at) \(c.byName) (\(c.by)): \(c.text)") }
        }
    }
}

enum MeetingPrinters {
    static func attendanceLine(_ view: MeetingView) -> String {
        ["present", "excused", "absent", "invited"].map { status in
            let names = view.attendance.filter { $0.status == status }.map(\.username)
            return "\(status == "invited" ? "not recorded" : status): \(names.isEmpty ? "-" : names.joined(separator: ", "))"
        }.dropFirst().joined(separator: "; ")
    }

    static func meeting(_ view: MeetingView) {
        let m = view.summary
        print("\(m.id): \(m.title) on \(m.heldOn)")
        print("Kind: \(view.kindName)\(view.line.map { "   Line: \($0)" } ?? "")   Facilitator: \(view.facilitatorName) (\(m.facilitator))   Status: \(m.status)")
        if let issued = view.issuedAt { print("Minutes issued: \(issued) by \(view.issuedByName ?? "-") (\(view.issuedBy ?? "-"))") }
        print("Present: \(view.attendance.filter { $0.status == "present" }.map(\.username).joined(separator: ", "))   " + attendanceLine(view))
        print("")
        print("Agenda:")
        for item in view.agenda {
            print("  \(item.position). \(item.title)")
            if let detail = item.detail { print("     \(detail)") }
        }
        if !view.updates.isEmpty {
            print("Status updates:")
            for u in view.updates {
                print("  U\(u.number) \(u.subject)\(u.topic.map { " / \($0)" } ?? "")\(u.rating.map { " [\($0)]" } ?? ""): \(u.text)")
            }
        }
        if !view.decisions.isEmpty {
            print("Decisions:")
            for d in view.decisions { print("  D\(d.number) \(d.text)") }
        }
        if !view.actions.isEmpty {
            print("Action items raised:")
            for a in view.actions { print("  \(a.id)  \(a.status)  due \(a.dueOn)  \(a.priority)  \(a.owner): \(a.text)") }
        }
    }
}
