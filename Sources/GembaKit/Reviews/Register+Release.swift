import Foundation
import GRDB
import GembaGit

/// Git objects of a release, written before the transaction that records them.
struct PreparedRelease {
    let documentId: String
    let letter: String
    let commit: ObjectID
    let tagObject: ObjectID
    let parentMain: ObjectID
    let effectiveOn: Day
}

struct PreparedObsolete {
    let documentId: String
    let commit: ObjectID
    let parentMain: ObjectID
}

extension Register {
    /// Builds the release commit on `main` (parents: the previous main and the signed draft) and
    /// the annotated tag `<ID>/<REV>`. Only the folder's meta.yaml differs from the signed tree:
    /// it gains the effective date and the signature manifestation.
    func prepareRelease(
        document: DocumentRecord, revision: RevisionRecord, signatures: [SignatureRecord], committer: UserRecord, at now: Date
    ) throws -> PreparedRelease {
        try requireRefsInSync([Register.mainRef, Register.draftRef(document.id)])
        let main = try store.read { db in try recordedMain(db) }
        return try writeRelease(
            document: document, revision: revision, signatures: signatures, committer: committer, at: now, main: main,
            tree: try TreeEditor(base: try repository.commit(main).tree, in: repository), trailAnchor: try trailAnchor())
    }

    /// Writes the release's git objects on top of `main`, its tree being `editor`'s tree with the
    /// document's folder put in (the editor keeps the edit, for a next release on top);
    /// `trailAnchor` is the `Audit-trail:` line (or ""). `target` is where the objects go: the
    /// repository, or a batch of it, the one the editor was made on.
    func writeRelease(
        document: DocumentRecord, revision: RevisionRecord, signatures: [SignatureRecord], committer: UserRecord, at now: Date,
        main: ObjectID, tree editor: TreeEditor, trailAnchor: String, into target: Repository? = nil
    ) throws -> PreparedRelease {
        let repository = target ?? repository
        guard let draftCommit = ObjectID(hex: revision.draftCommit), let draftTree = ObjectID(hex: revision.draftTree) else { throw corrupt(document.id) }
        let (content, attachments) = try DocumentTree.read(tree: draftTree, mainFile: revision.mainFile, in: repository)
        let effectiveOn = revision.plannedEffective.flatMap(Day.init) ?? Day(now)
        let meta = DocumentMeta(
            id: document.id, title: revision.title, type: document.type, owner: document.owner, revision: revision.letter,
            status: RevisionStatus.effective.rawValue, effectiveDate: effectiveOn, changeReason: revision.changeReason,
            changeClass: revision.changeClass, eco: revision.eco, mainFile: revision.mainFile, attachments: attachments.map(\.name).sorted(),
            signatures: signatures.sorted { $0.signedAt < $1.signedAt }.map {
                .init(name: $0.printedName, username: $0.username, meaning: $0.meaning, signedAt: $0.signedAt, step: $0.stepName)
            })
        let subtree = try DocumentTree.write(meta: meta, main: content, attachments: attachments, in: repository)
        try DocumentTree.place(document.id, folder: subtree, in: editor)
        let tree = try editor.write()
        // The release is authored by whoever saved the signed draft, when they saved it.
        let author = try repository.commit(draftCommit).author
        let releaser = GitPerson(name: committer.name, email: committer.email, time: now)
        let manifestation = signOffLines(signatures)
        var message = "\(document.id) rev \(revision.letter): \(revision.title)\n\n\(revision.changeReason)\n\n"
        message += "Change-class: \(revision.changeClass)\n"
        if let eco = revision.eco { message += "ECO: \(eco)\n" }
        message += "Effective: \(effectiveOn)\nSigned-commit: \(draftCommit.hex)\nSigned-tree: \(draftTree.hex)\n\(manifestation)\n"
        message += trailAnchor
        let commit = try repository.createCommit(tree: tree, parents: [main, draftCommit], author: author, committer: releaser, message: message)
        let tag = try repository.createTagObject(
            name: Register.tagName(document.id, revision.letter), target: commit, tagger: releaser,
            message: "\(document.id) revision \(revision.letter), effective \(effectiveOn)\n\n\(manifestation)\n")
        return PreparedRelease(
            documentId: document.id, letter: revision.letter, commit: commit, tagObject: tag, parentMain: main, effectiveOn: effectiveOn)
    }

    /// One `Signed-off-by:` line per signature, oldest first: the manifestation in commit and tag messages.
    func signOffLines(_ signatures: [SignatureRecord]) -> String {
        signatures.sorted { $0.signedAt < $1.signedAt }.map {
            "Signed-off-by: \($0.printedName) <\($0.username)> \($0.meaning) \(Timestamp.string($0.signedAt))"
        }.joined(separator: "\n")
    }

