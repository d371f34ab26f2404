import Foundation
import GembaKit

/// One action item in a table: its state today, with days overdue and escalation.
struct ActionRow {
    let id: String
    let href: String
    let text: String
    let owner: String
    let dueOn: String
    let priority: String
    let status: String
    let origin: String
    let reference: String
    /// `3 d late`, `today`, `in 4 d`; empty for closed items.
    let timing: String
    let late: Bool
    let escalationLevel: Int
    /// `level 2: tier-2` or empty when on time.
    let escalation: String
    let escalated: Bool

    init(_ item: ActionItemView) {
        id = item.id
        href = ActionPageModel.href(item.id)
        text = item.text
        owner = "\(item.ownerName) (\(item.owner))"
        dueOn = item.dueOn
        priority = item.priority
        status = item.status.replacingOccurrences(of: "_", with: " ")
        origin = item.origin
        reference = item.reference ?? ""
        let days = item.daysOverdue
        timing = days.map { $0 > 0 ? "\($0) d late" : $0 == 0 ? "today" : "in \(-$0) d" } ?? ""
        late = (days ?? 0) > 0
        escalationLevel = item.escalationLevel
        escalation = item.escalationLevel == 0 ? ""
            : "level \(item.escalationLevel)" + (item.escalation.map { " (\($0))" } ?? "")
            + (item.escalatedTo.isEmpty ? "" : " → " + item.escalatedTo.joined(separator: ", "))
        escalated = item.escalationLevel > 0
    }
}

/// The action items with the filters of `gemba actions`, and the form to add one.
struct ActionListModel {
    let rows: [ActionRow]
    let hasRows: Bool
    let ownerOptions: [ChoiceOption]
    let originOptions: [ChoiceOption]
    let overdue: Bool
    let all: Bool
    let canAdd: Bool
    let newOwnerOptions: [ChoiceOption]
    let newOriginOptions: [ChoiceOption]
    let priorityOptions: [ChoiceOption]
    let seriesOptions: [ChoiceOption]

    init(_ register: Register, filter: ActionFilter, visitor: SignedInPerson) throws {
        let query = ActionQuery(owner: filter.owner, overdueOnly: filter.overdue, origin: filter.origin, includeClosed: filter.all)
        rows = try register.actionItems(query).map(ActionRow.init)
        hasRows = !rows.isEmpty
        ownerOptions = try ChoiceOption.people(register, selected: filter.owner, none: "Everyone")
        let origins = ActionOrigin.allCases.map { ($0.rawValue, $0.rawValue) }
        originOptions = ChoiceOption.list(origins, selected: filter.origin?.rawValue, none: "Any origin")
        overdue = filter.overdue
        all = filter.all
        canAdd = visitor.permissions.contains(.meetingManage) && !visitor.isAssessor
        newOwnerOptions = try ChoiceOption.people(register, selected: nil)
        // Items of origin meeting are raised on the meeting's page.
        newOriginOptions = ChoiceOption.list(origins.filter { $0.0 != ActionOrigin.meeting.rawValue }, selected: ActionOrigin.other.rawValue)
        priorityOptions = ChoiceOption.list(ActionPriority.allCases.map { ($0.rawValue, $0.rawValue) }, selected: ActionPriority.medium.rawValue)
        seriesOptions = ChoiceOption.list(try register.meetingSeries().map { ($0.id, "\($0.id) – \($0.title)") }, selected: nil, none: "no series")
    }
}

/// One action item with what the visitor may do to it.
struct ActionPageModel {
    struct Comment {
        let number: Int
        let text: String
        let by: String
        let at: String
    }

    struct Carried {
        let meeting: String
        let href: String
    }

    static func href(_ id: String) -> String { "/actions/\(id.urlPathEncoded)" }

    let item: ActionRow
    let createdBy: String
    let createdAt: String
    let meetingHref: String?
    let series: String?
    let closed: String?
    let resolution: String?
    let comments: [Comment]
    let hasComments: Bool
    let carriedInto: [Carried]
    let hasCarried: Bool
    let isOpen: Bool
    /// The owner or a `meeting.manage` holder, while the item is open.
    let canWork: Bool
    let canPlan: Bool
    let canComment: Bool
    /// The status the owner moves the item to: in progress, or back to open.
    let nextStatus: String
    let nextStatusLabel: String
    let ownerOptions: [ChoiceOption]
    let priorityOptions: [ChoiceOption]
    let seriesOptions: [ChoiceOption]

    init(_ register: Register, id: String, visitor: SignedInPerson) throws {
        let detail = try register.actionItem(id)
        let view = detail.item
        item = ActionRow(view)
        createdBy = view.createdBy
        createdAt = readableTime(view.createdAt)
        meetingHref = view.meeting.map { MeetingPageModel.href($0) }
        series = view.series
        closed = view.closedAt.map { "\(view.status) by \(view.closedBy ?? "-") at \(readableTime($0))" }
        resolution = view.resolution
        comments = detail.comments.map { Comment(number: $0.number, text: $0.text, by: "\($0.byName) (\($0.by))", at: readableTime($0.at)) }
        hasComments = !comments.isEmpty
        carriedInto = detail.carriedInto.map { Carried(meeting: $0, href: MeetingPageModel.href($0)) }
        hasCarried = !carriedInto.isEmpty
        let status = ActionStatus(rawValue: view.status)
        isOpen = status?.isOpen == true
        let me = visitor.person.username
        let manager = visitor.permissions.contains(.meetingManage) && !visitor.isAssessor
        canWork = isOpen && !visitor.isAssessor && (manager || view.owner == me)
        canPlan = isOpen && manager
        canComment = !visitor.isAssessor && (manager || view.owner == me || view.createdBy == me)
        let started = status == .inProgress
        nextStatus = started ? ActionStatus.open.rawValue : ActionStatus.inProgress.rawValue
        nextStatusLabel = started ? "Back to open" : "Mark in progress"
        ownerOptions = try ChoiceOption.people(register, selected: nil, none: "(no change)")
        priorityOptions = ChoiceOption.list(ActionPriority.allCases.map { ($0.rawValue, $0.rawValue) }, selected: nil, none: "(no change)")
        seriesOptions = ChoiceOption.list(try register.meetingSeries().map { ($0.id, "\($0.id) – \($0.title)") }, selected: nil, none: "(no change)")
    }
}
