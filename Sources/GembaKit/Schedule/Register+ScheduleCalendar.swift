import Foundation
import GRDB

extension Register {
    /// The schedule as an RFC 5545 calendar (a feed Outlook and Google Calendar subscribe to):
    /// one VEVENT per event, UID stable per event, SEQUENCE rising with each change, cancelled
    /// events published with STATUS:CANCELLED, times in UTC.
    public func scheduleCalendar(line: String? = nil, stakeholder: String? = nil) throws -> String {
        let events = try scheduleEvents(ScheduleQuery(line: line, stakeholder: stakeholder))
        let registerID = try store.read { db in try String.fetchOne(db, sql: "SELECT value FROM register_info WHERE key = 'register_id'") } ?? "register"
        let time = try plantTime()
        var name = "Gemba schedule"
        if let line { name += " \(line)" }
        if let stakeholder { name += " for \(stakeholder)" }
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Gemba//Gemba schedule 0.1//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:\(ICalendarText.escape(name))", "X-WR-TIMEZONE:\(time.zone.identifier)",
        ]
        for event in events { lines += vevent(event, registerID: registerID) }
        lines.append("END:VCALENDAR")
        return ICalendarText.document(lines)
    }

    /// Writes the calendar to a file atomically (a temporary file renamed into place, so a
    /// subscriber never reads half a feed); returns the number of events.
    @discardableResult
    public func writeScheduleCalendar(to url: URL, line: String? = nil, stakeholder: String? = nil) throws -> Int {
        let text = try scheduleCalendar(line: line, stakeholder: stakeholder)
        try Data(text.utf8).write(to: url, options: .atomic)
        return text.components(separatedBy: "BEGIN:VEVENT").count - 1
    }

    private func vevent(_ event: ScheduleEventView, registerID: String) -> [String] {
        let status = ["planned": "TENTATIVE", "confirmed": "CONFIRMED", "done": "CONFIRMED", "cancelled": "CANCELLED"][event.status.rawValue] ?? "TENTATIVE"
        var description = ["\(event.kind.label.capitalizedFirst) \(event.id), \(event.status.rawValue)", "Owner: \(event.ownerName) (\(event.owner))"]
        if let eco = event.links.eco { description.append("ECO: \(eco)") }
        if !event.links.documents.isEmpty { description.append("Documents: \(event.links.documents.joined(separator: ", "))") }
        if !event.links.participants.isEmpty { description.append("Participants: \(event.links.participants.joined(separator: ", "))") }
        if !event.stakeholders.isEmpty { description.append("Stakeholders: \(event.stakeholders.joined(separator: ", "))") }
        if let note = event.note { description.append(note) }
        let updated = ICalendarText.utc(event.updatedDate)
        return [
            "BEGIN:VEVENT", "UID:\(event.id)@\(registerID).gemba", "DTSTAMP:\(updated)", "DTSTART:\(ICalendarText.utc(event.startDate))",
            "DTEND:\(ICalendarText.utc(event.endDate))", "SEQUENCE:\(event.sequence)", "STATUS:\(status)",
            "SUMMARY:\(ICalendarText.escape("\(event.title) [\(event.kind.label)]"))", "LOCATION:\(ICalendarText.escape(event.lines.joined(separator: ", ")))",
            "DESCRIPTION:\(ICalendarText.escape(description.joined(separator: "\n")))", "CATEGORIES:\(ICalendarText.escape(event.kind.label.uppercased()))",
            "CREATED:\(ICalendarText.utc(Timestamp.parse(event.createdAt) ?? event.startDate))", "LAST-MODIFIED:\(updated)",
            "TRANSP:\(event.status == .cancelled ? "TRANSPARENT" : "OPAQUE")", "END:VEVENT",
        ]
    }
}

extension ScheduleEventView {
    var updatedDate: Date { Timestamp.parse(updatedAt) ?? startDate }
}
