import Foundation
import GembaKit

struct RequestListFilter: Sendable {
    var kind: String?
    /// `open`, `all`, or a status.
    var status: String
    var mine: Bool
}

/// The queue with its filters and the aging report.
struct RequestListModel {
    struct Row {
        let id: String
        let href: String
        let kindName: String
        let title: String
        let status: String
        let requester: String
        let approver: String
        let submittedOn: String
        let dueDate: String
        let openDays: Int
        let dueText: String?
        let late: Bool
    }

    struct AgingRow {
        let name: String
        let count: Int
        let overdue: Int
        let oldest: Int
        let buckets: [Int]
    }

    let rows: [Row]
    let hasRows: Bool
    let kinds: [ChoiceOption]
    let statuses: [ChoiceOption]
    let mine: Bool
    let buckets: [String]
    let byKind: [AgingRow]
    let byApprover: [AgingRow]
    let hasAging: Bool
    let openCount: Int

    init(_ register: Register, filter: RequestListFilter, username: String) throws {
        let policy = try register.requestPolicy()
        let status: RequestStatus?
        switch filter.status {
        case "open", "all": status = nil
        case let text:
            guard let known = RequestStatus(rawValue: text) else { throw WebError.badRequest("unknown request status '\(text)'") }
            status = known
        }
        let list = try register.requests(RequestFilter(status: status, kind: filter.kind, person: filter.mine ? username : nil, openOnly: filter.status == "open"))
        rows = list.map(Self.row)
        hasRows = !rows.isEmpty
        kinds = [ChoiceOption(value: "", label: "All kinds", selected: filter.kind == nil)]
            + policy.kinds.values.sorted { $0.name < $1.name }.map { ChoiceOption(value: $0.code, label: $0.name, selected: $0.code == filter.kind) }
        statuses = [ChoiceOption(value: "open", label: "Open", selected: filter.status == "open"), ChoiceOption(value: "all", label: "All", selected: filter.status == "all")]
            + RequestStatus.allCases.map { ChoiceOption(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == filter.status) }
        mine = filter.mine
        let aging = try register.requestAging()
        buckets = aging.buckets
        let agingRow = { (group: RequestAgingGroup, name: String) in
            AgingRow(name: name, count: group.count, overdue: group.overdue, oldest: group.oldestOpenDays, buckets: group.buckets)
        }
        byKind = aging.byKind.map { agingRow($0, policy.kinds[$0.name]?.name ?? $0.name) }
        byApprover = aging.byApprover.map { agingRow($0, $0.name) }
        hasAging = aging.openCount > 0
        openCount = aging.openCount
    }

    static func row(_ item: RequestSummary) -> Row {
        Row(id: item.id, href: RequestLink.href(item.id), kindName: item.kindName, title: item.title, status: item.status, requester: item.requester,
            approver: item.approver ?? "any \(item.approverRole)", submittedOn: item.submittedOn, dueDate: item.dueDate, openDays: item.openDays,
            dueText: item.daysOverdue.map(DueText.days), late: (item.daysOverdue ?? 0) > 0)
    }
}

/// A new request: choose the kind, then fill in its fields.
struct RequestFormModel {
    static let fieldPrefix = "field."

    struct Field {
        let name: String
        let inputName: String
        let label: String
        let required: Bool
        /// `text`, `number` or `date` for an input; nil for a select.
        let inputType: String?
        let options: [ChoiceOption]
        let multiple: Bool
    }

    let kinds: [ChoiceOption]
    let kind: String?
    let kindName: String?
    let dueDays: Int?
    let approverRole: String?
    let fields: [Field]
    let approvers: [ChoiceOption]
    let contractorAccess: String?

