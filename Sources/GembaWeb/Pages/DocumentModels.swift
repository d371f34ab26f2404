import Foundation
import GembaKit

/// The register's list with its filters.
struct DocumentListModel {
    struct Row {
        let id: String
        let href: String
        let type: String
        let title: String
        let owner: String
        let status: String
        let revision: String
        let effectiveDate: String?
        let nextReviewDue: String?
        let reviewLate: Bool
        let areas: String
    }

    let rows: [Row]
    let hasRows: Bool
    let q: String
    let types: [ChoiceOption]
    let statuses: [ChoiceOption]
    let areas: [ChoiceOption]
    let canCreate: Bool

    init(_ register: Register, filter: DocumentFilter, canCreate: Bool) throws {
        let today = register.today().description
        rows = try register.documents(filter).map { doc in
            Row(id: doc.id, href: "/documents/\(doc.id.urlPathEncoded)", type: doc.type, title: doc.title, owner: doc.ownerName,
                status: doc.status, revision: doc.effectiveRevision ?? "\(doc.latestRevision) (\(doc.latestStatus))",
                effectiveDate: doc.effectiveDate, nextReviewDue: doc.nextReviewDue, reviewLate: (doc.nextReviewDue ?? "9999") < today,
                areas: doc.areas.joined(separator: ", "))
        }
        hasRows = !rows.isEmpty
        q = filter.search ?? ""
        types = [ChoiceOption(value: "", label: "All types", selected: filter.type == nil)]
            + register.policies.documentTypes.map { ChoiceOption(value: $0.code, label: "\($0.code) – \($0.name)", selected: filter.type?.uppercased() == $0.code) }
        let all = try register.documents()
        statuses = [ChoiceOption(value: "", label: "Any status", selected: filter.status == nil)]
            + Set(all.map(\.status)).sorted().map { ChoiceOption(value: $0, label: $0, selected: filter.status == $0) }
        let knownAreas = Set(all.flatMap(\.areas)).sorted()
        areas = [ChoiceOption(value: "", label: "All areas", selected: filter.area == nil)]
            + knownAreas.map { ChoiceOption(value: $0, label: $0, selected: filter.area == $0) }
        self.canCreate = canCreate
    }
}

/// One document: content, status, signatures, history, diff chooser, actions.
struct DocumentPageModel {
    struct Revision {
        let letter: String
        let status: String
        let title: String
        let author: String
        let changeReason: String
        let changeClass: String
        let eco: String?
        let effectiveDate: String?
        let approvedAt: String?
        let tag: String?
        let downloadHref: String
        let viewHref: String
        let signatures: [Signature]
        let shown: Bool
    }

    struct Signature {
        let manifestation: String
        let step: String?
        let comment: String?
        let verified: Bool
    }

    struct Cycle {
        let id: Int64
        let kind: String
        let revision: String
        let status: String
        let step: String?
        let stepRole: String?
        let stepDue: String?
        let startedBy: String
        let startedAt: String
        let outcome: String?
        let comment: String?
        let href: String
    }

    let id: String
    let title: String
    let type: String
    let status: String
    let owner: String
    /// nil when the document names no area (a section in the template).
    let areas: String?
    let effectiveRevision: String?
    let effectiveDate: String?
    let nextReviewDue: String?
    let reviewLate: Bool
    let lastReviewedOn: String?
    let reviewIntervalMonths: Int
    /// The revision shown: `?rev=` or the effective one, else the newest.
    let shown: Revision?
    let shownIsEffective: Bool
    let contentHTML: String?
    let contentIsBinary: Bool
    let mainFile: String
    let attachments: [String]
    let revisions: [Revision]
    let cycles: [Cycle]
    let hasCycles: Bool
    let hasAttachments: Bool
    let fromOptions: [ChoiceOption]
    let toOptions: [ChoiceOption]
    /// A draft the visitor may edit, and whether a review can start on it.
    let draftLetter: String?
    let canEditDraft: Bool
    let canRevise: Bool
    let canStartPeriodic: Bool
    let canObsolete: Bool

