import Foundation
import GembaKit

/// The series and the newest meetings, with the form to plan a meeting.
struct MeetingListModel {
    struct SeriesRow {
        let id: String
        let href: String
        let title: String
        let kindName: String
        let line: String
        let facilitator: String
        let meetings: Int
        let lastMeeting: String
    }

    struct MeetingRow {
        let id: String
        let href: String
        let heldOn: String
        let status: String
        let seriesTitle: String
        let facilitator: String
        let present: Int
        let decisions: Int
        let actionsRaised: Int
    }

    static let listLimit = 60

    let series: [SeriesRow]
    let hasSeries: Bool
    let meetings: [MeetingRow]
    let hasMeetings: Bool
    /// The series whose meetings are listed (`?series=`), or nil for all.
    let seriesFilter: String?
    let more: Int?
    /// The series the visitor may plan meetings of (its facilitator, or all with `meeting.manage`).
    let planOptions: [ChoiceOption]
    let canPlan: Bool
    let today: String

    init(_ register: Register, series filter: String?, visitor: SignedInPerson) throws {
        let all = try register.meetingSeries()
        series = all.map { s in
            SeriesRow(id: s.id, href: "/meetings?series=\(s.id.urlPathEncoded)", title: s.title, kindName: s.kindName, line: s.line ?? "–",
                      facilitator: s.facilitatorName, meetings: s.meetings, lastMeeting: s.lastMeeting ?? "–")
        }
        hasSeries = !series.isEmpty
        let found = try register.meetings(series: filter)
        meetings = found.prefix(Self.listLimit).map { m in
            MeetingRow(id: m.id, href: MeetingPageModel.href(m.id), heldOn: m.heldOn, status: m.status.replacingOccurrences(of: "_", with: " "),
                       seriesTitle: m.title, facilitator: m.facilitator, present: m.present, decisions: m.decisions, actionsRaised: m.actionsRaised)
        }
        hasMeetings = !meetings.isEmpty
        seriesFilter = filter?.uppercased()
        more = max(0, found.count - Self.listLimit).nonZero
        let manager = visitor.permissions.contains(.meetingManage)
        let mine = all.filter { manager || $0.facilitator == visitor.person.username }
        planOptions = ChoiceOption.list(mine.map { ($0.id, "\($0.id) – \($0.title)") }, selected: filter?.uppercased())
        canPlan = !visitor.isAssessor && !mine.isEmpty
        today = register.today().description
    }
}

/// One meeting, with the forms for its facilitator and `meeting.manage` holders while it is open.
struct MeetingPageModel {
    struct Attendee {
        let username: String
        let name: String
        let status: String
        let field: String
        let options: [ChoiceOption]
    }

    struct AgendaRow {
        let position: Int
        let title: String
        let detail: String?
        let actionHref: String?
    }

    struct UpdateRow {
        let number: Int
        let subject: String
        let topic: String
        let rating: String
        let ratingClass: String
        let text: String
        let recordedBy: String
    }

    struct DecisionRow {
        let number: Int
        let text: String
        let recordedBy: String
    }

    static func href(_ id: String) -> String { "/meetings/\(id.urlPathEncoded)" }

    let id: String
    let title: String
    let kindName: String
    let series: String
    let seriesHref: String
    let line: String?
    let heldOn: String
    let status: String
    let facilitator: String
    let issued: String?
    let minutesHash: String?
    let attendance: [Attendee]
    let agenda: [AgendaRow]
    let updates: [UpdateRow]
    let hasUpdates: Bool
    let decisions: [DecisionRow]
    let hasDecisions: Bool
    let actions: [ActionRow]
    let hasActions: Bool
    let canRecord: Bool
    let isClosed: Bool
    let guestOptions: [ChoiceOption]
    let ownerOptions: [ChoiceOption]
    let priorityOptions: [ChoiceOption]
    let ratingOptions: [ChoiceOption]
    let markdownHref: String
    let htmlHref: String

    init(_ register: Register, id: String, visitor: SignedInPerson) throws {
        let view = try register.meetingView(id)
        let summary = view.summary
        self.id = summary.id
        title = summary.title
        kindName = view.kindName
        series = summary.series
        seriesHref = "/meetings?series=\(summary.series.urlPathEncoded)"
        line = view.line
        heldOn = summary.heldOn
        status = summary.status.replacingOccurrences(of: "_", with: " ")
        facilitator = "\(view.facilitatorName) (\(summary.facilitator))"
        issued = view.issuedAt.map { "Minutes issued by \(view.issuedByName ?? view.issuedBy ?? "-") at \(readableTime($0))" }
        minutesHash = view.minutesHash
        let statuses = AttendanceStatus.allCases.map { ($0.rawValue, $0.rawValue) }
        attendance = view.attendance.map { person in
            Attendee(username: person.username, name: person.name, status: person.status, field: "attend.\(person.username)",
                     options: ChoiceOption.list(statuses, selected: person.status, none: "not recorded"))
        }
        agenda = view.agenda.map { item in
            AgendaRow(position: item.position, title: item.title, detail: item.detail, actionHref: item.action.map { ActionPageModel.href($0) })
        }
        updates = view.updates.map { u in
            UpdateRow(number: u.number, subject: u.subject, topic: u.topic ?? "", rating: u.rating ?? "–", ratingClass: u.rating ?? "none",
                      text: u.text, recordedBy: u.recordedBy)
        }
        hasUpdates = !updates.isEmpty
        decisions = view.decisions.map { DecisionRow(number: $0.number, text: $0.text, recordedBy: $0.recordedBy) }
        hasDecisions = !decisions.isEmpty
        actions = view.actions.map(ActionRow.init)
        hasActions = !actions.isEmpty
        isClosed = summary.status == "minutes_issued"
        canRecord = !isClosed && !visitor.isAssessor
            && (visitor.permissions.contains(.meetingManage) || visitor.person.username == summary.facilitator)
        let invited = Set(view.attendance.map(\.username))
        guestOptions = ChoiceOption.list(
            try register.users().filter { $0.active && !invited.contains($0.username) }.map { ($0.username, "\($0.name) (\($0.username))") },
            selected: nil, none: "no guest")
        ownerOptions = try ChoiceOption.people(register, selected: nil)
        priorityOptions = ChoiceOption.list(ActionPriority.allCases.map { ($0.rawValue, $0.rawValue) }, selected: ActionPriority.medium.rawValue)
        ratingOptions = ChoiceOption.list(UpdateRating.allCases.map { ($0.rawValue, $0.rawValue) }, selected: nil, none: "no rating")
        markdownHref = "\(Self.href(summary.id))/minutes?format=markdown"
        htmlHref = "\(Self.href(summary.id))/minutes?format=html"
    }
}
