import Foundation
import GRDB
import Testing
@testable import GembaKit

/// Every tracked change reads its row by the trail key twice; on a large register that lookup
/// must go through an index, never a scan of the table.
@Suite("Trail key lookups")
struct TrailKeyIndexTests {
    @Test("the row of every tracked table is found by its trail key through an index", arguments: TrackedTable.allCases)
    func indexed(_ table: TrackedTable) throws {
        try withRegister { r in
            let plan = try r.register.store.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM \(table.rawValue) WHERE \(table.keyExpression) = ?", arguments: ["x"])
                    .map { $0["detail"] as String? ?? "" }
            }
            #expect(plan.allSatisfy { !$0.hasPrefix("SCAN") }, "\(table.rawValue): \(plan)")
            #expect(plan.contains { $0.hasPrefix("SEARCH") }, "\(table.rawValue): \(plan)")
        }
    }
}
