import Foundation
import GRDB
@testable import GembaKit

/// A small seeded generator (SplitMix64): the same seed gives the same edits on the same register.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One hand edit of register.sqlite, as SQL for the sqlite3 command-line shell.
struct Tamper: CustomStringConvertible {
    /// The table it changes: `audit_trail` or a tracked table.
    let table: String
    let summary: String
    let sql: String

    var description: String { "\(summary)\n  sql: \(sql.replacingOccurrences(of: "\n", with: " "))" }
}

/// Makes random hand edits of a register's audit trail and tracked records, the way someone with
/// `sqlite3` would: drop the guard triggers, change, delete, reorder or copy rows, and put the
/// triggers back so the guards look untouched.
struct TamperGenerator {
    struct Table {
        let name: String
        let columns: [String]
        let integerKey: String?
        let keyColumns: [String]
        let rowids: [Int64]
        let triggers: [String: String]
    }

    let database: DatabaseQueue
    let tables: [Table]
    let trail: Table
    let lastSeq: Int64
    var random: SeededGenerator

    /// Reads what can be edited from the pristine register.sqlite at `path`.
    init(path: String, seed: UInt64) throws {
        var configuration = Configuration()
        configuration.readonly = true
        database = try DatabaseQueue(path: path, configuration: configuration)
        random = SeededGenerator(seed: seed)
        func table(_ db: Database, _ name: String) throws -> Table {
            let info = try Row.fetchAll(db, sql: "PRAGMA table_info(\(name))")
            let columns = info.map { $0["name"] as String }
            let keys = info.filter { ($0["pk"] as Int) > 0 }
            let integerKey = keys.count == 1 && (keys[0]["type"] as String).uppercased() == "INTEGER" ? keys[0]["name"] as String : nil
            let rowids = try Int64.fetchAll(db, sql: "SELECT rowid FROM \(name) ORDER BY rowid")
            let triggers = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", arguments: [name]).map {
                ($0["name"] as String, $0["sql"] as String)
            })
            return Table(name: name, columns: columns, integerKey: integerKey, keyColumns: keys.map { $0["name"] as String }, rowids: rowids, triggers: triggers)
        }
        (tables, trail, lastSeq) = try database.read { db in
            let tables = try TrackedTable.allCases.map { try table(db, $0.rawValue) }.filter { !$0.rowids.isEmpty }
            return (tables, try table(db, "audit_trail"), try Int64.fetchOne(db, sql: "SELECT max(seq) FROM audit_trail") ?? 0)
        }
    }

    /// The tables that hold signatures: edited more often than the rest.
    static let signatureTables: Set = ["signature", "capa_signature", "request_signature", "training_assignment"]

    mutating func next() throws -> Tamper {
        let roll = Int.random(in: 0..<100, using: &random)
        if roll < 45 { return try trailEdit() }
        let signatures = tables.filter { Self.signatureTables.contains($0.name) }
        let pool = roll < 75 && !signatures.isEmpty ? signatures : tables
        return try recordEdit(pool.randomElement(using: &random) ?? tables[0])
    }

    // MARK: The audit trail

    private mutating func trailEdit() throws -> Tamper {
        // A sixth of the edits hit the newest three entries, where a shortened chain still looks whole.
        let seq = Bool.random(using: &random) && Int.random(in: 0..<3, using: &random) == 0
            ? Int64.random(in: max(1, lastSeq - 2)...lastSeq, using: &random) : Int64.random(in: 1...lastSeq, using: &random)
        let (summary, sql): (String, String)
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<5:
            let column = ["at", "actor", "action", "entity_type", "entity_id", "old_value", "new_value", "reason", "prev_hash", "hash"].randomElement(using: &random) ?? "at"
            let old = try value(trail, column, rowid: seq)
            let (literal, how) = mutate(old, column: column)
            (summary, sql) = ("audit trail entry \(seq): \(column) \(how)", "UPDATE audit_trail SET \(column) = \(literal) WHERE seq = \(seq);")
        case 5:
            (summary, sql) = ("audit trail entry \(seq) deleted", "DELETE FROM audit_trail WHERE seq = \(seq);")
        case 6:
            let count = Int64.random(in: 1...3, using: &random)
            (summary, sql) = ("audit trail: the last \(count) entries deleted", "DELETE FROM audit_trail WHERE seq > \(lastSeq - count);")
        case 7:
            let other = Int64.random(in: 1...lastSeq, using: &random)
            (summary, sql) = ("audit trail entries \(seq) and \(other) swapped", """
                UPDATE audit_trail SET seq = -1 WHERE seq = \(seq); UPDATE audit_trail SET seq = \(seq) WHERE seq = \(other); UPDATE audit_trail SET seq = \(other) WHERE seq = -1;
                """)
        case 8:
            (summary, sql) = ("audit trail entry \(seq) moved to the end", "UPDATE audit_trail SET seq = \(lastSeq + 1) WHERE seq = \(seq);")
        default:
            let columns = trail.columns.filter { $0 != "seq" }.joined(separator: ", ")
            (summary, sql) = ("audit trail entry \(seq) copied to the end", "INSERT INTO audit_trail (seq, \(columns)) SELECT \(lastSeq + 1), \(columns) FROM audit_trail WHERE seq = \(seq);")
        }
        return Tamper(table: "audit_trail", summary: summary, sql: guarded(trail, sql))
    }

    // MARK: Tracked records

    private mutating func recordEdit(_ table: Table) throws -> Tamper {
        let rowid = table.rowids.randomElement(using: &random) ?? 1
        let other = table.rowids.randomElement(using: &random) ?? rowid
        let column = table.columns.randomElement(using: &random) ?? table.columns[0]
        let (summary, sql): (String, String)
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<5:
            let (literal, how) = mutate(try value(table, column, rowid: rowid), column: column)
            (summary, sql) = ("\(table.name) row \(rowid): \(column) \(how)", "UPDATE \(table.name) SET \(column) = \(literal) WHERE rowid = \(rowid);")
        case 5:
            (summary, sql) = ("\(table.name) row \(rowid) deleted", "DELETE FROM \(table.name) WHERE rowid = \(rowid);")
        case 6, 7:
            // A value copied from another row: a signature's signer, meaning, content or record.
            (summary, sql) = ("\(table.name) row \(rowid): \(column) copied from row \(other)",
                              "UPDATE \(table.name) SET \(column) = (SELECT \(column) FROM \(table.name) WHERE rowid = \(other)) WHERE rowid = \(rowid);")
        case 8 where table.name == "signature":
            (summary, sql) = ("signature row \(rowid) moved onto the record of signature row \(other)", """
                UPDATE signature SET (cycle_id, document_id, revision_letter, commit_id, tree_id) =
                (SELECT cycle_id, document_id, revision_letter, commit_id, tree_id FROM signature WHERE rowid = \(other)) WHERE rowid = \(rowid);
                """)
        default:
            let columns = table.columns.joined(separator: ", ")
            let changed = table.keyColumns.randomElement(using: &random) ?? column
            let copied = table.columns.map { name -> String in
                if name == table.integerKey { return "(SELECT max(\(name)) + 1 FROM \(table.name))" }
                return name == changed ? "\(name) || '-copy'" : name
            }.joined(separator: ", ")
            (summary, sql) = ("\(table.name) row \(rowid) copied as a new row", "INSERT INTO \(table.name) (\(columns)) SELECT \(copied) FROM \(table.name) WHERE rowid = \(rowid);")
        }
        return Tamper(table: table.name, summary: summary, sql: guarded(table, sql))
    }

    // MARK: Values

    private func value(_ table: Table, _ column: String, rowid: Int64) throws -> DatabaseValue {
        try database.read { db in try DatabaseValue.fetchOne(db, sql: "SELECT \(column) FROM \(table.name) WHERE rowid = ?", arguments: [rowid]) ?? .null }
    }

    /// A different value for `old` as an SQL literal, and how it differs.
    private mutating func mutate(_ old: DatabaseValue, column: String) -> (String, String) {
        switch old.storage {
        case .null:
            return Bool.random(using: &random) ? ("'x'", "set to 'x' (was NULL)") : ("1", "set to 1 (was NULL)")
        case .int64(let number):
            switch Int.random(in: 0..<4, using: &random) {
            case 0: return ("\(number + 1)", "\(number) -> \(number + 1)")
            case 1: return ("\(number - 1)", "\(number) -> \(number - 1)")
            case 2: return ("NULL", "\(number) -> NULL")
            default: return ("'\(number)x'", "\(number) -> '\(number)x'")
            }
        case .double(let number):
            return ("\(number + 0.5)", "\(number) -> \(number + 0.5)")
        case .blob:
            return ("X'00'", "blob -> X'00'")
        case .string(let text):
            return mutate(text)
        }
    }

    private mutating func mutate(_ text: String) -> (String, String) {
        var choices = ["char", "append", "null", "number", "blob", "empty"]
        if !text.isEmpty { choices.append("delete") }
        if Timestamp.parse(text) != nil, text.hasSuffix("Z") { choices += ["same instant", "same instant"] }
        if text.count == 64, text.allSatisfy(\.isHexDigit) { choices += ["hex", "hex"] }
        if text.unicodeScalars.contains(where: { $0.value > 0x7F }) { choices.append("decomposed") }
        switch choices.randomElement(using: &random) ?? "char" {
        case "char" where !text.isEmpty:
            var characters = Array(text)
            let index = Int.random(in: 0..<characters.count, using: &random)
            let replacement: Character = characters[index] == "x" ? "y" : "x"
            characters[index] = replacement
            let new = String(characters)
            return (literal(new), "character \(index) changed to \(replacement)")
        case "append":
            return (literal(text + " "), "a space appended")
        case "delete":
            var characters = Array(text)
            let index = Int.random(in: 0..<characters.count, using: &random)
            characters.remove(at: index)
            return (literal(String(characters)), "character \(index) deleted")
        case "null":
            return ("NULL", "set to NULL")
        case "number":
            return ("12345", "set to the number 12345")
        case "blob":
            return ("CAST(\(literal(text)) AS BLOB)", "the same bytes stored as a blob")
        case "same instant":
            return (literal(String(text.dropLast()) + "+00:00"), "the same instant written with +00:00")
        case "hex":
            var characters = Array(text)
            let index = Int.random(in: 0..<characters.count, using: &random)
            characters[index] = characters[index] == "0" ? "1" : "0"
            return (literal(String(characters)), "hex digit \(index) changed")
        case "decomposed":
            return (literal(text.decomposedStringWithCanonicalMapping), "the same text in decomposed Unicode (NFD)")
        default:
            return ("'x'", "set to 'x'")
        }
    }

    private func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The edit inside dropping and re-creating the table's triggers, as a careful forger would.
    private func guarded(_ table: Table, _ sql: String) -> String {
        let drops = table.triggers.keys.sorted().map { "DROP TRIGGER \($0);" }.joined(separator: " ")
        let creates = table.triggers.keys.sorted().compactMap { table.triggers[$0].map { $0 + ";" } }.joined(separator: "\n")
        return "BEGIN;\n\(drops)\n\(sql)\n\(creates)\nCOMMIT;\n"
    }
}

/// What changed between two states of one table, row by row, by the key verify names rows by.
enum TamperOracle {
    /// Each row of `table` as key -> exact stored values (`quote()` of every column).
    static func fingerprint(_ database: DatabaseQueue, table: String) throws -> [String: [String]] {
        try database.read { db in
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { "quote(\($0["name"] as String))" }
            let key = TrackedTable(rawValue: table).map(AuditTrail.keySQL) ?? "CAST(seq AS TEXT)"
            var rows: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT \(key) AS k, \(columns.joined(separator: " || char(31) || ")) AS v FROM \(table)") {
                rows[row["k"] as String? ?? "?", default: []].append(row["v"] as String? ?? "")
            }
            return rows.mapValues { $0.sorted() }
        }
    }

    /// The keys whose rows differ, were added or were removed.
    static func changedKeys(before: [String: [String]], after: [String: [String]]) -> [String] {
        Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
    }

    /// The start the first problem must have to name the first broken entry or row.
    static func expectedPrefixes(table: String, changed: [String]) -> [String] {
        if table == "audit_trail" {
            guard let first = changed.compactMap({ Int64($0) }).min() else { return [] }
            return ["audit trail: entry \(first) "]
        }
        return changed.map { "\(table) \($0):" }
    }
}
