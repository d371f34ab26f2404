import Foundation

/// The part of JSON Schema the API's OpenAPI 3.0 document uses: types, formats, string enums,
/// arrays, objects with required keys and no others, maps, references and nullable values.
indirect enum JSONSchema: Sendable {
    case scalar(type: String, format: String?)
    /// A string that is one of these values.
    case oneOf([String])
    case array(JSONSchema)
    /// An object with exactly these keys; `required` are always present, the others only when set.
    case object(properties: [String: JSONSchema], required: [String])
    /// An object whose keys are data (`{"major": 1}`), with values of one schema.
    case map(JSONSchema)
    /// A schema of `components/schemas`.
    case ref(String)
    /// A key that is always written, null when there is no value (the KPI contract).
    case nullable(JSONSchema)
    /// A schema with more keywords: `minLength`, `maxLength`, `pattern`.
    case constrained(JSONSchema, [String: JSONValue])

    static let string = JSONSchema.scalar(type: "string", format: nil)
    static let integer = JSONSchema.scalar(type: "integer", format: nil)
    static let number = JSONSchema.scalar(type: "number", format: "double")
    static let boolean = JSONSchema.scalar(type: "boolean", format: nil)
    /// `2026-11-25T17:10:04Z`
    static let timestamp = JSONSchema.scalar(type: "string", format: "date-time")
    /// `2026-11-25`
    static let day = JSONSchema.scalar(type: "string", format: "date")
    static let binary = JSONSchema.scalar(type: "string", format: "binary")
    /// Text that says something: not only white space, at most 2000 characters (the register's rule for notes and comments).
    static let words = JSONSchema.constrained(.string, ["pattern": "\\S", "maxLength": .number(2000)])
    /// A non-empty string (a revision letter, a name).
    static let nonEmpty = JSONSchema.constrained(.string, ["minLength": .number(1)])

    /// An object: keys always present, and keys present only when they have a value (Swift
    /// optionals, which the encoder leaves out when nil).
    static func object(_ required: [String: JSONSchema], optional: [String: JSONSchema] = [:]) -> JSONSchema {
        .object(properties: required.merging(optional) { first, _ in first }, required: required.keys.sorted())
    }

    static func list(_ name: String) -> JSONSchema { .array(.ref(name)) }

    /// The schema as the OpenAPI 3.0 document writes it.
    var json: JSONValue {
        switch self {
        case .scalar(let type, let format):
            var members: [String: JSONValue] = ["type": .string(type)]
            if let format { members["format"] = .string(format) }
            return .object(members)
        case .oneOf(let values):
            return ["type": "string", "enum": .array(values.map(JSONValue.string))]
        case .array(let items):
            return ["type": "array", "items": items.json]
        case .object(let properties, let required):
            var members: [String: JSONValue] = [
                "type": "object", "additionalProperties": false, "properties": .object(properties.mapValues(\.json)),
            ]
            if !required.isEmpty { members["required"] = .array(required.map(JSONValue.string)) }
            return .object(members)
        case .map(let values):
            return ["type": "object", "additionalProperties": values.json]
        case .ref(let name):
            return ["$ref": .string("#/components/schemas/\(name)")]
        case .nullable(let schema):
            guard case .object(var members) = schema.json else { return schema.json }
            members["nullable"] = true
            // OpenAPI 3.0.3: an enum that may be null lists null among its values.
            if case .array(let values)? = members["enum"] { members["enum"] = .array(values + [.null]) }
            return .object(members)
        case .constrained(let schema, let keywords):
            guard case .object(let members) = schema.json else { return schema.json }
            return .object(members.merging(keywords) { _, new in new })
        }
    }

    /// Names of the component schemas this one refers to.
    var references: [String] {
        switch self {
        case .scalar, .oneOf: []
        case .array(let items): items.references
        case .object(let properties, _): properties.values.flatMap(\.references)
        case .map(let values): values.references
        case .ref(let name): [name]
        case .nullable(let schema), .constrained(let schema, _): schema.references
        }
    }
}

extension JSONSchema {
    /// A string that is one of an enumeration's raw values.
    static func cases<Choice: RawRepresentable & CaseIterable>(_ type: Choice.Type) -> JSONSchema where Choice.RawValue == String {
        .oneOf(Choice.allCases.map(\.rawValue))
    }
}
