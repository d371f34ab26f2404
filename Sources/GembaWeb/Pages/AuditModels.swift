import Foundation
import GembaKit

/// The audits, newest first, with the form to plan one.
struct AuditListModel {
    struct Row {
        let id: String
        let href: String
        let kind: String
        let title: String
        let status: String
        let dates: String
        let standard: String
        let lead: String
        let findings: String
    }

    let rows: [Row]
    let hasRows: Bool
    let statuses: [ChoiceOption]
    let canPlan: Bool
    let kinds: [ChoiceOption]
    let today: String

    init(_ register: Register, status: AuditStatus?, visitor: SignedInPerson) throws {
        rows = try register.audits(status: status).map { audit in
            Row(id: audit.id, href: "/audits/\(audit.id.urlPathEncoded)", kind: audit.kind, title: audit.title, status: AuditWords.status(audit.status),
                dates: audit.startsOn == audit.endsOn ? audit.startsOn : "\(audit.startsOn) – \(audit.endsOn)", standard: audit.standard,
                lead: audit.leadAuditor + (audit.auditingBody.map { " (\($0))" } ?? ""), findings: AuditWords.counts(audit.findings))
        }
        hasRows = !rows.isEmpty
        statuses = [ChoiceOption(value: "", label: "Any status", selected: status == nil)]
            + AuditStatus.allCases.map { ChoiceOption(value: $0.rawValue, label: AuditWords.status($0.rawValue), selected: $0 == status) }
        canPlan = visitor.permissions.contains(.auditManage) && !visitor.isAssessor
        kinds = AuditKind.allCases.map { ChoiceOption(value: $0.rawValue, label: $0.rawValue, selected: $0 == .internal) }
        today = register.today().description
    }
}

/// How audits read in pages.
enum AuditWords {
    static func status(_ raw: String) -> String { raw.replacingOccurrences(of: "_", with: " ") }

    /// `1 major, 2 minor` or `none`.
    static func counts(_ findings: [String: Int]) -> String {
        let parts = FindingGrade.allCases.compactMap { grade in findings[grade.rawValue].map { "\($0) \(grade.rawValue)" } }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    /// The badge class of a grade: nonconformities red, the others plain.
    static func gradeClass(_ grade: String) -> String {
        grade == FindingGrade.major.rawValue ? "late" : grade == FindingGrade.minor.rawValue ? "soon" : ""
    }

    /// What happens next, said for the web page.
    static func next(_ status: String) -> String? {
        switch AuditStatus(rawValue: status) {
        case .planned: "Start the audit when it begins."
        case .inProgress: "Answer the checklist and record findings, then issue the report."
        case .reportIssued: "Raise a CAPA for every nonconformity, then close the audit."
        default: nil
        }
    }
}

/// One audit with its scope, checklist, findings, assessors and the coordinator's forms.
struct AuditPageModel {
    struct Link {
        let label: String
        let href: String
    }

    struct Item {
        let item: String
        let clause: String
        let question: String
        let result: String?
        let resultClass: String
        let note: String?
        let checked: String?
    }

    struct Finding {
        let id: String
        let anchor: String
        let grade: String
        let gradeName: String
        let gradeClass: String
        let clause: String
        let description: String
        let evidence: String
        let revisions: [Link]
        let hasRevisions: Bool
        let records: [String]
        let hasRecords: Bool
        let area: String?
        let ownerName: String
        let owner: String
        let checklistItem: String?
        let raised: String
        let capa: Link?
        /// Policy needs a CAPA for the grade and none answers the finding yet.
        let needsCAPA: Bool
    }

    struct Assessor {
        let name: String
        let username: String
        let expiresAt: String
        let expired: Bool
    }

    let id: String
    let title: String
    let kind: String
    let status: String
    let standard: String
    let clauses: String
    let scopeAreas: String?
    let scopeDocuments: [Link]
    let hasScopeDocuments: Bool
    let auditingBody: String?
    let leadAuditor: String
    let dates: String
    let created: String
    let startedAt: String?
    let reportIssuedAt: String?
    let reportSummary: String?
    let closedAt: String?
    let next: String?
    let checklist: String?
    let items: [Item]
    let hasItems: Bool
    let answered: String
    let findings: [Finding]
    let hasFindings: Bool
    let assessors: [Assessor]
    let hasAssessors: Bool
    let bundleHref: String
    // The coordinator's forms (audit.manage), each shown in the state it belongs to.
    let canStart: Bool
    let canWork: Bool
    let canClose: Bool
    let canRaiseCAPA: Bool
    let itemOptions: [ChoiceOption]
    let resultOptions: [ChoiceOption]
    let gradeOptions: [ChoiceOption]
    let ownerOptions: [ChoiceOption]
    let areaOptions: [ChoiceOption]

