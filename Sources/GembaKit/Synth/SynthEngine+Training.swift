import Foundation
import GRDB
import GembaGit

extension SynthEngine {
    /// The roles that must read a document: its crew (a requirement set when it was created) or its type's.
    private func trainingRoles(_ document: SynthDocument) -> [String] {
        if ["SOP", "WI"].contains(document.type.code), parameters.lineNames.contains(document.area) {
            return [SynthPolicies.crewRole(document.area)]
        }
        guard document.type.trainingRequired else { return [] }
        return training.documentTypes[document.type.code] ?? []
    }

    /// People holding any of `roles`, sorted by user name.
    private func readers(holding roles: [String]) -> [Int] {
        Set(roles.flatMap { holders[$0] ?? [] }).sorted { users[$0].username < users[$1].username }
    }

    private func needsTraining(_ revision: RevisionRecord) -> Bool {
        revision.seq == 1 || revision.changeClass == ChangeClass.major.rawValue || training.minorChangesNeedTraining
    }

    /// As `Register.assignTraining`: everyone who must read the approved revision gets an assignment.
    func assignTraining(_ document: SynthDocument, revision: RevisionRecord, by actor: Actor) throws {
        guard needsTraining(revision) else { return }
        let roles = trainingRoles(document)
        guard !roles.isEmpty else { return }
        let due = (revision.effectiveOn.flatMap(Day.init) ?? Day(actor.at)).addingDays(training.dueDays)
        let assigning = actor.because("\(revision.documentId) rev \(revision.letter) approved: read-and-understood training assigned")
        for person in readers(holding: roles) {
            let held = Set(roles).intersection(users[person].roleList).sorted()
            try openAssignment(document, revision, person: person, roles: held, due: due, reason: "rev \(revision.letter) approved", by: assigning)
        }
    }

    private func openAssignment(
        _ document: SynthDocument, _ revision: RevisionRecord, person: Int, roles: [String], due: Day, reason: String, by actor: Actor
    ) throws {
        let record = TrainingAssignmentRecord(
            documentId: revision.documentId, revisionLetter: revision.letter, username: users[person].username, status: TrainingStatus.open.rawValue,
            roles: roles.joined(separator: ","), reason: reason, assignedAt: actor.at, dueOn: due.description)
        try writer.insert(record, .trainingAssignment, key: record.key, action: "training.assign", by: actor)
        document.training[person, default: []].append(record)
        count("training assignments")
        // Most people read it within a few weeks; some late, some never.
        if document.random.chance(0.9) {
            let time = Int64(actor.at.timeIntervalSince1970) + document.random.days(0.2, Double(max(3, training.dueDays)) * 1.6)
            if time < end { timeline.schedule(.trainingSign, at: time, document: document.index, person: person) }
        }
    }

    /// As `Register.closeSupersededTraining`: open assignments of older revisions close as
    /// superseded; after a minor change the people still required carry theirs over.
    func closeSupersededTraining(_ document: SynthDocument, released: RevisionRecord, by actor: Actor) throws {
        let seqs = Dictionary(uniqueKeysWithValues: document.revisions.map { ($0.letter, $0.seq) })
        let open = document.training.flatMap { person, records in
            records.filter { (seqs[$0.revisionLetter] ?? 0) < released.seq }.map { (person, $0) }
        }.sorted { $0.1.username < $1.1.username }
        guard !open.isEmpty else { return }
        let carries = !needsTraining(released)
        let roles = trainingRoles(document)
        let closing = actor.because("rev \(released.letter) of \(released.documentId) became effective")
        for (person, assignment) in open {
            var closed = assignment
            closed.status = TrainingStatus.superseded.rawValue
            closed.closedAt = actor.at
            try writer.update(assignment, to: closed, .trainingAssignment, key: closed.key, action: "training.supersede", by: closing)
            document.training[person]?.removeAll { $0.revisionLetter == assignment.revisionLetter }
            guard carries else { continue }
            let held = Set(roles).intersection(users[person].roleList).sorted()
            guard !held.isEmpty else { continue }
            try openAssignment(
                document, released, person: person, roles: held, due: Day(assignment.dueOn) ?? Day(actor.at),
                reason: "carried over from rev \(assignment.revisionLetter) (rev \(released.letter) is a minor change)",
                by: actor.because("rev \(released.letter) is a minor change: open training carried over"))
        }
    }

    /// As `Register.cancelTraining`: a document made obsolete cancels its open assignments.
    func cancelTraining(_ document: SynthDocument, by actor: Actor) throws {
        let closing = actor.because("\(document.id) made obsolete")
        let open = document.training.flatMap { person, records in records.map { (person, $0) } }
            .sorted { ($0.1.revisionLetter, $0.1.username) < ($1.1.revisionLetter, $1.1.username) }
        for (_, assignment) in open {
            var cancelled = assignment
            cancelled.status = TrainingStatus.cancelled.rawValue
            cancelled.closedAt = actor.at
            try writer.update(assignment, to: cancelled, .trainingAssignment, key: cancelled.key, action: "training.cancel", by: closing)
        }
        document.training = [:]
    }

    /// `training sign`: "read and understood", bound to the release commit and folder tree.
    func signTraining(_ document: SynthDocument, person: Int, at time: Int64) throws {
        guard let assignment = document.training[person]?.last, let released = document.released,
            document.effective?.letter == assignment.revisionLetter
        else { return }
        let user = users[person]
        let now = date(time)
        var signed = assignment
        signed.status = TrainingStatus.signed.rawValue
        signed.closedAt = now
        signed.signedAt = now
        signed.printedName = user.name
        signed.signedCommit = released.commit.hex
        signed.signedTree = released.folder.hex
        try writer.update(assignment, to: signed, .trainingAssignment, key: signed.key, action: "training.sign",
                          by: Actor(username: user.username, at: now, reason: TrainingAcknowledgementView.meaning))
        document.training[person] = nil
        count("training signatures")
    }
}
