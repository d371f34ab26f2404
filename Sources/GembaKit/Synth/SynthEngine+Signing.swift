import Foundation
import GRDB
import GembaGit

extension SynthEngine {
    /// `review sign` by a holder of the current step's role: the signature, the cycle's step,
    /// and on the last step the approval and release (or the periodic review's conclusion, or
    /// the document leaving main), as `Register.sign` records them.
    func sign(_ document: SynthDocument, at time: Int64) throws {
        guard var record = document.record, var cycle = document.cycle, cycle.currentStep < document.steps.count,
            let kind = ReviewCycleKind(rawValue: cycle.kind)
        else { return }
        let step = document.steps[cycle.currentStep]
        let letter = cycle.revisionLetter
        guard let revision = document.revisions.last(where: { $0.letter == letter }) else { return }
        let signed = Set(document.signatures.filter { $0.stepIndex != nil }.map(\.username))
        let candidates = (holders[step.role] ?? []).filter { index in
            !signed.contains(users[index].username) && (kind == .obsolete || users[index].username != revision.author)
        }
        guard !candidates.isEmpty else { return }
        let signer = users[document.random.pick(candidates)]
        let now = date(time)
        let signature = SignatureRecord(
            id: nextSignature, cycleId: cycle.id ?? 0, documentId: record.id, revisionLetter: letter, stepIndex: cycle.currentStep,
            stepName: step.name, username: signer.username, printedName: signer.name, meaning: step.meaning.rawValue, signedAt: now,
            commitId: cycle.pinnedCommit, treeId: cycle.pinnedTree, comment: nil)
        nextSignature += 1
        let given = document.signatures.filter { $0.stepIndex == cycle.currentStep }.count + 1
        let stepDone = given >= step.signatures
        let routeDone = stepDone && cycle.currentStep + 1 == document.steps.count
        let actor = Actor(username: signer.username, at: now)
        let all = document.signatures + [signature]

        // Git objects first, with the trail's head before this signing, as the service does.
        var release: PreparedRelease?
        var retirement: PreparedObsolete?
        if routeDone, kind == .revision {
            var approved = revision
            approved.status = RevisionStatus.approved.rawValue
            release = try register.writeRelease(
                document: record, revision: approved, signatures: all, committer: signer, at: now, main: main,
                tree: try TreeEditor(base: document.finishing ? everythingEffective(but: record.id) : policiesTree, in: register.repository),
                trailAnchor: writer.anchor)
        }
        if routeDone, kind == .obsolete {
            let requester = users.first { $0.username == cycle.startedBy }
            retirement = try register.writeObsolete(
                document: record, cycle: cycle, signatures: all, committer: signer, requester: requester, at: now, main: main,
                tree: policiesTree, trailAnchor: writer.anchor)
        }

        try writer.insert(signature, .signature, key: String(signature.id ?? 0), action: "signature.sign", by: actor)
        count("signatures")
        let updated = cycle.afterSignature(stepDone: stepDone, routeDone: routeDone, kind: kind, at: now)
        if updated != cycle {
            try writer.update(cycle, to: updated, .reviewCycle, key: String(cycle.id ?? 0), action: routeDone ? "review.complete" : "review.step", by: actor)
            cycle = updated
        }
        document.signatures = all
        document.cycle = cycle
        guard routeDone else {
            schedule(.sign, document, after: time, delay: signingTime(document))
            return
        }
        document.cycle = nil
        switch kind {
        case .revision:
            var approved = revision
            approved.status = RevisionStatus.approved.rawValue
            approved.approvedAt = now
            approved.effectiveOn = Day(now).description
            approved.updatedAt = now
            try writer.update(revision, to: approved, .revision, key: revision.key, action: "revision.approve", by: actor)
            document.replace(approved)
            try assignTraining(document, revision: approved, by: actor)
            if let release { try recordRelease(document, release, by: actor) }
        case .periodic:
            let old = record
            record.lastReviewedOn = Day(now).description
            record.nextReviewDue = Day(now).addingMonths(register.reviewInterval(record)).description
            try writer.update(old, to: record, .document, key: record.id, action: "document.periodic-review", by: actor)
            document.record = record
            count("periodic reviews")
        case .obsolete:
            if let retirement { try recordObsolete(document, retirement, by: actor) }
            return
        }
        planNext(document, after: time)
    }

