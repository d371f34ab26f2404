import Foundation
import GRDB
import GembaGit

/// The records behind one document page, as they stood at the end of the as-of day.
private struct DocumentPageRecords {
    let document: DocumentRecord
    let names: [String: String]
    /// Revisions effective on or before the as-of day, newest first.
    let history: [RevisionRecord]
    let cycles: [ReviewCycleRecord]
    let signatures: [SignatureRecord]
}

/// What a bundle's document pages read from the store, on the builder's thread: each document's
/// review cycles and signatures, read for a run of documents at once (beginning and ending a read
/// cost as much as a page's two queries), and people's names. A run is the next `runLength`
/// documents not read yet; each document's records are dropped when its page takes them, so
/// memory does not grow with the bundle.
final class BundlePageReads {
    private let runLength: Int
    private let context: BundleContext
    private let position: [String: Int]
    private var read: [Bool]
    private var held: [String: (cycles: [ReviewCycleRecord], signatures: [SignatureRecord])] = [:]

    init(_ context: BundleContext, runLength: Int = 64) {
        precondition(runLength > 0, "a run reads at least one document")
        self.runLength = runLength
        self.context = context
        position = Dictionary(context.documents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        read = Array(repeating: false, count: context.documents.count)
    }

    fileprivate func records(_ bundled: BundleDocument) throws -> DocumentPageRecords {
        guard let index = position[bundled.id] else { preconditionFailure("a page of a document in the bundle") }
        if held[bundled.id] == nil {
            read[index] = false
            try readRun(from: index)
        }
        guard let (cycles, signatures) = held.removeValue(forKey: bundled.id), let names = context.names else {
            preconditionFailure("a run starts with the document it is read for")
        }
        let cutoff = context.cutoff
        // Times are compared as dates, not as stored text.
        return DocumentPageRecords(
            document: bundled.record, names: names, history: bundled.history,
            cycles: cycles.filter { $0.startedAt < cutoff }, signatures: signatures.filter { $0.signedAt < cutoff })
    }

    /// Reads the records of the next documents not read yet, from `start` on (pages are written
    /// in path order, which is nearly the documents' order), in one read.
    private func readRun(from start: Int) throws {
        let (register, documents) = (context.register, context.documents)
        let run = Array((start..<documents.count).lazy.filter { !self.read[$0] }.prefix(runLength))
        try register.store.read { db in
            // Statements prepared once for the thousand pages of a bundle (GRDB compiles and
            // authorizes a query-interface request anew at every call).
            let cycles = try db.cachedStatement(sql: "SELECT * FROM review_cycle WHERE document_id = ? ORDER BY id")
            let signatures = try db.cachedStatement(sql: "SELECT * FROM signature WHERE document_id = ? ORDER BY signed_at, id")
            if context.names == nil { context.names = try register.peopleNames(db) }
            for index in run {
                let id = documents[index].id
                held[id] = (try ReviewCycleRecord.fetchAll(cycles, arguments: [id]), try SignatureRecord.fetchAll(signatures, arguments: [id]))
                read[index] = true
            }
        }
    }
}

extension Register {
    /// The readable page of a document revision in a bundle: identity, signature manifestation
    /// (21 CFR 11.50), files, content, revision history with signatures, periodic-review record.
    /// Every piece of user text is escaped. The main file's bytes, when the page shows them, are
    /// left in `mainFile` for the archive, which writes the file next.
    func documentPage(_ bundled: BundleDocument, context: BundleContext, reads: BundlePageReads, mainFile: inout Data?) throws -> String {
        let cutoff = context.cutoff
        let records = try reads.records(bundled)
        let revision = bundled.revision
        let type = try? policies.documentType(bundled.type)
        var body = "<h1>\(HTML.escape("\(bundled.id) rev \(revision.letter): \(revision.title)"))</h1>\n"
        body += HTML.facts([
            ("Document", bundled.id), ("Revision", revision.letter), ("Title", revision.title),
            ("Type", type.map { "\($0.code) - \($0.name)" } ?? bundled.type),
            ("Owner", person(records.document.owner, records.names)),
            ("Status at the end of \(context.asOf)", "effective"),
            ("Effective date", revision.effectiveOn ?? "-"),
            ("Change", "\(revision.changeClass) - \(revision.changeReason)"), ("ECO", revision.eco ?? "-"),
            ("Author", person(revision.author, records.names)),
            ("Release commit", bundled.releaseCommit.hex), ("Folder tree", bundled.folderTree.hex), ("Tag", bundled.tag),
        ])
        body += "<h2>Signatures</h2>\n" + signatureList(approvalSignatures(revision, records), releaseCommit: revision.releaseCommit)
        body += "<h2>Files</h2>\n<p>The revision's folder from its release commit, byte for byte.</p>\n"
        body += HTML.table(["File", "Git blob"], bundled.files.keys.sorted().map { path in
            [HTML.link("rev-\(revision.letter)/\(path)", path), "<code>\(bundled.files[path]?.hex ?? "")</code>"]
        })
        body += "<h2>Content</h2>\n" + (try contentBlock(bundled, mainFile: &mainFile))
        body += "<h2>Revision history</h2>\n" + history(records, cutoff: cutoff)
        body += "<h2>Periodic review</h2>\n" + periodicReviews(bundled, records, context: context)
        if let related = context.related[bundled.id], !related.isEmpty {
            body += "<h2>Related records</h2>\n<ul>\n"
            body += related.map { "<li>\(HTML.link(relative($0.path, from: bundled.pagePath), $0.label))\($0.detail.isEmpty ? "" : " " + HTML.escape($0.detail))</li>\n" }.joined()
            body += "</ul>\n"
        }
        return HTML.page(title: "\(bundled.id) rev \(revision.letter): \(revision.title)", root: "../../", body: body)
    }

