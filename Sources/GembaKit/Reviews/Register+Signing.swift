import Foundation
import GRDB
import GembaGit

/// What a signing did.
public struct SigningResult: Codable, Sendable {
    public let document: String
    public let revision: String
    public let signature: SignatureView
    /// The cycle's state after the signature: open (more signatures needed), approved, concluded.
    public let cycleStatus: String
    public let nextStep: String?
    /// Set when the signature completed the route.
    public let revisionStatus: String?
    public let effectiveDate: String?
    public let tag: String?
}

extension Register {
    /// Signs the open review cycle of a document (21 CFR 11.50, 11.70, 11.200). The signature
    /// binds the signer, meaning and UTC time to the pinned commit and folder tree; when it
    /// completes the route the revision is approved and, on its effective date, released.
    public func sign(_ id: String, meaning: SignatureMeaning, signer: SignerCredentials, comment: String? = nil) throws -> SigningResult {
        try exclusively {
            try releaseDueRevisions()
            let (document, cycle, signatures) = try store.read { db in
                let document = try documentRecord(db, id)
                guard let cycle = try openCycleRecord(db, document.id) else {
                    throw GembaError.state("\(document.id) has no open review cycle; `gemba review inbox` lists what awaits you")
                }
                let signatures = try SignatureRecord.filter(Column("cycle_id") == cycle.id).fetchAll(db)
                return (document, cycle, signatures)
            }
            let revision = try store.read { db in try revisionRecord(db, document.id, cycle.revisionLetter) }
            let steps = try steps(of: cycle)
            guard cycle.currentStep < steps.count else { throw GembaError(.integrity, "review cycle \(cycle.id ?? 0) is past its last step; run `gemba verify`") }
            let step = steps[cycle.currentStep]
            let user = try store.read { db in try activeUser(db, signer.username) }
            guard user.roleList.contains(step.role) else {
                throw GembaError.permission("\(signer.username) cannot sign the '\(step.name)' step of \(document.id): it needs the role \(step.role)")
            }
            guard meaning == step.meaning else {
                throw GembaError.invalid("the '\(step.name)' step of \(document.id) is signed with the meaning '\(step.meaning.rawValue)', not '\(meaning.rawValue)'")
            }
            if !policies.settings.authorMaySignOwnRevision, cycle.kind != ReviewCycleKind.obsolete.rawValue, revision.author == signer.username {
                throw GembaError.permission("\(signer.username) wrote \(document.id) rev \(revision.letter) and may not also sign it as \(step.meaning.rawValue) (policies/register.yaml)")
            }
            if signatures.contains(where: { $0.username == signer.username && $0.stepIndex != nil }) {
                throw GembaError.state("\(signer.username) has already signed this review of \(document.id); each signature needs a different person")
            }
            try checkPinnedContent(document: document, cycle: cycle)
            let signerRecord = try authenticateSigner(signer.username, password: signer.password, for: "\(document.id) rev \(revision.letter)")
            let now = now()
            let signature = SignatureRecord(
                id: nil, cycleId: cycle.id ?? 0, documentId: document.id, revisionLetter: revision.letter, stepIndex: cycle.currentStep,
                stepName: step.name, username: signerRecord.username, printedName: signerRecord.name, meaning: meaning.rawValue, signedAt: now,
                commitId: cycle.pinnedCommit, treeId: cycle.pinnedTree, comment: comment)
            let given = signatures.filter { $0.stepIndex == cycle.currentStep }.count + 1
            let stepDone = given >= step.signatures
            let routeDone = stepDone && cycle.currentStep + 1 == steps.count
            let actor = Actor(username: signer.username, at: now, reason: comment)

            // Git objects first (unreferenced until the records commit), then one transaction.
            var release: PreparedRelease?
            var retirement: PreparedObsolete?
            let kind = ReviewCycleKind(rawValue: cycle.kind) ?? .revision
            let effectiveOn = revision.plannedEffective.flatMap(Day.init) ?? Day(now)
            if routeDone, kind == .revision, effectiveOn <= Day(now) {
                release = try prepareRelease(document: document, revision: revision, signatures: signatures + [signature], committer: signerRecord, at: now)
            }
            if routeDone, kind == .obsolete {
                retirement = try prepareObsolete(document: document, cycle: cycle, signatures: signatures + [signature], committer: signerRecord, at: now)
            }
            let moves = try store.write { db -> [RefMove] in
                try resetFailedAttempts(db, signerRecord, by: actor)
                var inserted = signature
                try inserted.insert(db)
                try AuditTrail.recordInsert(db, .signature, key: String(inserted.id ?? 0), action: "signature.sign", by: actor)
                let updated = cycle.afterSignature(stepDone: stepDone, routeDone: routeDone, kind: kind, at: now)
                if updated != cycle {
                    try AuditTrail.track(db, .reviewCycle, key: String(cycle.id ?? 0), action: routeDone ? "review.complete" : "review.step", by: actor) {
                        try updated.update(db)
                    }
                }
                guard routeDone else { return [] }
                switch kind {
                case .revision:
                    var approved = revision
                    approved.status = RevisionStatus.approved.rawValue
                    approved.approvedAt = now
                    approved.effectiveOn = effectiveOn.description
                    approved.updatedAt = now
                    try AuditTrail.track(db, .revision, key: revision.key, action: "revision.approve", by: actor) { try approved.update(db) }
                    try assignTraining(db, revision: approved, by: actor)
                    if let release { return try recordRelease(db, release, by: actor) }
                    try refreshDocumentStatus(db, document.id, by: actor)
                    return []
                case .periodic:
                    var reviewed = try documentRecord(db, document.id)
                    reviewed.lastReviewedOn = Day(now).description
                    reviewed.nextReviewDue = Day(now).addingMonths(reviewInterval(reviewed)).description
                    try AuditTrail.track(db, .document, key: document.id, action: "document.periodic-review", by: actor) { try reviewed.update(db) }
                    return []
                case .obsolete:
                    guard let retirement else { return [] }
                    return try recordObsolete(db, retirement, by: actor)
                }
            }
            try apply(moves)
            let after = try store.read { db in
                (try revisionRecord(db, document.id, revision.letter), try ReviewCycleRecord.fetchOne(db, key: cycle.id))
            }
            let nextStep = (after.1?.status == ReviewCycleStatus.open.rawValue) ? after.1.flatMap { c in steps.indices.contains(c.currentStep) ? steps[c.currentStep].name : nil } : nil
            return SigningResult(
                document: document.id, revision: revision.letter, signature: SignatureView(signature, contentVerified: signatureHolds(signature, releaseCommit: after.0.releaseCommit)),
                cycleStatus: after.1?.status ?? "", nextStep: nextStep,
                revisionStatus: routeDone ? after.0.status : nil, effectiveDate: after.0.effectiveOn,
                tag: release != nil ? Register.tagName(document.id, revision.letter) : nil)
        }
    }

