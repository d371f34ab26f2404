import Foundation
import GembaKit

struct CAPABoardFilter: Sendable {
    var owner: String?
    var grade: String?
    var list: Bool
    var includeClosed: Bool
}

/// How CAPAs read in pages.
enum CAPAWords {
    static func state(_ raw: String) -> String { raw.replacingOccurrences(of: "_", with: " ") }

    /// Days late of a due date, nil when none is due.
    static func daysLate(_ due: String?, today: Day) -> Int? {
        due.flatMap(Day.init).map { $0.days(until: today) }
    }

    /// What happens next, said for the web page.
    static func next(_ state: String, reopened: Int) -> String? {
        switch CAPAState(rawValue: state) {
        case .open: "Contain the problem (what was done at once), then find the root cause."
        case .contained: "Find the root cause: the chain of whys, the cause and its category."
        case .rootCaused: "Plan the actions, each with an owner and a due date."
        case .actionsPlanned: reopened > 0 ? "Reopened: revise the root cause if needed, plan and complete new actions." : "Complete the actions with their evidence."
        case .actionsDone: "Someone other than the owner with capa.manage signs the verification."
        case .verified: "Sign the effectiveness check once it is due."
        case .effective: "The closure role signs the closure."
        default: nil
        }
    }
}

/// The CAPA board: one column per state, or a list.
struct CAPABoardModel {
    struct Card {
        let id: String
        let href: String
        let title: String
        let grade: String
        let gradeClass: String
        let ownerName: String
        let due: String?
        let dueText: String?
        let late: Bool
        let state: String
        let openDays: Int
        let reopened: Int?
    }

    struct Column {
        let state: String
        let label: String
        let cards: [Card]
        let more: Int?
    }

    static let closedShown = 10

    let columns: [Column]
    let isList: Bool
    let rows: [Card]
    let hasRows: Bool
    let owners: [ChoiceOption]
    let grades: [ChoiceOption]
    let gradeChoices: [ChoiceOption]
    let includeClosed: Bool
    let boardHref: String
    let listHref: String
    let canOpen: Bool
    let sourceOptions: [ChoiceOption]
    let ownerOptions: [ChoiceOption]

    init(_ register: Register, filter: CAPABoardFilter, visitor: SignedInPerson) throws {
        let today = register.today()
        var all = try register.capas()
        if let owner = filter.owner { all = all.filter { $0.owner == owner } }
        if let grade = filter.grade { all = all.filter { $0.grade == grade } }
        let cards = all.map { capa -> Card in
            let days = capa.state == CAPAState.closed.rawValue ? nil : CAPAWords.daysLate(capa.nextDue, today: today)
            return Card(
                id: capa.id, href: CAPALink.href(capa.id), title: capa.title, grade: capa.grade, gradeClass: AuditWords.gradeClass(capa.grade),
                ownerName: capa.ownerName, due: capa.nextDue, dueText: days.map(DueText.days), late: (days ?? 0) > 0, state: CAPAWords.state(capa.state),
                openDays: capa.openDays, reopened: capa.reopened.nonZero)
        }
        columns = CAPAState.allCases.map { state in
            let members = cards.filter { $0.state == CAPAWords.state(state.rawValue) }
            let limit = state == .closed && !filter.includeClosed ? min(Self.closedShown, members.count) : members.count
            return Column(state: state.rawValue, label: CAPAWords.state(state.rawValue), cards: Array(members.prefix(limit)),
                          more: (members.count - limit).nonZero)
        }
        isList = filter.list
        rows = cards.filter { filter.includeClosed || $0.state != CAPAWords.state(CAPAState.closed.rawValue) }
        hasRows = !rows.isEmpty
        let people = Dictionary(all.map { ($0.owner, $0.ownerName) }, uniquingKeysWith: { first, _ in first })
        owners = [ChoiceOption(value: "", label: "Any owner", selected: filter.owner == nil)]
            + people.sorted { $0.value < $1.value }.map { ChoiceOption(value: $0.key, label: $0.value, selected: $0.key == filter.owner) }
        grades = [ChoiceOption(value: "", label: "Any grade", selected: filter.grade == nil)]
            + FindingGrade.allCases.map { ChoiceOption(value: $0.rawValue, label: $0.name, selected: $0.rawValue == filter.grade) }
        gradeChoices = FindingGrade.allCases.map { ChoiceOption(value: $0.rawValue, label: $0.name, selected: false) }
        includeClosed = filter.includeClosed
        var query = [filter.owner.map { "owner=\($0.urlPathEncoded)" }, filter.grade.map { "grade=\($0.urlPathEncoded)" }].compactMap { $0 }
        if filter.includeClosed { query.append("closed=1") }
        boardHref = "/capa" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        listHref = "/capa?" + (query + ["view=list"]).joined(separator: "&")
        canOpen = visitor.permissions.contains(.capaManage) && !visitor.isAssessor
        sourceOptions = CAPASource.allCases.filter { $0 != .auditFinding }.map { ChoiceOption(value: $0.rawValue, label: $0.rawValue, selected: $0 == .internal) }
        ownerOptions = try PeopleOptions.staff(register, selected: visitor.person.username)
    }
}