    private func person(_ username: String, _ names: [String: String]) -> String {
        names[username].map { "\($0) (\(username))" } ?? username
    }

    /// The signatures of the review cycle that approved a revision, the author's included.
    private func approvalSignatures(_ revision: RevisionRecord, _ records: DocumentPageRecords) -> [SignatureRecord] {
        let approved = Set(records.cycles.filter {
            $0.kind == ReviewCycleKind.revision.rawValue && $0.revisionLetter == revision.letter && $0.status == ReviewCycleStatus.approved.rawValue
        }.compactMap(\.id))
        return records.signatures.filter { approved.contains($0.cycleId) }
    }

    private func signatureList(_ signatures: [SignatureRecord], releaseCommit: String?) -> String {
        guard !signatures.isEmpty else { return "<p>No signatures.</p>\n" }
        return "<ul>\n" + signatures.map { record in
            let view = SignatureView(record, contentVerified: signatureHolds(record, releaseCommit: releaseCommit))
            var line = "<li><span class=\"signature\">\(HTML.escape(view.manifestation))</span>"
            if let step = view.step { line += " - step \(HTML.escape(step))" }
            if let comment = view.comment { line += " - \(HTML.escape(comment))" }
            line += view.contentVerified
                ? " - signed commit <code>\(view.commit.prefix(12))</code>, tree <code>\(view.tree.prefix(12))</code>"
                : " <span class=\"warning\">the signed content does not match content.git</span>"
            return line + "</li>\n"
        }.joined() + "</ul>\n"
    }

    private func contentBlock(_ bundled: BundleDocument, mainFile: inout Data?) throws -> String {
        let name = bundled.revision.mainFile
        let link = HTML.link("rev-\(bundled.letter)/\(name)", name)
        let lower = name.lowercased()
        let textual = [".md", ".txt", ".csv", ".yaml", ".yml"].contains { lower.hasSuffix($0) }
        guard textual, let blob = bundled.files[name] else { return "<p>The original file: \(link).</p>\n" }
        let data = try bundleBlob(blob, document: bundled)
        mainFile = data
        guard data.count <= 1 << 20, let text = String(data: data, encoding: .utf8) else {
            return "<p>The original file: \(link).</p>\n"
        }
        if lower.hasSuffix(".md") {
            return "<p>The original file: \(link). Rendered:</p>\n<div class=\"content\">\n\(BundleMarkdown.html(text))</div>\n"
        }
        return "<p>The original file: \(link). As text:</p>\n<pre>\(HTML.escape(text))</pre>\n"
    }

