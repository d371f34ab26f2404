import Foundation
import GembaKit
import Testing

/// `gemba meeting ...`, `gemba actions` and `gemba action ...` end to end.
@Suite struct MeetingCommandsTests {
    @Test func aMeetingRunsFromAgendaToIssuedMinutesOnTheCommandLine() throws {
        try Sandbox.with { s in
            try s.setUpPlant()
            let year = utcDay().prefix(4)
            // Given a plant series chaired by carol (an approver: meeting.manage) and an open item
            let series = try s.gemba("meeting", "series", "add", "T3", "--kind", "tier-3", "--facilitator", "carol", "--as", "carol")
            #expect(series.stdout == "T3: Tier 3 daily plant meeting; members: carol\n", "\(series)")
            let refused = try s.gemba("meeting", "series", "add", "T2", "--kind", "tier-2", "--facilitator", "carol", "--as", "alice")
            #expect(expectOneLineError(refused).hasPrefix("alice may not start meeting series"))
            let item = try s.gemba("action", "add", "--text", "Fix the <guard> on Z-2", "--owner", "alice", "--priority", "high", "--as", "carol")
            #expect(item.stdout == "ACT-\(year)-0001\n", "\(item)")

            // When today's meeting is planned, then the open item is carried into its agenda
            let planned = try s.gemba("meeting", "new", "T3", "--as", "carol")
            let id = "T3-\(utcDay())"
            #expect(planned.stdout == "\(id)\n1 open action item(s) carried into the agenda\n", "\(planned)")

            // And attendance, an update, a decision and a new item are recorded
            #expect(try s.gemba("meeting", "attend", id, "--present", "carol,alice", "--excused", "bob", "--as", "carol").succeeded)
            #expect(try s.gemba("meeting", "update", id, "--subject", "Maintenance", "--topic", "Delivery", "--rating", "red", "--text", "Stacker down 3 h",
                                "--as", "carol").stdout == "\(id): update U1 recorded\n")
            #expect(try s.gemba("meeting", "decide", id, "--text", "Run Z-1 on three shifts", "--as", "carol").stdout == "\(id): decision D1 recorded\n")
            let raised = try s.gemba("meeting", "action", id, "--text", "Order a spare servo", "--owner", "bob", "--due", utcDay(days: 3), "--as", "carol")
            #expect(raised.stdout == "ACT-\(year)-0002\n", "\(raised)")
            let view = try decodeJSON(MeetingView.self, try s.gemba("meeting", "show", id, "--json"))
            #expect(view.summary.status == "held" && view.agenda.compactMap(\.action) == ["ACT-\(year)-0001"] && view.actions.map(\.id) == ["ACT-\(year)-0002"])
            #expect(view.attendance.map(\.status) == ["present", "present", "excused"] && view.updates.first?.rating == "red")

