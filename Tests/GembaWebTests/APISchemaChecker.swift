import Foundation
import GembaKit
@testable import GembaWeb

/// Checks JSON against the schemas of an OpenAPI 3.0 document: the subset Gemba's document uses
/// (`$ref`, `type`, `format` date and date-time, `enum`, `nullable`, `required`, `properties`,
/// `additionalProperties`, `items`, `minLength`, `maxLength`, `pattern`). Returns every violation
/// with its JSON path.
struct SchemaChecker {
    let schemas: [String: JSONValue]

    init(document: JSONValue) {
        schemas = document["components"]?["schemas"]?.object ?? [:]
    }

    func violations(_ value: JSONValue, _ schema: JSONValue, at path: String = "$") -> [String] {
        if let reference = schema["$ref"]?.string {
            let name = reference.replacingOccurrences(of: "#/components/schemas/", with: "")
            guard let target = schemas[name] else { return ["\(path): unknown schema \(reference)"] }
            return violations(value, target, at: path)
        }
        if value == .null {
            return schema["nullable"] == .bool(true) ? [] : ["\(path): null where the schema does not allow it"]
        }
        if let allowed = schema["enum"]?.array, !allowed.contains(value) {
            return ["\(path): \(value) is not one of the schema's values"]
        }
        switch (schema["type"]?.string, value) {
        case ("string", .string(let text)):
            var found = format(text, schema["format"]?.string).map { ["\(path): '\(text)' is not a \($0)"] } ?? []
            if case .number(let least)? = schema["minLength"], Double(text.unicodeScalars.count) < least { found.append("\(path): shorter than \(least)") }
            if case .number(let most)? = schema["maxLength"], Double(text.unicodeScalars.count) > most { found.append("\(path): longer than \(most)") }
            if let pattern = schema["pattern"]?.string, text.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(path): '\(text)' does not match \(pattern)")
            }
            return found
        case ("integer", .number(let number)):
            return number == number.rounded() ? [] : ["\(path): \(number) is not an integer"]
        case ("number", .number), ("boolean", .bool):
            return []
        case ("array", .array(let items)):
            guard let itemSchema = schema["items"] else { return [] }
            return items.enumerated().flatMap { violations($1, itemSchema, at: "\(path)[\($0)]") }
        case ("object", .object(let members)):
            return object(members, schema, at: path)
        case (nil, _):
            return []
        case (let type?, _):
            return ["\(path): expected \(type), found \(value)"]
        }
    }

    private func object(_ members: [String: JSONValue], _ schema: JSONValue, at path: String) -> [String] {
        var found: [String] = []
        for key in schema["required"]?.array?.compactMap(\.string) ?? [] where members[key] == nil {
            found.append("\(path): required key '\(key)' is missing")
        }
        let properties = schema["properties"]?.object ?? [:]
        for (key, member) in members.sorted(by: { $0.key < $1.key }) {
            if let property = properties[key] {
                found += violations(member, property, at: "\(path).\(key)")
            } else if schema["additionalProperties"] == .bool(false) {
                found.append("\(path): key '\(key)' is not in the schema")
            } else if let extra = schema["additionalProperties"], extra.object != nil {
                found += violations(member, extra, at: "\(path).\(key)")
            }
        }
        return found
    }

    /// What a string should look like but does not, or nil.
    private func format(_ text: String, _ format: String?) -> String? {
        switch format {
        case "date": Day(text) == nil ? "date YYYY-MM-DD" : nil
        case "date-time": Timestamp.parse(text) == nil || !text.hasSuffix("Z") ? "UTC date-time" : nil
        default: nil
        }
    }

    /// The violations of an API answer against the 200 response of an operation of the document.
    static func check(_ answer: JSONValue, method: String, path: String, in document: JSONValue) -> [String] {
        guard let schema = document["paths"]?[path]?[method.lowercased()]?["responses"]?["200"]?["content"]?["application/json"]?["schema"] else {
            return ["the document has no JSON answer for \(method) \(path)"]
        }
        return SchemaChecker(document: document).violations(answer, schema)
    }
}