    private func history(_ records: DocumentPageRecords, cutoff: Date) -> String {
        var html = ""
        // Newest first: each older revision was superseded by the one listed before it.
        for (index, revision) in records.history.enumerated() {
            var line = "rev \(revision.letter): effective \(revision.effectiveOn ?? "-")"
            if index > 0 {
                let next = records.history[index - 1]
                line += ", superseded by rev \(next.letter) effective \(next.effectiveOn ?? "-")"
            }
            html += "<h3>\(HTML.escape(line))</h3>\n"
            html += HTML.facts([
                ("Title", revision.title), ("Author", person(revision.author, records.names)),
                ("Change", "\(revision.changeClass) - \(revision.changeReason)"), ("ECO", revision.eco ?? "-"),
                ("Tag", Register.tagName(revision.documentId, revision.letter)), ("Release commit", revision.releaseCommit ?? "-"),
            ])
            html += signatureList(approvalSignatures(revision, records), releaseCommit: revision.releaseCommit)
            let others = records.cycles.filter {
                $0.kind == ReviewCycleKind.revision.rawValue && $0.revisionLetter == revision.letter
                    && $0.status != ReviewCycleStatus.approved.rawValue && ($0.closedAt.map { $0 < cutoff } ?? false)
            }
            for cycle in others {
                html += "<p>Review started \(HTML.escape(Timestamp.readable(cycle.startedAt))): \(HTML.escape(cycle.status))"
                html += cycle.comment.map { " - \(HTML.escape($0))" } ?? ""
                html += "</p>\n" + signatureList(records.signatures.filter { $0.cycleId == cycle.id && $0.meaning == SignatureMeaning.rejected.rawValue }, releaseCommit: nil)
            }
        }
        return html
    }

    private func periodicReviews(_ bundled: BundleDocument, _ records: DocumentPageRecords, context: BundleContext) -> String {
        let cutoff = context.cutoff
        let interval = reviewInterval(records.document)
        let effective = bundled.revision.effectiveOn.flatMap(Day.init) ?? context.asOf
        let cycles = records.cycles.filter { $0.kind != ReviewCycleKind.revision.rawValue }
        let lastNoChange = cycles.filter {
            $0.kind == ReviewCycleKind.periodic.rawValue && $0.revisionLetter == bundled.letter && $0.outcome == "no change"
        }.compactMap { cycle in cycle.closedAt.flatMap { $0 < cutoff ? Day($0) : nil } }.max()
        let due = max(effective, lastNoChange ?? effective).addingMonths(interval)
        var html = HTML.facts([
            ("Interval", "\(interval) months"), ("Last periodic review", lastNoChange?.description ?? "none since rev \(bundled.letter) became effective"),
            ("Next review due (as of \(context.asOf))", due.description + (due < context.asOf ? " (overdue)" : "")),
        ])
        guard !cycles.isEmpty else { return html + "<p>No periodic review or retirement request by the end of \(context.asOf).</p>\n" }
        for cycle in cycles {
            let closed = cycle.closedAt.map { $0 < cutoff } ?? false
            var line = "\(cycle.kind == ReviewCycleKind.periodic.rawValue ? "Periodic review" : "Retirement request") of rev \(cycle.revisionLetter), "
            line += "started \(Timestamp.readable(cycle.startedAt)) by \(person(cycle.startedBy, records.names)): "
            line += closed ? "\(cycle.status)\(cycle.outcome.map { " (\($0))" } ?? "")" : "open at the end of \(context.asOf)"
            html += "<h3>\(HTML.escape(line))</h3>\n"
            if let reason = cycle.reason { html += "<p>Reason: \(HTML.escape(reason))</p>\n" }
            if closed, let comment = cycle.comment, comment != cycle.reason { html += "<p>Conclusion: \(HTML.escape(comment))</p>\n" }
            html += signatureList(records.signatures.filter { $0.cycleId == cycle.id }, releaseCommit: nil)
        }
        return html
    }

    /// A path in the archive as a link from a page elsewhere in the archive.
    func relative(_ path: String, from page: String) -> String {
        let depth = page.split(separator: "/").count - 1
        return String(repeating: "../", count: depth) + path
    }
}