    init(_ register: Register, kind code: String?, username: String) throws {
        let policy = try register.requestPolicy()
        kinds = policy.kinds.values.sorted { $0.name < $1.name }.map { ChoiceOption(value: $0.code, label: $0.name, selected: $0.code == code) }
        guard let code else {
            (kind, kindName, dueDays, approverRole, fields, approvers, contractorAccess) = (nil, nil, nil, nil, [], [], nil)
            return
        }
        let chosen = try policy.kind(code)
        kind = chosen.code
        kindName = chosen.name
        dueDays = chosen.dueDays
        approverRole = chosen.approverRole
        let training = try register.trainingPolicy()
        let people = try PeopleOptions.staff(register)
        fields = chosen.fields.map { field in
            let choices: [ChoiceOption]
            var inputType: String?
            switch field.type {
            case .text: inputType = "text"; choices = []
            case .number: inputType = "number"; choices = []
            case .day: inputType = "date"; choices = []
            case .user: choices = people
            case .area: choices = training.areas.map { ChoiceOption(value: $0, label: $0, selected: false) }; inputType = training.areas.isEmpty ? "text" : nil
            case .choice: choices = field.options.map { ChoiceOption(value: $0, label: $0, selected: false) }
            case .certifications: choices = training.certifications.values.sorted { $0.code < $1.code }.map { ChoiceOption(value: $0.code, label: $0.name, selected: false) }
            }
            let blank = field.optional || field.type == .user ? [ChoiceOption(value: "", label: "–", selected: true)] : []
            return Field(
                name: field.name, inputName: Self.fieldPrefix + field.name, label: field.name.replacingOccurrences(of: "_", with: " "),
                required: !field.optional, inputType: inputType, options: field.type == .certifications ? choices : blank + choices,
                multiple: field.type == .certifications)
        }
        approvers = [ChoiceOption(value: "", label: "Any holder of \(chosen.approverRole)", selected: true)]
            + (try register.users().filter { $0.active && $0.roles.contains(chosen.approverRole) && $0.username != username }
                .map { ChoiceOption(value: $0.username, label: "\($0.name) (\($0.username))", selected: false) })
        contractorAccess = chosen.contractorAccess.map { rule in
            let documents = rule.inductionDocuments.joined(separator: ", ")
            let certificates = rule.certifications.isEmpty ? "" : " and hold \(rule.certifications.joined(separator: ", "))"
            return "It is approved only when the contractor has signed read and understood for \(documents)\(certificates), valid on every access day."
        }
    }
}

/// One request with the forms of its next step.
struct RequestPageModel {
    struct Detail {
        let name: String
        let value: String
    }

    struct Comment {
        let number: Int
        let name: String
        let username: String
        let at: String
        let text: String
    }

    struct Signature {
        let manifestation: String
        let comment: String?
        let verified: Bool
    }

    let id: String
    let title: String
    let kindName: String
    let status: String
    let requester: String
    let approver: String
    let submittedAt: String
    let dueDate: String
    let openDays: Int
    let dueText: String?
    let late: Bool
    let details: [Detail]
    let signature: Signature?
    let closed: String?
    let closeNote: String?
    let comments: [Comment]
    let hasComments: Bool
    let next: String?
    let canDecide: Bool
    let canFulfil: Bool
    let canCancel: Bool

    init(_ register: Register, id: String, visitor: SignedInPerson) throws {
        let view = try register.requestView(id)
        let request = view.summary
        let me = visitor.person.username
        let roles = visitor.person.roles
        self.id = request.id
        title = request.title
        kindName = request.kindName
        status = request.status
        requester = request.requester
        approver = request.approver ?? "any holder of \(request.approverRole)"
        submittedAt = view.submittedAt
        dueDate = request.dueDate
        openDays = request.openDays
        dueText = request.daysOverdue.map(DueText.days)
        late = (request.daysOverdue ?? 0) > 0
        details = view.details.map { Detail(name: $0.name.replacingOccurrences(of: "_", with: " "), value: $0.value ?? "–") }
        signature = view.signature.map { Signature(manifestation: $0.manifestation, comment: $0.comment, verified: $0.contentVerified) }
        closed = view.closedAt.map { "\(request.status == RequestStatus.fulfilled.rawValue ? "Fulfilled" : "Cancelled") \($0) by \(view.closedBy ?? "-")" }
        closeNote = view.closeNote
        comments = view.comments.map { Comment(number: $0.number, name: $0.name, username: $0.username, at: $0.at, text: $0.text) }
        hasComments = !comments.isEmpty
        let state = RequestStatus(rawValue: request.status)
        switch state {
        case .submitted: next = "Approval or rejection by \(approver)."
        case .approved: next = "Fulfilment by a holder of \(view.fulfillerRole)."
        default: next = nil
        }
        canDecide = state == .submitted && roles.contains(request.approverRole) && (request.approver == nil || request.approver == me) && request.requester != me
        canFulfil = state == .approved && roles.contains(view.fulfillerRole)
        canCancel = state?.isOpen == true && (request.requester == me || roles.contains(request.approverRole))
    }
}
