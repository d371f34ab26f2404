import Foundation
import GembaKit
import Hummingbird
import NIOCore

/// The schedule: week and month calendars with conflicts highlighted, an event's page with its
/// history, the forms to plan, change and cancel events (`schedule.manage`), and the iCalendar
/// feed calendar clients subscribe to.
extension RouteTable {
    func addScheduleRoutes() {
        get("/schedule", .staff, "Week or month calendar (`?view=week` or `month`, `date`, `line`), conflicts highlighted, the feed's address") { request in
            let visitor = try request.visitor
            let choice = try ScheduleChoice(request)
            let feed = request.feedBase
            let model = try await request.run { register in try SchedulePageModel(register, choice, visitor: visitor, feedBase: feed) }
            return try await request.site.page("schedule", title: "Schedule \(model.heading)", model, for: request)
        }

        post("/schedule", .permission(.scheduleManage), "Plan an event: shutdown, engineering change, training, audit, production change") { request in
            let username = try request.username
            let fields = ScheduleFormFields(request.form)
            guard let kind = try request.form.choice("kind", ScheduleKind.self, label: "The kind") else { throw WebError.badRequest("choose the kind of event") }
            let status = try request.form.choice("status", ScheduleStatus.self, label: "The status") ?? .planned
            let event = try await request.run { register in
                let new = try fields.newEvent(register, kind: kind, status: status, by: username)
                return try register.addScheduleEvent(new, by: username)
            }
            return await request.done("\(event.id) planned: \(event.localStart) to \(event.localEnd).", to: ScheduleEventModel.href(event.id))
        }

        get("/schedule.ics", .anyone, "The schedule as an iCalendar feed (`?line=&stakeholder=`) for a session, a Bearer token or an API token in `?token=` (calendar clients); not assessors") { request in
            let visitor = try await request.calendarSubscriber()
            guard Access.staff.allows(visitor) else { throw WebError.forbidden("\(visitor.person.username) may not read the schedule feed") }
            let line = request.query("line"), stakeholder = request.query("stakeholder")
            let text = try await request.run { register in try register.scheduleCalendar(line: line, stakeholder: stakeholder) }
            var response = Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
            response.headers[.contentType] = "text/calendar; charset=utf-8"
            response.headers[.contentDisposition] = "inline; filename=\"gemba-schedule.ics\""
            return response
        }

        get("/schedule/:id", .staff, "An event: its links, conflicts, change history and notices; forms to change or cancel it") { request in
            let id = try request.parameter("id")
            let visitor = try request.visitor
            let model = try await request.run { register in try ScheduleEventModel(register, id: id, visitor: visitor) }
            return try await request.site.page("schedule-event", title: "\(model.id) \(model.title)", model, for: request)
        }

        post("/schedule/:id/update", .permission(.scheduleManage), "Change an event with the reason (kept in its history and sent in notices)") { request in
            let id = try request.parameter("id")
            let username = try request.username
            let fields = ScheduleFormFields(request.form)
            let status = try request.form.choice("status", ScheduleStatus.self, label: "The status")
            let reason = try request.form.required("reason", label: "The reason for the change")
            let view = try await request.run { register in
                try register.updateScheduleEvent(id, try fields.change(register, status: status), reason: reason, by: username)
            }
            return await request.done("\(view.id) changed (sequence \(view.sequence)).", to: ScheduleEventModel.href(view.id))
        }

        post("/schedule/:id/cancel", .permission(.scheduleManage), "Cancel an event with the reason; stakeholders are told") { request in
            let id = try request.parameter("id")
            let username = try request.username
            let reason = try request.form.required("reason", label: "The reason")
            let view = try await request.run { register in try register.cancelScheduleEvent(id, reason: reason, by: username) }
            return await request.done("\(view.id) cancelled.", to: ScheduleEventModel.href(view.id))
        }
    }
}

extension PageRequest {
    /// Who reads the calendar feed: the session's or Bearer token's person, else the API token in
    /// `?token=` (calendar clients can neither log in with a form nor send headers; docs/web.md).
    func calendarSubscriber() async throws -> SignedInPerson {
        if let visitor = context.visitor { return visitor }
        guard let token = query("token") else {
            throw WebError(status: .unauthorized, message: "log in, or subscribe with an API token: /schedule.ics?token=gmb_… (gemba token new)")
        }
        do {
            return try await run { register in try register.signedIn(apiToken: token) }
        } catch {
            throw WebError(status: .unauthorized, message: "the API token is unknown, revoked or expired")
        }
    }

    /// `https://host:port` of this server as the browser reached it, for the feed's address.
    var feedBase: String {
        let scheme = site.configuration.secureCookies ? "https" : "http"
        let host = request.head.authority ?? "\(site.configuration.host):\(site.configuration.port)"
        return "\(scheme)://\(host)"
    }
}

/// The event fields of the add and change forms, as typed (times are read in the plant's zone).
struct ScheduleFormFields: Sendable {
    let title: String?
    let lines: [String]?
    let start: String?
    let end: String?
    let owner: String?
    let stakeholders: [String]?
    let eco: String?
    let documents: [String]?
    let participants: [String]?
    let note: String?

    init(_ form: FormInput) {
        title = form.optional("title")
        lines = form.list("lines")
        start = form.optional("start")
        end = form.optional("end")
        owner = form.optional("owner")
        stakeholders = form.list("stakeholders")
        eco = form.optional("eco")
        documents = form.list("documents")
        participants = form.list("participants")
        note = form.optional("note")
    }

    func newEvent(_ register: Register, kind: ScheduleKind, status: ScheduleStatus, by username: String) throws -> NewScheduleEvent {
        guard let title, let start, let end else { throw WebError.badRequest("a new event needs a title, a start and an end") }
        return NewScheduleEvent(
            kind: kind, title: title, lines: lines ?? [], start: try register.scheduleTime(start, "The start"), end: try register.scheduleTime(end, "The end"),
            owner: owner ?? username, status: status, stakeholders: stakeholders ?? [], eco: eco, documents: documents ?? [],
            participants: participants ?? [], note: note)
    }

    func change(_ register: Register, status: ScheduleStatus?) throws -> ScheduleEventChange {
        ScheduleEventChange(
            title: title, lines: lines, start: try start.map { try register.scheduleTime($0, "The start") },
            end: try end.map { try register.scheduleTime($0, "The end") }, owner: owner, status: status, stakeholders: stakeholders, eco: eco,
            documents: documents, participants: participants, note: note)
    }
}
