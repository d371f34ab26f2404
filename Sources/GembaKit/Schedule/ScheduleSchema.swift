import Foundation
import GRDB

/// The migration "2026-11-25 schedule and notices" (registered in Store/Migrations.swift).
/// Shipped: never edit it; add a new migration instead.
enum ScheduleSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE schedule_event (
                id TEXT PRIMARY KEY NOT NULL,
                year INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('maintenance_shutdown', 'engineering_change', 'training_event',
                    'safety_audit', 'production_change', 'expedite')),
                title TEXT NOT NULL,
                lines TEXT NOT NULL CHECK (json_valid(lines) AND json_type(lines) = 'array' AND json_array_length(lines) > 0),
                start_at TEXT NOT NULL,
                end_at TEXT NOT NULL,
                owner TEXT NOT NULL REFERENCES user(username),
                status TEXT NOT NULL CHECK (status IN ('planned', 'confirmed', 'done', 'cancelled')),
                stakeholders TEXT NOT NULL CHECK (json_valid(stakeholders) AND json_type(stakeholders) = 'array'),
                eco TEXT,
                documents TEXT NOT NULL CHECK (json_valid(documents) AND json_type(documents) = 'array'),
                participants TEXT NOT NULL CHECK (json_valid(participants) AND json_type(participants) = 'array'),
                note TEXT,
                sequence INTEGER NOT NULL CHECK (sequence >= 0),
                created_by TEXT NOT NULL REFERENCES user(username),
                created_at TEXT NOT NULL,
                updated_by TEXT NOT NULL REFERENCES user(username),
                updated_at TEXT NOT NULL,
                UNIQUE (year, seq),
                CHECK (end_at > start_at),
                CHECK (kind = 'engineering_change' OR eco IS NULL),
                CHECK (kind = 'training_event' OR participants = '[]')
            );
            CREATE INDEX schedule_event_time ON schedule_event(start_at, end_at);
            CREATE TABLE schedule_change (
                event_id TEXT NOT NULL REFERENCES schedule_event(id),
                number INTEGER NOT NULL CHECK (number >= 1),
                field TEXT NOT NULL,
                old_value TEXT,
                new_value TEXT,
                reason TEXT NOT NULL,
                changed_by TEXT NOT NULL REFERENCES user(username),
                changed_at TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                PRIMARY KEY (event_id, number)
            );
            CREATE INDEX schedule_change_time ON schedule_change(changed_at);
            CREATE TABLE notice (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                event_id TEXT NOT NULL REFERENCES schedule_event(id),
                change TEXT NOT NULL CHECK (change IN ('added', 'updated', 'cancelled', 'expedite')),
                stakeholder TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                subject TEXT NOT NULL,
                body TEXT NOT NULL,
                ask TEXT NOT NULL,
                webhook TEXT,
                email TEXT NOT NULL CHECK (json_valid(email) AND json_type(email) = 'array'),
                status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'not_routed')),
                attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                next_attempt_at TEXT,
                webhook_done INTEGER NOT NULL DEFAULT 0 CHECK (webhook_done IN (0, 1)),
                email_done INTEGER NOT NULL DEFAULT 0 CHECK (email_done IN (0, 1)),
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                delivered_at TEXT,
                CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL)),
                CHECK ((status = 'delivered') = (delivered_at IS NOT NULL)),
                CHECK ((status = 'not_routed') = (webhook IS NULL AND email = '[]'))
            );
            CREATE INDEX notice_due ON notice(status, next_attempt_at);
            CREATE INDEX notice_event ON notice(event_id);
            CREATE TABLE notice_attempt (
                notice_id INTEGER NOT NULL REFERENCES notice(id),
                number INTEGER NOT NULL CHECK (number >= 1),
                channel TEXT NOT NULL CHECK (channel IN ('webhook', 'email')),
                target TEXT NOT NULL,
                at TEXT NOT NULL,
                outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'failed')),
                detail TEXT NOT NULL,
                PRIMARY KEY (notice_id, number)
            );
            """)
    }
}
