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

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
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
