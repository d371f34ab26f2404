import Foundation
import GRDB
import GembaGit

extension Register {
    /// A person's assignments: open ones, soonest due first; with `includeClosed`, all of them.
    public func trainingAssignments(for username: String, includeClosed: Bool = false) throws -> [TrainingAssignmentView] {
        try store.read { db in
            _ = try activeUser(db, username)
            return try assignmentViews(db, where: "a.username = ?" + (includeClosed ? "" : " AND a.status = 'open'"), arguments: [username])
        }
    }

    /// Open assignments past their due date, most overdue first.
    public func trainingOverdue() throws -> [TrainingAssignmentView] {
        try trainingDue(until: today().addingDays(-1))
    }

    /// Open assignments due by `today + days` (overdue ones included), soonest due first.
    public func trainingDue(withinDays days: Int) throws -> [TrainingAssignmentView] {
        try trainingDue(until: today().addingDays(days))
    }

    private func trainingDue(until last: Day) throws -> [TrainingAssignmentView] {
        try store.read { db in
            try assignmentViews(db, where: "a.status = 'open' AND a.due_on <= ? AND u.active = 1", arguments: [last.description])
        }
    }

    /// Who must read a document, and every assignment on its effective and approved revisions.
    public func trainingStatus(of id: String) throws -> TrainingDocumentStatus {
        try store.read { db in
            let document = try documentRecord(db, id)
            return TrainingDocumentStatus(
                requirement: try requirementView(db, document, try trainingPolicy(db)),
                assignments: try assignmentViews(db, where: "a.document_id = ? AND r.status IN ('effective', 'approved')", arguments: [document.id]))
        }
    }

    /// Late and due-soon training and certifications: open assignments (kind `training`,
    /// reference `DOC rev X`, owner the trainee) and certificates expired or expiring (kind
    /// `certification`, reference `USER/KIND`, owner the holder), most overdue first.
    public func trainingLateItems(withinDays days: Int) throws -> [LateItem] {
        let today = today()
        var gathering = LateItemGathering()
        try trainingLateItems(LateWindow(today: today, horizon: today.addingDays(days), limit: nil), into: &gathering)
        gathering.add(try certificationLateItems(withinDays: days))
        return gathering.items.sorted { ($0.daysOverdue, $1.reference) > ($1.daysOverdue, $0.reference) }
    }

    /// Open assignments of active people in each part of the window (the first ones only when
    /// the window has a limit), read straight from SQL with the columns a late item shows: a
    /// company has tens of thousands of open assignments, and a full view of each made `status`
    /// slow. The counts come from the due-date index alone.
    func trainingLateItems(_ window: LateWindow, into gathering: inout LateItemGathering) throws {
        let today = window.today
        let select = """
            SELECT a.document_id, a.revision_letter, r.title, a.username, u.name, a.due_on FROM training_assignment a
            JOIN revision r ON r.document_id = a.document_id AND r.letter = a.revision_letter
            JOIN user u ON u.username = a.username
            WHERE a.status = 'open' AND u.active = 1
            """
        let order = " ORDER BY a.due_on, a.document_id, a.revision_letter, a.username"
        func item(_ row: Row) -> LateItem {
            let due: String = row[5]
            return LateItem(
                kind: "training", reference: "\(row[0] as String) rev \(row[1] as String)", title: "Read and understood: \(row[2] as String) (\(row[4] as String))",
                owner: row[3], dueDate: due, daysOverdue: Day(due).map { $0.days(until: today) } ?? 0)
        }
        let (items, counts) = try store.read { db -> ([LateItem], [Int]) in
            var items: [LateItem] = [], counts: [Int] = []
            for part in window.parts {
                let range: StatementArguments = [part.from?.description ?? "", part.through.description]
                let inRange = " AND a.due_on >= ? AND a.due_on <= ?"
                if let limit = window.limit {
                    let first = try Row.fetchAll(try db.cachedStatement(sql: select + inRange + order + " LIMIT ?"), arguments: range + [limit])
                    items += first.map(item)
                    if first.count == limit, let last = first.last {
                        // Every other assignment due the same day as the last one listed.
                        items += try Row.fetchAll(try db.cachedStatement(sql: select + " AND a.due_on = ? AND (a.document_id, a.revision_letter, a.username) > (?, ?, ?)" + order),
                                                  arguments: [last[5], last[0], last[1], last[3]]).map(item)
                    }
                } else {
                    items += try Row.fetchAll(try db.cachedStatement(sql: select + inRange + order), arguments: range).map(item)
                }
                // Open assignments in the range (kept per due day), less those of people no longer active.
                let open = try TrainingDueCounts.open(db, from: part.from?.description ?? "", through: part.through.description)
                let inactive = try Int.fetchOne(try db.cachedStatement(sql: """
                    SELECT count(*) FROM user u CROSS JOIN training_assignment a ON a.username = u.username AND a.status = 'open'
                    WHERE u.active = 0 AND a.due_on >= ? AND a.due_on <= ?
                    """), arguments: range) ?? 0
                counts.append(open - inactive)
            }
            return (items, counts)
        }
        gathering.add(first: items, kind: "training", overdue: counts[0], dueSoon: counts[1])
    }

