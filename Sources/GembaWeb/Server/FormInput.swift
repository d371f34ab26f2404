import Foundation
import MultipartKit
import NIOCore
import NIOHTTP1

/// A file a browser uploaded. Its name is the client's and is never used as a path.
struct UploadedFile: Sendable {
    let clientName: String
    let contentType: String?
    let data: Data
}

/// The fields of a submitted form: `application/x-www-form-urlencoded` or `multipart/form-data`.
struct FormInput: Sendable {
    private(set) var fields: [String: [String]] = [:]
    private(set) var files: [String: UploadedFile] = [:]

    static let empty = FormInput()

    subscript(_ name: String) -> String? { fields[name]?.first }

    func all(_ name: String) -> [String] { fields[name] ?? [] }

    /// A required field, trimmed; names the field when it is missing.
    func required(_ name: String, label: String? = nil) throws -> String {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            throw WebError.badRequest("\(label ?? name) is required")
        }
        return value
    }

    /// An optional field, trimmed; nil when empty.
    func optional(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    init() {}

    init(body: ByteBuffer, contentType: String?) throws {
        let type = contentType?.lowercased() ?? ""
        if type.hasPrefix("multipart/form-data") {
            try parseMultipart(body, contentType: contentType ?? "")
        } else if body.readableBytes > 0 {
            // Browsers send forms URL-encoded unless told otherwise; JSON bodies are the API's.
            guard type.isEmpty || type.hasPrefix("application/x-www-form-urlencoded") else { return }
            parseURLEncoded(String(buffer: body))
        }
    }

    /// Parses `a=1&b=two+words` (with percent escapes).
    mutating func parseURLEncoded(_ text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (raw: Substring) in String(raw).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            fields[name, default: []].append(value)
        }
    }

    private mutating func parseMultipart(_ body: ByteBuffer, contentType: String) throws {
        guard let boundary = contentType.split(separator: ";").lazy.map({ $0.trimmingCharacters(in: .whitespaces) })
            .first(where: { $0.lowercased().hasPrefix("boundary=") }).map({ String($0.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) })
        else { throw WebError.badRequest("the upload has no multipart boundary") }
        let parts: [MultipartPart]
        do {
            parts = try MultipartParser.parse(body, boundary: boundary)
        } catch {
            throw WebError.badRequest("the upload could not be read as multipart/form-data")
        }
        for part in parts {
            guard let disposition = part.headers.first(name: "Content-Disposition") else { continue }
            let attributes = Self.dispositionAttributes(disposition)
            guard let name = attributes["name"] else { continue }
            var bytes = part.body
            let data = bytes.readData(length: bytes.readableBytes) ?? Data()
            if let filename = attributes["filename"] {
                guard !data.isEmpty else { continue }
                files[name] = UploadedFile(clientName: filename, contentType: part.headers.first(name: "Content-Type"), data: data)
            } else {
                fields[name, default: []].append(String(decoding: data, as: UTF8.self))
            }
        }
    }

    /// `form-data; name="file"; filename="a b.md"` as attributes.
    static func dispositionAttributes(_ header: String) -> [String: String] {
        var attributes: [String: String] = [:]
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            attributes[pair[0].trimmingCharacters(in: .whitespaces).lowercased()] = value
        }
        return attributes
    }
}

extension MultipartParser {
    /// All parts of a whole body at once.
    static func parse(_ body: ByteBuffer, boundary: String) throws -> [MultipartPart] {
        let parser = MultipartParser(boundary: boundary)
        var parts: [MultipartPart] = []
        var headers = HTTPHeaders()
        var partBody = ByteBuffer()
        parser.onHeader = { name, value in headers.add(name: name, value: value) }
        parser.onBody = { chunk in partBody.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append(MultipartPart(headers: headers, body: partBody))
            headers = HTTPHeaders()
            partBody = ByteBuffer()
        }
        try parser.execute(body)
        return parts
    }
}
