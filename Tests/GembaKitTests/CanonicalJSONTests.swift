import Foundation
import GRDB
import Testing
@testable import GembaKit

/// Every trail entry holds rows as canonical JSON, and verify compares those bytes. The direct
/// writer must give exactly what JSONSerialization gave, or every existing register would fail
/// verification: each random row is written both ways and compared byte for byte.
@Suite("Canonical JSON of rows")
struct CanonicalJSONTests {
    static let names = [
        "id", "ID2", "a", "A", "b", "B_c", "a_b", "a1", "a10", "a2", "a_", "_a", "item2", "item10", "item02", "document_id",
        "documentid", "password_hash", "z", "Zeta", "é", "e", "f", "seq", "number", "n0", "n00", "x-y", "x.y", "x y",
    ]

    static func randomValue(_ random: inout SynthRandom) -> DatabaseValue {
        switch random.int(0...9) {
        case 0: return .null
        case 1: return [Int64.min, Int64.max, 0, -1, 1][random.int(0...4)].databaseValue
        case 2: return Int64(bitPattern: random.next()).databaseValue
        case 3: return Int64(random.int(-1000...1000)).databaseValue
        case 4:
            let special: [Double] = [0, -0.0, 1, -1, 0.1, 1e-7, 1e16, 1e22, 123_456_789.125, .pi, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 2.5, -100]
            return special[random.int(0...(special.count - 1))].databaseValue
        case 5:
            let bits = Double(bitPattern: random.next())
            return (bits.isFinite ? bits : 1.5).databaseValue
        case 6: return Data((0..<random.int(0...40)).map { _ in UInt8(truncatingIfNeeded: random.next()) }).databaseValue
        default: return randomText(&random).databaseValue
        }
    }

    static func randomText(_ random: inout SynthRandom) -> String {
        let pool: [Unicode.Scalar] = [
            "a", "Z", "0", " ", "\"", "\\", "/", "\u{0}", "\u{1}", "\u{8}", "\u{9}", "\u{a}", "\u{b}", "\u{c}", "\u{d}", "\u{1f}", "\u{7f}",
            "\u{80}", "é", "\u{301}", "\u{2028}", "\u{2029}", "\u{feff}", "\u{fffd}", "€", "日", "\u{1F600}", "\u{10FFFF}", "'", "<", "&",
        ]
        var text = String.UnicodeScalarView()
        for _ in 0..<random.int(0...24) { text.append(pool[random.int(0...(pool.count - 1))]) }
        return String(text)
    }

    @Test("10,000 random rows give the bytes JSONSerialization gives")
    func matchesFoundation() {
        var random = SynthRandom(seed: 20_261_126)
        for _ in 0..<10_000 {
            var names = Self.names
            names.shuffle(using: &random)
            let columns = names.prefix(random.int(0...names.count)).map { ($0, Self.randomValue(&random)) }
            let expected = CanonicalJSON.foundationEncoding(columns.map(\.0), columns.map(\.1))
            let written = CanonicalJSON.encode(columns)
            #expect(written == expected)
            if written != expected { return }
        }
    }

    @Test("an infinite number gives {} as before, and a repeated column keeps its last value")
    func oddRows() {
        let infinite: [(String, DatabaseValue)] = [("a", 1.databaseValue), ("b", Double.infinity.databaseValue)]
        #expect(CanonicalJSON.encode(infinite) == "{}")
        let repeated: [(String, DatabaseValue)] = [("a", 1.databaseValue), ("a", 2.databaseValue)]
        #expect(CanonicalJSON.encode(repeated) == #"{"a":2}"#)
    }

    @Test("a stored row reads back as the same JSON both ways, the password hash pinned by its SHA-256")
    func storedRow() throws {
        try withRegister { r in
            let row = try #require(try r.register.store.read { db in try Row.fetchOne(db, sql: "SELECT * FROM user WHERE username = 'ada'") })
            let columns = Array(row)
            let written = CanonicalJSON.encode(columns)
            #expect(written == CanonicalJSON.foundationEncoding(columns.map(\.0), columns.map(\.1)))
            #expect(written.contains(#""password_hash":"sha256:"#))
            #expect(!written.contains("scrypt"))
        }
    }

    @Test("the trail's read of a tracked row (SQLite's C API) gives the JSON of GRDB's Row, for every row of every tracked table")
    func trackedRowsReadBothWays() throws {
        try withRegister { r in
            try r.releasedDocument()
            let id = try r.createDocument(text: "# Prüfung\n\n\"Tab\there\", back\\slash, 😀\n")
            try r.startReview(id)
            try r.register.store.write { db in
                // Values gemba does not write itself but a row may hold: a real number, a blob, a NUL.
                try db.execute(sql: "CREATE TEMP TABLE odd (k TEXT PRIMARY KEY, r REAL, b BLOB, e BLOB, t TEXT)")
                try db.execute(sql: "INSERT INTO odd VALUES ('x', 2.5, x'00ff10', x'', 'a' || char(0) || 'b')")
                let statement = try db.cachedStatement(sql: "SELECT * FROM odd WHERE k = ?")
                let values = try #require(try SQLiteBinding.firstRow(statement, ["x".databaseValue], db))
                let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM odd WHERE k = 'x'"))
                #expect(CanonicalJSON.encode(names: statement.columnNames, values: values) == AuditTrail.canonicalJSON(row))
                try db.execute(sql: "DROP TABLE odd")
            }
            var compared = 0
            try r.register.store.read { db in
                for table in TrackedTable.allCases {
                    let keys = try String.fetchAll(db, sql: "SELECT CAST(\(table.keyExpression) AS TEXT) FROM \(table.rawValue)")
                    for key in keys {
                        let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM \(table.rawValue) WHERE \(table.keyExpression) = ?", arguments: [key]))
                        #expect(try AuditTrail.canonicalRow(db, table, key: key) == AuditTrail.canonicalJSON(row), "\(table) \(key)")
                        compared += 1
                    }
                }
            }
            #expect(compared > 20)
        }
    }
}
