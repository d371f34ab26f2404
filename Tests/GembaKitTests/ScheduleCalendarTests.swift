import Foundation
import Testing
@testable import GembaKit

@Suite struct ScheduleCalendarTests {
    @Test func textIsEscapedAndLongLinesFoldWithoutSplittingUTF8() {
        #expect(ICalendarText.escape("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf")
        let line = "SUMMARY:" + String(repeating: "ü", count: 60) + String(repeating: "x", count: 30)
        let folded = ICalendarText.fold(line)
        let physical = folded.components(separatedBy: "\r\n")
        #expect(physical.count == 3)
        #expect(physical.allSatisfy { $0.utf8.count <= 75 })
        #expect(physical.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(physical.allSatisfy { !$0.contains("\u{FFFD}") })
        #expect(physical.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined() == line)
        #expect(ICalendarText.fold("SHORT:x") == "SHORT:x")
        #expect(ICalendarText.fold(String(repeating: "a", count: 75)).components(separatedBy: "\r\n").count == 1)
        #expect(ICalendarText.fold(String(repeating: "a", count: 76)).components(separatedBy: "\r\n").count == 2)
    }

    @Test func theFeedIsRFC5545WithStableUIDsAndRisingSequence() throws {
        try withScheduleRegister { r in
            let event = try r.event(.maintenanceShutdown, ["L1", "L2"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z", title: "Coater; bearings, rollers")
            let first = try r.register.scheduleCalendar()
            #expect(first.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"))
            #expect(first.hasSuffix("END:VCALENDAR\r\n"))
            #expect(!first.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
            let uid = try #require(first.components(separatedBy: "\r\n").first { $0.hasPrefix("UID:") })
            #expect(uid.hasPrefix("UID:\(event.id)@"))
            #expect(first.contains("DTSTART:20260310T060000Z\r\nDTEND:20260310T140000Z\r\nSEQUENCE:0\r\nSTATUS:TENTATIVE"))
            #expect(first.contains("SUMMARY:Coater\\; bearings\\, rollers [maintenance shutdown]"))
            #expect(first.contains("LOCATION:L1\\, L2"))
            #expect(first.contains("DTSTAMP:20260302T090000Z"))
            r.advance(days: 1)
            _ = try r.register.updateScheduleEvent(event.id, ScheduleEventChange(status: .confirmed), reason: "parts in", by: "carl")
            let second = try r.register.scheduleCalendar()
            #expect(second.contains(uid + "\r\n") && second.contains("SEQUENCE:1\r\nSTATUS:CONFIRMED") && second.contains("DTSTAMP:20260303T090000Z"))
            _ = try r.register.cancelScheduleEvent(event.id, reason: "postponed to Q3", by: "carl")
            let third = try r.register.scheduleCalendar()
            #expect(third.contains(uid + "\r\n") && third.contains("SEQUENCE:2\r\nSTATUS:CANCELLED"))
        }
    }

    @Test func feedsFilterByLineAndStakeholderAndAreWrittenAtomically() throws {
        try withScheduleRegister { r in
            try r.event(.maintenanceShutdown, ["L1"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z")
            try r.event(.safetyAudit, ["L2"], "2026-03-11T06:00:00Z", "2026-03-11T08:00:00Z")
            #expect(try r.register.scheduleCalendar(line: "L2").components(separatedBy: "BEGIN:VEVENT").count == 2)
            #expect(try r.register.scheduleCalendar(stakeholder: "line1").contains("EV-2026-0001@"))
            #expect(try !r.register.scheduleCalendar(stakeholder: "line1").contains("EV-2026-0002@"))
            #expect(throws: GembaError.self) { try r.register.scheduleCalendar(stakeholder: "nobody") }
            let file = r.folder.appendingPathComponent("plant.ics")
            try Data("old".utf8).write(to: file)
            #expect(try r.register.writeScheduleCalendar(to: file) == 2)
            let written = try String(contentsOf: file, encoding: .utf8)
            #expect(written.hasPrefix("BEGIN:VCALENDAR") && written.components(separatedBy: "BEGIN:VEVENT").count == 3)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: r.folder.path).filter { $0 != "plant.ics" && $0 != "register" }
            #expect(leftovers.isEmpty)
        }
    }

    @Test func lateItemsAskToCloseEndedEventsAndConfirmComingOnes() throws {
        try withScheduleRegister { r in
            try r.event(.maintenanceShutdown, ["L1"], "2026-03-03T06:00:00Z", "2026-03-03T14:00:00Z")
            try r.event(.safetyAudit, ["L2"], "2026-03-20T06:00:00Z", "2026-03-20T08:00:00Z")
            try r.event(.expedite, ["L3"], "2026-03-06T06:00:00Z", "2026-03-06T08:00:00Z", status: .confirmed)
            r.advance(days: 3)
            let items = try r.register.scheduleLateItems(withinDays: 30)
            let ended = try #require(items.first { $0.reference == "EV-2026-0001" })
            #expect(ended.daysOverdue == 1 && ended.title.contains("mark done or cancel"))
            #expect(items.first { $0.reference == "EV-2026-0002" }?.daysOverdue == -15)
            #expect(!items.contains { $0.reference == "EV-2026-0003" })
            #expect(try r.register.scheduleLateItems(withinDays: 5).map(\.reference) == ["EV-2026-0001"])
        }
    }
}

@Suite struct NoticeLateItemTests {
    @Test func noticesNeverTriedShowAsOneOutboxItem() throws {
        try withScheduleRegister(notifications: testNotifications(webhook: "http://127.0.0.1:9/hook")) { r in
            try r.event(.maintenanceShutdown, ["L2"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z")
            try r.event(.maintenanceShutdown, ["L3"], "2026-03-11T06:00:00Z", "2026-03-11T14:00:00Z")
            #expect(try r.register.scheduleLateItems(withinDays: 0).filter { $0.kind == "notice" }.isEmpty)
            r.advance(days: 2)
            let items = try r.register.scheduleLateItems(withinDays: 0).filter { $0.kind == "notice" }
            #expect(items.map(\.reference) == ["outbox"] && items.first?.title.hasPrefix("2 notice(s) never sent") == true)
        }
    }
}
