import Foundation
import GRDB

struct AuditRecord: GembaRecord, Equatable {
    static let databaseTableName = "audit"
    var id: String
    var year: Int
    var seq: Int
    var kind: String
    var title: String
    var standard: String
    var clauses: String
    /// JSON list of areas and lines.
    var areas: String
    /// JSON list of document IDs in scope.
    var documents: String
    var auditingBody: String?
    var leadAuditor: String
    var startsOn: String
    var endsOn: String
    var status: String
    var checklist: String?
    var createdBy: String
    var createdAt: Date
    var startedAt: Date?
    var reportIssuedAt: Date?
    var reportSummary: String?
    var closedAt: Date?
}

struct ChecklistItemRecord: GembaRecord, Equatable {
    static let databaseTableName = "audit_checklist_item"
    var auditId: String
    var item: String
    var position: Int
    var clause: String
    var question: String
    var result: String?
    var note: String?
    var checkedBy: String?
    var checkedAt: Date?

    var key: String { "\(auditId)/check/\(item)" }
}

struct FindingRecord: GembaRecord, Equatable {
    static let databaseTableName = "finding"
    var id: String
    var auditId: String
    var number: Int
    var grade: String
    var clause: String
    var description: String
    var evidence: String
    /// JSON list of document revisions (`SOP-0012/C`) the evidence points at.
    var documentLinks: String
    /// JSON list of records (free text: a form, a log, a lot...).
    var recordLinks: String
    var area: String?
    var owner: String
    var checklistItem: String?
    var raisedBy: String
    var raisedAt: Date
}

/// Lists stored as JSON text in one column.
enum JSONList {
    static func encode(_ items: [String]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: items, options: [.withoutEscapingSlashes]) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String?) -> [String] {
        guard let text, let list = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String] else { return [] }
        return list
    }
}

/// An external assessor's read-only account, valid for one audit's window.
struct AuditAssessorRecord: GembaRecord, Equatable {
    static let databaseTableName = "audit_assessor"
    var auditId: String
    var username: String
    var addedBy: String
    var addedAt: Date

    var key: String { "\(auditId)/assessor/\(username)" }
}
