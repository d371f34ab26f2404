import Foundation
import GRDB
import GembaGit

extension SynthEngine {
    /// `doc new` by the document's author (with its area, and for a line's SOP or WI the crew
    /// that must read it, set by a coordinator), as `Register.createDocument` records it.
    func create(_ document: SynthDocument, at time: Int64) throws {
        let type = document.type
        let number = (numbers[type.code] ?? 0) + 1
        numbers[type.code] = number
        let id = type.documentID(number: number)
        let author = users[document.author]
        let title = SynthContent.title(type.code, area: document.area, random: &document.random)
        let reason = SynthContent.changeReason(first: true, major: true, random: &document.random)
        let now = date(time)
        (document.content, document.fileExtension) = SynthContent.file(
            type.code, id: id, title: title, letter: "A", area: document.area, year: Day(now).year, random: &document.random)
        let (commit, folder) = try writeDraft(document, id: id, letter: "A", title: title, reason: reason, changeClass: "major", owner: author.username, at: time)
        let actor = Actor(username: author.username, at: now, reason: reason)
        let record = DocumentRecord(
            id: id, type: type.code, number: number, title: title, owner: author.username, reviewIntervalMonths: nil,
            status: RevisionStatus.draft.rawValue, effectiveRevision: nil, latestRevision: "A", nextReviewDue: nil, lastReviewedOn: nil,
            createdAt: now, obsoleteAt: nil)
        try writer.insert(record, .document, key: id, action: "document.create", by: actor)
        let revision = RevisionRecord(
            documentId: id, letter: "A", seq: 1, status: RevisionStatus.draft.rawValue, title: title, author: author.username,
            changeReason: reason, changeClass: "major", eco: nil, mainFile: "\(id).\(document.fileExtension)",
            draftCommit: commit.hex, draftTree: folder.hex, createdAt: now, updatedAt: now)
        try writer.insert(revision, .revision, key: revision.key, action: "revision.draft", by: actor)
        try writer.insert(DocumentAreaRecord(documentId: id, area: document.area), .documentArea, key: "\(id)/\(document.area)",
                          action: "document.area-add", by: actor)
        try writer.setReference(Register.draftRef(id), to: commit, by: actor)
        document.record = record
        document.revisions = [revision]
        if ["SOP", "WI"].contains(type.code), parameters.lineNames.contains(document.area) {
            let coordinator = users[document.random.pick(holders["coordinator"] ?? [0])]
            let requirement = TrainingRequirementRecord(
                documentId: id, roles: SynthPolicies.crewRole(document.area), setBy: coordinator.username, setAt: now,
                reason: "read by the crew of line \(document.area)")
            try writer.insert(requirement, .trainingRequirement, key: id, action: "training.require",
                              by: Actor(username: coordinator.username, at: now, reason: requirement.reason))
        }
        count("documents")
        count("type \(type.code)")
        schedule(.reviewStart, document, after: time, delay: draftingTime(document))
    }

    /// `doc revise`: the next revision as a draft from the effective one's content.
    func revise(_ document: SynthDocument, at time: Int64) throws {
        guard var record = document.record, let latest = document.latest, record.effectiveRevision == latest.letter, document.cycle == nil else { return }
        let letter = RevisionLetters.letter(forSequence: latest.seq + 1)
        let major = document.random.chance(0.4)
        let reason = SynthContent.changeReason(first: false, major: major, random: &document.random)
        let title = latest.title
        let now = date(time)
        (document.content, document.fileExtension) = SynthContent.file(
            document.type.code, id: record.id, title: title, letter: letter, area: document.area, year: Day(now).year, random: &document.random)
        let author = users[document.author]
        let changeClass = major ? "major" : "minor"
        let (commit, folder) = try writeDraft(document, id: record.id, letter: letter, title: title, reason: reason, changeClass: changeClass,
                                              owner: record.owner, at: time)
        let actor = Actor(username: author.username, at: now, reason: reason)
        let revision = RevisionRecord(
            documentId: record.id, letter: letter, seq: latest.seq + 1, status: RevisionStatus.draft.rawValue, title: title,
            author: author.username, changeReason: reason, changeClass: changeClass, eco: nil, mainFile: "\(record.id).\(document.fileExtension)",
            draftCommit: commit.hex, draftTree: folder.hex, createdAt: now, updatedAt: now)
        try writer.insert(revision, .revision, key: revision.key, action: "revision.draft", by: actor)
        let old = record
        record.latestRevision = letter
        try writer.update(old, to: record, .document, key: record.id, action: "document.revise", by: actor)
        try writer.setReference(Register.draftRef(record.id), to: commit, by: actor)
        document.record = record
        document.revisions.append(revision)
        schedule(.reviewStart, document, after: time, delay: draftingTime(document))
    }

    private func writeDraft(
        _ document: SynthDocument, id: String, letter: String, title: String, reason: String, changeClass: String, owner: String, at time: Int64
    ) throws -> (commit: ObjectID, subtree: ObjectID) {
        let meta = DocumentMeta(
            id: id, title: title, type: document.type.code, owner: owner, revision: letter, status: RevisionStatus.draft.rawValue,
            changeReason: reason, changeClass: changeClass, eco: nil, mainFile: "\(id).\(document.fileExtension)", attachments: [])
        if document.type.code == "BOARD" {
            try InputChecks.content(try ContentFile(name: meta.mainFile, data: document.content), type: document.type)
        }
        count("commits")
        let draft = try register.writeDraftCommit(
            meta: meta, main: document.content, attachments: [], parent: main, author: users[document.author], at: date(time),
            message: "\(id) rev \(letter) draft: \(title)\n\n\(reason)\n")
        packRoots.append(draft.commit)
        return draft
    }

