import Foundation
import GembaKit
import HTTPTypes
import Hummingbird

/// A body the API answers with: a view the CLI prints with `--json`, and its schema in the
/// OpenAPI document. The route's return type picks the schema, so the two cannot drift apart.
protocol APIView: Encodable, Sendable {
    /// A reference to a component schema, or an array of one.
    static var apiSchema: JSONSchema { get }
    /// How the CLI writes its keys (snake_case, or as named for KPI reports).
    static var apiKeys: APIResponse.Keys { get }
}

extension APIView {
    static var apiKeys: APIResponse.Keys { .snakeCase }
}

extension Array: APIView where Element: APIView {
    static var apiSchema: JSONSchema { .array(Element.apiSchema) }
    static var apiKeys: APIResponse.Keys { Element.apiKeys }
}

/// A JSON body an API call accepts (keys in snake_case, as answers are written).
protocol APIInput: Decodable, Sendable {
    static var apiSchema: JSONSchema { get }
}

/// Names a policy file defines, listed in the document as a parameter's values (read from the
/// register when the document is asked for, so it follows released policy changes).
enum APIVocabulary: Sendable, CaseIterable {
    /// Lines of policies/plant.yaml.
    case lines
    /// Roles of policies/roles.yaml.
    case roles
    /// Areas of policies/training.yaml.
    case areas
    /// Stakeholder groups of policies/notifications.yaml.
    case stakeholders

    /// The names in force in a register; empty when its policy file is missing.
    func names(in register: Register) -> [String] {
        switch self {
        case .lines: (try? register.plantPolicy().lines.map(\.id)) ?? []
        case .roles: register.policies.roles.keys.sorted()
        case .areas: (try? register.trainingPolicy().areas) ?? []
        case .stakeholders: (try? register.notificationPolicy().groups.keys.sorted()) ?? []
        }
    }
}

/// A query parameter of an API call.
struct APIParameter: Sendable {
    let name: String
    let schema: JSONSchema
    let description: String
    var required = false
    /// The policy names it takes, when it takes only those.
    var vocabulary: APIVocabulary?
    /// Whether it may repeat (`line=L1&line=L2`).
    var repeated = false

    /// Its schema with the policy's names filled in.
    func schema(_ vocabularies: [APIVocabulary: [String]]) -> JSONSchema {
        guard let vocabulary, let names = vocabularies[vocabulary], !names.isEmpty else { return schema }
        return repeated ? .array(.oneOf(names)) : .oneOf(names)
    }

    static func named(_ name: String, _ vocabulary: APIVocabulary, _ description: String, repeated: Bool = false) -> APIParameter {
        APIParameter(name: name, schema: repeated ? .array(.nonEmpty) : .nonEmpty, description: description, vocabulary: vocabulary, repeated: repeated)
    }

    static func text(_ name: String, _ description: String, required: Bool = false) -> APIParameter {
        APIParameter(name: name, schema: .string, description: description, required: required)
    }

    static func day(_ name: String, _ description: String, required: Bool = false) -> APIParameter {
        APIParameter(name: name, schema: .day, description: description, required: required)
    }

    static func flag(_ name: String, _ description: String) -> APIParameter {
        APIParameter(name: name, schema: .boolean, description: description)
    }

    static func choice(_ name: String, _ values: [String], _ description: String, required: Bool = false) -> APIParameter {
        APIParameter(name: name, schema: .oneOf(values), description: description, required: required)
    }
}

/// What an API call answers on success.
enum APIResult: Sendable {
    case json(JSONSchema)
    /// A file, as an attachment.
    case download
}

/// One call of the JSON API: its route (with who may use it) and what the OpenAPI document says of it.
struct APIOperation: Sendable {
    let rule: AccessRule
    /// The area, as the document's tag.
    let tag: String
    let query: [APIParameter]
    let body: JSONSchema?
    let result: APIResult

    /// `/api/v1/documents/{id}` for `/api/v1/documents/:id`.
    var documentedPath: String { OpenAPIDocument.operationPath(rule.path) }

    var pathParameters: [String] {
        rule.path.split(separator: "/").filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) }
    }
}

/// Every API operation registered, filled while the router is built and read by
/// `/api/openapi.json` afterwards.
final class APICatalog: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [APIOperation] = []

    func add(_ operation: APIOperation) {
        lock.withLock { list.append(operation) }
    }

    var operations: [APIOperation] { lock.withLock { list } }
}

extension RouteTable {
    /// A read of the API: the answer is the view the handler returns, as JSON.
    func apiGet<View: APIView>(
        _ path: String, _ access: Access, _ summary: String, tag: String, query: [APIParameter] = [],
        _ handler: @escaping @Sendable (PageRequest) async throws -> View
    ) {
        let rule = AccessRule(method: .get, path: path, access: access, summary: summary)
        apiCatalog.add(APIOperation(rule: rule, tag: tag, query: query, body: nil, result: .json(View.apiSchema)))
        get(path, access, summary) { request in try APIResponse.json(try await handler(request), keys: View.apiKeys) }
    }

    /// A change through the API: a JSON body in, the resulting view out.
    func apiPost<Input: APIInput, View: APIView>(
        _ path: String, _ access: Access, _ summary: String, tag: String, body: Input.Type,
        _ handler: @escaping @Sendable (PageRequest, Input) async throws -> View
    ) {
        let rule = AccessRule(method: .post, path: path, access: access, summary: summary)
        apiCatalog.add(APIOperation(rule: rule, tag: tag, query: [], body: Input.apiSchema, result: .json(View.apiSchema)))
        post(path, access, summary) { request in
            let input = try request.json(Input.self)
            return try APIResponse.json(try await handler(request, input), keys: View.apiKeys)
        }
    }

    /// A file download through the API.
    func apiDownload(_ path: String, _ access: Access, _ summary: String, tag: String, query: [APIParameter] = [], _ handler: @escaping Handler) {
        let rule = AccessRule(method: .get, path: path, access: access, summary: summary)
        apiCatalog.add(APIOperation(rule: rule, tag: tag, query: query, body: nil, result: .download))
        get(path, access, summary, handler)
    }
}