    /// The audit trail's newest entry, written into each commit on main: git's own hash chain then
    /// pins the trail, so rewriting old entries (even recomputing every hash) shows in `verify`.
    func trailAnchor() throws -> String {
        guard let row = try store.read({ db in try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_trail ORDER BY seq DESC LIMIT 1") }) else { return "" }
        return Register.trailAnchorLine(seq: row["seq"] as Int64? ?? 0, hash: row["hash"] as String? ?? "")
    }

    static func trailAnchorLine(seq: Int64, hash: String) -> String { "Audit-trail: \(seq) \(hash)\n" }

    /// Records a release: the revision becomes effective, the one before it superseded, the
    /// periodic-review clock restarts, and main, the tag and the draft branch move.
    func recordRelease(_ db: Database, _ release: PreparedRelease, by actor: Actor) throws -> [RefMove] {
        guard try recordedMain(db) == release.parentMain else {
            throw GembaError(.conflict, "main moved while \(release.documentId) was being released; try again")
        }
        var document = try documentRecord(db, release.documentId)
        if let previous = document.effectiveRevision {
            var old = try revisionRecord(db, document.id, previous)
            old.status = RevisionStatus.superseded.rawValue
            old.supersededAt = actor.at
            old.updatedAt = actor.at
            try AuditTrail.track(db, .revision, key: old.key, action: "revision.supersede", by: actor) { try old.update(db) }
        }
        var revision = try revisionRecord(db, document.id, release.letter)
        revision.status = RevisionStatus.effective.rawValue
        revision.effectiveOn = release.effectiveOn.description
        revision.effectiveAt = actor.at
        revision.releaseCommit = release.commit.hex
        revision.tagObject = release.tagObject.hex
        revision.updatedAt = actor.at
        try AuditTrail.track(db, .revision, key: revision.key, action: "revision.effective", by: actor) { try revision.update(db) }
        try closeSupersededTraining(db, released: revision, by: actor)
        document.effectiveRevision = release.letter
        document.status = RevisionStatus.effective.rawValue
        document.title = revision.title
        document.nextReviewDue = release.effectiveOn.addingMonths(reviewInterval(document)).description
        try AuditTrail.track(db, .document, key: document.id, action: "document.release", by: actor) { try document.update(db) }
        try completeDocumentActions(db, documentId: document.id, revision: release.letter, by: actor)
        // A periodic review still open on the superseded revision no longer applies.
        if var stale = try openCycleRecord(db, document.id), stale.kind != ReviewCycleKind.revision.rawValue {
            stale.status = ReviewCycleStatus.void.rawValue
            stale.closedAt = actor.at
            stale.comment = "void: revision \(release.letter) became effective"
            try AuditTrail.track(db, .reviewCycle, key: String(stale.id ?? 0), action: "review.void", by: actor) { try stale.update(db) }
        }
        return [
            try recordRef(db, Register.mainRef, to: release.commit, by: actor),
            try recordRef(db, Register.tagRef(document.id, release.letter), to: release.tagObject, by: actor),
            try recordRef(db, Register.draftRef(document.id), to: nil, by: actor),
        ]
    }

    func prepareObsolete(
        document: DocumentRecord, cycle: ReviewCycleRecord, signatures: [SignatureRecord], committer: UserRecord, at now: Date
    ) throws -> PreparedObsolete {
        try requireRefsInSync([Register.mainRef])
        let main = try store.read { db in try recordedMain(db) }
        let mainTree = try repository.commit(main).tree
        let tree = try DocumentTree.placing(document.id, folder: nil, inTree: mainTree, in: repository)
        let requester = try store.read { db in try UserRecord.fetchOne(db, key: cycle.startedBy) }
        return try writeObsolete(
            document: document, cycle: cycle, signatures: signatures, committer: committer, requester: requester, at: now, main: main, tree: tree,
            trailAnchor: try trailAnchor())
    }

    /// Writes the commit that takes the document's folder off main (`tree` is main's tree without it).
    func writeObsolete(
        document: DocumentRecord, cycle: ReviewCycleRecord, signatures: [SignatureRecord], committer: UserRecord, requester: UserRecord?,
        at now: Date, main: ObjectID, tree: ObjectID, trailAnchor: String
    ) throws -> PreparedObsolete {
        let author = GitPerson(name: requester?.name ?? cycle.startedBy, email: requester?.email ?? "\(cycle.startedBy)@gemba.invalid", time: cycle.startedAt)
        let releaser = GitPerson(name: committer.name, email: committer.email, time: now)
        let manifestation = signOffLines(signatures)
        let message = "\(document.id) made obsolete: \(document.title)\n\n\(cycle.reason ?? "")\n\nLast-revision: \(cycle.revisionLetter)\n\(manifestation)\n"
            + trailAnchor
        let commit = try repository.createCommit(tree: tree, parents: [main], author: author, committer: releaser, message: message)
        return PreparedObsolete(documentId: document.id, commit: commit, parentMain: main)
    }

    func recordObsolete(_ db: Database, _ retirement: PreparedObsolete, by actor: Actor) throws -> [RefMove] {
        guard try recordedMain(db) == retirement.parentMain else {
            throw GembaError(.conflict, "main moved while \(retirement.documentId) was being made obsolete; try again")
        }
        var document = try documentRecord(db, retirement.documentId)
        var moves: [RefMove] = []
        for var revision in try RevisionRecord.filter(Column("document_id") == document.id).fetchAll(db) {
            let newStatus: RevisionStatus
            switch RevisionStatus(rawValue: revision.status) {
            case .effective: newStatus = .obsolete
            case .draft, .inReview, .approved: newStatus = .withdrawn
            default: continue
            }
            revision.status = newStatus.rawValue
            revision.obsoleteAt = actor.at
            revision.updatedAt = actor.at
            try AuditTrail.track(db, .revision, key: revision.key, action: "revision.\(newStatus.rawValue)", by: actor) { try revision.update(db) }
        }
        if try recordedRef(db, Register.draftRef(document.id)) != nil {
            moves.append(try recordRef(db, Register.draftRef(document.id), to: nil, by: actor))
        }
        try cancelTraining(db, document: document.id, by: actor)
        document.status = RevisionStatus.obsolete.rawValue
        document.obsoleteAt = actor.at
        document.nextReviewDue = nil
        try AuditTrail.track(db, .document, key: document.id, action: "document.obsolete", by: actor) { try document.update(db) }
        moves.insert(try recordRef(db, Register.mainRef, to: retirement.commit, by: actor), at: 0)
        return moves
    }

    /// Releases approved revisions whose effective date has come. Runs under the register lock
    /// at the start of every write, and from `gemba doc release-due`. All that are due go out
    /// together: one release commit and tag each, chained on main in effective-date order,
    /// written as one pack, recorded in one transaction, and then the references move (the
    /// tags in one `packed-refs` write when there are many). All are released, or none.
    @discardableResult
    func releaseDueRevisions() throws -> [String] {
        let today = today().description
        let due = try store.read { db in
            try RevisionRecord.filter(Column("status") == RevisionStatus.approved.rawValue && Column("effective_on") <= today)
                .order(Column("effective_on"), Column("document_id")).fetchAll(db)
        }
        guard !due.isEmpty else { return [] }
        let plans = try store.read { db in
            // Statements prepared once: a day can release a thousand revisions.
            let signaturesOf = try db.cachedStatement(sql: "SELECT * FROM signature WHERE document_id = ? AND revision_letter = ? ORDER BY signed_at")
            let approvedCycles = try db.cachedStatement(sql: "SELECT id FROM review_cycle WHERE document_id = ? AND revision_letter = ? AND status = 'approved'")
            let user = try db.cachedStatement(sql: "SELECT * FROM user WHERE username = ?")
            return try due.map { revision -> (RevisionRecord, DocumentRecord, [SignatureRecord], UserRecord) in
                let signatures = try SignatureRecord.fetchAll(signaturesOf, arguments: [revision.documentId, revision.letter])
                let cycleIds = try Int64.fetchAll(approvedCycles, arguments: [revision.documentId, revision.letter])
                let signed = signatures.filter { cycleIds.contains($0.cycleId) }
                guard let approver = try signed.last.flatMap({ try UserRecord.fetchOne(user, arguments: [$0.username]) }) else { throw corrupt(revision.documentId) }
                return (revision, try documentRecord(db, revision.documentId), signed, approver)
            }
        }
        try requireRefsInSync([Register.mainRef] + due.map { Register.draftRef($0.documentId) })
        let main = try store.read { db in try recordedMain(db) }
        let anchor = try trailAnchor()
        let now = now()
        // A day with many releases writes them as one pack; one or a few are loose objects, as
        // a single release is (a pack per release would leave thousands of small packs).
        func write(into target: Repository) throws -> [PreparedRelease] {
            var releases: [PreparedRelease] = []
            // One editor for all: each release's tree is the last one's with one more folder in place.
            var parent = main
            let editor = try TreeEditor(base: try target.commit(main).tree, in: target)
            for (revision, document, signatures, approver) in plans {
                let release = try writeRelease(
                    document: document, revision: revision, signatures: signatures, committer: approver, at: now, main: parent, tree: editor,
                    trailAnchor: anchor, into: target)
                releases.append(release)
                parent = release.commit
            }
            return releases
        }
        let releases = plans.count >= Register.packedReleaseThreshold
            ? try repository.withObjectBatch { batch in
                let releases = try write(into: batch)
                return (releases, roots: releases.map(\.tagObject))
            }
            : try write(into: repository)
        let moves = try store.write { db in
            try zip(plans, releases).flatMap { plan, release in
                let actor = Actor(username: Register.systemActor, at: now, reason: "effective date \(plan.0.effectiveOn ?? today) reached")
                return try recordRelease(db, release, by: actor)
            }
        }
        try apply(moves)
        for release in releases {
            logger.info("released \(release.documentId) rev \(release.letter): its effective date has come")
        }
        return releases.map { Register.tagName($0.documentId, $0.letter) }
    }

    /// From this many revisions released at once, their objects are written as one pack.
    static let packedReleaseThreshold = 8

    /// Releases what has reached its effective date; safe to call from any command.
    @discardableResult
    public func releaseDue() throws -> [String] {
        let today = today().description
        let pending = try store.read { db in
            try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM revision WHERE status = 'approved' AND effective_on <= ?", arguments: [today]) ?? false
        }
        guard pending else { return [] }
        return try exclusively { try releaseDueRevisions() }
    }
}
