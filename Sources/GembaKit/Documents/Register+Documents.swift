import Foundation
import GRDB
import GembaGit

extension Register {
    static func draftRef(_ id: String) -> String { "refs/heads/drafts/\(id)" }
    static func tagName(_ id: String, _ letter: String) -> String { "\(id)/\(letter)" }
    static func tagRef(_ id: String, _ letter: String) -> String { "refs/tags/\(id)/\(letter)" }

    /// Creates a document with its first revision (A) as a draft on `drafts/<ID>`. Returns the ID.
    public func createDocument(_ new: NewDocument, by username: String) throws -> String {
        let type = try policies.documentType(new.type)
        let title = try InputChecks.title(new.title)
        let reason = try InputChecks.reason(new.changeReason)
        let eco = try InputChecks.eco(new.eco)
        try InputChecks.content(new.file, type: type)
        if let months = new.reviewIntervalMonths, !(1...120).contains(months) {
            throw GembaError.invalid("--review-interval must be 1 to 120 months")
        }
        return try exclusively {
            try releaseDueRevisions()
            let author = try store.read { db in try requirePermission(db, username, .documentCreate, to: "create documents") }
            let owner = try store.read { db in try activeUser(db, new.owner ?? username) }
            let areas = try store.read { db in try checkedDocumentAreas(db, new.areas) }
            try requireRefsInSync([Register.mainRef])
            let (number, main) = try store.read { db -> (Int, ObjectID) in
                let next = (try Int.fetchOne(db, sql: "SELECT max(number) FROM document WHERE type = ?", arguments: [type.code]) ?? 0) + 1
                return (new.number ?? next, try recordedMain(db))
            }
            guard number >= 1, String(number).count <= type.numberWidth else {
                throw GembaError.invalid("document number \(number) does not fit \(type.code)'s \(type.numberWidth) digits")
            }
            let id = type.documentID(number: number)
            if try store.read({ db in try DocumentRecord.fetchOne(db, key: id) }) != nil {
                throw GembaError(.conflict, "\(id) already exists; choose another --number or leave it out")
            }
            let letter = RevisionLetters.letter(forSequence: 1)
            let meta = DocumentMeta(
                id: id, title: title, type: type.code, owner: owner.username, revision: letter, status: RevisionStatus.draft.rawValue,
                changeReason: reason, changeClass: new.changeClass.rawValue, eco: eco,
                mainFile: "\(id).\(new.file.fileExtension)", attachments: new.attachments.map(\.name).sorted())
            let now = now()
            let (commit, subtree) = try writeDraftCommit(
                meta: meta, main: new.file.data, attachments: new.attachments, parent: main, author: author, at: now,
                message: "\(id) rev \(letter) draft: \(title)\n\n\(reason)\n")
            let actor = Actor(username: username, at: now, reason: reason)
            let moves = try store.write { db -> [RefMove] in
                let document = DocumentRecord(
                    id: id, type: type.code, number: number, title: title, owner: owner.username,
                    reviewIntervalMonths: new.reviewIntervalMonths, status: RevisionStatus.draft.rawValue, effectiveRevision: nil,
                    latestRevision: letter, nextReviewDue: nil, lastReviewedOn: nil, createdAt: now, obsoleteAt: nil)
                try AuditTrail.track(db, .document, key: id, action: "document.create", by: actor) { try document.insert(db) }
                let revision = RevisionRecord(
                    documentId: id, letter: letter, seq: 1, status: RevisionStatus.draft.rawValue, title: title, author: username,
                    changeReason: reason, changeClass: new.changeClass.rawValue, eco: eco, mainFile: meta.mainFile,
                    draftCommit: commit.hex, draftTree: subtree.hex, createdAt: now, updatedAt: now)
                try AuditTrail.track(db, .revision, key: revision.key, action: "revision.draft", by: actor) { try revision.insert(db) }
                try writeDocumentAreas(db, id, from: [], to: areas, by: actor)
                return [try recordRef(db, Register.draftRef(id), to: commit, by: actor)]
            }
            try apply(moves)
            return id
        }
    }

    /// Opens the next revision of an effective document as a draft, starting from the effective
    /// revision's files unless new ones are given.
    @discardableResult
    public func reviseDocument(_ id: String, _ request: RevisionRequest, by username: String) throws -> String {
        try exclusively {
            try releaseDueRevisions()
            return try openRevision(id, request, by: username, at: now())
        }
    }

