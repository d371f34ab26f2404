import Foundation
import GRDB
import GembaGit

/// Filters for `doc list`.
public struct DocumentFilter: Sendable {
    public var type: String?
    public var status: String?
    public var owner: String?
    public var search: String?
    /// Only documents that apply to this area or line.
    public var area: String?

    public init(type: String? = nil, status: String? = nil, owner: String? = nil, search: String? = nil, area: String? = nil) {
        self.area = area
        self.type = type
        self.status = status
        self.owner = owner
        self.search = search
    }
}

extension Register {
    public func documents(_ filter: DocumentFilter = DocumentFilter()) throws -> [DocumentSummary] {
        try store.read { db in
            var request = DocumentRecord.order(Column("type"), Column("number"))
            if let type = filter.type { request = request.filter(Column("type") == type.uppercased()) }
            if let status = filter.status { request = request.filter(Column("status") == status) }
            if let owner = filter.owner { request = request.filter(Column("owner") == owner) }
            if let area = filter.area {
                request = request.filter(sql: "id IN (SELECT document_id FROM document_area WHERE area = ?)", arguments: [area])
            }
            if let search = filter.search, !search.isEmpty {
                request = request.filter(Column("title").like("%\(search)%") || Column("id").like("%\(search)%"))
            }
            let names = try peopleNames(db)
            return try request.fetchAll(db).map { try summary(db, $0, names: names) }
        }
    }

    public func document(_ id: String) throws -> DocumentDetail {
        try store.read { db in
            let record = try documentRecord(db, id)
            let names = try peopleNames(db)
            let revisions = try RevisionRecord.filter(Column("document_id") == record.id).order(Column("seq")).fetchAll(db)
            let signatures = try SignatureRecord.filter(Column("document_id") == record.id).order(Column("signed_at"), Column("id")).fetchAll(db)
            let cycles = try ReviewCycleRecord.filter(Column("document_id") == record.id).order(Column("id")).fetchAll(db)
            let approvedCycles = Set(cycles.filter { $0.kind == ReviewCycleKind.revision.rawValue && $0.status == ReviewCycleStatus.approved.rawValue }.compactMap(\.id))
            let legacy = try legacyApprovals(db, record.id)
            let views = revisions.map { revision in
                var view = RevisionView(
                    revision: revision.letter, status: revision.status, title: revision.title, author: revision.author,
                    authorName: names[revision.author] ?? revision.author, createdAt: Timestamp.string(revision.createdAt),
                    updatedAt: Timestamp.string(revision.updatedAt), changeReason: revision.changeReason, changeClass: revision.changeClass,
                    eco: revision.eco, mainFile: revision.mainFile, plannedEffective: revision.plannedEffective, effectiveDate: revision.effectiveOn,
                    approvedAt: revision.approvedAt.map(Timestamp.string), supersededAt: revision.supersededAt.map(Timestamp.string),
                    releaseCommit: revision.releaseCommit, tag: revision.tagObject == nil ? nil : Register.tagName(record.id, revision.letter),
                    draftCommit: revision.draftCommit,
                    signatures: signatures.filter { $0.revisionLetter == revision.letter && approvedCycles.contains($0.cycleId) }.map {
                        SignatureView($0, contentVerified: signatureHolds($0, releaseCommit: revision.releaseCommit))
                    })
                view.legacyApproval = legacy[revision.letter]
                return view
            }
            return DocumentDetail(
                summary: try summary(db, record, names: names), reviewIntervalMonths: reviewInterval(record),
                lastReviewedOn: record.lastReviewedOn, createdAt: Timestamp.string(record.createdAt), revisions: views,
                reviewCycles: try cycles.map { try cycleView(db, $0, signatures: signatures) })
        }
    }

    public func reviewCycle(_ id: Int64) throws -> ReviewCycleView {
        try store.read { db in
            guard let cycle = try ReviewCycleRecord.fetchOne(db, key: id) else { throw GembaError.notFound("no review cycle \(id)") }
            return try cycleView(db, cycle, signatures: try SignatureRecord.filter(Column("cycle_id") == id).order(Column("signed_at"), Column("id")).fetchAll(db))
        }
    }

