import Foundation
import GRDB

/// A revision people must have read, and the revisions whose acknowledgement counts for it.
struct TrainingTarget {
    let revision: RevisionRecord
    /// Sequence numbers of the revisions whose open or signed assignment satisfies this target:
    /// for the effective revision, back to the last revision that needed training.
    let accepted: ClosedRange<Int>
}

extension Register {
    /// The training rules in force: `policies/training.yaml` on main, or none.
    public func trainingPolicy() throws -> TrainingPolicy {
        try store.read { db in try trainingPolicy(db) }
    }

    func trainingPolicy(_ db: Database) throws -> TrainingPolicy {
        let main = try recordedMain(db)
        guard let entry = try repository.entry(atPath: "policies/\(TrainingPolicy.fileName)", inTree: try repository.commit(main).tree) else {
            return .none
        }
        return try parsedPolicies.value(TrainingPolicy.fileName, blob: entry.id) {
            try TrainingPolicy.load(data: try repository.blob(entry.id), policies: policies)
        }
    }

    /// The roles that must read a document: its own override, else its type's (when the type
    /// needs training at all).
    func trainingRoles(_ db: Database, _ document: DocumentRecord, _ policy: TrainingPolicy) throws -> [String] {
        if let requirement = try TrainingRequirementRecord.fetchOne(db, key: document.id) { return requirement.roleList }
        guard policies.documentTypes.first(where: { $0.code == document.type })?.trainingRequired == true else { return [] }
        return policy.documentTypes[document.type] ?? []
    }

    /// A first revision always needs training; later ones when major, or minor by policy.
    func needsTraining(_ revision: RevisionRecord, _ policy: TrainingPolicy) -> Bool {
        revision.seq == 1 || revision.changeClass == ChangeClass.major.rawValue || policy.minorChangesNeedTraining
    }

    /// The revisions of a document people must have read now: the effective one (an earlier
    /// acknowledgement counts when only minor changes followed it) and approved ones that need training.
    func trainingTargets(_ db: Database, _ document: DocumentRecord, _ policy: TrainingPolicy) throws -> [TrainingTarget] {
        guard document.obsoleteAt == nil else { return [] }
        let revisions = try RevisionRecord.filter(Column("document_id") == document.id).order(Column("seq")).fetchAll(db)
        var targets: [TrainingTarget] = []
        if let effective = revisions.first(where: { $0.letter == document.effectiveRevision }) {
            let baseline = revisions.last { $0.seq <= effective.seq && needsTraining($0, policy) } ?? effective
            targets.append(TrainingTarget(revision: effective, accepted: baseline.seq...effective.seq))
        }
        for pending in revisions where pending.status == RevisionStatus.approved.rawValue && needsTraining(pending, policy) {
            targets.append(TrainingTarget(revision: pending, accepted: pending.seq...pending.seq))
        }
        return targets
    }

    // MARK: Hooks called inside other capabilities' transactions

    /// A revision was just approved: everyone holding a role that must read it gets an
    /// assignment, due the policy's days after its effective date.
    func assignTraining(_ db: Database, revision: RevisionRecord, by actor: Actor) throws {
        let policy = try trainingPolicy(db)
        guard needsTraining(revision, policy) else { return }
        let roles = try trainingRoles(db, try documentRecord(db, revision.documentId), policy)
        guard !roles.isEmpty else { return }
        let due = (revision.effectiveOn.flatMap(Day.init) ?? Day(actor.at)).addingDays(policy.dueDays)
        let actor = actor.because("\(revision.documentId) rev \(revision.letter) approved: read-and-understood training assigned")
        for user in try UserRecord.filter(Column("active") == true).order(Column("username")).fetchAll(db) {
            let held = Set(roles).intersection(user.roleList).sorted()
            guard !held.isEmpty else { continue }
            try openAssignment(db, revision, user: user.username, roles: held, due: due, reason: "rev \(revision.letter) approved", by: actor)
        }
    }

    /// A revision was just released: open assignments of the revisions before it close as
    /// superseded. When the new revision needs no training of its own (a minor change), the
    /// people still required carry their open assignment over to it, with the same due date.
    func closeSupersededTraining(_ db: Database, released: RevisionRecord, by actor: Actor) throws {
        let open = try TrainingAssignmentRecord.fetchAll(db.cachedStatement(sql: """
            SELECT a.* FROM training_assignment a JOIN revision r ON r.document_id = a.document_id AND r.letter = a.revision_letter
            WHERE a.document_id = ? AND a.status = 'open' AND r.seq < ? ORDER BY a.username
            """), arguments: [released.documentId, released.seq])
        guard !open.isEmpty else { return }
        let policy = try trainingPolicy(db)
        let carries = !needsTraining(released, policy)
        let roles = try trainingRoles(db, try documentRecord(db, released.documentId), policy)
        let closing = actor.because("rev \(released.letter) of \(released.documentId) became effective")
        for var assignment in open {
            assignment.status = TrainingStatus.superseded.rawValue
            assignment.closedAt = actor.at
            try AuditTrail.track(db, .trainingAssignment, key: assignment.key, action: "training.supersede", by: closing) { try assignment.update(db) }
            guard carries, let user = try UserRecord.fetchOne(db, key: assignment.username), user.active else { continue }
            let held = Set(roles).intersection(user.roleList).sorted()
            guard !held.isEmpty else { continue }
            try openAssignment(
                db, released, user: user.username, roles: held, due: Day(assignment.dueOn) ?? Day(actor.at),
                reason: "carried over from rev \(assignment.revisionLetter) (rev \(released.letter) is a minor change)",
                by: actor.because("rev \(released.letter) is a minor change: open training carried over"))
        }
    }

