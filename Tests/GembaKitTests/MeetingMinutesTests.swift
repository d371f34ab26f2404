import Foundation
import Testing
@testable import GembaKit

@Suite struct MeetingMinutesTests {
    /// A held L2 meeting with hostile text in an update, a decision and an item.
    func meetingWithMarkup(_ r: TestRegister) throws -> String {
        try r.lineSeries()
        _ = try r.actionItem("Fix <guard> | Z-2", series: "T1-L2")
        let id = try r.heldMeeting().summary.id
        _ = try r.register.addStatusUpdates(id, [NewStatusUpdate(subject: "L2", topic: "Safety", rating: .amber, text: "Near miss <script>alert(1)</script>")], by: "rob")
        try r.register.recordDecision(id, text: "Use *both* fixtures & check [daily]", by: "rob")
        _ = try r.register.raiseAction(in: id, NewActionItem(text: "Order \"spare\" servo", owner: "rob", priority: .high), by: "rob")
        return id
    }

    @Test func markdownMinutesHaveEverySectionAndEscapeMarkup() throws {
        try withMeetingRegister { r in
            let id = try meetingWithMarkup(r)
            let draft = try r.register.meetingMinutes(id, format: .markdown)
            #expect(draft.contains("| Status | DRAFT: held, minutes not issued |"))
            _ = try r.register.closeMeeting(id, by: "rob")
            let minutes = try r.register.meetingMinutes(id, format: .markdown)
            #expect(minutes.hasPrefix("# Minutes: Tier 1 daily line meeting, L2, \(r.today)\n"))
            for section in ["## Attendance", "## Agenda", "## Decisions", "## Action items raised", "## Open action items carried over"] {
                #expect(minutes.contains("\n\(section)\n"), "missing \(section)")
            }
            #expect(minutes.contains("- **Present:** Carl Coordinator (carl), Rob Writer (rob)"))
            #expect(minutes.contains("1. Safety\n    - L2 \\[AMBER\\]: Near miss \\<script\\>alert(1)\\</script\\>"))
            #expect(minutes.contains("1. Use \\*both\\* fixtures & check \\[daily\\]"))
            #expect(minutes.contains("| ACT-2026-0002 | Order \"spare\" servo | Rob Writer | \(r.today.addingDays(7)) | high | open |"))
            #expect(minutes.contains("| ACT-2026-0001: Fix \\<guard\\> \\| Z-2 | Rob Writer (rob), medium, due"))
            #expect(minutes.contains("Minutes issued by Rob Writer (rob) on \(Timestamp.readable(r.clock.now()))"))
            let view = try r.register.meetingView(id)
            #expect(minutes.contains("Content SHA-256 when issued: \(view.minutesHash ?? "-")"))
        }
    }

    @Test func htmlMinutesAreSelfContainedEscapedAndPrintable() throws {
        try withMeetingRegister { r in
            let id = try meetingWithMarkup(r)
            let html = try r.register.meetingMinutes(id, format: .html)
            #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<meta charset=\"utf-8\">"))
            #expect(!html.contains("<script>") && html.contains("Near miss &lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(html.contains("Fix &lt;guard&gt; | Z-2") && html.contains("Order &quot;spare&quot; servo") && html.contains("Use *both* fixtures &amp; check [daily]"))
            #expect(html.contains("<span class=\"rating amber\">AMBER</span>"))
            #expect(html.contains("@media print") && html.contains("@page"))
            for external in ["<link", "src=", "http://", "https://", "@import"] { #expect(!html.contains(external), "\(external)") }
        }
    }
}