    /// Opens the next revision. `first` runs at the start of the recording transaction, so a
    /// caller's own change (closing a periodic review) commits with the new draft or not at all.
    func openRevision(
        _ id: String, _ request: RevisionRequest, by username: String, at now: Date, first: (Database) throws -> Void = { _ in }
    ) throws -> String {
        let reason = try InputChecks.reason(request.changeReason)
        let eco = try InputChecks.eco(request.eco)
        let (document, effective, author, latest) = try store.read { db in
            let author = try requirePermission(db, username, .documentRevise, to: "revise documents")
            let document = try documentRecord(db, id)
            let latest = try revisionRecord(db, id, document.latestRevision)
            return (document, try document.effectiveRevision.map { try revisionRecord(db, id, $0) }, author, latest)
        }
        let id = document.id
        guard document.status != RevisionStatus.obsolete.rawValue else {
            throw GembaError.state("\(id) is obsolete; it cannot be revised")
        }
        guard let effective else {
            throw GembaError.state("\(id) has no effective revision yet; edit its draft with `gemba doc edit \(id)`")
        }
        guard latest.letter == effective.letter else {
            throw GembaError.state("\(id) already has revision \(latest.letter) (\(latest.status)); edit it with `gemba doc edit \(id)` or finish its review")
        }
        let type = try policies.documentType(document.type)
        let title = try request.title.map(InputChecks.title) ?? document.title
        guard let effectiveTree = ObjectID(hex: effective.draftTree) else { throw corrupt(id) }
        var (main, attachments) = try DocumentTree.read(tree: effectiveTree, mainFile: effective.mainFile, in: repository)
        var mainFile = effective.mainFile
        if let file = request.file {
            try InputChecks.content(file, type: type)
            main = file.data
            mainFile = "\(id).\(file.fileExtension)"
        }
        if let replacement = request.attachments { attachments = replacement }
        try requireRefsInSync([Register.mainRef, Register.draftRef(id)])
        let mainCommit = try store.read { db in try recordedMain(db) }
        let letter = RevisionLetters.letter(forSequence: latest.seq + 1)
        let meta = DocumentMeta(
            id: id, title: title, type: document.type, owner: document.owner, revision: letter, status: RevisionStatus.draft.rawValue,
            changeReason: reason, changeClass: request.changeClass.rawValue, eco: eco, mainFile: mainFile,
            attachments: attachments.map(\.name).sorted())
        let (commit, subtree) = try writeDraftCommit(
            meta: meta, main: main, attachments: attachments, parent: mainCommit, author: author, at: now,
            message: "\(id) rev \(letter) draft: \(title)\n\n\(reason)\n")
        let actor = Actor(username: username, at: now, reason: reason)
        let moves = try store.write { db -> [RefMove] in
            try first(db)
            let revision = RevisionRecord(
                documentId: id, letter: letter, seq: latest.seq + 1, status: RevisionStatus.draft.rawValue, title: title,
                author: username, changeReason: reason, changeClass: request.changeClass.rawValue, eco: eco, mainFile: mainFile,
                draftCommit: commit.hex, draftTree: subtree.hex, createdAt: now, updatedAt: now)
            try AuditTrail.track(db, .revision, key: revision.key, action: "revision.draft", by: actor) { try revision.insert(db) }
            var updated = document
            updated.latestRevision = letter
            try AuditTrail.track(db, .document, key: id, action: "document.revise", by: actor) { try updated.update(db) }
            return [try recordRef(db, Register.draftRef(id), to: commit, by: actor)]
        }
        try apply(moves)
        return letter
    }