    /// `review start` by the author: the cycle pins the draft and the author signs "authored".
    func startReview(_ document: SynthDocument, at time: Int64) throws {
        guard var record = document.record, var revision = document.latest, revision.status == RevisionStatus.draft.rawValue, document.cycle == nil else { return }
        let author = users[document.author]
        let now = date(time)
        let actor = Actor(username: author.username, at: now, reason: "review started")
        let route = try register.policies.route(for: document.type)
        var cycle = try register.newCycle(
            document: record, revision: revision, kind: .revision, route: route, pinnedCommit: revision.draftCommit,
            pinnedTree: revision.draftTree, by: author.username, at: now)
        cycle.id = nextCycle
        nextCycle += 1
        try writer.insert(cycle, .reviewCycle, key: String(cycle.id ?? 0), action: "review.start", by: actor)
        let authored = SignatureRecord(
            id: nextSignature, cycleId: cycle.id ?? 0, documentId: record.id, revisionLetter: revision.letter, stepIndex: nil,
            stepName: "authoring", username: author.username, printedName: author.name, meaning: SignatureMeaning.authored.rawValue,
            signedAt: now, commitId: revision.draftCommit, treeId: revision.draftTree, comment: nil)
        nextSignature += 1
        try writer.insert(authored, .signature, key: String(authored.id ?? 0), action: "signature.sign", by: actor)
        let old = revision
        revision.status = RevisionStatus.inReview.rawValue
        revision.plannedEffective = nil
        revision.updatedAt = now
        try writer.update(old, to: revision, .revision, key: revision.key, action: "revision.review", by: actor)
        document.replace(revision)
        if record.effectiveRevision == nil, record.status != RevisionStatus.inReview.rawValue {
            let before = record
            record.status = RevisionStatus.inReview.rawValue
            try writer.update(before, to: record, .document, key: record.id, action: "document.status", by: actor)
            document.record = record
        }
        document.cycle = cycle
        document.steps = route.steps
        document.signatures = [authored]
        count("signatures")
        schedule(.sign, document, after: time, delay: signingTime(document))
    }

    /// `review start --periodic` or `doc obsolete`: a cycle on the effective revision's release.
    func startCycleOnEffective(_ document: SynthDocument, kind: ReviewCycleKind, at time: Int64) throws {
        guard let record = document.record, let revision = document.effective, let released = document.released, document.cycle == nil,
            record.obsoleteAt == nil, record.latestRevision == revision.letter
        else { return }
        let role = kind == .obsolete ? "quality" : document.random.pick(["coordinator", "quality"])
        let starter = users[document.random.pick(holders[role] ?? [0])]
        let reason = kind == .obsolete ? "no longer used: the process it describes was retired" : "periodic review"
        let now = date(time)
        let route = try register.policies.route(for: document.type)
        var cycle = try register.newCycle(
            document: record, revision: revision, kind: kind, route: route, pinnedCommit: released.commit.hex, pinnedTree: released.folder.hex,
            by: starter.username, at: now)
        cycle.reason = reason
        cycle.id = nextCycle
        nextCycle += 1
        try writer.insert(cycle, .reviewCycle, key: String(cycle.id ?? 0), action: kind == .obsolete ? "obsolete.request" : "review.start",
                          by: Actor(username: starter.username, at: now, reason: reason))
        document.cycle = cycle
        document.steps = route.steps
        document.signatures = []
        schedule(.sign, document, after: time, delay: signingTime(document))
    }

    /// Days from a draft to its review: usually a week, now and then months (so a register
    /// always has drafts in progress).
    func draftingTime(_ document: SynthDocument) -> Int64 {
        document.random.chance(0.2) ? document.random.days(10, 120) : document.random.days(0.5, 8)
    }

    /// Days from one signature to the next: usually a day or two, sometimes weeks.
    func signingTime(_ document: SynthDocument) -> Int64 {
        document.random.chance(0.15) ? document.random.days(5, 40) : document.random.days(0.1, 3)
    }

    /// The final document's last steps run in the history's last hour, minutes apart.
    func finish(_ document: SynthDocument, at time: Int64) {
        document.finishing = true
        if document.cycle != nil {
            schedule(.sign, document, after: time, delay: 0)
        } else if document.latest?.status == RevisionStatus.draft.rawValue {
            schedule(.reviewStart, document, after: time, delay: 0)
        } else {
            schedule(.revise, document, after: time, delay: 0)
        }
    }

    /// What a document does after a release or a periodic review: its next revision, its
    /// periodic review near the due date (skipped now and then, so some end up overdue), or
    /// its retirement.
    func planNext(_ document: SynthDocument, after time: Int64) {
        guard !document.finishing, let record = document.record, record.obsoleteAt == nil else { return }
        var random = document.random
        defer { document.random = random }
        let remaining = document.plannedRevisions - document.revisions.count
        var candidates: [(SynthEvent.Kind, Int64)] = []
        if remaining > 0 {
            // Revisions come every so often, whatever the time left: late ones stay unfinished at the end.
            let gap = Double(end - start) / Double(parameters.revisions) * (0.15 + 1.2 * random.unit())
            candidates.append((.revise, Int64(gap)))
        } else if document.retires {
            candidates.append((.obsoleteStart, random.days(30, 700)))
        }
        if !document.isFinal, let due = record.nextReviewDue.flatMap(Day.init), !random.chance(0.15) {
            let dueTime = Int64(due.start.timeIntervalSince1970) + 8 * 3600
            candidates.append((.periodicStart, max(SynthEngine.day, dueTime - time - random.days(0, 25))))
        }
        guard let next = candidates.min(by: { $0.1 < $1.1 }) else { return }
        schedule(next.0, document, after: time, delay: next.1)
    }
}
