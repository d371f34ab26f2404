import Foundation

/// Which documents a bundle covers. Empty lists mean every document effective on the as-of date;
/// otherwise the union of the documents of the listed types and the listed documents.
public struct BundleScope: Codable, Sendable, Equatable {
    public var types: [String]
    public var documents: [String]

    public init(types: [String] = [], documents: [String] = []) {
        self.types = Array(Set(types.map { $0.uppercased() })).sorted()
        self.documents = Array(Set(documents.map { $0.uppercased() })).sorted()
    }

    /// One line for people: "all effective documents", "types SOP, WI and documents FORM-0002".
    public var summary: String {
        var parts: [String] = []
        if !types.isEmpty { parts.append("type\(types.count > 1 ? "s" : "") \(types.joined(separator: ", "))") }
        if !documents.isEmpty { parts.append("document\(documents.count > 1 ? "s" : "") \(documents.joined(separator: ", "))") }
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