    /// Certificates of active people expired or expiring by `today + days`, for `gemba status`.
    func certificationLateItems(withinDays days: Int) throws -> [LateItem] {
        try certificationsDue(withinDays: days).map { item in
            LateItem(kind: "certification", reference: "\(item.username)/\(item.kind)", title: "\(item.kindName): \(item.name)",
                     owner: item.username, dueDate: item.expiresOn, daysOverdue: item.daysOverdue)
        }
    }

    func requirementView(_ db: Database, _ document: DocumentRecord, _ policy: TrainingPolicy) throws -> TrainingRequirementView {
        let override = try TrainingRequirementRecord.fetchOne(db, key: document.id)
        return TrainingRequirementView(
            document: document.id, title: document.title, type: document.type, roles: try trainingRoles(db, document, policy),
            source: override == nil ? "type" : "document", setBy: override?.setBy, setAt: override.map { Timestamp.string($0.setAt) },
            reason: override?.reason)
    }

    /// Assignments matching an SQL condition over `a` (assignment), `r` (revision), `u` (user).
    func assignmentViews(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [TrainingAssignmentView] {
        let records = try TrainingAssignmentRecord.fetchAll(db, sql: """
            SELECT a.* FROM training_assignment a
            JOIN revision r ON r.document_id = a.document_id AND r.letter = a.revision_letter
            JOIN user u ON u.username = a.username
            WHERE \(condition)
            ORDER BY a.due_on, a.document_id, a.revision_letter, a.username
            """, arguments: arguments)
        return try assignmentViews(db, records)
    }

    func assignmentViews(_ db: Database, _ records: [TrainingAssignmentRecord]) throws -> [TrainingAssignmentView] {
        let today = today()
        let names = try peopleNames(db)
        var revisions: [String: RevisionRecord] = [:]
        var types: [String: String] = [:]
        return try records.map { record in
            let revisionKey = "\(record.documentId)/\(record.revisionLetter)"
            let revision = try revisions[revisionKey] ?? revisionRecord(db, record.documentId, record.revisionLetter)
            revisions[revisionKey] = revision
            let type = try types[record.documentId] ?? documentRecord(db, record.documentId).type
            types[record.documentId] = type
            return TrainingAssignmentView(
                document: record.documentId, title: revision.title, type: type, revision: record.revisionLetter,
                revisionStatus: revision.status, effectiveDate: revision.effectiveOn, username: record.username,
                name: names[record.username] ?? record.username, roles: record.roles.split(separator: ",").map(String.init),
                status: record.status, reason: record.reason, assignedAt: Timestamp.string(record.assignedAt), dueDate: record.dueOn,
                daysOverdue: record.isOpen ? Day(record.dueOn).map { $0.days(until: today) } : nil,
                closedAt: record.closedAt.map(Timestamp.string), acknowledgement: acknowledgementView(record, revision))
        }
    }

    func acknowledgementView(_ record: TrainingAssignmentRecord, _ revision: RevisionRecord) -> TrainingAcknowledgementView? {
        guard let signedAt = record.signedAt, let name = record.printedName, let commit = record.signedCommit, let tree = record.signedTree else { return nil }
        return TrainingAcknowledgementView(
            name: name, username: record.username, meaning: TrainingAcknowledgementView.meaning, signedAt: Timestamp.string(signedAt),
            commit: commit, tree: tree,
            manifestation: "Read and understood by \(name) (\(record.username)) on \(Timestamp.readable(signedAt)): \(record.documentId) rev \(record.revisionLetter)",
            contentVerified: acknowledgementHolds(record, revision))
    }

    /// 21 CFR 11.70: the acknowledgement names the revision's own release commit (or its signed
    /// draft, when signed before release), that commit holds the signed folder tree, and the
    /// tree's files are the revision's approved files.
    func acknowledgementHolds(_ record: TrainingAssignmentRecord, _ revision: RevisionRecord) -> Bool {
        guard let commitHex = record.signedCommit, let treeHex = record.signedTree,
            commitHex == revision.releaseCommit || commitHex == revision.draftCommit,
            let commit = ObjectID(hex: commitHex), let tree = ObjectID(hex: treeHex), let approved = ObjectID(hex: revision.draftTree),
            let folderTree = try? folder(record.documentId, in: commit), folderTree == tree
        else { return false }
        if tree == approved { return true }
        guard let signedFiles = try? fileIDs(tree), let approvedFiles = try? fileIDs(approved) else { return false }
        return signedFiles.filter { $0.key != DocumentTree.metaFile } == approvedFiles.filter { $0.key != DocumentTree.metaFile }
    }
}
