import Foundation
import GembaKit
import HTTPTypes
import Hummingbird

/// The component schemas of every view and body the API speaks, one dictionary per area.
enum APISchemas {
    static let all: [String: JSONSchema] = [errors, account, documents, reviews, training, audits, capa, kpis, schedule, actions]
        .reduce(into: [:]) { result, area in result.merge(area) { first, _ in first } }

    static let errors: [String: JSONSchema] = [
        "APIError": .object(["error": .string, "status": .integer]),
    ]
}

/// `/api/openapi.json`: an OpenAPI 3.0 document generated from the API routes the server
/// registered (method, path, summary, who may call it) and the schemas of what they take and give.
enum OpenAPIDocument {
    static func build(_ operations: [APIOperation], vocabularies: [APIVocabulary: [String]] = [:]) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for operation in operations {
            paths[operation.documentedPath, default: [:]][operation.rule.method.rawValue.lowercased()] = describe(operation, vocabularies: vocabularies)
        }
        let tags = Array(Set(operations.map(\.tag))).sorted()
        return [
            "openapi": "3.0.3",
            "info": [
                "title": "Gemba JSON API",
                "version": "1",
                "description": .string("""
                    The register's documents, reviews, training, audits, CAPA, KPIs, schedule and action items, on the same services \
                    and rules as the `gemba` command line and the web pages. Bodies are the views `gemba ... --json` prints. \
                    Authenticate with `Authorization: Bearer <token>` (`gemba token new`), or with a browser session whose POSTs \
                    carry `X-CSRF-Token` (GET /api/v1/me gives it). E-signatures take the signer's password in every request.
                    """),
            ],
            "servers": [["url": "/"]],
            "tags": .array(tags.map { ["name": .string($0)] }),
            "security": readSecurity,
            "paths": .object(paths.mapValues { .object($0) }),
            "components": [
                "schemas": .object(APISchemas.all.mapValues(\.json)),
                "securitySchemes": [
                    "bearerToken": ["type": "http", "scheme": "bearer", "description": "A token from `gemba token new`: gmb_<id>_<secret>"],
                    "sessionCookie": ["type": "apiKey", "in": "cookie", "name": .string(WebSite.sessionCookie), "description": "A browser session (log in at /login)"],
                    "csrfToken": ["type": "apiKey", "in": "header", "name": "X-CSRF-Token", "description": "The session's CSRF token (GET /api/v1/me); POSTs with a session need it"],
                ],
            ],
        ]
    }

    static let readSecurity: JSONValue = [["bearerToken": []], ["sessionCookie": []]]
    static let writeSecurity: JSONValue = [["bearerToken": []], ["sessionCookie": [], "csrfToken": []]]

    /// Path parameters that are numbers; the others are text.
    static let numericPathParameters: Set<String> = ["cycle"]

    static func describe(_ operation: APIOperation, vocabularies: [APIVocabulary: [String]]) -> JSONValue {
        let rule = operation.rule
        var parameters: [JSONValue] = operation.pathParameters.map { name in
            ["name": .string(name), "in": "path", "required": true,
             "schema": numericPathParameters.contains(name) ? ["type": "integer", "format": "int64"] : ["type": "string"]]
        }
        parameters += operation.query.map { parameter in
            ["name": .string(parameter.name), "in": "query", "required": .bool(parameter.required), "description": .string(parameter.description),
             "schema": parameter.schema(vocabularies).json]
        }
        var responses: [String: JSONValue] = ["default": error("The call failed: one line saying why")]
        switch operation.result {
        case .json(let schema):
            responses["200"] = ["description": "Success", "content": ["application/json": ["schema": schema.json]]]
        case .download:
            responses["200"] = ["description": "The file, as an attachment", "content": ["application/octet-stream": ["schema": JSONSchema.binary.json]]]
        }
        if rule.access != .anyone {
            responses["401"] = error("No valid session or token (or the token is revoked or expired)")
            responses["403"] = error("The caller's role may not do this, or a session POST lacks its CSRF token")
        }
        if !operation.pathParameters.isEmpty { responses["404"] = error("No such record") }
        if !operation.query.isEmpty || operation.body != nil { responses["400"] = error("A parameter or the body is not valid") }
        if operation.body != nil { responses["415"] = error("The body is not sent as application/json") }
        var members: [String: JSONValue] = [
            "operationId": .string(operationID(rule)),
            "summary": .string(rule.summary.replacingOccurrences(of: "`", with: "")),
            "tags": [.string(operation.tag)],
            "x-gemba-access": .string(rule.access.text.replacingOccurrences(of: "`", with: "")),
            "parameters": .array(parameters),
            "responses": .object(responses),
            "security": rule.access == .anyone ? [] : (rule.changesState ? writeSecurity : readSecurity),
        ]
        if let body = operation.body {
            members["requestBody"] = ["required": true, "content": ["application/json": ["schema": body.json]]]
        }
        return .object(members)
    }

    /// `/api/v1/documents/{id}` for the route `/api/v1/documents/:id`.
    static func operationPath(_ routePath: String) -> String {
        routePath.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }

    /// `get_documents_id_revisions` for GET /api/v1/documents/:id/revisions.
    static func operationID(_ rule: AccessRule) -> String {
        let parts = rule.path.split(separator: "/").dropFirst(2).map { $0.hasPrefix(":") ? String($0.dropFirst()) : String($0) }
        return ([rule.method.rawValue.lowercased()] + parts).joined(separator: "_").replacingOccurrences(of: "-", with: "_")
    }

    static func error(_ description: String) -> JSONValue {
        ["description": .string(description), "content": ["application/json": ["schema": JSONSchema.ref("APIError").json]]]
    }
}

extension RouteTable {
    /// The OpenAPI document, built from the API operations when it is asked for (after every
    /// area registered its routes).
    func addOpenAPIDocument() {
        let catalog = apiCatalog
        get("/api/openapi.json", .anyone, "The OpenAPI 3.0 document of /api/v1, generated from the routes above") { request in
            let vocabularies = try await request.run { register in
                Dictionary(uniqueKeysWithValues: APIVocabulary.allCases.map { ($0, $0.names(in: register)) })
            }
            return try APIResponse.json(OpenAPIDocument.build(catalog.operations, vocabularies: vocabularies), keys: .asNamed)
        }
    }
}

/// Answers a known API path called with a method it does not take: 405 with `Allow`, not 404.
/// Added after every route, so it wraps only the router's "not found".
struct APIMethodMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let catalog: APICatalog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && request.uri.path.hasPrefix("/api/v1/") {
            let segments = request.uri.path.split(separator: "/", omittingEmptySubsequences: false)
            let allowed = catalog.operations.filter { operation in
                let pattern = operation.rule.path.split(separator: "/", omittingEmptySubsequences: false)
                return pattern.count == segments.count && zip(pattern, segments).allSatisfy { $0.hasPrefix(":") ? !$1.isEmpty : $0 == $1 }
            }.map(\.rule.method.rawValue)
            guard !allowed.isEmpty else { throw error }
            var response = try APIResponse.error(WebError(
                status: .methodNotAllowed, message: "\(request.method) is not a method of \(request.uri.path); it takes \(Set(allowed).sorted().joined(separator: ", "))"))
            response.headers[.allow] = Set(allowed).sorted().joined(separator: ", ")
            return response
        }
    }
}