    init(_ register: Register, id: String, visitor: SignedInPerson) throws {
        let view = try register.auditView(id)
        let audit = view.summary
        self.id = audit.id
        title = audit.title
        kind = audit.kind
        status = AuditWords.status(audit.status)
        standard = audit.standard
        clauses = view.clauses
        scopeAreas = view.areas.isEmpty ? nil : view.areas.joined(separator: ", ")
        scopeDocuments = view.documents.map { Link(label: $0, href: DocumentLink.href($0, revision: nil)) }
        hasScopeDocuments = !scopeDocuments.isEmpty
        auditingBody = audit.auditingBody
        leadAuditor = audit.leadAuditor
        dates = audit.startsOn == audit.endsOn ? audit.startsOn : "\(audit.startsOn) to \(audit.endsOn)"
        created = "\(view.createdAt) by \(view.createdBy)"
        startedAt = view.startedAt
        reportIssuedAt = view.reportIssuedAt
        reportSummary = view.reportSummary
        closedAt = view.closedAt
        next = AuditWords.next(audit.status)
        checklist = view.checklist
        items = view.checklistItems.map { item in
            Item(item: item.item, clause: item.clause, question: item.question, result: item.result,
                 resultClass: item.result == ChecklistResult.nonconform.rawValue ? "late" : item.result == nil ? "" : "ok", note: item.note,
                 checked: item.checkedBy.map { "\($0), \(item.checkedAt ?? "")" })
        }
        hasItems = !items.isEmpty
        answered = "\(view.checklistItems.filter { $0.result != nil }.count) of \(view.checklistItems.count) answered"
        findings = view.findings.map { finding in
            let revisions = finding.documents.map { cited -> Link in
                let parts = cited.split(separator: "/", maxSplits: 1).map(String.init)
                return Link(label: cited, href: DocumentLink.href(parts[0], revision: parts.count > 1 ? parts[1] : nil))
            }
            return Finding(
                id: finding.id, anchor: "F\(finding.number)", grade: finding.grade, gradeName: finding.gradeName,
                gradeClass: AuditWords.gradeClass(finding.grade), clause: finding.clause, description: finding.description,
                evidence: finding.evidence, revisions: revisions, hasRevisions: !revisions.isEmpty, records: finding.records,
                hasRecords: !finding.records.isEmpty, area: finding.area, ownerName: finding.ownerName, owner: finding.owner,
                checklistItem: finding.checklistItem, raised: "\(finding.raisedAt) by \(finding.raisedBy)",
                capa: finding.capa.map { Link(label: $0, href: "/capa/\($0.urlPathEncoded)") }, needsCAPA: finding.capaRequired && finding.capa == nil)
        }
        hasFindings = !findings.isEmpty
        assessors = view.assessors.map { Assessor(name: $0.name, username: $0.username, expiresAt: $0.expiresAt, expired: $0.expired) }
        hasAssessors = !assessors.isEmpty
        bundleHref = "/bundles?audit=\(audit.id.urlPathEncoded)"
        let manages = visitor.permissions.contains(.auditManage) && !visitor.isAssessor
        canStart = manages && audit.status == AuditStatus.planned.rawValue
        canWork = manages && audit.status == AuditStatus.inProgress.rawValue
        canClose = manages && audit.status == AuditStatus.reportIssued.rawValue
        canRaiseCAPA = visitor.permissions.contains(.capaManage) && !visitor.isAssessor && audit.status != AuditStatus.closed.rawValue
        let firstOpen = view.checklistItems.first { $0.result == nil }?.item
        itemOptions = view.checklistItems.map { ChoiceOption(value: $0.item, label: "\($0.item) – \($0.question.prefix(60))", selected: $0.item == firstOpen) }
        resultOptions = ChecklistResult.allCases.map { ChoiceOption(value: $0.rawValue, label: $0 == .na ? "n/a" : $0.rawValue, selected: $0 == .conform) }
        gradeOptions = FindingGrade.allCases.map { ChoiceOption(value: $0.rawValue, label: $0.name, selected: $0 == .minor) }
        ownerOptions = try PeopleOptions.staff(register)
        areaOptions = [ChoiceOption(value: "", label: "–", selected: true)] + (try register.trainingPolicy().areas.map { ChoiceOption(value: $0, label: $0, selected: false) })
    }
}