/// One CAPA with the forms of its next step.
struct CAPAPageModel {
    struct Link {
        let label: String
        let href: String
    }

    struct Stage {
        let label: String
        let current: Bool
        let passed: Bool
    }

    struct Why {
        let number: Int
        let text: String
    }

    struct Action {
        let id: String
        let number: Int
        let anchor: String
        let description: String
        let ownerName: String
        let owner: String
        let dueOn: String
        let status: String
        let isOpen: Bool
        let late: Bool
        let dueText: String?
        let planRound: Int
        let document: Link?
        let evidence: String?
        let done: String?
        let canComplete: Bool
        let completeHref: String
    }

    struct Signature {
        let manifestation: String
        let step: String
        let comment: String?
        /// `holds`, `changed` (the CAPA no longer hashes to what was signed) or `superseded` (an earlier plan round).
        let check: String
        let changed: Bool
    }

    let id: String
    let title: String
    let grade: String
    let gradeName: String
    let gradeClass: String
    let source: String
    let sourceReference: String?
    let findings: [Link]
    let hasFindings: Bool
    let state: String
    let stages: [Stage]
    let ownerName: String
    let owner: String
    let opened: String
    let openDays: Int
    let planDue: String
    let completeDue: String
    let effectivenessDue: String?
    let verifiedAt: String?
    let closedAt: String?
    let reopened: Int?
    let problem: String
    let containment: String?
    let containedOn: String?
    let whys: [Why]
    let hasWhys: Bool
    let rootCause: String?
    let causeCategory: String?
    let actions: [Action]
    let hasActions: Bool
    let signatures: [Signature]
    let hasSignatures: Bool
    let next: String?
    // The next step's forms, for those the register lets take it.
    let canContain: Bool
    let canRootCause: Bool
    let canPlan: Bool
    let canVerify: Bool
    let verifyRefusal: String?
    let canCheckEffectiveness: Bool
    let canClose: Bool
    let closureRole: String
    let isAssessor: Bool
    let today: String
    let categoryOptions: [ChoiceOption]
    let ownerOptions: [ChoiceOption]
    let whyFields: [Why]

