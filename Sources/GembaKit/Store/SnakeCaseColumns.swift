import Foundation
import GRDB

/// Column names for record properties, as GRDB's `.convertToSnakeCase` makes them
/// (`effectiveOn` is `effective_on`), kept per property name. GRDB converts every key of every
/// record on every write, with character-set searches; that was a fifth of a bulk import.
/// Each name is converted once by GRDB itself (through a one-column probe record), so the
/// columns are exactly the ones GRDB's strategy names.
enum SnakeCaseColumns {
    private static let known = Known()

    static func column(for key: String) -> String {
        if let column = known.lookUp(key) { return column }
        let column = (try? Probe(key: key).databaseDictionary.keys.first) ?? key
        known.keep(key, column)
        return column
    }

    private final class Known: @unchecked Sendable {
        private let lock = NSLock()
        private var columns: [String: String] = [:]

        func lookUp(_ key: String) -> String? { lock.withLock { columns[key] } }
        func keep(_ key: String, _ column: String) { lock.withLock { columns[key] = column } }
    }

    private struct Probe: Encodable, EncodableRecord {
        static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
        let key: String

        struct Key: CodingKey {
            let stringValue: String
            init(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encodeNil(forKey: Key(stringValue: key))
        }
    }
}
