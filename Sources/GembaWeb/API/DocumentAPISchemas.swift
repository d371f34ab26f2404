import GembaKit

/// The documents' views as the API writes them (GembaKit/Documents/DocumentViews.swift).
extension APISchemas {
    /// RevisionStatus's values (not CaseIterable in GembaKit).
    static let revisionStatus = JSONSchema.oneOf(["draft", "in_review", "approved", "effective", "superseded", "obsolete", "withdrawn"])

    static let documents: [String: JSONSchema] = [
        "SignatureView": .object([
            "name": .string, "username": .string, "meaning": .cases(SignatureMeaning.self), "signed_at": .timestamp,
            "commit": .string, "tree": .string, "manifestation": .string, "content_verified": .boolean,
        ], optional: ["step": .string, "comment": .string]),
        "RevisionView": .object([
            "revision": .string, "status": revisionStatus, "title": .string, "author": .string, "author_name": .string,
            "created_at": .timestamp, "updated_at": .timestamp, "change_reason": .string, "change_class": .cases(ChangeClass.self),
            "main_file": .string, "draft_commit": .string, "signatures": .list("SignatureView"),
        ], optional: [
            "eco": .string, "planned_effective": .day, "effective_date": .day, "approved_at": .timestamp, "superseded_at": .timestamp,
            "release_commit": .string, "tag": .string,
        ]),
        "ReviewCycleView": .object([
            "id": .integer, "document": .string, "title": .string, "revision": .string, "kind": .oneOf(["revision", "periodic", "obsolete"]),
            "status": .oneOf(["open", "approved", "rejected", "void", "concluded"]), "route": .string, "started_by": .string, "started_at": .timestamp, "pinned_commit": .string,
            "pinned_tree": .string, "signatures": .list("SignatureView"),
        ], optional: [
            "step": .string, "step_role": .string, "step_signatures_needed": .integer, "step_signatures_given": .integer, "step_due": .day,
            "closed_at": .timestamp, "outcome": .string, "comment": .string,
        ]),
        "DocumentSummary": .object([
            "id": .string, "type": .string, "title": .string, "owner": .string, "owner_name": .string, "status": .string,
            "latest_revision": .string, "latest_status": .string, "areas": .array(.string),
        ], optional: ["effective_revision": .string, "effective_date": .day, "next_review_due": .day]),
        "DocumentDetail": .object([
            "summary": .ref("DocumentSummary"), "review_interval_months": .integer, "created_at": .timestamp,
            "revisions": .list("RevisionView"), "review_cycles": .list("ReviewCycleView"),
        ], optional: ["last_reviewed_on": .day]),
        "DocumentShown": .object([
            "document": .ref("DocumentSummary"), "revision": .ref("RevisionView"), "attachments": .array(.string),
        ], optional: ["content": .string]),
        "DocumentDiff": .object([
            "document": .string, "from": .string, "to": .string, "patch": .string,
            "metadata": .array(.object(["field": .string, "old": .string, "new": .string])),
        ]),
    ]
}