    /// Saves a new version of the open draft: one commit on `drafts/<ID>`. Saving a revision
    /// that is in review voids its review cycle (the signatures no longer match the content).
    public func editDraft(_ id: String, _ edit: DraftEdit, by username: String) throws {
        try exclusively {
            let (document, revision, author, openCycle) = try store.read { db in
                let document = try documentRecord(db, id)
                return (document, try revisionRecord(db, id, document.latestRevision), try activeUser(db, username), try openCycleRecord(db, id))
            }
            let id = document.id
            guard [RevisionStatus.draft.rawValue, RevisionStatus.inReview.rawValue].contains(revision.status) else {
                throw GembaError.state("\(id) has no open draft (revision \(revision.letter) is \(revision.status)); start one with `gemba doc revise \(id)`")
            }
            guard revision.author == username || policies.permissions(ofRoles: author.roleList).contains(.reviewStart) else {
                throw GembaError.permission("only the author of \(id) rev \(revision.letter) (\(revision.author)) or a coordinator may edit its draft")
            }
            let type = try policies.documentType(document.type)
            guard let tree = ObjectID(hex: revision.draftTree), let head = ObjectID(hex: revision.draftCommit) else { throw corrupt(id) }
            var (main, attachments) = try DocumentTree.read(tree: tree, mainFile: revision.mainFile, in: repository)
            var mainFile = revision.mainFile
            if let file = edit.file {
                try InputChecks.content(file, type: type)
                main = file.data
                mainFile = "\(id).\(file.fileExtension)"
            }
            for name in edit.removeAttachments {
                guard attachments.contains(where: { $0.name == name }) else {
                    throw GembaError.notFound("\(id) rev \(revision.letter) has no attachment '\(name)'")
                }
                attachments.removeAll { $0.name == name }
            }
            for file in edit.addAttachments {
                attachments.removeAll { $0.name == file.name }
                attachments.append(file)
            }
            let title = try edit.title.map(InputChecks.title) ?? revision.title
            let reason = try edit.changeReason.map(InputChecks.reason) ?? revision.changeReason
            try requireRefsInSync([Register.draftRef(id)])
            let now = now()
            let meta = DocumentMeta(
                id: id, title: title, type: document.type, owner: document.owner, revision: revision.letter,
                status: RevisionStatus.draft.rawValue, changeReason: reason, changeClass: revision.changeClass, eco: revision.eco,
                mainFile: mainFile, attachments: attachments.map(\.name).sorted())
            let (commit, subtree) = try writeDraftCommit(
                meta: meta, main: main, attachments: attachments, parent: head, author: author, at: now,
                message: "\(id) rev \(revision.letter) draft saved: \(title)\n")
            let actor = Actor(username: username, at: now, reason: "draft saved")
            let moves = try store.write { db -> [RefMove] in
                if var cycle = openCycle, cycle.kind == ReviewCycleKind.revision.rawValue {
                    cycle.status = ReviewCycleStatus.void.rawValue
                    cycle.closedAt = now
                    cycle.comment = "void: the draft was changed after the review started"
                    try AuditTrail.track(db, .reviewCycle, key: String(cycle.id ?? 0), action: "review.void", by: actor) { try cycle.update(db) }
                }
                var updated = revision
                updated.status = RevisionStatus.draft.rawValue
                updated.title = title
                updated.changeReason = reason
                updated.mainFile = mainFile
                updated.draftCommit = commit.hex
                updated.draftTree = subtree.hex
                updated.updatedAt = now
                try AuditTrail.track(db, .revision, key: revision.key, action: "revision.save", by: actor) { try updated.update(db) }
                try refreshDocumentStatus(db, id, by: actor)
                return [try recordRef(db, Register.draftRef(id), to: commit, by: actor)]
            }
            try apply(moves)
        }
    }

    /// Writes the document folder and a commit on top of `parent` that puts it in place.
    func writeDraftCommit(
        meta: DocumentMeta, main: Data, attachments: [ContentFile], parent: ObjectID, author: UserRecord, at now: Date,
        message: String
    ) throws -> (commit: ObjectID, subtree: ObjectID) {
        let subtree = try DocumentTree.write(meta: meta, main: main, attachments: attachments, in: repository)
        let baseTree = try repository.commit(parent).tree
        let tree = try DocumentTree.placing(meta.id, folder: subtree, inTree: baseTree, in: repository)
        let person = GitPerson(name: author.name, email: author.email, time: now)
        let commit = try repository.createCommit(tree: tree, parents: [parent], author: person, committer: person, message: message)
        return (commit, subtree)
    }

    /// Re-derives the document's status from its revisions.
    func refreshDocumentStatus(_ db: Database, _ id: String, by actor: Actor) throws {
        var document = try documentRecord(db, id)
        let latest = try revisionRecord(db, id, document.latestRevision)
        let status: String
        if document.obsoleteAt != nil {
            status = RevisionStatus.obsolete.rawValue
        } else if document.effectiveRevision != nil {
            status = RevisionStatus.effective.rawValue
        } else {
            status = latest.status
        }
        guard status != document.status else { return }
        document.status = status
        try AuditTrail.track(db, .document, key: id, action: "document.status", by: actor) { try document.update(db) }
    }

    func documentRecord(_ db: Database, _ id: String) throws -> DocumentRecord {
        guard let document = try SQLRequest<DocumentRecord>(sql: "SELECT * FROM document WHERE id = ?", arguments: [id.uppercased()], cached: true).fetchOne(db) else {
            throw GembaError.notFound("no document \(id) in this register; `gemba doc list` shows the documents")
        }
        return document
    }

    func revisionRecord(_ db: Database, _ id: String, _ letter: String) throws -> RevisionRecord {
        let statement = try db.cachedStatement(sql: "SELECT * FROM revision WHERE document_id = ? AND letter = ?")
        guard let revision = try RevisionRecord.fetchOne(statement, arguments: [id.uppercased(), letter.uppercased()]) else {
            throw GembaError.notFound("\(id) has no revision \(letter); `gemba doc history \(id)` lists its revisions")
        }
        return revision
    }

    func corrupt(_ id: String) -> GembaError {
        GembaError(.integrity, "the records of \(id) hold an invalid git object id; run `gemba verify`")
    }
}
