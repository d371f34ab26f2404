import Foundation
import Yams

/// A parsed YAML file that reports every problem as `file:line: problem`.
struct YAMLDocument {
    let file: String
    let root: Node

    init(file: String, text: String) throws {
        self.file = file
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw GembaError(.policy, "\(file): the file is empty")
            }
            root = node
        } catch let error as YamlError {
            throw GembaError(.policy, "\(file):\(YAMLDocument.describe(error))")
        }
    }

    init(file: String, data: Data) throws {
        guard let text = String(data: data, encoding: .utf8) else {
            throw GembaError(.policy, "\(file): not UTF-8 text")
        }
        try self.init(file: file, text: text)
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return "\(mark.line): \(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            return "\(context.mark.line): duplicate key \(duplicates.joined(separator: ", "))"
        case .reader(let problem, let offset, _, _):
            return " \(problem)" + (offset.map { " (at byte \($0))" } ?? "")
        default:
            // Yams describes other errors over several lines with the YAML quoted; the first says it.
            return " " + ("\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable YAML")
        }
    }

    func error(_ node: Node?, _ problem: String) -> GembaError {
        let line = node?.mark.map { ":\($0.line)" } ?? ""
        return GembaError(.policy, "\(file)\(line): \(problem)")
    }

    func mapping(_ node: Node, _ what: String) throws -> Node.Mapping {
        guard let mapping = node.mapping else { throw error(node, "\(what) must be a mapping of keys to values") }
        return mapping
    }

    func child(_ node: Node, _ key: String) throws -> Node {
        guard let value = try mapping(node, "this entry")[key] else {
            throw error(node, "missing '\(key)'")
        }
        return value
    }

    /// A key that may be absent; nil then.
    func optionalChild(_ node: Node, _ key: String) throws -> Node? {
        try mapping(node, "this entry")[key]
    }

    func string(_ node: Node, _ key: String) throws -> String {
        let value = try child(node, key)
        guard let text = value.scalar?.string, !text.isEmpty else { throw error(value, "'\(key)' must be text") }
        return text
    }

    func optionalString(_ node: Node, _ key: String) throws -> String? {
        guard let value = try mapping(node, "this entry")[key] else { return nil }
        if value.null != nil { return nil }
        guard let text = value.scalar?.string else { throw error(value, "'\(key)' must be text") }
        return text
    }

    func int(_ node: Node, _ key: String, range: ClosedRange<Int>) throws -> Int {
        let value = try child(node, key)
        guard let number = value.int else { throw error(value, "'\(key)' must be a whole number") }
        guard range.contains(number) else {
            throw error(value, "'\(key)' must be between \(range.lowerBound) and \(range.upperBound), not \(number)")
        }
        return number
    }

    func optionalInt(_ node: Node, _ key: String, range: ClosedRange<Int>) throws -> Int? {
        guard try mapping(node, "this entry")[key] != nil else { return nil }
        return try int(node, key, range: range)
    }

    func bool(_ node: Node, _ key: String) throws -> Bool {
        let value = try child(node, key)
        guard let flag = value.bool else { throw error(value, "'\(key)' must be true or false") }
        return flag
    }

    func double(_ node: Node, _ key: String) throws -> Double {
        let value = try child(node, key)
        guard let number = value.float ?? value.int.map(Double.init) else {
            throw error(value, "'\(key)' must be a number")
        }
        return number
    }

    func strings(_ node: Node, _ key: String) throws -> [String] {
        let value = try child(node, key)
        guard let sequence = value.sequence else { throw error(value, "'\(key)' must be a list") }
        return try sequence.map { item in
            guard let text = item.scalar?.string, !text.isEmpty else { throw error(item, "'\(key)' must list text values") }
            return text
        }
    }

    func sequence(_ node: Node, _ key: String) throws -> [Node] {
        let value = try child(node, key)
        guard let sequence = value.sequence else { throw error(value, "'\(key)' must be a list") }
        return Array(sequence)
    }

    /// The entries of a mapping in file order, keys as text.
    func entries(_ node: Node, _ what: String) throws -> [(key: String, keyNode: Node, value: Node)] {
        try mapping(node, what).map { pair in
            guard let key = pair.key.scalar?.string else { throw error(pair.key, "keys of \(what) must be text") }
            return (key, pair.key, pair.value)
        }
    }

    /// Rejects keys the schema does not know, so a typo is an error rather than a silent default.
    func allowOnly(_ node: Node, _ keys: Set<String>) throws {
        for (key, keyNode, _) in try entries(node, "this entry") where !keys.contains(key) {
            throw error(keyNode, "unknown key '\(key)' (expected one of: \(keys.sorted().joined(separator: ", ")))")
        }
    }
}
