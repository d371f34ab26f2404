import Foundation
import GembaKit
import Hummingbird
import NIOCore

/// Reading an API call: its JSON body and its query parameters, with one-line errors that name
/// what is wrong.
extension PageRequest {
    static let jsonDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()

    /// The JSON body of a POST (the gate collected it, up to 1 MiB): an object with the keys of
    /// the call's schema and no others (a misspelt key is refused, not dropped).
    func json<Input: APIInput>(_ type: Input.Type) throws -> Input {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") else {
            throw WebError(status: .unsupportedMediaType, message: "send the body as JSON with Content-Type: application/json")
        }
        guard case .object(let members)? = try? JSONValue.parse(Data(buffer: body)) else {
            throw WebError.badRequest("the body must be a JSON object (see /api/openapi.json)")
        }
        if case .ref(let name) = Input.apiSchema, case .object(let properties, _)? = APISchemas.all[name] {
            let unknown = Set(members.keys).subtracting(properties.keys)
            if let key = unknown.sorted().first {
                throw WebError.badRequest("the JSON body has an unknown key \"\(key)\"; this call takes \(properties.keys.sorted().joined(separator: ", "))")
            }
        }
        do {
            return try Self.jsonDecoder.decode(Input.self, from: Data(buffer: body))
        } catch DecodingError.keyNotFound(let key, _) {
            throw WebError.badRequest("the JSON body lacks \"\(key.stringValue.snakeCased)\"")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let key = context.codingPath.last.map { "\"\($0.stringValue.snakeCased)\"" } ?? "the body"
            throw WebError.badRequest("\(key) in the JSON body has the wrong type")
        } catch {
            throw WebError.badRequest("the body is not a JSON object of this call (see /api/openapi.json)")
        }
    }

    /// A query parameter as sent: nil when absent, possibly empty.
    func rawQuery(_ name: String) -> String? {
        request.uri.queryParameters.get(name)
    }

    /// A parameter that names something (a line, a role, a revision): absent, or not empty.
    func queryName(_ name: String) throws -> String? {
        guard let text = rawQuery(name) else { return nil }
        guard !text.isEmpty else { throw WebError.badRequest("\(name) is empty; leave it out or give a value") }
        return text
    }

    /// Every value of a parameter that may repeat (`line=L1&line=L2`), none empty.
    func queryList(_ name: String) throws -> [String] {
        let values = request.uri.queryParameters.getAll(name).map { String($0) }
        guard values.allSatisfy({ !$0.isEmpty }) else { throw WebError.badRequest("\(name) is empty; leave it out or give a value") }
        return values
    }

    /// `true` or `false`; false when absent.
    func queryFlag(_ name: String) throws -> Bool {
        guard let text = rawQuery(name) else { return false }
        switch text {
        case "true": return true
        case "false": return false
        default: throw WebError.badRequest("\(name) must be true or false, not '\(text)'")
        }
    }

    /// A day; an empty value is refused (the pages' `queryDay` reads it as absent, as a form sends it).
    func strictQueryDay(_ name: String) throws -> Day? {
        guard let text = rawQuery(name) else { return nil }
        guard let day = Day(text) else { throw WebError.badRequest("\(name) must be a date YYYY-MM-DD, not '\(text)'") }
        return day
    }

    func requiredDay(_ name: String) throws -> Day {
        guard let day = try strictQueryDay(name) else { throw WebError.badRequest("\(name) is required (a date YYYY-MM-DD)") }
        return day
    }

    /// A query parameter that must be one of an enumeration's values.
    func queryChoice<Choice: RawRepresentable & CaseIterable>(_ name: String, _ type: Choice.Type) throws -> Choice? where Choice.RawValue == String {
        guard let text = rawQuery(name) else { return nil }
        guard let value = Choice(rawValue: text) else {
            throw WebError.badRequest("\(name) must be one of \(Choice.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
        }
        return value
    }
}

extension String {
    /// `signedAt` as the API writes it: `signed_at`.
    var snakeCased: String {
        var result = ""
        for character in self {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}