    /// Rejects the open review: the revision goes back to draft with the comment (a signed decision).
    public func reject(_ id: String, comment: String, signer: SignerCredentials) throws -> ReviewCycleView {
        let comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !comment.isEmpty else { throw GembaError.invalid("--comment must say why the revision is rejected") }
        return try exclusively {
            let (document, cycle) = try store.read { db in
                let document = try documentRecord(db, id)
                guard let cycle = try openCycleRecord(db, document.id) else {
                    throw GembaError.state("\(document.id) has no open review cycle to reject")
                }
                return (document, cycle)
            }
            let steps = try steps(of: cycle)
            let step = steps[min(cycle.currentStep, steps.count - 1)]
            let user = try store.read { db in try activeUser(db, signer.username) }
            guard user.roleList.contains(step.role) else {
                throw GembaError.permission("\(signer.username) cannot reject at the '\(step.name)' step of \(document.id): it needs the role \(step.role)")
            }
            let signed = try authenticateSigner(signer.username, password: signer.password, for: "rejection of \(document.id)")
            let now = now()
            let actor = Actor(username: signer.username, at: now, reason: comment)
            try store.write { db in
                try resetFailedAttempts(db, signed, by: actor)
                var rejection = SignatureRecord(
                    id: nil, cycleId: cycle.id ?? 0, documentId: document.id, revisionLetter: cycle.revisionLetter, stepIndex: nil,
                    stepName: step.name, username: signed.username, printedName: signed.name, meaning: SignatureMeaning.rejected.rawValue,
                    signedAt: now, commitId: cycle.pinnedCommit, treeId: cycle.pinnedTree, comment: comment)
                try rejection.insert(db)
                try AuditTrail.recordInsert(db, .signature, key: String(rejection.id ?? 0), action: "signature.reject", by: actor)
                var closed = cycle
                closed.status = ReviewCycleStatus.rejected.rawValue
                closed.closedAt = now
                closed.comment = comment
                closed.outcome = "rejected"
                try AuditTrail.track(db, .reviewCycle, key: String(cycle.id ?? 0), action: "review.reject", by: actor) { try closed.update(db) }
                if cycle.kind == ReviewCycleKind.revision.rawValue {
                    var revision = try revisionRecord(db, document.id, cycle.revisionLetter)
                    revision.status = RevisionStatus.draft.rawValue
                    revision.updatedAt = now
                    try AuditTrail.track(db, .revision, key: revision.key, action: "revision.reject", by: actor) { try revision.update(db) }
                    try refreshDocumentStatus(db, document.id, by: actor)
                }
            }
            return try reviewCycle(cycle.id ?? 0)
        }
    }

