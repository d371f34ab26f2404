import Foundation
import GRDB

/// What `audit new` asks for.
public struct NewAudit: Sendable {
    public var kind: AuditKind
    public var title: String
    public var standard: String
    /// Clause numbers in scope, free text (`4.4, 7.1.5, 8.5.1`).
    public var clauses: String
    public var areas: [String]
    public var documents: [String]
    public var auditingBody: String?
    public var leadAuditor: String
    public var startsOn: Day
    public var endsOn: Day
    /// A checklist template name (`iso9001`) copied into the audit.
    public var checklist: String?

    public init(
        kind: AuditKind, title: String, standard: String, clauses: String, areas: [String] = [], documents: [String] = [],
        auditingBody: String? = nil, leadAuditor: String, startsOn: Day, endsOn: Day, checklist: String? = nil
    ) {
        self.kind = kind
        self.title = title
        self.standard = standard
        self.clauses = clauses
        self.areas = areas
        self.documents = documents
        self.auditingBody = auditingBody
        self.leadAuditor = leadAuditor
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.checklist = checklist
    }
}

extension Register {
    /// Plans an audit (status `planned`) and returns its ID, `AUD-<year>-<seq>`.
    public func createAudit(_ new: NewAudit, by username: String) throws -> String {
        let title = try InputChecks.title(new.title)
        let standard = try AuditText.line(new.standard, "--standard", max: 200)
        let clauses = try AuditText.line(new.clauses, "--clauses", max: 1000)
        let lead = try AuditText.line(new.leadAuditor, "--lead", max: 200)
        let body = try new.auditingBody.map { try AuditText.line($0, "--body", max: 200) }
        let areas = try new.areas.map { try AuditText.line($0, "--area", max: 100) }
        guard new.endsOn >= new.startsOn else {
            throw GembaError.invalid("the audit ends (\(new.endsOn)) before it starts (\(new.startsOn))")
        }
        let template = try new.checklist.map { try checklistTemplate($0) }
        return try exclusively {
            try store.write { db in
                _ = try requirePermission(db, username, .auditManage, to: "plan audits")
                let documents = try new.documents.map { try documentRecord(db, $0).id }
                let now = now()
                let year = Day(now).year
                let seq = (try Int.fetchOne(db, sql: "SELECT max(seq) FROM audit WHERE year = ?", arguments: [year]) ?? 0) + 1
                let id = String(format: "AUD-%04d-%03d", year, seq)
                let actor = Actor(username: username, at: now)
                let record = AuditRecord(
                    id: id, year: year, seq: seq, kind: new.kind.rawValue, title: title, standard: standard, clauses: clauses,
                    areas: JSONList.encode(areas), documents: JSONList.encode(documents), auditingBody: body, leadAuditor: lead,
                    startsOn: new.startsOn.description, endsOn: new.endsOn.description, status: AuditStatus.planned.rawValue,
                    checklist: template?.name, createdBy: username, createdAt: now, startedAt: nil, reportIssuedAt: nil, reportSummary: nil, closedAt: nil)
                try AuditTrail.track(db, .audit, key: id, action: "audit.plan", by: actor) { try record.insert(db) }
                for (position, item) in (template?.items ?? []).enumerated() {
                    let row = ChecklistItemRecord(
                        auditId: id, item: item.id, position: position, clause: item.clause, question: item.question,
                        result: nil, note: nil, checkedBy: nil, checkedAt: nil)
                    try AuditTrail.track(db, .auditChecklistItem, key: row.key, action: "audit.checklist-item", by: actor) { try row.insert(db) }
                }
                return id
            }
        }
    }

    /// `planned -> in_progress`.
    public func startAudit(_ id: String, by username: String) throws -> AuditView {
        try moveAudit(id, from: .planned, to: .inProgress, action: "audit.start", by: username, permission: "start audits") { audit, now in
            audit.startedAt = now
        }
    }

