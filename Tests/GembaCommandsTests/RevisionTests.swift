import Foundation
import GembaKit
import Testing

/// Revising an effective document: revise, edit the draft, compare revisions, list, audit trail.
@Suite struct RevisionTests {
    static let revisionA = "# Line clearance\n\n1. Remove every part of the last order.\n2. Check the line is empty.\n"
    static let revisionB = "# Line clearance\n\n1. Remove every part of the last order.\n2. Check the line is empty, twice.\n3. Sign the clearance log.\n"

    @Test func reviseEditAndDiffShowWhatChanged() throws {
        try Sandbox.with { s in
            // Given an effective SOP-0001 and another document beside it
            try s.setUpPlant()
            try s.write("sop.md", Self.revisionA)
            #expect(try s.effectiveSOP(title: "Line clearance", file: "sop.md") == "SOP-0001")
            #expect(try s.effectiveSOP(title: "Shift handover", file: "handover.md") == "SOP-0002")

            // When the author opens revision B and saves new content and a new title
            let revised = try s.gemba("doc", "revise", "SOP-0001", "--reason", "Add a sign-off step", "--eco", "ECO-2026-014", "--as", "alice")
            #expect(revised.stdout == "SOP-0001 rev B is open as a draft\n", "\(revised)")
            try s.write("sop-b.md", Self.revisionB)
            let edited = try s.gemba("doc", "edit", "SOP-0001", "--file", "sop-b.md", "--title", "Line clearance and sign-off", "--as", "alice")
            #expect(edited.stdout == "Saved the draft of SOP-0001\n", "\(edited)")

            // Then doc diff shows the metadata changes and a unified diff of the content
            let diff = try s.gemba("doc", "diff", "SOP-0001", "A", "B")
            #expect(diff.succeeded, "\(diff)")
            let lines = diff.stdoutLines
            #expect(lines.first == "SOP-0001 rev A -> rev B")
            #expect(lines.contains("  title: Line clearance -> Line clearance and sign-off"), "\(diff)")
            #expect(lines.contains("  change reason: Initial release -> Add a sign-off step"), "\(diff)")
            #expect(lines.contains("  eco: - -> ECO-2026-014"), "\(diff)")
            #expect(lines.contains("--- SOP-0001@A/SOP-0001.md") && lines.contains("+++ SOP-0001@B/SOP-0001.md"), "\(diff)")
            #expect(lines.contains { $0.hasPrefix("@@ ") })
            #expect(lines.contains("-2. Check the line is empty."), "\(diff)")
            #expect(lines.contains("+2. Check the line is empty, twice."), "\(diff)")
            #expect(lines.contains("+3. Sign the clearance log."), "\(diff)")
            #expect(lines.contains(" 1. Remove every part of the last order."), "unchanged lines are context: \(diff)")

            // And doc list --json shows A effective with B pending as a draft
            let list = try decodeJSON([DocumentSummary].self, try s.gemba("doc", "list", "--json"))
            #expect(list.map(\.id) == ["SOP-0001", "SOP-0002"])
            let sop = try #require(list.first)
            #expect(sop.status == "effective" && sop.effectiveRevision == "A" && sop.latestRevision == "B" && sop.latestStatus == "draft")
            #expect(sop.title == "Line clearance", "the effective title stays until B is released")
            #expect(sop.nextReviewDue == utcDay(addingMonths: 24))

            // And the audit trail of SOP-0001 lists its actions, in order, and nothing of SOP-0002
            let trail = try s.gemba("trail", "--entity", "SOP-0001")
            #expect(trail.succeeded, "\(trail)")
            let headers = trail.stdoutLines.filter { $0.hasPrefix("#") }
            let actions = headers.map { $0.split(separator: " ")[3] }
            for action in ["document.create", "revision.draft", "review.start", "signature.sign", "review.step", "review.complete",
                           "revision.approve", "revision.effective", "document.release", "document.revise", "revision.save"] {
                #expect(actions.contains(Substring(action)), "\(action) missing from \(trail)")
            }
            #expect(actions.firstIndex(of: "document.create") ?? 99 < actions.firstIndex(of: "document.release") ?? -1)
            #expect(actions.lastIndex(of: "revision.save") == actions.indices.last.map { $0 - 1 }, "the save, then its ref move, come last")
            #expect(!trail.stdout.contains("SOP-0002"), "\(trail)")
            #expect(headers.allSatisfy { $0.contains(" alice ") || $0.contains(" bob ") || $0.contains(" carol ") }, "every entry names who acted")
            #expect(trail.stdout.contains("title: Line clearance -> Line clearance and sign-off"), "old and new values are shown")
        }
    }

    /// Every other command takes a document ID in any case; the trail filter must too.
    @Test func trailOfALowerCaseIDListsTheSameEntries() throws {
        try Sandbox.with { s in
            // Given an effective SOP-0001
            try s.setUpPlant()
            _ = try s.effectiveSOP(title: "Line clearance")
            #expect(try s.gemba("doc", "show", "sop-0001", "--no-content").succeeded)

            // When the trail is asked for with the ID in lower case
            let upper = try decodeJSON([TrailEntry].self, try s.gemba("trail", "--entity", "SOP-0001", "--json"))
            let lower = try decodeJSON([TrailEntry].self, try s.gemba("trail", "--entity", "sop-0001", "--json"))

            // Then it lists the same entries, including those of the document row itself
            #expect(upper.contains { $0.action == "document.create" })
            #expect(lower.map(\.seq) == upper.map(\.seq))
        }
    }
}