    /// A document became obsolete: its open assignments are cancelled.
    func cancelTraining(_ db: Database, document id: String, by actor: Actor) throws {
        let closing = actor.because("\(id) made obsolete")
        for var assignment in try TrainingAssignmentRecord.filter(Column("document_id") == id && Column("status") == TrainingStatus.open.rawValue).fetchAll(db) {
            assignment.status = TrainingStatus.cancelled.rawValue
            assignment.closedAt = actor.at
            try AuditTrail.track(db, .trainingAssignment, key: assignment.key, action: "training.cancel", by: closing) { try assignment.update(db) }
        }
    }

    /// Brings assignments in line with who must read what now: people newly required get the
    /// effective (and approved) revisions, due the policy's new-role window from today; open
    /// assignments nobody requires any more are cancelled. `users` and `documents` narrow it.
    func reconcileTraining(_ db: Database, users: [String]? = nil, documents: [String]? = nil, reason: String, by actor: Actor) throws -> TrainingChanges {
        let policy = try trainingPolicy(db)
        var people = try UserRecord.filter(Column("active") == true).order(Column("username")).fetchAll(db)
        if let users { people = people.filter { users.contains($0.username) } }
        var records = try DocumentRecord.filter(Column("obsolete_at") == nil).order(Column("type"), Column("number")).fetchAll(db)
        if let documents { records = records.filter { documents.contains($0.id) } }
        let newRoleDue = Day(actor.at).addingDays(policy.newRoleDueDays)
        var assigned: [TrainingAssignmentRecord] = []
        var cancelled: [TrainingAssignmentRecord] = []
        for document in records {
            let roles = try trainingRoles(db, document, policy)
            let targets = roles.isEmpty ? [] : try trainingTargets(db, document, policy)
            let seqs = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT letter, seq FROM revision WHERE document_id = ?", arguments: [document.id])
                .map { ($0["letter"] as String, $0["seq"] as Int) })
            let existing = Dictionary(grouping: try TrainingAssignmentRecord.filter(Column("document_id") == document.id).fetchAll(db), by: \.username)
            for user in people {
                let held = Set(roles).intersection(user.roleList).sorted()
                let mine = existing[user.username] ?? []
                if held.isEmpty {
                    for var assignment in mine where assignment.isOpen {
                        assignment.status = TrainingStatus.cancelled.rawValue
                        assignment.closedAt = actor.at
                        try AuditTrail.track(db, .trainingAssignment, key: assignment.key, action: "training.cancel", by: actor.because("no longer required: \(reason)")) {
                            try assignment.update(db)
                        }
                        cancelled.append(assignment)
                    }
                    continue
                }
                for target in targets {
                    let satisfied = mine.contains { assignment in
                        assignment.status != TrainingStatus.cancelled.rawValue && assignment.status != TrainingStatus.superseded.rawValue
                            && target.accepted.contains(seqs[assignment.revisionLetter] ?? -1)
                    }
                    guard !satisfied else { continue }
                    var due = newRoleDue
                    if target.revision.status == RevisionStatus.approved.rawValue, let effective = target.revision.effectiveOn.flatMap(Day.init) {
                        due = max(due, effective.addingDays(policy.dueDays))
                    }
                    if let record = try openAssignment(db, target.revision, user: user.username, roles: held, due: due, reason: reason, by: actor.because(reason)) {
                        assigned.append(record)
                    }
                }
            }
        }
        return TrainingChanges(assigned: try assignmentViews(db, assigned), cancelled: try assignmentViews(db, cancelled))
    }

    /// Creates an open assignment, or reopens a closed unsigned one; nil when one is already open or signed.
    @discardableResult
    func openAssignment(
        _ db: Database, _ revision: RevisionRecord, user: String, roles: [String], due: Day, reason: String, by actor: Actor
    ) throws -> TrainingAssignmentRecord? {
        if var existing = try assignmentRecord(db, revision.documentId, revision.letter, user) {
            guard !existing.isOpen, existing.status != TrainingStatus.signed.rawValue else { return nil }
            existing.status = TrainingStatus.open.rawValue
            existing.closedAt = nil
            existing.roles = roles.joined(separator: ",")
            existing.reason = reason
            existing.assignedAt = actor.at
            existing.dueOn = due.description
            try AuditTrail.track(db, .trainingAssignment, key: existing.key, action: "training.reassign", by: actor) { try existing.update(db) }
            return existing
        }
        let record = TrainingAssignmentRecord(
            documentId: revision.documentId, revisionLetter: revision.letter, username: user, status: TrainingStatus.open.rawValue,
            roles: roles.joined(separator: ","), reason: reason, assignedAt: actor.at, dueOn: due.description)
        try AuditTrail.track(db, .trainingAssignment, key: record.key, action: "training.assign", by: actor) { try record.insert(db) }
        return record
    }

    func assignmentRecord(_ db: Database, _ document: String, _ letter: String, _ username: String) throws -> TrainingAssignmentRecord? {
        try TrainingAssignmentRecord.fetchOne(db, key: ["document_id": document, "revision_letter": letter, "username": username])
    }
}