    /// Every effective document's released folder (for the last commit on main), without `id`.
    private func everythingEffective(but id: String) throws -> ObjectID {
        var edits: [TreeEdit] = []
        for document in documents where document.id != id && document.record?.obsoleteAt == nil {
            if let released = document.released { edits.append(.upsertTree(path: DocumentTree.path(document.id), tree: released.folder)) }
        }
        return try register.repository.tree(base: policiesTree, applying: edits)
    }

    /// As `Register.recordRelease`: the revision effective, the one before superseded with its
    /// open training, the review clock restarted, main, the tag and the draft branch moved.
    private func recordRelease(_ document: SynthDocument, _ release: PreparedRelease, by actor: Actor) throws {
        guard var record = document.record, var revision = document.latest else { return }
        if let previous = document.effective {
            var old = previous
            old.status = RevisionStatus.superseded.rawValue
            old.supersededAt = actor.at
            old.updatedAt = actor.at
            try writer.update(previous, to: old, .revision, key: old.key, action: "revision.supersede", by: actor)
            document.replace(old)
        }
        let approved = revision
        revision.status = RevisionStatus.effective.rawValue
        revision.effectiveOn = release.effectiveOn.description
        revision.effectiveAt = actor.at
        revision.releaseCommit = release.commit.hex
        revision.tagObject = release.tagObject.hex
        revision.updatedAt = actor.at
        try writer.update(approved, to: revision, .revision, key: revision.key, action: "revision.effective", by: actor)
        document.replace(revision)
        try closeSupersededTraining(document, released: revision, by: actor)
        let old = record
        record.effectiveRevision = revision.letter
        record.status = RevisionStatus.effective.rawValue
        record.title = revision.title
        record.nextReviewDue = release.effectiveOn.addingMonths(register.reviewInterval(record)).description
        try writer.update(old, to: record, .document, key: record.id, action: "document.release", by: actor)
        document.record = record
        try writer.setReference(Register.mainRef, to: release.commit, by: actor)
        try writer.setReference(Register.tagRef(record.id, revision.letter), to: release.tagObject, by: actor)
        try writer.setReference(Register.draftRef(record.id), to: nil, by: actor)
        main = release.commit
        packRoots.append(release.tagObject)
        guard let folder = try register.folder(record.id, in: release.commit) else { throw register.corrupt(record.id) }
        document.released = (release.commit, folder)
        releasesSincePack += 1
        count("releases")
        count("commits", 1)
    }

    /// As `Register.recordObsolete`: revisions obsolete or withdrawn, training cancelled, the
    /// document obsolete and its folder gone from main.
    private func recordObsolete(_ document: SynthDocument, _ retirement: PreparedObsolete, by actor: Actor) throws {
        guard var record = document.record else { return }
        for (index, revision) in document.revisions.enumerated() {
            let newStatus: RevisionStatus
            switch RevisionStatus(rawValue: revision.status) {
            case .effective: newStatus = .obsolete
            case .draft, .inReview, .approved: newStatus = .withdrawn
            default: continue
            }
            var changed = revision
            changed.status = newStatus.rawValue
            changed.obsoleteAt = actor.at
            changed.updatedAt = actor.at
            try writer.update(revision, to: changed, .revision, key: revision.key, action: "revision.\(newStatus.rawValue)", by: actor)
            document.revisions[index] = changed
        }
        if writer.references[Register.draftRef(record.id)] != nil {
            try writer.setReference(Register.draftRef(record.id), to: nil, by: actor)
        }
        try cancelTraining(document, by: actor)
        let old = record
        record.status = RevisionStatus.obsolete.rawValue
        record.obsoleteAt = actor.at
        record.nextReviewDue = nil
        try writer.update(old, to: record, .document, key: record.id, action: "document.obsolete", by: actor)
        document.record = record
        try writer.setReference(Register.mainRef, to: retirement.commit, by: actor)
        main = retirement.commit
        packRoots.append(retirement.commit)
        releasesSincePack += 1
        count("obsolete")
        count("commits", 1)
    }
}
