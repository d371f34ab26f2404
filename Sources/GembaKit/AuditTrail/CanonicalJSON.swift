import Crypto
import Foundation
import GRDB

/// A row as canonical JSON: exactly the bytes `JSONSerialization` writes for it with `.sortedKeys`
/// and `.withoutEscapingSlashes`, which every trail so far holds and `verify` compares byte for
/// byte, but written directly. `JSONSerialization` boxes every value, and sorts the keys with a
/// locale-aware comparison on every call; that was a third of a bulk import's time. The key order
/// here is Foundation's own comparison, worked out once per list of column names.
enum CanonicalJSON {
    private static let orders = KeyOrders()

    static func encode<Columns: Sequence>(_ row: Columns) -> String where Columns.Element == (String, DatabaseValue) {
        var names: [String] = []
        var values: [DatabaseValue] = []
        for (name, value) in row {
            names.append(name)
            values.append(value)
        }
        return encode(names: names, values: values)
    }

    /// Columns `names` with `values`, in the same order.
    static func encode(names: [String], values: [DatabaseValue]) -> String {
        guard let order = orders.order(of: names) else { return foundationEncoding(names, values) }
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(64 * names.count)
        for (position, index) in order.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            appendString(names[index], to: &out)
            out.append(UInt8(ascii: ":"))
            switch values[index].storage {
            case .null: out.append(contentsOf: "null".utf8)
            case .int64(let number): out.append(contentsOf: String(number).utf8)
            case .double(let number):
                // JSONSerialization refuses the whole object for infinity; the trail then held "{}".
                guard number.isFinite else { return "{}" }
                var text = number.description
                if text.hasSuffix(".0") { text.removeLast(2) }
                out.append(contentsOf: text.utf8)
            case .string(let text):
                appendString(names[index] == "password_hash" ? pinnedSecret(text) : text, to: &out)
            case .blob(let data): appendString(data.base64EncodedString(), to: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// A password hash as the trail holds it: its SHA-256, which pins it without being crackable.
    static func pinnedSecret(_ text: String) -> String { "sha256:" + SHA256Hex.of(text) }

    /// `text` as a JSON string, escaped as JSONSerialization escapes it.
    static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        appendString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// JSONSerialization's string escaping: quote, backslash and C0 controls; nothing else (also
    /// JSONEncoder's, with `.withoutEscapingSlashes`: manifest.json).
    static func appendString(_ text: String, to out: inout [UInt8]) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        // Most strings (hashes, IDs, paths) need no escape.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0c: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0a: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0d: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0f)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The old way, kept for a row with a repeated column name (where the last value wins).
    static func foundationEncoding(_ names: [String], _ values: [DatabaseValue]) -> String {
        var object: [String: Any] = [:]
        for (column, value) in zip(names, values) {
            switch value.storage {
            case .null: object[column] = NSNull()
            case .int64(let number): object[column] = NSNumber(value: number)
            case .double(let number): object[column] = NSNumber(value: number)
            case .string(let text): object[column] = column == "password_hash" ? pinnedSecret(text) : text
            case .blob(let data): object[column] = data.base64EncodedString()
            }
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
            let text = String(data: data, encoding: .utf8)
        else { return "{}" }
        return text
    }

    /// The order JSONSerialization's `.sortedKeys` puts a list of keys in, by list.
    private final class KeyOrders: @unchecked Sendable {
        private let lock = NSLock()
        private var known: [[String]: [Int]] = [:]

        /// Indexes of `names` in key order; nil when a name repeats.
        func order(of names: [String]) -> [Int]? {
            if let order = lock.withLock({ known[names] }) { return order }
            guard Set(names).count == names.count else { return nil }
            let options: NSString.CompareOptions = [.numeric, .caseInsensitive, .forcedOrdering]
            let order = names.indices.sorted { a, b in
                names[a].compare(names[b], options: options, range: names[a].startIndex..<names[a].endIndex, locale: NSLocale.system)
                    == .orderedAscending
            }
            // Rows come in a table's column order, so a few dozen lists are all there are; the
            // bound only guards against a caller that shuffles its columns.
            lock.withLock { if known.count < 4096 { known[names] = order } }
            return order
        }
    }
}
