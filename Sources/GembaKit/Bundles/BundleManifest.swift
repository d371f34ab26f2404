import Foundation

/// manifest.json: what the bundle is (register, as-of date, scope, generator, the register's
/// state at the end of the day), each document revision with its release commit, folder tree
/// and tag, each section's summary, and every file but manifest.json and SHA256SUMS with its
/// size and SHA-256. No build time: the same register and arguments give the same bytes.
struct BundleManifest: Encodable {
    static let format = "gemba-evidence-bundle/1"
    static let path = "manifest.json"
    static let sumsPath = "SHA256SUMS"
    static let indexPath = "index.html"

    struct Scope: Codable, Equatable {
        let types: [String]
        let documents: [String]
        let areas: [String]
        let audits: [String]
        let summary: String
    }

    struct DocumentFile: Codable, Equatable {
        /// The path inside the document's folder (`SOP-0001.md`, `attachments/x.pdf`).
        let path: String
        let blob: String
    }

    struct Document: Codable, Equatable {
        let id: String
        let type: String
        let title: String
        let revision: String
        let effectiveDate: String
        let releaseCommit: String
        let folderTree: String
        let tag: String
        let tagObject: String?
        let mainFile: String
        let page: String
        /// Where the folder's files are in the archive.
        let folder: String
        let files: [DocumentFile]
    }

    let format: String
    let generator: String
    let registerId: String
    let asOf: String
    let registerState: BundleRegisterState
    let scope: Scope
    let documents: [Document]
    let sections: [String: BundleJSON]
    let files: [BundleFile]

    static func documentEntry(_ document: BundleDocument) -> Document {
        Document(
            id: document.id, type: document.type, title: document.title, revision: document.letter,
            effectiveDate: document.revision.effectiveOn ?? "", releaseCommit: document.releaseCommit.hex, folderTree: document.folderTree.hex,
            tag: document.tag, tagObject: document.revision.tagObject, mainFile: document.revision.mainFile, page: document.pagePath,
            folder: document.folderPath, files: document.files.keys.sorted().map { DocumentFile(path: $0, blob: document.files[$0]?.hex ?? "") })
    }

    /// The file's bytes: what `JSONEncoder` writes for this value (pretty-printed, sorted keys,
    /// slashes unescaped, snake_case keys) and a final line end, byte for byte (a test holds the
    /// two equal), written directly: through the encoder's boxes the manifest of a large bundle
    /// was most of its peak memory and a twentieth of its time.
    func encoded() -> Data {
        var json = PrettyJSON()
        json.object([
            ("format", { $0.string(format) }),
            ("generator", { $0.string(generator) }),
            ("register_id", { $0.string(registerId) }),
            ("as_of", { $0.string(asOf) }),
            ("register_state", { json in
                json.object([
                    ("main_commit", registerState.mainCommit.map { commit in { $0.string(commit) } }),
                    ("trail_seq", registerState.trailSeq.map { seq in { $0.int(seq) } }),
                    ("trail_hash", registerState.trailHash.map { hash in { $0.string(hash) } }),
                ].compactMap { key, write in write.map { (key, $0) } })
            }),
            ("scope", { json in
                json.object([
                    ("types", { $0.strings(scope.types) }), ("documents", { $0.strings(scope.documents) }), ("areas", { $0.strings(scope.areas) }),
                    ("audits", { $0.strings(scope.audits) }), ("summary", { $0.string(scope.summary) }),
                ])
            }),
            ("documents", { json in json.array(documents) { $0.document($1) } }),
            ("sections", { json in json.object(sections.map { key, value in (key, { $0.value(value) }) }) }),
            ("files", { json in
                json.array(files) { json, file in
                    json.object([("path", { $0.string(file.path) }), ("size", { $0.int(file.size) }), ("sha256", { $0.string(file.sha256) })])
                }
            }),
        ])
        return json.data(lineEnd: true)
    }

    /// The parts of manifest.json that `bundle verify` reads.
    struct Contents: Decodable {
        let format: String
        let registerId: String
        let asOf: String
        let documents: [Document]
        let files: [BundleFile]

