import Foundation
import GembaKit

/// How onboarding reads in pages.
enum OnboardingWords {
    static let partTitles = [
        OnboardingPart.training.rawValue: "Required training", OnboardingPart.certification.rawValue: "Certifications to obtain",
        OnboardingPart.systemAccess.rawValue: "System access", OnboardingPart.trainingEvent.rawValue: "Scheduled training events",
    ]

    static func progress(_ part: OnboardingPartView) -> String {
        part.total == 0 ? "–" : "\(part.done) of \(part.total)"
    }

    static func statusClass(_ status: String) -> String {
        switch status {
        case "done": "ok"
        case "late", "rejected", "cancelled", "not assigned": "late"
        default: "soon"
        }
    }
}

/// Every plan with its progress.
struct OnboardingListModel {
    struct Part {
        let progress: String
        /// Named apart from the row's count: a nil here must not show the row's.
        let partLate: Int?
    }

    struct Row {
        let name: String
        let username: String
        let href: String
        let started: String
        let parts: [Part]
        let lateItems: Int?
        let complete: Bool
    }

    let partTitles: [String]
    let rows: [Row]
    let hasRows: Bool
    let canStart: Bool
    let people: [ChoiceOption]

    init(_ register: Register, visitor: SignedInPerson) throws {
        partTitles = OnboardingPart.allCases.map { OnboardingWords.partTitles[$0.rawValue] ?? $0.rawValue }
        rows = try register.onboardingPlans().map { plan in
            Row(name: plan.name, username: plan.username, href: OnboardingLink.href(plan.username), started: String(plan.startedAt.prefix(10)),
                parts: plan.parts.map { Part(progress: OnboardingWords.progress($0), partLate: $0.late.nonZero) }, lateItems: plan.late.nonZero,
                complete: plan.complete)
        }.sorted { ($0.lateItems ?? 0, $1.name) > ($1.lateItems ?? 0, $0.name) }
        hasRows = !rows.isEmpty
        canStart = visitor.permissions.contains(.trainingManage) && !visitor.isAssessor
        people = canStart ? try PeopleOptions.staff(register) : []
    }
}

/// One person's plan, part by part.
struct OnboardingPlanModel {
    struct Item {
        let title: String
        let status: String
        let statusClass: String
        let reference: String?
        let referenceHref: String?
        let dueDate: String?
        let lateText: String?
        let role: String?
    }

    struct Part {
        let title: String
        let progress: String
        let partLate: Int?
        let items: [Item]
        let hasItems: Bool
    }

    let name: String
    let username: String
    let roles: String
    let started: String
    let parts: [Part]
    let lateItems: Int?
    let complete: Bool

    init(_ plan: OnboardingView) {
        name = plan.name
        username = plan.username
        roles = plan.roles.joined(separator: ", ")
        started = "\(plan.startedAt) by \(plan.startedBy)"
        parts = plan.parts.map { part in
            let items = plan.items.filter { $0.part == part.part }.map { item in
                Item(title: item.title, status: item.status, statusClass: OnboardingWords.statusClass(item.status), reference: item.reference,
                     referenceHref: Self.href(part: item.part, reference: item.reference), dueDate: item.dueDate,
                     lateText: item.daysOverdue.map(DueText.days), role: item.role)
            }
            return Part(title: OnboardingWords.partTitles[part.part] ?? part.part, progress: OnboardingWords.progress(part), partLate: part.late.nonZero,
                        items: items, hasItems: !items.isEmpty)
        }
        lateItems = plan.late.nonZero
        complete = plan.complete
    }

    /// Where an item's reference is dealt with: the document revision, the request, the schedule.
    static func href(part: String, reference: String?) -> String? {
        guard let reference else { return nil }
        switch OnboardingPart(rawValue: part) {
        case .training:
            let pieces = reference.components(separatedBy: " rev ")
            return pieces.count == 2 ? DocumentLink.href(pieces[0], revision: pieces[1]) : nil
        case .systemAccess: return RequestLink.href(reference)
        case .trainingEvent: return "/schedule"
        default: return nil
        }
    }
}
