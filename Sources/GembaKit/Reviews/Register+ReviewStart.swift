import Foundation
import GRDB
import GembaGit

/// A signer's credentials for one signing (21 CFR 11.200: user ID and password every time).
public struct SignerCredentials: Sendable {
    public let username: String
    public let password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}

extension Register {
    /// Starts the review of a document's draft: pins the draft's exact commit and folder tree and
    /// records the author's "authored" signature. Only the revision's author may start it.
    @discardableResult
    public func startRevisionReview(_ id: String, effectiveOn: Day? = nil, signer: SignerCredentials) throws -> ReviewCycleView {
        try exclusively {
            try releaseDueRevisions()
            let (document, revision) = try store.read { db in
                let document = try documentRecord(db, id)
                return (document, try revisionRecord(db, id, document.latestRevision))
            }
            guard revision.status == RevisionStatus.draft.rawValue else {
                throw GembaError.state("\(document.id) rev \(revision.letter) is \(revision.status), not a draft; only a draft can be sent for review")
            }
            guard revision.author == signer.username else {
                throw GembaError.permission("only the author of \(document.id) rev \(revision.letter) (\(revision.author)) can send it for review")
            }
            if let open = try store.read({ db in try openCycleRecord(db, document.id) }) {
                throw GembaError.state("\(document.id) already has an open \(open.kind) review; finish it first (`gemba review inbox`)")
            }
            if let effectiveOn, effectiveOn < today() {
                throw GembaError.invalid("--effective \(effectiveOn) is in the past; give today or a later date")
            }
            try requireRefsInSync([Register.draftRef(document.id)])
            guard let head = try gitRef(Register.draftRef(document.id)), head.hex == revision.draftCommit else {
                throw GembaError(.integrity, "drafts/\(document.id) in content.git does not match the recorded draft; run `gemba verify`")
            }
            let user = try authenticateSigner(signer.username, password: signer.password, for: "\(document.id) rev \(revision.letter)")
            let type = try policies.documentType(document.type)
            let route = try policies.route(for: type)
            let now = now()
            let actor = Actor(username: signer.username, at: now, reason: "review started")
            let cycle = try store.write { db -> ReviewCycleRecord in
                try resetFailedAttempts(db, user, by: actor)
                var cycle = try newCycle(
                    document: document, revision: revision, kind: .revision, route: route,
                    pinnedCommit: revision.draftCommit, pinnedTree: revision.draftTree, by: signer.username, at: now)
                try cycle.insert(db)
                try AuditTrail.recordInsert(db, .reviewCycle, key: String(cycle.id ?? 0), action: "review.start", by: actor)
                var authored = SignatureRecord(
                    id: nil, cycleId: cycle.id ?? 0, documentId: document.id, revisionLetter: revision.letter, stepIndex: nil,
                    stepName: "authoring", username: user.username, printedName: user.name, meaning: SignatureMeaning.authored.rawValue,
                    signedAt: now, commitId: revision.draftCommit, treeId: revision.draftTree, comment: nil)
                try authored.insert(db)
                try AuditTrail.recordInsert(db, .signature, key: String(authored.id ?? 0), action: "signature.sign", by: actor)
                var updated = revision
                updated.status = RevisionStatus.inReview.rawValue
                updated.plannedEffective = effectiveOn?.description
                updated.updatedAt = now
                try AuditTrail.track(db, .revision, key: revision.key, action: "revision.review", by: actor) { try updated.update(db) }
                try refreshDocumentStatus(db, document.id, by: actor)
                return cycle
            }
            return try reviewCycle(cycle.id ?? 0)
        }
    }

    /// Starts the periodic review of a document's effective revision (ISO 9001 7.5.2/7.5.3).
    @discardableResult
    public func startPeriodicReview(_ id: String, by username: String) throws -> ReviewCycleView {
        try startCycleOnEffective(id, kind: .periodic, reason: "periodic review", by: username, permission: .reviewStart)
    }

    /// Asks for approval to make a document obsolete; it leaves `main` when the route is signed.
    @discardableResult
    public func requestObsolete(_ id: String, reason: String, by username: String) throws -> ReviewCycleView {
        try startCycleOnEffective(id, kind: .obsolete, reason: try InputChecks.reason(reason), by: username, permission: .documentObsolete)
    }

