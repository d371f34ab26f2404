import Foundation
import GRDB

/// One audit-trail entry as shown to people and auditors.
public struct TrailEntry: Codable, Sendable {
    public let seq: Int64
    public let at: String
    public let actor: String
    public let action: String
    public let entityType: String
    public let entityId: String
    public let oldValue: String?
    public let newValue: String?
    public let reason: String?
    public let hash: String

    /// The fields that differ between the old and new values, as `field: old -> new`.
    public var changes: [String] {
        let old = TrailEntry.object(oldValue)
        let new = TrailEntry.object(newValue)
        return Set(old.keys).union(new.keys).sorted().compactMap { key in
            let before = old[key] ?? "-"
            let after = new[key] ?? "-"
            return before == after ? nil : "\(key): \(before) -> \(after)"
        }
    }

    private static func object(_ json: String?) -> [String: String] {
        guard let json else { return [:] }
        return FlatJSONObject.texts(json) ?? foundationObject(json)
    }

    /// A stored value read by Foundation, each value shown as Swift prints it; `[:]` when it is
    /// not a JSON object.
    static func foundationObject(_ json: String) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return [:] }
        return object.mapValues { value in value is NSNull ? "null" : "\(value)" }
    }
}

/// A JSON object whose values are strings, integers of up to 18 digits and nulls (what the
/// trail holds for nearly every row: `CanonicalJSON`), read by bytes into what
/// `TrailEntry.foundationObject` makes of it, without boxing every value. Anything else (a
/// fraction, a boolean, a nested value, a repeated key, an escaped surrogate, a JSON error) is
/// nil and left to Foundation. An evidence bundle shows the changes of thousands of entries.
enum FlatJSONObject {
    static func texts(_ json: String) -> [String: String]? {
        var reader = Reader(bytes: Array(json.utf8))
        return reader.object()
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        mutating func object() -> [String: String]? {
            skipSpace()
            guard take(UInt8(ascii: "{")) else { return nil }
            var result: [String: String] = [:]
            skipSpace()
            if !take(UInt8(ascii: "}")) {
                while true {
                    skipSpace()
                    guard let key = string() else { return nil }
                    skipSpace()
                    guard take(UInt8(ascii: ":")) else { return nil }
                    skipSpace()
                    guard let value = value(), result.updateValue(value, forKey: key) == nil else { return nil }
                    skipSpace()
                    if take(UInt8(ascii: ",")) { continue }
                    guard take(UInt8(ascii: "}")) else { return nil }
                    break
                }
            }
            skipSpace()
            return index == bytes.count ? result : nil
        }

        private mutating func value() -> String? {
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "n"):
                guard bytes[index...].starts(with: "null".utf8) else { return nil }
                index += 4
                return "null"
            default: return integer()
            }
        }

        /// `-?(0|[1-9][0-9]*)` of up to 18 digits, not followed by a fraction or an exponent.
        private mutating func integer() -> String? {
            let negative = take(UInt8(ascii: "-"))
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            let digits = index - start
            guard (1...18).contains(digits), bytes[start] != 0x30 || digits == 1 else { return nil }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                return nil
            }
            var number: Int64 = 0
            for byte in bytes[start..<index] { number = number * 10 + Int64(byte - 0x30) }
            guard !(negative && number == 0) else { return nil }
            return String(negative ? -number : number)
        }

        private mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            var text: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""): return String(decoding: text, as: UTF8.self)
                case 0x00..<0x20: return nil
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { return nil }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escape)
                    case UInt8(ascii: "b"): text.append(0x08)
                    case UInt8(ascii: "f"): text.append(0x0C)
                    case UInt8(ascii: "n"): text.append(0x0A)
                    case UInt8(ascii: "r"): text.append(0x0D)
                    case UInt8(ascii: "t"): text.append(0x09)
                    case UInt8(ascii: "u"):
                        // Four hex digits; a surrogate (half of a pair) is left to Foundation.
                        guard index + 4 <= bytes.count else { return nil }
                        var code: UInt32 = 0
                        for byte in bytes[index..<index + 4] {
                            guard let digit = Self.hexValue(byte) else { return nil }
                            code = code << 4 | digit
                        }
                        guard let scalar = Unicode.Scalar(code) else { return nil }
                        index += 4
                        text.append(contentsOf: String(scalar).utf8)
                    default: return nil
                    }
                default: text.append(byte)
                }
            }
            return nil
        }

        private mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        private mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
                index += 1
            }
        }

        private static func hexValue(_ byte: UInt8) -> UInt32? {
            switch byte {
            case 0x30...0x39: UInt32(byte - 0x30)
            case 0x41...0x46: UInt32(byte - 0x41 + 10)
            case 0x61...0x66: UInt32(byte - 0x61 + 10)
            default: nil
            }
        }
    }
}

extension Register {
    /// The audit trail, oldest first; `entity` narrows it to one document (with its revisions,
    /// review cycles, signatures and git references) or one user.
    public func trail(entity: String? = nil, limit: Int? = nil) throws -> [TrailEntry] {
        try store.read { db in
            var sql = "SELECT * FROM audit_trail"
            var arguments: StatementArguments = []
            if let entity {
                sql += """
                     WHERE entity_id IN (?, ?) OR entity_id LIKE ? OR entity_id LIKE ? OR entity_id LIKE ?
                       OR (entity_type IN ('review_cycle', 'signature') AND (new_value LIKE ? OR old_value LIKE ?))
                    """
                let needle = "%\"document_id\":\"\(entity.uppercased())\"%"
                arguments = [entity, entity.uppercased(), "\(entity.uppercased())/%", "%/drafts/\(entity.uppercased())", "refs/tags/\(entity.uppercased())/%", needle, needle]
            }
            sql += " ORDER BY seq"
            var entries = try TrailEntryRecord.fetchAll(db, sql: sql, arguments: arguments)
            if let limit, entries.count > limit { entries = Array(entries.suffix(limit)) }
            return entries.map {
                TrailEntry(seq: $0.seq, at: Timestamp.string($0.at), actor: $0.actor, action: $0.action, entityType: $0.entityType,
                           entityId: $0.entityId, oldValue: $0.oldValue, newValue: $0.newValue, reason: $0.reason, hash: $0.hash)
            }
        }
    }
}