    func cycleView(_ db: Database, _ cycle: ReviewCycleRecord, signatures: [SignatureRecord]) throws -> ReviewCycleView {
        let steps = try self.steps(of: cycle)
        let open = cycle.status == ReviewCycleStatus.open.rawValue && steps.indices.contains(cycle.currentStep)
        let step = open ? steps[cycle.currentStep] : nil
        let title = try String.fetchOne(db, sql: "SELECT title FROM document WHERE id = ?", arguments: [cycle.documentId]) ?? ""
        return ReviewCycleView(
            id: cycle.id ?? 0, document: cycle.documentId, title: title, revision: cycle.revisionLetter, kind: cycle.kind,
            status: cycle.status, route: cycle.route, step: step?.name, stepRole: step?.role, stepSignaturesNeeded: step?.signatures,
            stepSignaturesGiven: step == nil ? nil : signatures.filter { $0.cycleId == cycle.id && $0.stepIndex == cycle.currentStep }.count,
            stepDue: step.map { Day(cycle.stepOpenedAt).addingDays($0.dueDays).description },
            startedBy: cycle.startedBy, startedAt: Timestamp.string(cycle.startedAt), closedAt: cycle.closedAt.map(Timestamp.string),
            outcome: cycle.outcome, comment: cycle.comment, pinnedCommit: cycle.pinnedCommit, pinnedTree: cycle.pinnedTree,
            signatures: signatures.filter { $0.cycleId == cycle.id }.map { SignatureView($0, contentVerified: signatureHolds($0, releaseCommit: nil)) })
    }

    func summary(_ db: Database, _ record: DocumentRecord, names: [String: String]) throws -> DocumentSummary {
        let latestStatus = try String.fetchOne(db, sql: "SELECT status FROM revision WHERE document_id = ? AND letter = ?", arguments: [record.id, record.latestRevision]) ?? ""
        let effectiveDate = try record.effectiveRevision.flatMap {
            try String.fetchOne(db, sql: "SELECT effective_on FROM revision WHERE document_id = ? AND letter = ?", arguments: [record.id, $0])
        }
        return DocumentSummary(
            id: record.id, type: record.type, title: record.title, owner: record.owner, ownerName: names[record.owner] ?? record.owner,
            status: record.status, effectiveRevision: record.effectiveRevision, effectiveDate: effectiveDate,
            latestRevision: record.latestRevision, latestStatus: latestStatus, nextReviewDue: record.nextReviewDue,
            areas: try documentAreas(db, record.id))
    }

    func peopleNames(_ db: Database) throws -> [String: String] {
        var names: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT username, name FROM user") { names[row["username"]] = row["name"] }
        return names
    }

    /// The files of a revision, byte for byte: released revisions from their tag's commit,
    /// unreleased ones from their latest draft commit.
    public func content(_ id: String, revision letter: String? = nil) throws -> DocumentContent {
        let (document, revision) = try store.read { db in
            let document = try documentRecord(db, id)
            return (document, try revisionRecord(db, document.id, letter ?? document.effectiveRevision ?? document.latestRevision))
        }
        let tree = try folderTree(document.id, revision)
        let (main, attachments) = try DocumentTree.read(tree: tree, mainFile: revision.mainFile, in: repository)
        return DocumentContent(document: document.id, revision: revision.letter, mainFile: revision.mainFile, main: main, attachments: attachments)
    }

    func folderTree(_ id: String, _ revision: RevisionRecord) throws -> ObjectID {
        guard let commit = ObjectID(hex: revision.releaseCommit ?? revision.draftCommit) else { throw corrupt(id) }
        guard let entry = try DocumentTree.folder(id, inTree: try repository.commit(commit).tree, in: repository) else {
            throw GembaError(.integrity, "content.git: commit \(commit.hex.prefix(12)) has no \(DocumentTree.path(id)); run `gemba verify`")
        }
        return entry.id
    }

    /// Metadata changes and a unified diff of the files between two revisions.
    public func diff(_ id: String, from old: String, to new: String) throws -> DocumentDiff {
        let (document, a, b) = try store.read { db in
            let document = try documentRecord(db, id)
            return (document, try revisionRecord(db, document.id, old), try revisionRecord(db, document.id, new))
        }
        let fields: [(String, (RevisionRecord) -> String)] = [
            ("title", \.title), ("status", \.status), ("author", \.author), ("change reason", \.changeReason),
            ("change class", \.changeClass), ("eco", { $0.eco ?? "" }), ("main file", \.mainFile),
            ("effective date", { $0.effectiveOn ?? "" }),
        ]
        let changes = fields.compactMap { field, value in
            value(a) == value(b) ? nil : DocumentDiff.FieldChange(field: field, old: value(a), new: value(b))
        }
        let patch = try repository.unifiedDiff(
            from: try folderTree(document.id, a), to: try folderTree(document.id, b),
            oldPrefix: "\(document.id)@\(a.letter)/", newPrefix: "\(document.id)@\(b.letter)/")
        return DocumentDiff(document: document.id, from: a.letter, to: b.letter, metadata: changes, patch: patch)
    }
}