    /// Ends a periodic review with "revise" (opens a draft) or "retire" (asks for approval to
    /// make the document obsolete). "No change" ends it by signing the route.
    public func concludePeriodicReview(_ id: String, outcome: PeriodicOutcome, reason: String, by username: String) throws -> ReviewCycleView {
        let reason = try InputChecks.reason(reason)
        return try exclusively {
            let cycle = try store.read { db -> ReviewCycleRecord in
                _ = try requirePermission(db, username, .reviewConclude, to: "conclude periodic reviews")
                let document = try documentRecord(db, id)
                guard let cycle = try openCycleRecord(db, document.id), cycle.kind == ReviewCycleKind.periodic.rawValue else {
                    throw GembaError.state("\(document.id) has no open periodic review; start one with `gemba review start \(document.id) --periodic`")
                }
                return cycle
            }
            let now = now()
            let actor = Actor(username: username, at: now, reason: reason)
            // Closing the periodic review and its follow-up commit together, or not at all.
            let close: (Database) throws -> Void = { db in
                var closed = cycle
                closed.status = ReviewCycleStatus.concluded.rawValue
                closed.outcome = outcome.rawValue
                closed.closedAt = now
                closed.comment = reason
                try AuditTrail.track(db, .reviewCycle, key: String(cycle.id ?? 0), action: "review.conclude", by: actor) { try closed.update(db) }
            }
            switch outcome {
            case .revise:
                let pending = try store.read { db in try documentRecord(db, cycle.documentId) }
                if pending.latestRevision == pending.effectiveRevision {
                    _ = try openRevision(cycle.documentId, RevisionRequest(changeReason: reason, changeClass: .major), by: username, at: now, first: close)
                } else {
                    try store.write(close)
                }
            case .retire:
                _ = try startCycleOnEffectiveLocked(cycle.documentId, kind: .obsolete, reason: reason, by: username, permission: .documentObsolete, first: close)
            }
            return try reviewCycle(cycle.id ?? 0)
        }
    }

    /// The draft must still be exactly what the review started on; if not, the cycle is void.
    private func checkPinnedContent(document: DocumentRecord, cycle: ReviewCycleRecord) throws {
        guard cycle.kind == ReviewCycleKind.revision.rawValue else {
            let commit = ObjectID(hex: cycle.pinnedCommit)
            let entry = try commit.flatMap { try folder(document.id, in: $0) }
            guard entry?.hex == cycle.pinnedTree else {
                throw GembaError(.integrity, "the content pinned by the review of \(document.id) no longer matches content.git; run `gemba verify`")
            }
            return
        }
        let head = try gitRef(Register.draftRef(document.id))
        let recorded = try store.read { db in try revisionRecord(db, document.id, cycle.revisionLetter) }
        var treeMatches = false
        if let head, let tree = try? folder(document.id, in: head) {
            treeMatches = tree.hex == cycle.pinnedTree
        }
        guard head?.hex != cycle.pinnedCommit || recorded.draftCommit != cycle.pinnedCommit || !treeMatches else { return }
        let now = now()
        let actor = Actor(username: Register.systemActor, at: now, reason: "content changed after the review started")
        try store.write { db in
            var void = cycle
            void.status = ReviewCycleStatus.void.rawValue
            void.closedAt = now
            void.comment = "void: drafts/\(document.id) is \(head?.hex ?? "missing"), the review signed \(cycle.pinnedCommit)"
            try AuditTrail.track(db, .reviewCycle, key: String(cycle.id ?? 0), action: "review.void", by: actor) { try void.update(db) }
            var revision = recorded
            revision.status = RevisionStatus.draft.rawValue
            revision.updatedAt = now
            try AuditTrail.track(db, .revision, key: revision.key, action: "revision.reopen", by: actor) { try revision.update(db) }
            try refreshDocumentStatus(db, document.id, by: actor)
        }
        throw GembaError(.conflict, "the content of \(document.id) changed since the review started (signatures were for commit \(cycle.pinnedCommit.prefix(12))); the review cycle is void: restart it with `gemba review start \(document.id)`")
    }

    func reviewInterval(_ document: DocumentRecord) -> Int {
        document.reviewIntervalMonths ?? ((try? policies.documentType(document.type).reviewIntervalMonths) ?? 12)
    }
}

public enum PeriodicOutcome: String, Sendable, CaseIterable {
    case revise, retire
}

extension ReviewCycleRecord {
    /// The cycle after a signature: the next step opens when this one has its signatures, and
    /// the last step closes the cycle (approved, or "no change" for a periodic review). The
    /// services and `gemba synth` both use it, so a synthetic register moves as a real one.
    func afterSignature(stepDone: Bool, routeDone: Bool, kind: ReviewCycleKind, at now: Date) -> ReviewCycleRecord {
        var updated = self
        if stepDone && !routeDone {
            updated.currentStep += 1
            updated.stepOpenedAt = now
        }
        if routeDone {
            updated.status = kind == .periodic ? ReviewCycleStatus.concluded.rawValue : ReviewCycleStatus.approved.rawValue
            updated.outcome = kind == .periodic ? "no change" : "approved"
            updated.closedAt = now
        }
        return updated
    }
}
