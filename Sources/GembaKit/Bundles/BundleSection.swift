import Foundation
import GembaGit

/// One part of an evidence bundle: the documents, the audit-trail extract, the register index,
/// and later training completion or audit findings. A section plans its files (each produced
/// lazily, when the writer reaches it), the links it adds to index.html, and its entry in
/// manifest.json. See docs/evidence-bundles.md, "Adding a section".
protocol BundleSection {
    /// The section's key in manifest.json's `sections` (lower_snake_case).
    var key: String { get }
    /// Its heading in index.html.
    var heading: String { get }
    func plan(_ context: BundleContext) throws -> BundleSectionPlan
}

/// The sections of every bundle, in the order index.html shows them. A module adds its section
/// here in one line (as training did).
extension Register {
    func bundleSections() -> [any BundleSection] {
        [DocumentsSection(), TrainingSection(), AuditSection(), AuditTrailSection(), RegisterIndexSection()]
    }
}

/// What a section adds to a bundle.
struct BundleSectionPlan {
    var entries: [BundleEntry] = []
    /// Shown under the section's heading in index.html.
    var links: [BundleLink] = []
    /// Links for document pages, by document ID, to files that are about several documents
    /// (an audit's page for the documents its findings cite). Paths are from the archive's root.
    var related: [String: [BundleLink]] = [:]
    /// The section's entry in manifest.json's `sections`, asked for after every file is written.
    var manifest: () throws -> BundleJSON? = { nil }
}

/// One file of the archive. Its bytes are produced only when the writer reaches it (a spooled
/// file: in its turn on the spooler's thread), so the builder holds few files at a time.
struct BundleEntry {
    enum Content {
        /// Small files (a page, a document file) built in memory, on the builder's thread.
        case data(() throws -> Data)
        /// Large files (the audit-trail extract) written to a temporary file first, on the
        /// spooler's thread beside the rest of the build: the fill may only read the register's
        /// store and the context's fixed values (`BundleSpooler`). A fill of several files is
        /// named by each of their entries, with the file's part.
        case spooled(BundleSpoolFill, part: Int = 0)
    }

    let path: String
    let content: Content
    /// The document this file is about: the document's page links to it, with `label`.
    var document: String? = nil
    var label: String? = nil
}

/// A link in index.html or on a document page: a path in the archive and its text.
struct BundleLink: Sendable, Equatable {
    let path: String
    let label: String
    var detail: String = ""
}

/// What every section sees: the register, the date, the scope, and the document revisions in it.
final class BundleContext {
    let register: Register
    let asOf: Day
    let scope: BundleScope
    let documents: [BundleDocument]
    /// The audits named in the scope, as they stood at the end of the as-of day.
    let audits: [BundleAudit]
    /// Links to files other sections planned about a document, by document ID; filled once every
    /// section has planned, before any file is written.
    var related: [String: [BundleLink]] = [:]
    /// People's names by user name, read once for every page of the bundle.
    var names: [String: String]?

    init(register: Register, asOf: Day, scope: BundleScope, documents: [BundleDocument], audits: [BundleAudit] = []) {
        self.audits = audits
        self.register = register
        self.asOf = asOf
        self.scope = scope
        self.documents = documents
    }

    /// The end of the as-of day (UTC): what happened at or after this moment is not in the bundle.
    var cutoff: Date { asOf.addingDays(1).start }
}

/// A document revision in a bundle: the revision effective at the end of the as-of day.
struct BundleDocument {
    let id: String
    let type: String
    let title: String
    let owner: String
    let revision: RevisionRecord
    /// The document's record, as read to choose the revision.
    let record: DocumentRecord
    /// Its released revisions up to this one, newest first: its page's revision history.
    let history: [RevisionRecord]
    let releaseCommit: ObjectID
    let folderTree: ObjectID
    let tag: String
    /// The files of the folder at the release commit, path in the folder -> blob id.
    let files: [String: ObjectID]

    var letter: String { revision.letter }
    /// Where the folder's files are in the archive, byte for byte.
    var folderPath: String { "documents/\(id)/rev-\(letter)" }
    var pagePath: String { "documents/\(id)/\(id)-rev-\(letter).html" }
    var mainFilePath: String { "\(folderPath)/\(revision.mainFile)" }
}

/// A JSON value for a section's entry in manifest.json (encoded with sorted keys).
enum BundleJSON: Encodable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([BundleJSON])
    case object([String: BundleJSON])

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .int(let number):
            var container = encoder.singleValueContainer()
            try container.encode(number)
        case .bool(let flag):
            var container = encoder.singleValueContainer()
            try container.encode(flag)
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .array(let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(item) }
        case .object(let fields):
            var container = encoder.container(keyedBy: Key.self)
            for (key, value) in fields { try container.encode(value, forKey: Key(key)) }
        }
    }

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
