import Foundation
import GRDB

/// What `capa action add` asks for.
public struct NewCAPAAction: Sendable {
    public var description: String
    public var owner: String
    /// Default: the CAPA's completion deadline (policy, by grade).
    public var dueOn: Day?
    /// An action "revise SOP-0012": it completes when that document's next revision (or the
    /// revision `revision`) becomes effective.
    public var document: String?
    public var revision: String?

    public init(description: String, owner: String, dueOn: Day? = nil, document: String? = nil, revision: String? = nil) {
        self.description = description
        self.owner = owner
        self.dueOn = dueOn
        self.document = document
        self.revision = revision
    }
}

extension Register {
    /// Plans an action once the root cause is known; the CAPA is then `actions_planned`.
    public func addCAPAAction(_ id: String, _ new: NewCAPAAction, by username: String) throws -> CAPAActionView {
        let description = try AuditText.paragraph(new.description, "--action", max: 1000)
        let revision = try new.revision.map { text -> String in
            let letter = text.uppercased()
            guard letter.wholeMatch(of: /[A-Z]{1,3}/) != nil else { throw GembaError.invalid("--revision '\(text)' must be a revision letter such as D") }
            guard new.document != nil else { throw GembaError.invalid("--revision needs --revise DOCUMENT") }
            return letter
        }
        var actionId = ""
        _ = try changeCAPA(id, action: "capa.plan", by: username, doing: "actions") { db, capa, policy in
            try requireCAPAState(db, capa, policy: policy, .rootCaused, .actionsPlanned, .actionsDone, doing: "planning an action")
            let owner = try activeUser(db, new.owner).username
            let due = new.dueOn ?? Day(capa.completeDue) ?? today()
            guard due >= today() else { throw GembaError.invalid("--due \(due) is in the past") }
            var documentId: String?
            if let document = new.document {
                let record = try documentRecord(db, document)
                guard record.obsoleteAt == nil else { throw GembaError.state("\(record.id) is obsolete; it will not have another revision") }
                if let revision, let existing = try RevisionRecord.fetchOne(db, key: ["document_id": record.id, "letter": revision]),
                    existing.effectiveAt != nil
                {
                    throw GembaError.state("\(record.id) rev \(revision) is already \(existing.status); name a revision still to come")
                }
                documentId = record.id
            }
            let number = (try Int.fetchOne(db, sql: "SELECT max(number) FROM capa_action WHERE capa_id = ?", arguments: [capa.id]) ?? 0) + 1
            let now = now()
            let action = CAPAActionRecord(
                id: "\(capa.id)/A\(number)", capaId: capa.id, number: number, planRound: capa.reopened, description: description, owner: owner,
                dueOn: due.description, status: "open", documentId: documentId, documentRevision: revision, evidence: nil,
                completedRevision: nil, doneBy: nil, doneAt: nil, createdBy: username, createdAt: now)
            try AuditTrail.track(db, .capaAction, key: action.id, action: "capa.action-add", by: Actor(username: username, at: now)) { try action.insert(db) }
            actionId = action.id
            capa.state = CAPAState.actionsPlanned.rawValue
            if capa.plannedAt == nil { capa.plannedAt = now }
        }
        return try capaAction(actionId)
    }

    /// Completes an action with the evidence that it was done; when it is the last open action
    /// the CAPA becomes `actions_done`. Actions tied to a document revision complete by themselves.
    public func completeCAPAAction(_ actionId: String, evidence: String, by username: String) throws -> CAPAActionView {
        let evidence = try AuditText.paragraph(evidence, "--evidence", max: 2000)
        let policy = try capaPolicy()
        try exclusively {
            try store.write { db in
                guard var action = try CAPAActionRecord.fetchOne(db, key: actionId.uppercased()) else {
                    throw GembaError.notFound("no CAPA action \(actionId); `gemba capa show CAPA-...` lists the actions")
                }
                let capa = try capaRecord(db, action.capaId)
                let user = try activeUser(db, username)
                guard user.username == action.owner || policies.permissions(ofRoles: user.roleList).contains(.capaManage) else {
                    throw GembaError.permission("\(username) may not complete \(action.id) (its owner \(action.owner) or a role with capa.manage may)")
                }
                try requireCAPAState(db, capa, policy: policy, .actionsPlanned, doing: "completing an action")
                guard action.status == "open" else { throw GembaError.state("\(action.id) is already done") }
                if let document = action.documentId {
                    throw GembaError.state("\(action.id) completes by itself when \(document) \(action.documentRevision.map { "rev \($0)" } ?? "'s next revision") becomes effective")
                }
                let actor = Actor(username: username, at: now())
                action.status = "done"
                action.evidence = evidence
                action.doneBy = username
                action.doneAt = actor.at
                try AuditTrail.track(db, .capaAction, key: action.id, action: "capa.action-done", by: actor) { try action.update(db) }
                try finishActionsIfDone(db, capa.id, by: actor)
            }
        }
        return try capaAction(actionId)
    }

    /// Completes the open actions "revise DOCUMENT" when a revision of it becomes effective.
    /// Called inside the release transaction (Reviews/Register+Release.swift `recordRelease`).
    func completeDocumentActions(_ db: Database, documentId: String, revision: String, by actor: Actor) throws {
        let actions = try CAPAActionRecord.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM capa_action WHERE document_id = ? AND status = 'open'"), arguments: [documentId])
        for var action in actions where action.documentRevision == nil || action.documentRevision == revision {
            let done = actor.because("\(documentId) rev \(revision) became effective")
            action.status = "done"
            action.evidence = "\(documentId) rev \(revision) became effective on \(Day(actor.at))"
            action.completedRevision = revision
            action.doneBy = actor.username
            action.doneAt = actor.at
            try AuditTrail.track(db, .capaAction, key: action.id, action: "capa.action-done-by-release", by: done) { try action.update(db) }
            try finishActionsIfDone(db, action.capaId, by: done)
        }
    }

    /// `actions_planned -> actions_done` once no action of the CAPA is open.
    private func finishActionsIfDone(_ db: Database, _ capaId: String, by actor: Actor) throws {
        var capa = try capaRecord(db, capaId)
        let open = try Int.fetchOne(db, sql: "SELECT count(*) FROM capa_action WHERE capa_id = ? AND status = 'open'", arguments: [capaId]) ?? 0
        guard open == 0, capa.state == CAPAState.actionsPlanned.rawValue else { return }
        capa.state = CAPAState.actionsDone.rawValue
        capa.updatedAt = actor.at
        try AuditTrail.track(db, .capa, key: capa.id, action: "capa.actions-done", by: actor) { try capa.update(db) }
    }
}
