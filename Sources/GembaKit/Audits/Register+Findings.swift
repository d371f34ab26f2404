import Foundation
import GRDB

/// What `audit finding` records.
public struct NewFinding: Sendable {
    public var grade: FindingGrade
    public var clause: String
    public var description: String
    /// The objective evidence, as the auditor saw it.
    public var evidence: String
    /// Document revisions the evidence points at: `SOP-0012/C`, or `SOP-0012` for the effective one.
    public var documents: [String]
    /// Records the evidence points at (a form, a log, a lot number...), free text.
    public var records: [String]
    public var area: String?
    public var owner: String
    public var checklistItem: String?

    public init(
        grade: FindingGrade, clause: String, description: String, evidence: String, documents: [String] = [], records: [String] = [],
        area: String? = nil, owner: String, checklistItem: String? = nil
    ) {
        self.grade = grade
        self.clause = clause
        self.description = description
        self.evidence = evidence
        self.documents = documents
        self.records = records
        self.area = area
        self.owner = owner
        self.checklistItem = checklistItem
    }
}

extension Register {
    /// Answers one checklist item of an audit in progress.
    public func checkAuditItem(_ id: String, item: String, result: ChecklistResult, note: String?, by username: String) throws -> ChecklistItemView {
        let note = try note.map { try AuditText.paragraph($0, "--note", max: 2000) }
        if result == .nonconform, note == nil {
            throw GembaError.invalid("a nonconform answer needs --note with what was seen")
        }
        return try exclusively {
            try store.write { db in
                _ = try requirePermission(db, username, .auditManage, to: "record audit checks")
                let audit = try auditRecord(db, id)
                try requireAuditStatus(audit, .inProgress, doing: "checking an item")
                guard var row = try ChecklistItemRecord.fetchOne(db, key: ["audit_id": audit.id, "item": item]) else {
                    throw GembaError.notFound("\(audit.id) has no checklist item '\(item)'; `gemba audit show \(audit.id)` lists them")
                }
                let now = now()
                row.result = result.rawValue
                row.note = note
                row.checkedBy = username
                row.checkedAt = now
                try AuditTrail.track(db, .auditChecklistItem, key: row.key, action: "audit.check", by: Actor(username: username, at: now)) { try row.update(db) }
                return ChecklistItemView(row)
            }
        }
    }

    /// Records a finding of an audit in progress; returns its ID, `AUD-2026-001/F3`.
    public func addFinding(_ id: String, _ new: NewFinding, by username: String) throws -> FindingView {
        let clause = try AuditText.line(new.clause, "--clause", max: 100)
        let description = try AuditText.paragraph(new.description, "--description")
        let evidence = try AuditText.paragraph(new.evidence, "--evidence")
        let records = try new.records.map { try AuditText.line($0, "--record", max: 300) }
        let area = try new.area.map { try AuditText.line($0, "--area", max: 100) }
        return try exclusively {
            let findingId = try store.write { db in
                _ = try requirePermission(db, username, .auditManage, to: "record audit findings")
                let audit = try auditRecord(db, id)
                try requireAuditStatus(audit, .inProgress, doing: "recording a finding")
                let owner = try activeUser(db, new.owner).username
                if let item = new.checklistItem, try ChecklistItemRecord.fetchOne(db, key: ["audit_id": audit.id, "item": item]) == nil {
                    throw GembaError.notFound("\(audit.id) has no checklist item '\(item)'")
                }
                let links = try new.documents.map { try documentLink(db, $0) }
                let number = (try Int.fetchOne(db, sql: "SELECT max(number) FROM finding WHERE audit_id = ?", arguments: [audit.id]) ?? 0) + 1
                let now = now()
                let finding = FindingRecord(
                    id: "\(audit.id)/F\(number)", auditId: audit.id, number: number, grade: new.grade.rawValue, clause: clause,
                    description: description, evidence: evidence, documentLinks: JSONList.encode(links), recordLinks: JSONList.encode(records),
                    area: area, owner: owner, checklistItem: new.checklistItem, raisedBy: username, raisedAt: now)
                try AuditTrail.track(db, .finding, key: finding.id, action: "audit.finding", by: Actor(username: username, at: now)) { try finding.insert(db) }
                return finding.id
            }
            return try finding(findingId)
        }
    }

    /// `SOP-0012/C` (that revision must exist) or `SOP-0012` (its effective, else latest, revision).
    private func documentLink(_ db: Database, _ text: String) throws -> String {
        let parts = text.uppercased().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, let first = parts.first else {
            throw GembaError.invalid("--document '\(text)' must be a document ID, optionally with a revision: SOP-0012 or SOP-0012/C")
        }
        let document = try documentRecord(db, first)
        let letter = parts.count == 2 ? parts[1] : (document.effectiveRevision ?? document.latestRevision)
        return "\(document.id)/\(try revisionRecord(db, document.id, letter).letter)"
    }
}

extension ChecklistItemView {
    init(_ row: ChecklistItemRecord) {
        self.init(
            item: row.item, clause: row.clause, question: row.question, result: row.result, note: row.note, checkedBy: row.checkedBy,
            checkedAt: row.checkedAt.map(Timestamp.string))
    }
}