    /// `in_progress -> report_issued`: every checklist item must be answered.
    public func issueAuditReport(_ id: String, summary: String, by username: String) throws -> AuditView {
        let summary = try AuditText.paragraph(summary, "--summary")
        return try moveAudit(id, from: .inProgress, to: .reportIssued, action: "audit.report", by: username, permission: "issue audit reports", reason: summary) { audit, now in
            audit.reportIssuedAt = now
            audit.reportSummary = summary
        } check: { db, audit in
            let open = try String.fetchAll(db, sql: "SELECT item FROM audit_checklist_item WHERE audit_id = ? AND result IS NULL ORDER BY position", arguments: [audit.id])
            if !open.isEmpty {
                throw GembaError.state("\(audit.id) has \(open.count) unanswered checklist item(s) (\(open.prefix(5).joined(separator: ", "))\(open.count > 5 ? ", ..." : "")); answer them with `gemba audit check \(audit.id) ITEM --result conform|nonconform|na` before the report")
            }
        }
    }

    /// `report_issued -> closed`: every finding whose grade needs a CAPA must have one.
    public func closeAudit(_ id: String, by username: String) throws -> AuditView {
        let policy = try capaPolicy()
        return try moveAudit(id, from: .reportIssued, to: .closed, action: "audit.close", by: username, permission: "close audits") { audit, now in
            audit.closedAt = now
        } check: { db, audit in
            let findings = try FindingRecord.filter(Column("audit_id") == audit.id).order(Column("number")).fetchAll(db)
            let linked = Set(try String.fetchAll(db, sql: "SELECT finding_id FROM capa_finding"))
            let missing = findings.filter { policy.rule((FindingGrade(rawValue: $0.grade) ?? .major)).capaRequired && !linked.contains($0.id) }
            if let first = missing.first {
                throw GembaError.state("\(audit.id) cannot close: \(missing.map(\.id).joined(separator: ", ")) need(s) a CAPA (policies/capa.yaml); raise one with `gemba capa new --finding \(first.id) ...`")
            }
        }
    }

    private func moveAudit(
        _ id: String, from: AuditStatus, to: AuditStatus, action: String, by username: String, permission: String, reason: String? = nil,
        change: (inout AuditRecord, Date) -> Void, check: (Database, AuditRecord) throws -> Void = { _, _ in }
    ) throws -> AuditView {
        try exclusively {
            try store.write { db in
                _ = try requirePermission(db, username, .auditManage, to: permission)
                var audit = try auditRecord(db, id)
                try requireAuditStatus(audit, from, doing: action)
                try check(db, audit)
                let now = now()
                audit.status = to.rawValue
                change(&audit, now)
                try AuditTrail.track(db, .audit, key: audit.id, action: action, by: Actor(username: username, at: now, reason: reason)) { try audit.update(db) }
            }
            return try auditView(id)
        }
    }

    func auditRecord(_ db: Database, _ id: String) throws -> AuditRecord {
        guard let audit = try AuditRecord.fetchOne(db, key: id.uppercased()) else {
            throw GembaError.notFound("no audit \(id) in this register; `gemba audit list` shows the audits")
        }
        return audit
    }

    /// Refuses a step the audit's status does not allow, naming the step that is allowed.
    func requireAuditStatus(_ audit: AuditRecord, _ allowed: AuditStatus..., doing what: String) throws {
        let status = AuditStatus(rawValue: audit.status) ?? .closed
        guard !allowed.contains(status) else { return }
        throw GembaError.state("\(audit.id) is \(status.rawValue.replacingOccurrences(of: "_", with: " ")), so \(what) is not allowed now; next: \(Register.nextAuditStep(audit))")
    }

    static func nextAuditStep(_ audit: AuditRecord) -> String {
        switch AuditStatus(rawValue: audit.status) {
        case .planned: "`gemba audit start \(audit.id)`"
        case .inProgress: "record checks and findings (`gemba audit check`, `gemba audit finding`), then `gemba audit report \(audit.id) --summary ...`"
        case .reportIssued: "raise CAPAs for the nonconformities (`gemba capa new --finding ...`), then `gemba audit close \(audit.id)`"
        default: "nothing: the audit is closed"
        }
    }
}

/// Checks of free text typed into audit and CAPA commands.
enum AuditText {
    static func line(_ text: String, _ option: String, max: Int) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= max, !trimmed.contains(where: \.isNewline) else {
            throw GembaError.invalid("\(option) must be one line of 1-\(max) characters")
        }
        return trimmed
    }

    static func paragraph(_ text: String, _ option: String, max: Int = 4000) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= max else {
            throw GembaError.invalid("\(option) must say something (1-\(max) characters)")
        }
        return trimmed
    }
}
