import Crypto
import Foundation
import GRDB

extension Register {
    /// Signs that every action was done (meaning "verified"); the effectiveness check then falls
    /// due after the grade's delay. The CAPA's owner may not verify their own CAPA.
    public func verifyCAPA(_ id: String, signer: SignerCredentials, comment: String? = nil) throws -> CAPAView {
        try signCAPA(id, step: .verification, meaning: .verified, signer: signer, comment: comment, allowed: [.actionsDone]) { db, capa, policy, user, now in
            guard user.username != capa.owner else {
                throw GembaError.permission("\(user.username) owns \(capa.id) and may not also verify it; someone else with capa.manage signs the verification")
            }
            capa.state = CAPAState.verified.rawValue
            capa.verifiedAt = now
            capa.effectivenessDue = Day(now).addingDays(policy.rule(FindingGrade(rawValue: capa.grade) ?? .major).effectivenessCheckDays).description
            return "capa.verify"
        }
    }

    /// Signs the effectiveness check, on or after its due date. "Not effective" reopens the CAPA:
    /// back to `actions_planned` with new plan and completion deadlines, counted in `reopened`.
    public func checkCAPAEffectiveness(_ id: String, result: EffectivenessResult, signer: SignerCredentials, comment: String?) throws -> CAPAView {
        if result == .notEffective, (comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw GembaError.invalid("a \"not effective\" result needs --comment saying what was found")
        }
        let meaning: CAPASignatureMeaning = result == .effective ? .effective : .notEffective
        return try signCAPA(id, step: .effectiveness, meaning: meaning, signer: signer, comment: comment, allowed: [.verified]) { db, capa, policy, _, now in
            if let due = capa.effectivenessDue.flatMap(Day.init), Day(now) < due {
                throw GembaError.state("the effectiveness check of \(capa.id) is due on \(due) (policies/capa.yaml); it cannot be signed before then")
            }
            guard result == .notEffective else {
                capa.state = CAPAState.effective.rawValue
                return "capa.effective"
            }
            capa.reopen(at: now, rule: policy.rule(FindingGrade(rawValue: capa.grade) ?? .major))
            return "capa.reopen"
        }
    }

    /// Closes an effective CAPA: signed by a holder of the policy's closure role (quality).
    public func closeCAPA(_ id: String, meaning: CAPASignatureMeaning, signer: SignerCredentials, comment: String? = nil) throws -> CAPAView {
        guard meaning == .approved || meaning == .responsibility else {
            throw GembaError.invalid("a CAPA's closure is signed with the meaning approved or responsibility, not '\(meaning.rawValue)'")
        }
        return try signCAPA(id, step: .closure, meaning: meaning, signer: signer, comment: comment, allowed: [.effective]) { _, capa, _, _, now in
            capa.state = CAPAState.closed.rawValue
            capa.closedAt = now
            return "capa.close"
        }
    }

    /// One signed step: order, authority and password checked, then the signature (with the hash
    /// of the content it signs) and the state change in one transaction (21 CFR 11.50, 11.70).
    private func signCAPA(
        _ id: String, step: CAPAStep, meaning: CAPASignatureMeaning, signer: SignerCredentials, comment: String?, allowed: [CAPAState],
        _ change: (Database, inout CAPARecord, CAPAPolicy, UserRecord, Date) throws -> String
    ) throws -> CAPAView {
        let comment = try comment.map { try AuditText.paragraph($0, "--comment", max: 2000) }
        let policy = try capaPolicy()
        let what = "\(step.rawValue) of \(id.uppercased())"
        return try exclusively {
            try store.read { db in
                let capa = try capaRecord(db, id)
                let user = try activeUser(db, signer.username)
                if step == .closure {
                    guard user.roleList.contains(policy.closureRole) else {
                        throw GembaError.permission("\(signer.username) cannot sign the closure of \(capa.id): it needs the role \(policy.closureRole) (policies/capa.yaml)")
                    }
                } else {
                    _ = try requirePermission(db, signer.username, .capaManage, to: "sign the \(step.rawValue) of a CAPA")
                }
                guard allowed.contains(CAPAState(rawValue: capa.state) ?? .closed) else {
                    throw try refusal(db, capa, policy: policy, doing: step.rawValue)
                }
                var probe = capa
                _ = try change(db, &probe, policy, user, now())
            }
            let user = try authenticateSigner(signer.username, password: signer.password, for: what)
            try store.write { db in
                var capa = try capaRecord(db, id)
                let now = now()
                let round = capa.reopened
                let actor = Actor(username: user.username, at: now, reason: comment)
                try resetFailedAttempts(db, user, by: actor)
                var signature = CAPASignatureRecord(
                    id: nil, capaId: capa.id, planRound: round, step: step.rawValue, meaning: meaning.rawValue, username: user.username,
                    printedName: user.name, signedAt: now, contentHash: try capaContentHash(db, capa), comment: comment)
                try signature.insert(db)
                try AuditTrail.recordInsert(db, .capaSignature, key: signature.key, action: "capa.sign", by: actor)
                let action = try change(db, &capa, policy, user, now)
                capa.updatedAt = now
                try AuditTrail.track(db, .capa, key: capa.id, action: action, by: actor) { try capa.update(db) }
            }
            return try capaView(id)
        }
    }

    /// SHA-256 of the CAPA's canonical content: what a signature vouches for (problem,
    /// containment, root cause, findings, actions and their evidence), as sorted-key JSON.
    func capaContentHash(_ db: Database, _ capa: CAPARecord) throws -> String {
        let actions = try CAPAActionRecord.filter(Column("capa_id") == capa.id).order(Column("number")).fetchAll(db)
        let findings = try String.fetchAll(db, sql: "SELECT finding_id FROM capa_finding WHERE capa_id = ? ORDER BY finding_id", arguments: [capa.id])
        return try Register.capaContentHash(capa, actions: actions, findings: findings)
    }

    /// The hash of a CAPA's content given its actions (by number) and finding IDs (sorted).
    static func capaContentHash(_ capa: CAPARecord, actions: [CAPAActionRecord], findings: [String]) throws -> String {
        let content: [String: Any] = [
            "id": capa.id, "title": capa.title, "grade": capa.grade, "source": capa.source, "source_reference": capa.sourceReference ?? NSNull(),
            "owner": capa.owner, "problem": capa.problem, "containment": capa.containment ?? NSNull(), "contained_on": capa.containedOn ?? NSNull(),
            "whys": JSONList.decode(capa.whys), "root_cause": capa.rootCause ?? NSNull(), "cause_category": capa.causeCategory ?? NSNull(),
            "findings": findings,
            "actions": actions.map { action -> [String: Any] in
                [
                    "id": action.id, "description": action.description, "owner": action.owner, "due_on": action.dueOn, "status": action.status,
                    "document_id": action.documentId ?? NSNull(), "document_revision": action.documentRevision ?? NSNull(),
                    "evidence": action.evidence ?? NSNull(), "completed_revision": action.completedRevision ?? NSNull(),
                    "done_by": action.doneBy ?? NSNull(), "done_at": action.doneAt.map(Timestamp.string) ?? NSNull(),
                ]
            },
        ]
        let data = try JSONSerialization.data(withJSONObject: content, options: [.sortedKeys, .withoutEscapingSlashes])
        return SHA256.hash(data: data).lowercaseHex
    }
}
