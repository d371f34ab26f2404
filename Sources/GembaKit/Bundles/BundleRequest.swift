import Foundation

/// What a bundle covers. Empty lists mean every document effective on the as-of date;
/// otherwise the union of the documents of the listed types, the listed documents, the documents
/// that apply to the listed areas, and for each listed audit the documents in its scope and those
/// its findings cite, with pages for the audit, its findings and corrective actions.
public struct BundleScope: Codable, Sendable, Equatable {
    public var types: [String]
    public var documents: [String]
    public var areas: [String]
    public var audits: [String]

    public init(types: [String] = [], documents: [String] = [], areas: [String] = [], audits: [String] = []) {
        self.types = Array(Set(types.map { $0.uppercased() })).sorted()
        self.documents = Array(Set(documents.map { $0.uppercased() })).sorted()
        self.areas = Array(Set(areas.map { $0.trimmingCharacters(in: .whitespaces) })).sorted()
        self.audits = Array(Set(audits.map { $0.uppercased() })).sorted()
    }

    /// Whether the scope names nothing, so every effective document is in it.
    var isEverything: Bool { types.isEmpty && documents.isEmpty && areas.isEmpty && audits.isEmpty }

    /// One line for people: "all effective documents", "audit AUD-2026-001 and types SOP, WI".
    public var summary: String {
        func part(_ noun: String, _ items: [String]) -> String? {
            items.isEmpty ? nil : "\(noun)\(items.count > 1 ? "s" : "") \(items.joined(separator: ", "))"
        }
        let parts = [part("audit", audits), part("type", types), part("document", documents), part("area", areas)].compactMap { $0 }
        return parts.isEmpty ? "all effective documents" : parts.joined(separator: " and ")
    }
}

/// What `gemba bundle build` asks for.
public struct BundleRequest: Sendable {
    public var scope: BundleScope
    /// The day the bundle shows: the revisions effective at the end of that day (UTC).
    public var asOf: Day
    public var output: URL
    /// Replace an existing file at `output`.
    public var overwrite: Bool
    /// Written into manifest.json, e.g. "gemba 0.1.0".
    public var generator: String

    public init(scope: BundleScope, asOf: Day, output: URL, overwrite: Bool = false, generator: String) {
        self.scope = scope
        self.asOf = asOf
        self.output = output
        self.overwrite = overwrite
        self.generator = generator
    }
}

/// What a build wrote.
public struct BundleResult: Codable, Sendable {
    public let path: String
    public let sha256: String
    public let size: Int64
    public let asOf: String
    public let scope: String
    public let documents: [String]
    public let files: Int
}
