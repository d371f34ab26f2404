import Foundation
import GembaKit
import Hummingbird

/// `/api/v1/audits`: audits with their checklists, findings and assessors. Assessors read them
/// too; every read is recorded as the CLI records it.
extension RouteTable {
    func addAuditAPI() {
        apiGet("/api/v1/audits", .signedIn, "Audits, newest first, as `gemba audit list --json`", tag: "audits", query: [
            .choice("status", AuditStatus.allCases.map(\.rawValue), "Only audits in this status"),
        ]) { request in
            let status = try request.queryChoice("status", AuditStatus.self)
            let username = try request.username
            return try await request.run { register in
                try register.recordRead("audits", what: "api audit list", by: username)
                return try register.audits(status: status)
            }
        }

        apiGet("/api/v1/audits/:id", .signedIn, "One audit: scope, checklist, findings and assessors, as `gemba audit show --json`", tag: "audits") { request in
            let id = try request.parameter("id")
            let username = try request.username
            return try await request.run { register in
                let view = try register.auditView(id)
                try register.recordRead(view.summary.id, what: "api audit show", by: username)
                return view
            }
        }
    }
}

extension AuditSummary: APIView { static let apiSchema = JSONSchema.ref("AuditSummary") }
extension AuditView: APIView { static let apiSchema = JSONSchema.ref("AuditView") }

extension APISchemas {
    static let audits: [String: JSONSchema] = [
        "AuditSummary": .object([
            "id": .string, "kind": .cases(AuditKind.self), "title": .string, "standard": .string, "status": .cases(AuditStatus.self),
            "starts_on": .day, "ends_on": .day, "lead_auditor": .string, "findings": .map(.integer),
        ], optional: ["auditing_body": .string]),
        "AuditView": .object([
            "summary": .ref("AuditSummary"), "clauses": .string, "areas": .array(.string), "documents": .array(.string),
            "created_by": .string, "created_at": .timestamp, "checklist_items": .list("ChecklistItemView"), "findings": .list("FindingView"),
            "assessors": .list("AssessorView"),
        ], optional: [
            "checklist": .string, "started_at": .timestamp, "report_issued_at": .timestamp, "report_summary": .string,
            "closed_at": .timestamp, "next_step": .string,
        ]),
        "ChecklistItemView": .object(["item": .string, "clause": .string, "question": .string], optional: [
            "result": .cases(ChecklistResult.self), "note": .string, "checked_by": .string, "checked_at": .timestamp,
        ]),
        "FindingView": .object([
            "id": .string, "audit": .string, "number": .integer, "grade": .cases(FindingGrade.self), "grade_name": .string, "clause": .string,
            "description": .string, "evidence": .string, "documents": .array(.string), "records": .array(.string), "owner": .string,
            "owner_name": .string, "raised_by": .string, "raised_at": .timestamp, "capa_required": .boolean,
        ], optional: ["area": .string, "checklist_item": .string, "capa": .string]),
        "AssessorView": .object([
            "username": .string, "name": .string, "email": .string, "audit": .string, "expires_at": .string, "expired": .boolean,
            "added_by": .string, "added_at": .string,
        ]),
    ]
}
