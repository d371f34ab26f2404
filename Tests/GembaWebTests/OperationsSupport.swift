import Foundation
import GembaKit
import Testing
@testable import GembaWeb

/// Production data, a board, a meeting series and schedule events for the operations pages
/// (briefing, meetings, actions, KPIs, schedule), added to the web fixture.
extension WebFixture {
    /// Imports a CSV file as carl (coordinator, `data.import`).
    func importCSV(_ kind: ImportKind, _ text: String) throws {
        let file = folder.appendingPathComponent("\(kind.rawValue)-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: file)
        _ = try register.importData(kind, file: file, by: "carl")
    }

    /// L1's board with an OEE target of 0.79 from 2026-01-01, released today (2026-03-02) by pete.
    @discardableResult
    func releaseBoard(oee: Double = 0.79) throws -> String {
        let yaml = "board: Line 1 SQDC\nline: L1\ntargets:\n  - kpi: oee\n    target: \(oee)\n    effective_from: 2026-01-01\n"
        let id = try register.createDocument(
            NewDocument(type: "BOARD", title: "Line 1 SQDC board", file: try ContentFile(name: "board.yaml", data: Data(yaml.utf8))), by: "alice")
        _ = try register.startRevisionReview(id, signer: credentials("alice"))
        _ = try register.sign(id, meaning: .approved, signer: credentials("pete"))
        return id
    }

    /// The board, then the clock moved to 2026-03-05 09:00 UTC and two days of L1 production
    /// imported (2026-03-03 and 2026-03-04, Europe/Berlin), with a downtime note that is markup.
    func loadProduction() throws {
        try releaseBoard()
        clock.set(Day(year: 2026, month: 3, day: 5).start.addingTimeInterval(9 * 3600))
        try importCSV(.calendar, """
            date,shift,line,planned_time_min
            2026-03-03,A,L1,480
            2026-03-03,B,L1,480
            2026-03-04,A,L1,480
            2026-03-04,B,L1,480
            """)
        try importCSV(.production, """
            date,shift,line,order,product,planned_qty,produced_qty,scrap_qty,rework_qty,due_date
            2026-03-03,A,L1,4711,VC72-E,1000,1200,24,12,2026-03-03
            2026-03-03,B,L1,4712,VC60-P,800,700,14,0,2026-03-03
            2026-03-04,A,L1,4713,VC72-E,1000,900,30,0,2026-03-04
            """)
        try importCSV(.downtime, """
            line,start,end,reason,category,text
            L1,2026-03-03 10:30,2026-03-03 11:30,JAM,unplanned,Web break <script>alert(1)</script>
            L1,2026-03-04 13:00,2026-03-04 13:20,MOTOR,unplanned,Drive motor
            L1,2026-03-04 14:00,2026-03-04 14:05,JAM,unplanned,
            """)
    }

    /// The tier-1 series of L1, facilitated by rita (a reviewer: no `meeting.manage`), started by pete.
    @discardableResult
    func meetingSeries() throws -> MeetingSeriesView {
        try register.addMeetingSeries(NewMeetingSeries(id: "T1-L1", kind: "tier-1", line: "L1", facilitator: "rita"), by: "pete")
    }

    /// A meeting of T1-L1 today, planned by pete.
    func meeting() throws -> String {
        try meetingSeries()
        return try register.newMeeting(series: "T1-L1", by: "pete").summary.id
    }

    /// An action item owned by otto, added by pete.
    func actionItem(text: String = "Fix the <guard> on K-1", owner: String = "otto") throws -> String {
        try register.addActionItem(NewActionItem(text: text, owner: owner, priority: .high, origin: .other, reference: "walk"), by: "pete").id
    }

    /// A maintenance shutdown of L1 on 2026-03-04 06:00-14:00 UTC and a production change that
    /// overlaps it, both planned by carl.
    @discardableResult
    func conflictingEvents() throws -> (shutdown: String, change: String) {
        let shutdown = try event(.maintenanceShutdown, "Shutdown <L1> rollers", "2026-03-04T06:00:00Z", "2026-03-04T14:00:00Z")
        let change = try event(.productionChange, "Rush order 4711", "2026-03-04T12:00:00Z", "2026-03-04T18:00:00Z")
        return (shutdown, change)
    }

    func event(_ kind: ScheduleKind, _ title: String, _ start: String, _ end: String, lines: [String] = ["L1"]) throws -> String {
        guard let from = Timestamp.parse(start), let to = Timestamp.parse(end) else { throw GembaError(.invalidInput, "bad test time") }
        return try register.addScheduleEvent(NewScheduleEvent(kind: kind, title: title, lines: lines, start: from, end: to, owner: "carl"), by: "carl").id
    }
}

extension Page {
    /// Whether the body has this text, HTML-escaped as the templates write it.
    func shows(_ text: String) -> Bool { body.contains(MarkdownHTML.escape(text)) }
}

extension WebClient {
    /// A second browser on the same server, logged in as `username`.
    func loggedIn(_ username: String) async throws -> WebClient {
        let browser = fresh()
        try await browser.logIn(username)
        return browser
    }
}