            // When the minutes are issued, then the meeting refuses changes and exports escaped, self-contained HTML
            #expect(try s.gemba("meeting", "close", id, "--as", "carol").stdout.hasPrefix("\(id): minutes issued by Carol Approver at "))
            #expect(expectOneLineError(try s.gemba("meeting", "decide", id, "--text", "Late", "--as", "carol")).contains("a closed meeting cannot be changed"))
            let written = try s.gemba("meeting", "minutes", id, "--format", "html", "--out", "minutes.html")
            #expect(written.stdout == "Wrote minutes.html\n", "\(written)")
            let html = try String(contentsOf: s.folder.appendingPathComponent("minutes.html"), encoding: .utf8)
            #expect(html.contains("Fix the &lt;guard&gt; on Z-2") && !html.contains("<guard>") && html.contains("@media print"))
            let markdown = try s.gemba("meeting", "minutes", id)
            #expect(markdown.stdout.contains("## Decisions\n\n1. Run Z-1 on three shifts") && markdown.stdout.contains("Minutes issued by Carol Approver (carol)"))
            #expect(try s.gemba("meeting", "list").stdout.contains("\(id)  \(utcDay())  minutes_issued  carol"))
            #expect(try s.gemba("verify").succeeded)
        }
    }

    @Test func actionItemsFollowTheirAllowedTransitionsOnTheCommandLine() throws {
        try Sandbox.with { s in
            try s.setUpPlant()
            let id = try s.gemba("action", "add", "--text", "Relabel the racks", "--owner", "alice", "--due", utcDay(days: 5), "--as", "carol")
                .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            // The owner starts it; someone else may not; a new date needs a reason and a manager
            #expect(try s.gemba("action", "update", id, "--status", "in_progress", "--as", "alice").stdout
                    == "\(id) is in progress; due \(utcDay(days: 5)), medium, owner alice\n")
            #expect(expectOneLineError(try s.gemba("action", "update", id, "--status", "open", "--as", "bob")).hasPrefix("bob may not change \(id)"))
            #expect(expectOneLineError(try s.gemba("action", "update", id, "--due", utcDay(days: 9), "--as", "carol")).contains("needs --reason"))
            #expect(try s.gemba("action", "update", id, "--due", utcDay(days: 9), "--reason", "Labels late", "--as", "carol").succeeded)
            #expect(try s.gemba("action", "comment", id, "--text", "Labels ordered", "--as", "alice").stdout == "\(id): comment C1 recorded\n")
            // The owner may not cancel; the owner closes it as done; then it changes no more
            #expect(expectOneLineError(try s.gemba("action", "cancel", id, "--reason", "No need", "--as", "alice")).hasPrefix("alice may not cancel"))
            #expect(try s.gemba("action", "done", id, "--note", "All racks relabelled", "--as", "alice").stdout.hasPrefix("\(id) is done"))
            #expect(expectOneLineError(try s.gemba("action", "done", id, "--note", "Again", "--as", "alice")).contains("a closed item does not change"))
            let detail = try decodeJSON(ActionItemDetail.self, try s.gemba("action", "show", id, "--json"))
            #expect(detail.item.status == "done" && detail.item.resolution == "All racks relabelled" && detail.comments.map(\.text) == ["Labels ordered"])
            // Nothing open is overdue: `actions --overdue` exits 0; the closed item shows with --all
            let overdue = try s.gemba("actions", "--overdue")
            #expect(overdue.status == 0 && overdue.stdout == "No action item is overdue.\n", "\(overdue)")
            #expect(try decodeJSON([ActionItemView].self, try s.gemba("actions", "--all", "--json")).map(\.id) == [id])
            #expect(expectOneLineError(try s.gemba("action", "add", "--text", "x", "--owner", "alice", "--origin", "audit", "--reference", "AUD-1999-001",
                                                   "--as", "carol")).hasPrefix("no audit record AUD-1999-001"))
            #expect(try s.gemba("verify").succeeded)
        }
    }

    @Test func theDemoPlantHasMeetingHistoryAndOverdueItemsAtEveryLevel() async throws {
        let build = try await DemoPlant.built()
        try Sandbox.with { s in
            let demo = try build.copy(into: s)
            func run(_ arguments: String...) throws -> Outcome { try s.run(arguments + ["--register", demo.path]) }
            #expect(build.output.stdout.contains("Meetings: 67 in 7 series; action items: "), "\(build.output.stdout)")
            // Overdue items at levels 1, 2 and 3, and `actions --overdue` exits 1
            let overdue = try run("actions", "--overdue", "--json")
            #expect(overdue.status == 1, "\(overdue)")
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let items = try decoder.decode([ActionItemView].self, from: Data(overdue.stdout.utf8))
            #expect(Set(items.map(\.escalationLevel)) == [1, 2, 3], "\(items.map(\.id))")
            #expect(Set(items.map(\.origin)).isSuperset(of: ["meeting", "capa"]))
            let all = try decodeJSON([ActionItemView].self, try run("actions", "--all", "--json"))
            #expect(all.contains { $0.status == "done" } && all.contains { $0.status == "cancelled" } && all.contains { $0.origin == "audit" && $0.status == "done" })
            // Today's plant meeting is planned with every open item carried over
            let today = try decodeJSON(MeetingView.self, try run("meeting", "show", "T3-PLANT-\(build.day)", "--json"))
            let open = try decodeJSON([ActionItemView].self, try run("actions", "--json"))
            #expect(today.summary.status == "planned" && Set(today.agenda.compactMap(\.action)) == Set(open.map(\.id)))
            let series = try decodeJSON([MeetingSeriesView].self, try run("meeting", "series", "list", "--json"))
            #expect(series.map(\.id) == ["OPS-WEEKLY", "QM-MONTHLY", "T1-L1", "T1-L2", "T1-L3", "T2-PROD", "T3-PLANT"])
            #expect(series.first { $0.id == "T1-L2" }?.members == ["jnovak", "lpetrov", "mrossi", "pdubois"])
            #expect(try run("status").stdout.contains("action "))
        }
    }
}
