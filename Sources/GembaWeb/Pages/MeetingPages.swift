import Foundation
import GembaKit

/// Meetings: the series and recent meetings, one meeting with its agenda, attendance, status
/// updates, decisions and action items, the minutes. Who may record in a meeting is decided by
/// the service (its facilitator or a `meeting.manage` holder), as for `gemba meeting`.
extension RouteTable {
    func addMeetingRoutes() {
        get("/meetings", .staff, "Meeting series and recent meetings (`?series=`), and the form to plan one") { request in
            let visitor = try request.visitor
            let series = request.query("series")
            let model = try await request.run { register in try MeetingListModel(register, series: series, visitor: visitor) }
            return try await request.site.page("meetings", title: "Meetings", model, for: request)
        }

        post("/meetings", .staff, "Plan a meeting of a series: its agenda carries the open action items (facilitator or `meeting.manage`)") { request in
            let username = try request.username
            let series = try request.form.required("series", label: "The series")
            let date = try request.form.day("date", label: "The meeting's day")
            let view = try await request.run { register in try register.newMeeting(series: series, on: date, by: username) }
            return await request.done("\(view.summary.id) planned.", to: MeetingPageModel.href(view.summary.id))
        }

        get("/meetings/:id", .staff, "A meeting: agenda, attendance, status updates, decisions, action items raised, minutes") { request in
            let id = try request.parameter("id")
            let visitor = try request.visitor
            let model = try await request.run { register in try MeetingPageModel(register, id: id, visitor: visitor) }
            return try await request.site.page("meeting", title: "\(model.id) \(model.title)", model, for: request)
        }

        get("/meetings/:id/minutes", .staff, "The minutes as a Markdown or HTML file (`?format=markdown` or `html`)") { request in
            let id = try request.parameter("id")
            let format = MinutesFormat(rawValue: request.query("format") ?? "markdown") ?? .markdown
            let (meeting, text) = try await request.run { register in
                (try register.meetingView(id).summary.id, try register.meetingMinutes(id, format: format))
            }
            return DocumentUpload.attachment(Data(text.utf8), name: "minutes-\(meeting.fileNameSafe)" + (format == .html ? ".html" : ".md"))
        }

        post("/meetings/:id/attendance", .staff, "Record attendance; a person not invited joins as a guest (facilitator or `meeting.manage`)") { request in
            let id = try request.parameter("id")
            let username = try request.username
            var attendance: [String: AttendanceStatus] = [:]
            for (field, values) in request.form.fields where field.hasPrefix("attend.") {
                guard let text = values.first, !text.isEmpty else { continue }
                guard let status = AttendanceStatus(rawValue: text) else { throw WebError.badRequest("attendance must be present, absent or excused") }
                attendance[String(field.dropFirst("attend.".count))] = status
            }
            if let guest = request.form.optional("guest") {
                attendance[guest] = try request.form.choice("guestStatus", AttendanceStatus.self, label: "The guest's attendance") ?? .present
            }
            let recorded = attendance
            let view = try await request.run { register in try register.recordAttendance(id, recorded, by: username) }
            return await request.done("Attendance recorded: \(view.summary.present) present.", to: MeetingPageModel.href(view.summary.id))
        }

        post("/meetings/:id/updates", .staff, "Record a status update of a line or function (facilitator or `meeting.manage`)") { request in
            let id = try request.parameter("id")
            let username = try request.username
            let form = request.form
            let update = NewStatusUpdate(
                subject: try form.required("subject", label: "The line or function"), topic: form.optional("topic"),
                rating: try form.choice("rating", UpdateRating.self, label: "The rating"), text: try form.required("text", label: "The update"))
            let view = try await request.run { register in try register.addStatusUpdates(id, [update], by: username) }
            return await request.done("Update U\(view.updates.last?.number ?? 0) recorded.", to: MeetingPageModel.href(view.summary.id))
        }

        post("/meetings/:id/decisions", .staff, "Record a decision (facilitator or `meeting.manage`)") { request in
            let id = try request.parameter("id")
            let username = try request.username
            let text = try request.form.required("text", label: "The decision")
            let number = try await request.run { register in try register.recordDecision(id, text: text, by: username) }
            return await request.done("Decision D\(number) recorded.", to: MeetingPageModel.href(id.uppercased()))
        }

        post("/meetings/:id/actions", .staff, "Raise an action item in the meeting (facilitator or `meeting.manage`)") { request in
            let id = try request.parameter("id")
            let username = try request.username
            let form = request.form
            let item = NewActionItem(
                text: try form.required("text", label: "What will be done"), owner: try form.required("owner", label: "The owner"),
                dueOn: try form.day("due", label: "The due date"), priority: try form.choice("priority", ActionPriority.self, label: "The priority") ?? .medium,
                origin: .meeting)
            let view = try await request.run { register in try register.raiseAction(in: id, item, by: username) }
            return await request.done("\(view.id) raised for \(view.ownerName), due \(view.dueOn).", to: MeetingPageModel.href(id.uppercased()))
        }

        post("/meetings/:id/close", .staff, "Issue the minutes: attendance not recorded becomes absent, the meeting is fixed (facilitator or `meeting.manage`)") { request in
            let id = try request.parameter("id")
            let username = try request.username
            guard request.form["confirm"] == "yes" else { throw WebError.badRequest("tick the box to confirm that the minutes are complete") }
            let view = try await request.run { register in try register.closeMeeting(id, by: username) }
            return await request.done("Minutes of \(view.summary.id) issued.", to: MeetingPageModel.href(view.summary.id))
        }
    }
}

extension String {
    /// Letters, digits, `-` and `_` only: for a download's server-chosen name.
    var fileNameSafe: String {
        String(unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "-" || $0 == "_" ? Character($0) : "-" })
    }
}
