import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// JSON answers of `/api/v1`: the same Codable views the CLI prints with `--json`.
enum APIResponse {
    /// How the keys of a body are written, as the CLI's `--json` writes them.
    enum Keys: Sendable {
        /// `signed_at`: every command's `--json` (`Output.json`).
        case snakeCase
        /// As the Swift property is named: the KPI contract (`scrapRatio`), and the OpenAPI document.
        case asNamed
    }

    /// The CLI's `Output.json` settings, without the pretty printing.
    static let encoder = makeEncoder(.snakeCase)
    static let namedEncoder = makeEncoder(.asNamed)

    private static func makeEncoder(_ keys: Keys) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if keys == .snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
        return encoder
    }

    static func json(_ value: some Encodable, keys: Keys = .snakeCase, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try (keys == .snakeCase ? encoder : namedEncoder).encode(value)
        var response = Response(status: status, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        response.headers[.contentType] = "application/json; charset=utf-8"
        return response
    }

    struct ErrorBody: Encodable {
        let error: String
        let status: Int
    }

    static func error(_ failure: WebError) throws -> Response {
        var response = try json(ErrorBody(error: failure.message, status: failure.status.code), status: failure.status)
        if failure.status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"gemba\"" }
        return response
    }
}

/// `Authorization: Bearer gmb_...`.
enum APIToken {
    static func bearer(in request: Request) -> String? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { return nil }
        let token = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
