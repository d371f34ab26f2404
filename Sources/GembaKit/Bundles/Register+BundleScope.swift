import Foundation
import GRDB
import GembaGit

/// The register as it stood at the end of the as-of day: the commit on main then, and the
/// audit-trail entry that commit names. Recorded in manifest.json instead of a build time.
struct BundleRegisterState: Codable, Equatable {
    let mainCommit: String?
    let trailSeq: Int64?
    let trailHash: String?
}

extension Register {
    /// The document revisions in scope, each the one effective at the end of the as-of day
    /// (**choice**, docs/evidence-bundles.md): released with an effective date on or before that
    /// day and not superseded before its end (when a release lagged its effective date, the
    /// later revision wins); documents made obsolete before the end of the day are left out.
    /// A document named with `--document` that was not effective then is an error; one that is
    /// in scope through an audit or an area is left out (the audit's page says so).
    func bundleDocuments(_ scope: BundleScope, asOf: Day, audits: [BundleAudit]) throws -> [BundleDocument] {
        for type in scope.types { _ = try policies.documentType(type) }
        let cutoff = asOf.addingDays(1).start
        var implied = Set<String>()
        for audit in audits { implied.formUnion(audit.documentsInScope) }
        if !scope.areas.isEmpty {
            let policy = try store.read { db in try trainingPolicy(db) }
            for area in scope.areas { try policy.checkArea(area) }
            let areas = Set(scope.areas)
            implied.formUnion(try rowsAsOf(.documentArea, before: cutoff, as: DocumentAreaRecord.self).filter { areas.contains($0.area) }.map(\.documentId))
        }
        let everything = scope.isEverything
        // Only the documents in scope and their released revisions are read: a bundle of a
        // thousand documents should not read a company register's hundred thousand.
        let (documents, revisions) = try store.read { db in
            if everything {
                return (try DocumentRecord.order(Column("id")).fetchAll(db),
                        try RevisionRecord.filter(Column("release_commit") != nil).order(Column("document_id"), Column("seq")).fetchAll(db))
            }
            let list = { (items: [String]) in String(decoding: try JSONEncoder().encode(items), as: UTF8.self) }
            let documents = try DocumentRecord.fetchAll(db, sql: """
                SELECT * FROM document WHERE type IN (SELECT value FROM json_each(?)) OR id IN (SELECT value FROM json_each(?)) ORDER BY id
                """, arguments: [try list(scope.types), try list(scope.documents + implied.sorted())])
            let released = try db.cachedStatement(sql: "SELECT * FROM revision WHERE document_id = ? AND release_commit IS NOT NULL ORDER BY seq")
            var revisions: [RevisionRecord] = []
            for document in documents { revisions += try RevisionRecord.fetchAll(released, arguments: [document.id]) }
            return (documents, revisions)
        }
        let released = Dictionary(grouping: revisions, by: \.documentId)
        let known = Set(documents.map(\.id))
        for id in scope.documents where !known.contains(id) {
            throw GembaError.notFound("no document \(id) in this register; `gemba doc list` shows the documents")
        }
        var chosen: [BundleDocument] = []
        // Sets: a scope may name a company register's hundred thousand documents.
        let (types, namedDocuments) = (Set(scope.types), Set(scope.documents))
        for document in documents
        where everything || types.contains(document.type) || namedDocuments.contains(document.id) || implied.contains(document.id) {
            let named = namedDocuments.contains(document.id)
            if let obsolete = document.obsoleteAt, obsolete < cutoff {
                if named { throw GembaError.state("\(document.id) was made obsolete on \(Day(obsolete)), before the end of \(asOf); it is not in a bundle as of that day") }
                continue
            }
            guard let revision = RevisionRecord.effective(among: released[document.id] ?? [], atEndOf: asOf) else {
                if named { throw GembaError.state("\(document.id) had no effective revision on \(asOf); `gemba doc history \(document.id)` shows its effective dates") }
                continue
            }
            guard let commit = revision.releaseCommit.flatMap(ObjectID.init(hex:)), let tree = try folder(document.id, in: commit) else {
                throw GembaError(.integrity, "\(document.id) rev \(revision.letter): its release commit has no folder in content.git; run `gemba verify`")
            }
            chosen.append(BundleDocument(
                id: document.id, type: document.type, title: revision.title, owner: document.owner, revision: revision, record: document,
                history: (released[document.id] ?? []).filter { $0.seq <= revision.seq }.reversed(), releaseCommit: commit, folderTree: tree, tag: Register.tagName(document.id, revision.letter), files: try fileIDs(tree)))
        }
        guard !chosen.isEmpty else {
            throw GembaError.state("no document was effective on \(asOf) (scope: \(scope.summary)); nothing was written")
        }
        return chosen
    }

    /// The commit on main at the end of the as-of day with the trail
    /// entry it names (later commits and entries, such as this build's own, do not change it).
    func bundleRegisterState(cutoff: Date) throws -> BundleRegisterState {
        let main = try store.read { db in try recordedMain(db) }
        var next: ObjectID? = main
        while let id = next {
            let commit = try repository.commit(id)
            if commit.committer.time < cutoff {
                let anchor = commit.message.split(separator: "\n").last { $0.hasPrefix("Audit-trail: ") }?.split(separator: " ")
                let seq = anchor.flatMap { $0.count == 3 ? Int64($0[1]) : nil }
                return BundleRegisterState(
                    mainCommit: id.hex, trailSeq: seq, trailHash: seq == nil ? nil : anchor.map { String($0[2]) })
            }
            next = commit.parents.first
        }
        return BundleRegisterState(mainCommit: nil, trailSeq: nil, trailHash: nil)
    }
}

extension Register {
    /// The register's id, set when it was created (`register_info`).
    func registerID() throws -> String {
        try store.read { db in try String.fetchOne(db, sql: "SELECT value FROM register_info WHERE key = 'register_id'") } ?? ""
    }
}