    private func startCycleOnEffective(
        _ id: String, kind: ReviewCycleKind, reason: String, by username: String, permission: Permission
    ) throws -> ReviewCycleView {
        try exclusively {
            try releaseDueRevisions()
            let cycle = try startCycleOnEffectiveLocked(id, kind: kind, reason: reason, by: username, permission: permission)
            return try reviewCycle(cycle.id ?? 0)
        }
    }

    /// Starts a cycle on the effective revision in one transaction; `first` runs at its start.
    func startCycleOnEffectiveLocked(
        _ id: String, kind: ReviewCycleKind, reason: String, by username: String, permission: Permission,
        first: (Database) throws -> Void = { _ in }
    ) throws -> ReviewCycleRecord {
        let now = now()
        let actor = Actor(username: username, at: now, reason: reason)
        return try store.write { db in
            try first(db)
            _ = try requirePermission(db, username, permission, to: kind == .obsolete ? "make documents obsolete" : "start periodic reviews")
            let document = try documentRecord(db, id)
            guard document.obsoleteAt == nil, let letter = document.effectiveRevision else {
                throw GembaError.state("\(document.id) has no effective revision (it is \(document.status))")
            }
            if let open = try openCycleRecord(db, document.id) {
                throw GembaError.state("\(document.id) already has an open \(open.kind) review; finish it first")
            }
            let revision = try revisionRecord(db, document.id, letter)
            guard let release = revision.releaseCommit, let commit = ObjectID(hex: release) else { throw corrupt(document.id) }
            guard let tree = try DocumentTree.folder(document.id, inTree: try repository.commit(commit).tree, in: repository) else { throw corrupt(document.id) }
            let route = try policies.route(for: try policies.documentType(document.type))
            var cycle = try newCycle(document: document, revision: revision, kind: kind, route: route, pinnedCommit: release, pinnedTree: tree.id.hex, by: username, at: now)
            cycle.reason = reason
            try cycle.insert(db)
            try AuditTrail.recordInsert(db, .reviewCycle, key: String(cycle.id ?? 0), action: kind == .obsolete ? "obsolete.request" : "review.start", by: actor)
            return cycle
        }
    }

    func newCycle(
        document: DocumentRecord, revision: RevisionRecord, kind: ReviewCycleKind, route: ApprovalRoute,
        pinnedCommit: String, pinnedTree: String, by username: String, at now: Date
    ) throws -> ReviewCycleRecord {
        // Sorted keys: the same route gives the same bytes in every process (gemba synth repeats exactly).
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let steps = String(decoding: try encoder.encode(route.steps), as: UTF8.self)
        return ReviewCycleRecord(
            id: nil, documentId: document.id, revisionLetter: revision.letter, kind: kind.rawValue, route: route.name, steps: steps,
            pinnedCommit: pinnedCommit, pinnedTree: pinnedTree, status: ReviewCycleStatus.open.rawValue, currentStep: 0,
            stepOpenedAt: now, startedBy: username, startedAt: now, closedAt: nil, outcome: nil, comment: nil, reason: nil)
    }

    func openCycleRecord(_ db: Database, _ id: String) throws -> ReviewCycleRecord? {
        // 'open' is written out: a bound status would make SQLite prepare the statement again on
        // every run, to see whether the partial index review_cycle_one_open applies.
        try ReviewCycleRecord.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM review_cycle WHERE document_id = ? AND status = 'open'"), arguments: [id.uppercased()])
    }

    func steps(of cycle: ReviewCycleRecord) throws -> [RouteStep] {
        try steps(ofCycle: cycle.id ?? 0, json: cycle.steps)
    }

    /// A cycle's route as stored in its `steps` column.
    func steps(ofCycle id: Int64, json: String) throws -> [RouteStep] {
        do {
            return try JSONDecoder().decode([RouteStep].self, from: Data(json.utf8))
        } catch {
            throw GembaError(.integrity, "review cycle \(id) holds an unreadable route; run `gemba verify`")
        }
    }
}
