import Foundation
import GembaKit

/// One schedule event: its fields and links, conflicts, change history and notices, and the
/// forms to change (with a reason) or cancel it for `schedule.manage` holders.
struct ScheduleEventModel {
    struct Change {
        let number: Int
        let field: String
        let oldValue: String
        let newValue: String
        let reason: String
        let by: String
        let at: String
        let sequence: Int
    }

    struct Notice {
        let stakeholder: String
        let change: String
        let subject: String
        let status: String
        let createdAt: String
        let deliveredAt: String
    }

    static func href(_ id: String) -> String { "/schedule/\(id.urlPathEncoded)" }

    let id: String
    let title: String
    let kind: String
    let status: String
    let isFinal: Bool
    let lines: String
    let localStart: String
    let localEnd: String
    let timeZone: String
    let owner: String
    let stakeholders: String
    let eco: String?
    let documents: String?
    let participants: String?
    let trainingAssignments: String?
    let note: String?
    let sequence: Int
    let created: String
    let calendarHref: String
    let conflicts: [ConflictRow]
    let hasConflicts: Bool
    let history: [Change]
    let hasHistory: Bool
    let notices: [Notice]
    let hasNotices: Bool
    let canManage: Bool
    /// The change form's fields, filled with the event's values (unchanged fields change nothing).
    let form: FormValues
    let ownerOptions: [ChoiceOption]
    let statusOptions: [ChoiceOption]

    struct FormValues {
        let title: String
        let lines: String
        let start: String
        let end: String
        let stakeholders: String
        let eco: String
        let documents: String
        let participants: String
        let note: String
    }

    init(_ register: Register, id: String, visitor: SignedInPerson) throws {
        let detail = try register.scheduleEvent(id)
        let event = detail.event
        let time = try register.plantTime()
        self.id = event.id
        title = event.title
        kind = event.kind.label
        status = event.status.rawValue
        isFinal = event.status.isFinal
        lines = event.lines.isEmpty ? "–" : event.lines.joined(separator: ", ")
        localStart = event.localStart
        localEnd = event.localEnd
        timeZone = time.zone.identifier
        owner = "\(event.ownerName) (\(event.owner))"
        stakeholders = event.stakeholders.isEmpty ? "–" : event.stakeholders.joined(separator: ", ")
        func joined(_ list: [String]) -> String? { list.isEmpty ? nil : list.joined(separator: ", ") }
        eco = event.links.eco
        documents = joined(event.links.documents)
        participants = joined(event.links.participants)
        trainingAssignments = joined(event.links.trainingAssignments)
        note = event.note
        sequence = event.sequence
        created = "\(event.createdBy) at \(readableTime(event.createdAt))"
        calendarHref = "/schedule?view=week&date=\(Timestamp.parse(event.start).map(time.day(of:)) ?? register.today())"
        let window = (Timestamp.parse(event.start), Timestamp.parse(event.end))
        conflicts = try register.scheduleConflicts(from: window.0, to: window.1)
            .filter { $0.shutdown == event.id || $0.other == event.id }.map { ConflictRow($0, time: time) }
        hasConflicts = !conflicts.isEmpty
        history = detail.history.reversed().map { change in
            Change(number: change.number, field: change.field, oldValue: change.oldValue ?? "–", newValue: change.newValue ?? "–", reason: change.reason,
                   by: change.by, at: readableTime(change.at), sequence: change.sequence)
        }
        hasHistory = !history.isEmpty
        notices = detail.notices.map { notice in
            Notice(stakeholder: notice.stakeholder, change: notice.change.rawValue, subject: notice.subject, status: notice.status.rawValue,
                   createdAt: readableTime(notice.createdAt), deliveredAt: notice.deliveredAt.map(readableTime) ?? "–")
        }
        hasNotices = !notices.isEmpty
        canManage = visitor.permissions.contains(.scheduleManage) && !visitor.isAssessor && !event.status.isFinal
        form = FormValues(
            title: event.title, lines: event.lines.joined(separator: ", "), start: event.localStart.replacingOccurrences(of: " ", with: "T"),
            end: event.localEnd.replacingOccurrences(of: " ", with: "T"), stakeholders: event.namedStakeholders.joined(separator: ", "),
            eco: event.links.eco ?? "", documents: event.links.documents.joined(separator: ", "),
            participants: event.links.participants.joined(separator: ", "), note: event.note ?? "")
        ownerOptions = try ChoiceOption.people(register, selected: event.owner)
        let next: [ScheduleStatus] = event.status == .planned ? [.confirmed, .done] : [.done]
        statusOptions = ChoiceOption.list(next.map { ($0.rawValue, $0.rawValue) }, selected: nil, none: "(no change: \(event.status.rawValue))")
    }
}