    init(_ register: Register, id: String, revision requested: String?, visitor: SignedInPerson) throws {
        let detail = try register.document(id)
        let summary = detail.summary
        let today = register.today().description
        self.id = summary.id
        title = summary.title
        type = summary.type
        status = summary.status
        owner = summary.ownerName
        areas = summary.areas.isEmpty ? nil : summary.areas.joined(separator: ", ")
        effectiveRevision = summary.effectiveRevision
        effectiveDate = summary.effectiveDate
        nextReviewDue = summary.nextReviewDue
        reviewLate = (summary.nextReviewDue ?? "9999") < today
        lastReviewedOn = detail.lastReviewedOn
        reviewIntervalMonths = detail.reviewIntervalMonths
        let base = "/documents/\(summary.id.urlPathEncoded)"
        let shownLetter = requested ?? detail.current?.revision
        guard requested == nil || detail.revisions.contains(where: { $0.revision == requested }) else {
            throw GembaError(.notFound, "\(summary.id) has no revision \(requested ?? "")")
        }
        revisions = detail.revisions.reversed().map { revision in
            Revision(
                letter: revision.revision, status: revision.status, title: revision.title, author: revision.authorName,
                changeReason: revision.changeReason, changeClass: revision.changeClass, eco: revision.eco,
                effectiveDate: revision.effectiveDate, approvedAt: revision.approvedAt, tag: revision.tag,
                downloadHref: "\(base)/download?rev=\(revision.revision.urlPathEncoded)", viewHref: "\(base)?rev=\(revision.revision.urlPathEncoded)",
                signatures: revision.signatures.map { Signature(manifestation: $0.manifestation, step: $0.step, comment: $0.comment, verified: $0.contentVerified) },
                shown: revision.revision == shownLetter)
        }
        shown = revisions.first { $0.shown }
        shownIsEffective = shownLetter != nil && shownLetter == summary.effectiveRevision
        if let shownLetter {
            let content = try register.content(summary.id, revision: shownLetter)
            mainFile = content.mainFile
            attachments = content.attachments.map(\.name)
            contentHTML = RevisionHTML.body(content)
            contentIsBinary = contentHTML == nil
        } else {
            mainFile = ""
            attachments = []
            contentHTML = nil
            contentIsBinary = false
        }
        cycles = detail.reviewCycles.reversed().map { cycle in
            Cycle(id: cycle.id, kind: cycle.kind, revision: cycle.revision, status: cycle.status, step: cycle.step, stepRole: cycle.stepRole,
                  stepDue: cycle.stepDue, startedBy: cycle.startedBy, startedAt: cycle.startedAt, outcome: cycle.outcome, comment: cycle.comment,
                  href: "/reviews/\(cycle.id)")
        }
        hasCycles = !cycles.isEmpty
        hasAttachments = !attachments.isEmpty
        let letters = detail.revisions.map(\.revision)
        let from = letters.count > 1 ? letters[letters.count - 2] : letters.first
        fromOptions = letters.map { ChoiceOption(value: $0, label: $0, selected: $0 == from) }
        toOptions = letters.map { ChoiceOption(value: $0, label: $0, selected: $0 == letters.last) }
        let draft = detail.revisions.last.flatMap { $0.status == RevisionStatus.draft.rawValue ? $0 : nil }
        draftLetter = draft?.revision
        let me = visitor.person.username
        canEditDraft = !visitor.isAssessor && draft?.author == me
        canRevise = visitor.permissions.contains(.documentRevise) && !visitor.isAssessor
            && summary.status == RevisionStatus.effective.rawValue && draft == nil && !detail.reviewCycles.contains { $0.status == "open" }
        canStartPeriodic = visitor.permissions.contains(.reviewStart) && !visitor.isAssessor && summary.status == RevisionStatus.effective.rawValue
            && !detail.reviewCycles.contains { $0.status == "open" }
        canObsolete = visitor.permissions.contains(.documentObsolete) && !visitor.isAssessor && summary.status == RevisionStatus.effective.rawValue
            && !detail.reviewCycles.contains { $0.status == "open" }
    }
}

/// A revision's main file as HTML for its page: Markdown rendered, other text as it is, nil for
/// files a browser should download (PDF, DOCX, ...). Every piece of text is escaped.
enum RevisionHTML {
    static func body(_ content: DocumentContent) -> String? {
        guard let text = String(data: content.main, encoding: .utf8), !text.contains("\u{0}") else { return nil }
        if isMarkdown(content.mainFile) { return MarkdownHTML.render(text) }
        return "<pre>" + MarkdownHTML.escape(text) + "</pre>"
    }

    static func isMarkdown(_ fileName: String) -> Bool {
        let name = fileName.lowercased()
        return name.hasSuffix(".md") || name.hasSuffix(".markdown")
    }
}
