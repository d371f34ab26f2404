import Foundation
import GRDB

/// The migration "2026-11-25 notice delivery claims" (registered in Store/Migrations.swift).
/// Shipped: never edit it; add a new migration instead.
///
/// A deliverer claims the due notices it is about to send (`claimed_by`, `claimed_until`) in one
/// transaction, sends outside the register lock and clears the claim with the outcome, so two
/// `notices deliver` running at once never send one notice twice. A claim whose time has passed
/// (its deliverer crashed) no longer holds: the notice is due again.
enum NoticeClaimSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE notice ADD COLUMN claimed_by TEXT;
            ALTER TABLE notice ADD COLUMN claimed_until TEXT
                CHECK ((claimed_until IS NULL) = (claimed_by IS NULL) AND (claimed_by IS NULL OR status = 'pending'));
            CREATE INDEX notice_claim ON notice(claimed_until) WHERE claimed_until IS NOT NULL;
            """)
        try recordClaimColumns(db)
    }

    /// The new columns change every existing notice row: the trail records the new value so
    /// `verify` still finds each row equal to its last entry.
    private static func recordClaimColumns(_ db: Database) throws {
        let actor = Actor(username: Register.systemActor, at: SystemClock().now(), reason: "schema: notice.claimed_by and claimed_until added for concurrent delivery")
        for id in try Int64.fetchAll(db, sql: "SELECT id FROM notice ORDER BY id") {
            let key = String(id)
            let old = try String.fetchOne(db, sql: """
                SELECT new_value FROM audit_trail WHERE entity_type = 'notice' AND entity_id = ? ORDER BY seq DESC LIMIT 1
                """, arguments: [key])
            let new = try AuditTrail.canonicalRow(db, .notice, key: key)
            try AuditTrail.append(db, action: "notice.schema", entityType: TrackedTable.notice.entityType, entityId: key, old: old, new: new, by: actor)
        }
    }
}
