import Foundation
import GRDB
import Testing
@testable import GembaKit

/// `BatchWriter` inserts rows 64 to a statement; every row must still count as if stored alone.
@Suite struct BatchWriterTests {
    private let header = "date,shift,line,order,product,planned_qty,produced_qty,scrap_qty,rework_qty\n"

    private func rows(_ orders: ClosedRange<Int>, produced: Int = 90) -> String {
        orders.map { "2026-03-02,A,L1,\($0),VC72-E,100,\(produced),1,1\n" }.joined()
    }

    /// One group holds rows stored before (the same, and changed), new rows, and new rows that
    /// come again in the same group (the same, changed, and changed back).
    @Test func aGroupWithKnownAndRepeatedKeysCountsEachRowAsIfStoredAlone() throws {
        try withPlantRegister { r in
            let first = try r.importCSV(.production, header + rows(1...100))
            #expect(first.rowsAdded == 100)

            let text = header + rows(1...30) + rows(31...40, produced: 80) + rows(101...110)
                + rows(105...105) + rows(106...106, produced: 70) + rows(107...107, produced: 60) + rows(107...107)
                + rows(111...300)
            let second = try r.importCSV(.production, text)
            #expect(second.rowsRead == 244)
            #expect(second.rowsAdded == 200)
            #expect(second.rowsSkipped == 31)
            #expect(second.rowsUpdated == 13)

            let stored = try r.database().read { db in
                try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT order_no, produced_qty, batch_id FROM production_confirmation").map {
                    (($0["order_no"] as String), (($0["produced_qty"] as Double), ($0["batch_id"] as Int64)))
                })
            }
            #expect(stored.count == 300)
            #expect(stored["1"]! == (90, first.id) && stored["31"]! == (80, second.id))
            #expect(stored["105"]! == (90, second.id) && stored["106"]! == (70, second.id) && stored["107"]! == (90, second.id))
            #expect(stored["300"]! == (90, second.id))
        }
    }

    /// Reversals posted before their originals (which then come inside full groups) and after
    /// one (stored in an earlier group) net out exactly those three.
    @Test func reversalsBeforeAndAfterTheirOriginalsNetOutAcrossGroups() throws {
        try withPlantRegister { r in
            let header = "date,line,order,product,planned_qty,produced_qty,scrap_qty,rework_qty,ideal_cycle_s,confirmation,counter,reversal,reverses_counter\n"
            func original(_ number: Int) -> String { "2026-03-02,L1,\(number),VC72-E,100,90,1,1,30,\(number),1,,\n" }
            func reversal(_ number: Int) -> String { "2026-03-02,L1,\(number),VC72-E,,90,1,1,30,\(number),2,X,1\n" }
            let text = header + reversal(100) + reversal(250) + (1...300).map(original).joined() + reversal(5)
            let batch = try r.importCSV(.production, text)
            #expect(batch.rowsRead == 303 && batch.rowsAdded == 303 && batch.rowsReversed == 3)
            let cancelled = try r.database().read { db in
                try String.fetchAll(db, sql: "SELECT natural_key FROM production_confirmation WHERE reversed = 1 ORDER BY natural_key")
            }
            #expect(cancelled == ["100/1", "250/1", "5/1"])
        }
    }

    /// A row SQLite refuses in a full group (here a negative quantity the parser would have
    /// refused first) is named by its line, and the group's other rows do not hide it (the
    /// group's `OR IGNORE` drops the row, which is then inserted alone): as the import runs,
    /// with foreign keys unenforced, and in a transaction that enforces them.
    @Test(arguments: [true, false]) func aRowSQLiteRefusesInAGroupIsNamedByItsLine(foreignKeys: Bool) throws {
        try withPlantRegister { r in
            let message = try r.register.store.write(foreignKeys: foreignKeys) { db -> String in
                try refusal(db, storedBefore: false)
            }
            #expect(message.hasPrefix("x.csv:71: CHECK constraint failed"), "\(message)")
            #expect(message.hasSuffix("nothing from this file was imported"), "\(message)")
        }
    }

    /// The same when the refused row's key was stored before (by an earlier import): the change
    /// is refused, named by its line.
    @Test func aStoredRowChangedToOneSQLiteRefusesIsNamedByItsLine() throws {
        try withPlantRegister { r in
            let message = try r.register.store.write(foreignKeys: false) { db -> String in
                try refusal(db, storedBefore: true)
            }
            #expect(message.hasPrefix("x.csv:71: CHECK constraint failed"), "\(message)")
        }
    }

    /// Stores 200 rows, the 70th with a negative quantity, in a batch of their own (after the
    /// same 200 rows without it in another batch when `storedBefore`); the error's text.
    private func refusal(_ db: Database, storedBefore: Bool) throws -> String {
        for refused in storedBefore ? [false, true] : [true] {
            try db.execute(sql: """
                INSERT INTO import_batch (kind, file_name, file_sha256, mapping, rows_read, rows_added, rows_updated, rows_skipped,
                    rows_reversed, imported_by, imported_at) VALUES ('production', 'x.csv', '', 'generic', 0, 0, 0, 0, 0, 'carl', '2026-03-02T00:00:00Z')
                """)
            var writer = try BatchWriter(db, kind: .production, batchID: db.lastInsertedRowID)
            let parsed = (0..<200).map { index in
                let produced = refused && index == 69 ? -1.0 : 90.0
                let values: [DatabaseValue] = [
                    "2026-03-02".databaseValue, "A".databaseValue, "L1".databaseValue, String(index).databaseValue, DatabaseValue.null,
                    "VC72-E".databaseValue, 100.0.databaseValue, produced.databaseValue, 0.0.databaseValue, 0.0.databaseValue,
                    2.0.databaseValue, DatabaseValue.null, 0.databaseValue, DatabaseValue.null, DatabaseValue.null, 0.databaseValue,
                    DatabaseValue.null, 0.databaseValue,
                ]
                return ImportPipeline.Parsed(row: ParsedRow(key: "key-\(index)", values: values), line: index + 2)
            }
            do {
                try writer.store(parsed, db, file: "x.csv")
            } catch {
                return "\(error)"
            }
        }
        return ""
    }

    /// The import runs with foreign keys unenforced; the connection enforces them again after it,
    /// whether the import succeeded or failed.
    @Test func foreignKeysAreEnforcedAgainAfterAnImport() throws {
        try withPlantRegister { r in
            try r.importCSV(.production, header + rows(1...200))
            #expect(throws: GembaError.self) { try r.importCSV(.production, header + rows(201...300) + "2026-03-02,A,L1,301,VC72-E,100,-5,1,1\n") }
            #expect(throws: DatabaseError.self) {
                try r.register.store.write { db in
                    try db.execute(sql: """
                        INSERT INTO production_confirmation (natural_key, day, line, order_no, produced_qty, scrap_qty, rework_qty, ideal_cycle_s,
                            final, reversal, reversed, batch_id) VALUES ('orphan', '2026-03-02', 'L1', '1', 1, 0, 0, 1, 0, 0, 0, 999)
                        """)
                }
            }
            let stored = try r.database().read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM production_confirmation") }
            #expect(stored == 200)
        }
    }

    /// Dates are stored YYYY-MM-DD however they are written (a date already written so is kept
    /// as it is), and quantities are the same numbers whether plain or not (read from the file's
    /// bytes, or through `Double`).
    @Test func everySpellingOfADateAndANumberStoresTheSameValue() throws {
        try withPlantRegister { r in
            let first = CivilDay.number(year: 2024, month: 1, day: 1)
            var text = header
            for (index, day) in (first..<(first + 3 * 366)).enumerated() {
                let iso = CivilDay.text(day)
                let parts = iso.split(separator: "-")
                let spelling = [iso, parts.joined(), "\(parts[2]).\(parts[1]).\(parts[0])"][index % 3]
                let produced = ["90", "90.0", " 90 ", "\"90\"", "0090.000"][index % 5]
                text += "\(spelling),A,L1,\(index),VC72-E,100.5,\(produced),1.25,0\n"
            }
            try r.importCSV(.production, text)
            let stored = try r.database().read { db in
                try Row.fetchAll(db, sql: "SELECT order_no, day, planned_qty, produced_qty, scrap_qty FROM production_confirmation ORDER BY CAST(order_no AS INTEGER)")
            }
            #expect(stored.count == 3 * 366)
            for (index, row) in stored.enumerated() {
                #expect(row["order_no"] as String == String(index))
                #expect(row["day"] as String == CivilDay.text(first + index))
                #expect(row["planned_qty"] as Double == 100.5 && row["produced_qty"] as Double == 90 && row["scrap_qty"] as Double == 1.25)
            }
        }
    }
}