        static func decode(_ data: Data) throws -> Contents {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(Contents.self, from: data)
        }
    }
}

/// JSON in `JSONEncoder`'s pretty-printed layout with sorted keys and unescaped slashes: two
/// spaces of indent per level, `"key" : value`, an empty array or object as its brackets around
/// an empty line, and strings escaped as the encoder escapes them (`CanonicalJSON.appendString`).
struct PrettyJSON {
    typealias Write = (inout PrettyJSON) -> Void
    private(set) var bytes: [UInt8] = []
    private var depth = 0

    /// An object of these members, written in the order of their keys' UTF-8 bytes.
    mutating func object(_ members: [(String, Write)]) {
        let sorted = members.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        container(UInt8(ascii: "{"), UInt8(ascii: "}"), sorted.count) { json, index in
            json.string(sorted[index].0)
            json.bytes.append(contentsOf: " : ".utf8)
            sorted[index].1(&json)
        }
    }

    mutating func array<Element>(_ elements: [Element], _ write: (inout PrettyJSON, Element) -> Void) {
        container(UInt8(ascii: "["), UInt8(ascii: "]"), elements.count) { json, index in write(&json, elements[index]) }
    }

    /// What was written, with a final line end when asked.
    func data(lineEnd: Bool) -> Data {
        var data = Data(bytes)
        if lineEnd { data.append(0x0A) }
        return data
    }

    mutating func strings(_ values: [String]) {
        array(values) { $0.string($1) }
    }

    mutating func int<Number: BinaryInteger>(_ number: Number) {
        bytes.append(contentsOf: String(number).utf8)
    }

    mutating func string(_ text: String) {
        CanonicalJSON.appendString(text, to: &bytes)
    }

    mutating func value(_ value: BundleJSON) {
        switch value {
        case .string(let text): string(text)
        case .int(let number): int(number)
        case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: bytes.append(contentsOf: "null".utf8)
        case .array(let items): array(items) { $0.value($1) }
        case .object(let fields): object(fields.map { key, field in (key, { $0.value(field) }) })
        }
    }

    fileprivate mutating func document(_ document: BundleManifest.Document) {
        var members: [(String, Write)] = [
            ("id", { $0.string(document.id) }), ("type", { $0.string(document.type) }), ("title", { $0.string(document.title) }),
            ("revision", { $0.string(document.revision) }), ("effective_date", { $0.string(document.effectiveDate) }),
            ("release_commit", { $0.string(document.releaseCommit) }), ("folder_tree", { $0.string(document.folderTree) }),
            ("tag", { $0.string(document.tag) }), ("main_file", { $0.string(document.mainFile) }), ("page", { $0.string(document.page) }),
            ("folder", { $0.string(document.folder) }),
            ("files", { json in
                json.array(document.files) { json, file in json.object([("path", { $0.string(file.path) }), ("blob", { $0.string(file.blob) })]) }
            }),
        ]
        if let tagObject = document.tagObject { members.append(("tag_object", { $0.string(tagObject) })) }
        object(members)
    }

    private mutating func container(_ open: UInt8, _ close: UInt8, _ count: Int, _ element: (inout PrettyJSON, Int) -> Void) {
        bytes.append(open)
        depth += 1
        for index in 0..<count {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            newLine()
            element(&self, index)
        }
        depth -= 1
        if count == 0 { bytes.append(0x0A) }
        newLine()
        bytes.append(close)
    }

    private mutating func newLine() {
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }
}

/// SHA256SUMS in the format `sha256sum -c` reads: the hex digest, two spaces, the path relative
/// to the archive's root; one line per file, every file but SHA256SUMS itself.
enum SHA256Sums {
    static func text(_ files: [BundleFile]) -> String {
        files.map { "\($0.sha256)  \($0.path)\n" }.joined()
    }

    /// Path -> digest; nil when a line is not `<64 hex digits><two spaces or " *"><path>`.
    static func parse(_ text: String) -> [String: String]? {
        var sums: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = String(line)
            guard let match = line.wholeMatch(of: /([0-9a-f]{64}) [ *](.+)/) else { return nil }
            sums[String(match.output.2)] = String(match.output.1)
        }
        return sums
    }
}
