import Foundation

/// A signature as shown to people (21 CFR 11.50): printed name, UTC date and time, meaning.
public struct SignatureView: Codable, Sendable, Equatable {
    public let name: String
    public let username: String
    public let meaning: String
    public let signedAt: String
    public let step: String?
    public let commit: String
    public let tree: String
    public let comment: String?
    /// The one-line manifestation printed wherever the signed record is shown.
    public let manifestation: String
    /// Whether the signed content is still exactly in content.git (checked when shown).
    public let contentVerified: Bool

    init(_ record: SignatureRecord, contentVerified: Bool) {
        self.contentVerified = contentVerified
        name = record.printedName
        username = record.username
        meaning = record.meaning
        signedAt = Timestamp.string(record.signedAt)
        step = record.stepName
        commit = record.commitId
        tree = record.treeId
        comment = record.comment
        manifestation = "\(record.meaning.capitalized) by \(record.printedName) (\(record.username)) on \(Timestamp.readable(record.signedAt))"
    }
}

public struct RevisionView: Codable, Sendable {
    public let revision: String
    public let status: String
    public let title: String
    public let author: String
    public let authorName: String
    public let createdAt: String
    public let updatedAt: String
    public let changeReason: String
    public let changeClass: String
    public let eco: String?
    public let mainFile: String
    public let plannedEffective: String?
    public let effectiveDate: String?
    public let approvedAt: String?
    public let supersededAt: String?
    public let releaseCommit: String?
    public let tag: String?
    public let draftCommit: String
    public let signatures: [SignatureView]
    /// Set for a revision brought in by `doc import`: its paper approval and the migration signature.
    public var legacyApproval: LegacyApprovalView? = nil
}

public struct ReviewCycleView: Codable, Sendable {
    public let id: Int64
    public let document: String
    public let title: String
    public let revision: String
    public let kind: String
    public let status: String
    public let route: String
    public let step: String?
    public let stepRole: String?
    public let stepSignaturesNeeded: Int?
    public let stepSignaturesGiven: Int?
    public let stepDue: String?
    public let startedBy: String
    public let startedAt: String
    public let closedAt: String?
    public let outcome: String?
    public let comment: String?
    public let pinnedCommit: String
    public let pinnedTree: String
    public let signatures: [SignatureView]
}

public struct DocumentSummary: Codable, Sendable {
    public let id: String
    public let type: String
    public let title: String
    public let owner: String
    public let ownerName: String
    public let status: String
    public let effectiveRevision: String?
    public let effectiveDate: String?
    public let latestRevision: String
    public let latestStatus: String
    public let nextReviewDue: String?
    /// The plant areas or lines it applies to.
    public let areas: [String]
}

public struct DocumentDetail: Codable, Sendable {
    public let summary: DocumentSummary
    public let reviewIntervalMonths: Int
    public let lastReviewedOn: String?
    public let createdAt: String
    public let revisions: [RevisionView]
    public let reviewCycles: [ReviewCycleView]

    /// The revision people should use now, else the newest one.
    public var current: RevisionView? {
        revisions.first { $0.revision == summary.effectiveRevision } ?? revisions.last
    }
}

/// What changed between two revisions: metadata fields and a unified diff of the files.
public struct DocumentDiff: Codable, Sendable {
    public struct FieldChange: Codable, Sendable {
        public let field: String
        public let old: String
        public let new: String
    }

    public let document: String
    public let from: String
    public let to: String
    public let metadata: [FieldChange]
    public let patch: String
}

/// A revision's files, byte for byte.
public struct DocumentContent: Sendable {
    public let document: String
    public let revision: String
    public let mainFile: String
    public let main: Data
    public let attachments: [ContentFile]
}

/// One revision of a document as `gemba doc show --json` and the API print it: the document, the
/// revision, its attachments' names and its main file as text when it is Markdown, YAML or CSV.
public struct DocumentShown: Codable, Sendable {
    public let document: DocumentSummary
    public let revision: RevisionView
    /// nil when the content was not read (`--no-content`).
    public let attachments: [String]?
    public let content: String?

    public init(_ document: DocumentSummary, _ revision: RevisionView, content: DocumentContent?) {
        self.document = document
        self.revision = revision
        attachments = content?.attachments.map(\.name)
        let isText = [".md", ".yaml", ".csv"].contains { revision.mainFile.hasSuffix($0) }
        self.content = isText ? content.flatMap { String(data: $0.main, encoding: .utf8) } : nil
    }
}
