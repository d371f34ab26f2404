import Foundation
import GRDB

extension Register {
    /// Every audit, newest first; `status` narrows the list.
    public func audits(status: AuditStatus? = nil) throws -> [AuditSummary] {
        try store.read { db in
            var request = AuditRecord.order(Column("starts_on").desc, Column("id").desc)
            if let status { request = request.filter(Column("status") == status.rawValue) }
            return try request.fetchAll(db).map { try auditSummary(db, $0) }
        }
    }

    public func auditView(_ id: String) throws -> AuditView {
        let policy = try capaPolicy()
        return try store.read { db in
            let audit = try auditRecord(db, id)
            let names = try peopleNames(db)
            let items = try ChecklistItemRecord.filter(Column("audit_id") == audit.id).order(Column("position")).fetchAll(db)
            let findings = try FindingRecord.filter(Column("audit_id") == audit.id).order(Column("number")).fetchAll(db)
            return AuditView(
                summary: try auditSummary(db, audit), clauses: audit.clauses, areas: JSONList.decode(audit.areas),
                documents: JSONList.decode(audit.documents), checklist: audit.checklist, createdBy: audit.createdBy,
                createdAt: Timestamp.string(audit.createdAt), startedAt: audit.startedAt.map(Timestamp.string),
                reportIssuedAt: audit.reportIssuedAt.map(Timestamp.string), reportSummary: audit.reportSummary,
                closedAt: audit.closedAt.map(Timestamp.string),
                nextStep: audit.status == AuditStatus.closed.rawValue ? nil : Register.nextAuditStep(audit),
                checklistItems: items.map(ChecklistItemView.init),
                findings: try findings.map { try findingView(db, $0, names: names, policy: policy) },
                assessors: try assessorViews(db, audit: audit.id))
        }
    }

    public func finding(_ id: String) throws -> FindingView {
        let policy = try capaPolicy()
        return try store.read { db in
            guard let finding = try FindingRecord.fetchOne(db, key: id.uppercased()) else {
                throw GembaError.notFound("no finding \(id); `gemba audit show AUD-...` lists an audit's findings")
            }
            return try findingView(db, finding, names: try peopleNames(db), policy: policy)
        }
    }

    private func auditSummary(_ db: Database, _ audit: AuditRecord) throws -> AuditSummary {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT grade, count(*) AS n FROM finding WHERE audit_id = ? GROUP BY grade", arguments: [audit.id]) {
            counts[row["grade"]] = row["n"]
        }
        return AuditSummary(
            id: audit.id, kind: audit.kind, title: audit.title, standard: audit.standard, status: audit.status, startsOn: audit.startsOn,
            endsOn: audit.endsOn, leadAuditor: audit.leadAuditor, auditingBody: audit.auditingBody, findings: counts)
    }

    func findingView(_ db: Database, _ finding: FindingRecord, names: [String: String], policy: CAPAPolicy) throws -> FindingView {
        let grade = FindingGrade(rawValue: finding.grade) ?? .major
        return FindingView(
            id: finding.id, audit: finding.auditId, number: finding.number, grade: finding.grade, gradeName: grade.name, clause: finding.clause,
            description: finding.description, evidence: finding.evidence, documents: JSONList.decode(finding.documentLinks),
            records: JSONList.decode(finding.recordLinks), area: finding.area, owner: finding.owner, ownerName: names[finding.owner] ?? finding.owner,
            checklistItem: finding.checklistItem, raisedBy: finding.raisedBy, raisedAt: Timestamp.string(finding.raisedAt),
            capaRequired: policy.rule(grade).capaRequired,
            capa: try String.fetchOne(db, sql: "SELECT capa_id FROM capa_finding WHERE finding_id = ?", arguments: [finding.id]))
    }
}