    init(_ register: Register, id: String, visitor: SignedInPerson) throws {
        let view = try register.capaView(id)
        let capa = view.summary
        let policy = try register.capaPolicy()
        let today = register.today()
        let me = visitor.person.username
        let manages = visitor.permissions.contains(.capaManage) && !visitor.isAssessor
        let worker = !visitor.isAssessor && (manages || capa.owner == me)
        let current = CAPAState(rawValue: capa.state) ?? .closed
        self.id = capa.id
        title = capa.title
        grade = capa.grade
        gradeName = view.gradeName
        gradeClass = AuditWords.gradeClass(capa.grade)
        source = capa.source
        sourceReference = view.sourceReference
        findings = view.findings.map { finding in
            let parts = finding.split(separator: "/", maxSplits: 1).map(String.init)
            return Link(label: finding, href: "/audits/\(parts[0].urlPathEncoded)" + (parts.count > 1 ? "#\(parts[1])" : ""))
        }
        hasFindings = !findings.isEmpty
        state = CAPAWords.state(capa.state)
        let position = CAPAState.allCases.firstIndex(of: current) ?? 0
        stages = CAPAState.allCases.enumerated().map { index, stage in
            Stage(label: CAPAWords.state(stage.rawValue), current: index == position, passed: index < position)
        }
        ownerName = capa.ownerName
        owner = capa.owner
        opened = "\(view.openedAt) by \(view.openedBy)"
        openDays = capa.openDays
        planDue = view.planDue
        completeDue = view.completeDue
        effectivenessDue = view.effectivenessDue
        verifiedAt = view.verifiedAt
        closedAt = view.closedAt
        reopened = capa.reopened.nonZero
        problem = view.problem
        containment = view.containment
        containedOn = view.containedOn
        whys = view.whys.enumerated().map { Why(number: $0.offset + 1, text: $0.element) }
        hasWhys = !whys.isEmpty
        rootCause = view.rootCause
        causeCategory = view.causeCategory
        actions = view.actions.map { action in
            let days = action.daysOverdue
            let isOpen = action.status == "open"
            return Action(
                id: action.id, number: action.number, anchor: "A\(action.number)", description: action.description, ownerName: action.ownerName,
                owner: action.owner, dueOn: action.dueOn, status: action.status, isOpen: isOpen, late: (days ?? 0) > 0, dueText: days.map(DueText.days),
                planRound: action.planRound,
                document: action.document.map { Link(label: $0 + (action.documentRevision.map { " rev \($0)" } ?? ""), href: DocumentLink.href($0, revision: nil)) },
                evidence: action.evidence, done: action.doneBy.map { "\($0), \(action.doneAt ?? "")" },
                canComplete: isOpen && action.document == nil && current == .actionsPlanned && !visitor.isAssessor && (manages || action.owner == me),
                completeHref: "\(CAPALink.href(capa.id))/actions/\(action.number)/done")
        }
        hasActions = !actions.isEmpty
        signatures = view.signatures.map { signature in
            let check = signature.contentVerified.map { $0 ? "holds" : "changed" } ?? "superseded"
            return Signature(manifestation: signature.manifestation, step: signature.step, comment: signature.comment, check: check, changed: check == "changed")
        }
        hasSignatures = !signatures.isEmpty
        next = CAPAWords.next(capa.state, reopened: capa.reopened)
        let rule = policy.rule(FindingGrade(rawValue: capa.grade) ?? .major)
        canContain = worker && current == .open
        canRootCause = worker && (current == .contained || current == .rootCaused || (current == .open && !rule.containmentRequired)
            || (current == .actionsPlanned && capa.reopened > 0))
        canPlan = worker && [.rootCaused, .actionsPlanned, .actionsDone].contains(current)
        canVerify = manages && current == .actionsDone && capa.owner != me
        verifyRefusal = manages && current == .actionsDone && capa.owner == me
            ? "You own \(capa.id): someone else with capa.manage signs its verification." : nil
        canCheckEffectiveness = manages && current == .verified
        closureRole = policy.closureRole
        canClose = !visitor.isAssessor && current == .effective && visitor.person.roles.contains(policy.closureRole)
        isAssessor = visitor.isAssessor
        self.today = today.description
        categoryOptions = CauseCategory.allCases.map { ChoiceOption(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == view.causeCategory) }
        ownerOptions = try PeopleOptions.staff(register, selected: capa.owner)
        whyFields = (1...5).map { Why(number: $0, text: $0 <= view.whys.count ? view.whys[$0 - 1] : "") }
    }
}
