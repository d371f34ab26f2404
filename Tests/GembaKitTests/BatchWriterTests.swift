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
    /// refused first) is named by its line, and the group's other rows do not hide it.
    @Test func aRowSQLiteRefusesInAGroupIsNamedByItsLine() throws {
        try withPlantRegister { r in
            let message = try r.register.store.write { db -> String in
                try db.execute(sql: """
                    INSERT INTO import_batch (kind, file_name, file_sha256, mapping, rows_read, rows_added, rows_updated, rows_skipped,
                        rows_reversed, imported_by, imported_at) VALUES ('production', 'x.csv', '', 'generic', 0, 0, 0, 0, 0, 'carl', '2026-03-02T00:00:00Z')
                    """)
                var writer = try BatchWriter(db, kind: .production, batchID: db.lastInsertedRowID)
                let parsed = (0..<200).map { index in
                    let produced = index == 69 ? -1.0 : 90.0
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
                    return ""
                } catch {
                    return "\(error)"
                }
            }
            #expect(message.hasPrefix("x.csv:71: CHECK constraint failed"), "\(message)")
            #expect(message.hasSuffix("nothing from this file was imported"), "\(message)")
        }
    }
}
