import Foundation
import GembaKit

enum RequestPrinters {
    static func list(_ list: [RequestSummary]) {
        if list.isEmpty { return print("No request.") }
        Output.table(["REQUEST", "KIND", "STATUS", "REQUESTER", "APPROVER", "SUBMITTED", "DUE", "DAYS", "TITLE"], list.map { r in
            let late = (r.daysOverdue ?? 0) > 0 ? " [OVERDUE \(r.daysOverdue ?? 0) d]" : ""
            return [r.id, r.kind, r.status, r.requester, r.approver ?? "(\(r.approverRole))", r.submittedOn, r.dueDate, String(r.openDays),
                    Output.clip(r.title, 50) + late]
        })
    }

    static func request(_ view: RequestView) {
        let r = view.summary
        print("\(r.id): \(r.title)")
        print("Kind: \(r.kindName)   Status: \(r.status)   Requester: \(r.requester)   Approver: \(r.approver ?? "any \(r.approverRole)")")
        let late = (r.daysOverdue ?? 0) > 0 ? "   OVERDUE \(r.daysOverdue ?? 0) d" : ""
        print("Submitted: \(view.submittedAt)   Due: \(r.dueDate)   Open \(r.openDays) days\(late)")
        print("")
        for detail in view.details { print("  \(detail.name): \(detail.value ?? "-")") }
        if let signature = view.signature {
            print("")
            let mark = signature.contentVerified ? "" : "  [SIGNED CONTENT DOES NOT MATCH: run gemba verify]"
            print("Signature: \(signature.manifestation)\(signature.comment.map { ": \($0)" } ?? "")\(mark)")
        }
        if let closed = view.closedAt {
            print("\(r.status == "fulfilled" ? "Fulfilled" : "Cancelled") \(closed) by \(view.closedBy ?? "-"): \(view.closeNote ?? "")")
        }
        if !view.comments.isEmpty {
            print("")
            print("Comments:")
            for c in view.comments { print("  \(c.number). \(c.at) \(c.name) (\(c.username)): \(c.text)") }
        }
        if let next = view.nextStep { print("Next: \(next)") }
    }

    static func done(_ view: RequestView, _ json: Bool) throws {
        if json { return try Output.json(view) }
        print("\(view.summary.id) is \(view.summary.status)")
        if let next = view.nextStep { print("Next: \(next)") }
    }

    static func signed(_ view: RequestView, _ json: Bool) throws {
        if json { return try Output.json(view) }
        if let signature = view.signature { print("Signed \(view.summary.id): \(signature.manifestation)") }
        try done(view, false)
    }

    static func aging(_ aging: RequestAging) {
        print("Open requests on \(aging.asOf): \(aging.openCount)")
        for (title, groups) in [("By kind", aging.byKind), ("By approver", aging.byApprover)] where !groups.isEmpty {
            print("")
            print("\(title):")
            Output.table(["", "OPEN", "OVERDUE", "OLDEST"] + aging.buckets.map { $0.uppercased() }, groups.map { g in
                [g.name, String(g.count), String(g.overdue), String(g.oldestOpenDays)] + g.buckets.map(String.init)
            })
        }
        if !aging.requests.isEmpty {
            print("")
            list(aging.requests)
        }
    }
}
