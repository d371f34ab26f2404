import Foundation
import GRDB

extension Register {
    /// A value that changes whenever anything in the register changes: the sequence number of
    /// the newest audit-trail entry (every tracked change, import and login writes one). Views
    /// computed from the register can be cached under it.
    public func changeStamp() throws -> Int64 {
        try store.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM audit_trail") ?? 0 }
    }
}
