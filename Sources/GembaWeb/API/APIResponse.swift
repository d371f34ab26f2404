import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// JSON answers of `/api/v1`: the same Codable views the CLI prints with `--json`.
enum APIResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
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
