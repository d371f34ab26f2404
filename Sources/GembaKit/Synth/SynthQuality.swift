import Foundation

/// One synthetic audit as it unfolds: planned, started, its checklist answered and findings
/// raised, the report issued, CAPAs raised for the nonconformities, closed. Its own random
/// stream, so its history does not depend on the others'.
final class SynthAudit {
    enum Step { case plan, start, check, report, raiseCAPAs, close, done }

    let index: Int
    var random: SynthRandom
    let kind: AuditKind
    /// A line, or QA (external and supplier audits) or EHS (safety audits).
    let area: String
    let startsOn: Day
    let endsOn: Day
    /// The quality person who plans and runs it.
    let planner: Int
    /// Findings raised after the checklist (all of them when it has none).
    var extraFindings: Int

    var step = Step.plan
    var record: AuditRecord?
    var items: [ChecklistItemRecord] = []
    var nextItem = 0
    var findings: [FindingRecord] = []
    /// The person owning each finding (and the CAPA raised for it).
    var findingOwners: [Int] = []
    /// Documents of the line in the audit's scope.
    var scope: [Int] = []

    init(index: Int, random: SynthRandom, kind: AuditKind, area: String, startsOn: Day, endsOn: Day, planner: Int, extraFindings: Int) {
        self.index = index
        self.random = random
        self.kind = kind
        self.area = area
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.planner = planner
        self.extraFindings = extraFindings
    }

    var isExternal: Bool { kind == .certification || kind == .surveillance }
}

/// One synthetic CAPA: raised for audit findings or on its own, then moved through its states
/// by its owner and signed by quality. Some stall, so the register ends with overdue CAPAs.
final class SynthCAPA {
    let index: Int
    var random: SynthRandom
    let area: String
    let grade: FindingGrade
    let source: CAPASource
    let findings: [FindingRecord]
    let owner: Int
    let opener: Int
    /// Actions per plan round.
    let plannedActions: Int
    /// Never completes its last action: it ends the history with an overdue action.
    let stalls: Bool

    var record: CAPARecord?
    var actions: [CAPAActionRecord] = []

    init(index: Int, random: SynthRandom, area: String, grade: FindingGrade, source: CAPASource, findings: [FindingRecord], owner: Int, opener: Int) {
        self.index = index
        var random = random
        self.area = area
        self.grade = grade
        self.source = source
        self.findings = findings
        self.owner = owner
        self.opener = opener
        plannedActions = random.int(1...3)
        stalls = random.chance(0.06)
        self.random = random
    }

    /// Actions of the current plan round.
    var roundActions: [CAPAActionRecord] { actions.filter { $0.planRound == (record?.reopened ?? 0) } }
}
