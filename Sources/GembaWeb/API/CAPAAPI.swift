import Foundation
import GembaKit
import Hummingbird

/// `/api/v1/capas`: corrective and preventive actions. Assessors read them too; every read is
/// recorded as the CLI records it.
extension RouteTable {
    func addCAPAAPI() {
        apiGet("/api/v1/capas", .signedIn, "CAPAs, as `gemba capa list --json`", tag: "capa", query: [
            .choice("state", CAPAState.allCases.map(\.rawValue), "Only CAPAs in this state"),
            .text("owner", "Only this owner (user name)"),
            .flag("open", "Leave out closed CAPAs"),
        ]) { request in
            let state = try request.queryChoice("state", CAPAState.self)
            let owner = request.query("owner")
            let openOnly = try request.queryFlag("open")
            let username = try request.username
            return try await request.run { register in
                try register.recordRead("capas", what: "api capa list", by: username)
                return try register.capas(state: state, owner: owner, openOnly: openOnly)
            }
        }

        apiGet("/api/v1/capas/:id", .signedIn, "One CAPA: problem, containment, root cause, actions and signatures, as `gemba capa show --json`",
               tag: "capa") { request in
            let id = try request.parameter("id")
            let username = try request.username
            return try await request.run { register in
                let view = try register.capaView(id)
                try register.recordRead(view.summary.id, what: "api capa show", by: username)
                return view
            }
        }
    }
}

extension CAPASummary: APIView { static let apiSchema = JSONSchema.ref("CAPASummary") }
extension CAPAView: APIView { static let apiSchema = JSONSchema.ref("CAPAView") }

extension APISchemas {
    static let capa: [String: JSONSchema] = [
        "CAPASummary": .object([
            "id": .string, "title": .string, "grade": .cases(FindingGrade.self), "source": .cases(CAPASource.self),
            "state": .cases(CAPAState.self), "owner": .string, "owner_name": .string, "opened_on": .day, "open_days": .integer,
            "reopened": .integer,
        ], optional: ["next_due": .day]),
        "CAPAView": .object([
            "summary": .ref("CAPASummary"), "grade_name": .string, "findings": .array(.string), "problem": .string, "whys": .array(.string),
            "opened_by": .string, "opened_at": .timestamp, "plan_due": .day, "complete_due": .day, "actions": .list("CAPAActionView"),
            "signatures": .list("CAPASignatureView"),
        ], optional: [
            "source_reference": .string, "containment": .string, "contained_on": .day, "root_cause": .string,
            "cause_category": .cases(CauseCategory.self), "verified_at": .timestamp, "effectiveness_due": .day, "closed_at": .timestamp,
            "next_step": .string,
        ]),
        "CAPAActionView": .object([
            "id": .string, "capa": .string, "number": .integer, "plan_round": .integer, "description": .string, "owner": .string,
            "owner_name": .string, "due_on": .day, "status": .string,
        ], optional: [
            "document": .string, "document_revision": .string, "evidence": .string, "completed_revision": .string, "done_by": .string,
            "done_at": .timestamp, "days_overdue": .integer,
        ]),
        "CAPASignatureView": .object([
            "step": .string, "meaning": .cases(CAPASignatureMeaning.self), "name": .string, "username": .string, "signed_at": .timestamp,
            "content_hash": .string, "manifestation": .string,
        ], optional: ["comment": .string, "content_verified": .boolean]),
    ]
}
