import Foundation
import GRDB
import Testing
@testable import GembaKit

@Suite struct NoticeDeliveryMigrationTests {
    @Test func theClaimMigrationKeepsNoticesWrittenBeforeItVerifiable() throws {
        let mail = Recorder()
        let server = try smtpServer(mail)
        defer { server.stop() }
        try withScheduleRegister(notifications: testNotifications(smtpPort: server.port)) { r in
            // Given a register as it was before "2026-11-25 notice delivery claims", holding a
            // pending notice whose trail entry has no claim columns (no group follows this event)
            try r.event(.productionChange, ["L2"], "2026-03-10T06:00:00Z", "2026-03-10T14:00:00Z")
            let database = try DatabaseQueue(path: r.root.appendingPathComponent(Register.databaseFile).path)
            try database.write { db in
                try db.execute(sql: """
                    DROP INDEX notice_claim;
                    ALTER TABLE notice DROP COLUMN claimed_until;
                    ALTER TABLE notice DROP COLUMN claimed_by;
                    DELETE FROM grdb_migrations WHERE identifier = '2026-11-25 notice delivery claims';
                    INSERT INTO notice (event_id, change, stakeholder, sequence, subject, body, ask, webhook, email, status, attempts,
                        next_attempt_at, webhook_done, email_done, created_by, created_at)
                    VALUES ('EV-2026-0001', 'added', 'line1', 0, 'Planned', 'Body', 'carl', NULL, '["lead-l1@plant.test"]', 'pending', 0,
                        '2026-03-02T09:00:00Z', 1, 0, 'carl', '2026-03-02T09:00:00Z');
                    """)
                try AuditTrail.recordInsert(db, .notice, key: "1", action: "notice.write", by: Actor(username: "carl", at: r.clock.now()))
            }
            try database.close()
            let before = try #require(try r.register.trail().last { $0.entityType == "notice" })
            #expect(before.newValue?.contains("claimed_by") == false)

            // When gemba opens it, the migration adds the columns and records each notice's new value
            let reopened = try Register.open(at: r.root, clock: r.clock)
            let entry = try #require(try reopened.trail().last { $0.entityType == "notice" })
            #expect(entry.action == "notice.schema" && entry.actor == Register.systemActor && entry.entityId == "1")
            #expect(entry.newValue?.contains("\"claimed_by\":null") == true)
            #expect(try reopened.verify().isClean)

            // Then the notice is delivered as any other
            #expect(try reopened.deliverNotices().delivered == [1])
            #expect(mail.all.first == "MAIL FROM:<gemba@plant.test>")
            #expect(try reopened.verify().isClean)
        }
    }
}
