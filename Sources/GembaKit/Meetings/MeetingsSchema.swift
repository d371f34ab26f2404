import Foundation
import GRDB

/// The migration "2026-11-25 meetings and actions" (registered in Store/Migrations.swift).
/// Shipped: never edit it; add a new migration instead.
enum MeetingsSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE meeting_series (
                id TEXT PRIMARY KEY NOT NULL,
                kind TEXT NOT NULL,
                title TEXT NOT NULL,
                line TEXT,
                facilitator TEXT NOT NULL REFERENCES user(username),
                members TEXT NOT NULL,
                created_by TEXT NOT NULL REFERENCES user(username),
                created_at TEXT NOT NULL
            );
            CREATE TABLE meeting (
                id TEXT PRIMARY KEY NOT NULL,
                series_id TEXT NOT NULL REFERENCES meeting_series(id),
                held_on TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('planned', 'held', 'minutes_issued')),
                facilitator TEXT NOT NULL REFERENCES user(username),
                created_by TEXT NOT NULL REFERENCES user(username),
                created_at TEXT NOT NULL,
                held_at TEXT,
                issued_by TEXT REFERENCES user(username),
                issued_at TEXT,
                minutes_hash TEXT,
                UNIQUE (series_id, held_on),
                CHECK (status = 'planned' OR held_at IS NOT NULL),
                CHECK ((status = 'minutes_issued') = (issued_by IS NOT NULL AND issued_at IS NOT NULL AND minutes_hash IS NOT NULL))
            );
            CREATE INDEX meeting_date ON meeting(held_on);
            CREATE TABLE meeting_attendance (
                meeting_id TEXT NOT NULL REFERENCES meeting(id),
                username TEXT NOT NULL REFERENCES user(username),
                status TEXT NOT NULL CHECK (status IN ('invited', 'present', 'absent', 'excused')),
                recorded_by TEXT REFERENCES user(username),
                recorded_at TEXT,
                PRIMARY KEY (meeting_id, username),
                CHECK ((status = 'invited') = (recorded_at IS NULL))
            );
            CREATE TABLE action_item (
                id TEXT PRIMARY KEY NOT NULL,
                year INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                text TEXT NOT NULL,
                owner TEXT NOT NULL REFERENCES user(username),
                due_on TEXT NOT NULL,
                priority TEXT NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'critical')),
                status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
                origin TEXT NOT NULL CHECK (origin IN ('meeting', 'audit', 'capa', 'board', 'other')),
                origin_reference TEXT,
                meeting_id TEXT REFERENCES meeting(id),
                series_id TEXT REFERENCES meeting_series(id),
                created_by TEXT NOT NULL REFERENCES user(username),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                closed_by TEXT REFERENCES user(username),
                closed_at TEXT,
                resolution TEXT,
                UNIQUE (year, seq),
                CHECK ((origin = 'meeting') = (meeting_id IS NOT NULL)),
                CHECK (origin = 'other' OR origin_reference IS NOT NULL),
                CHECK ((status IN ('done', 'cancelled')) = (closed_by IS NOT NULL AND closed_at IS NOT NULL AND resolution IS NOT NULL))
            );
            CREATE INDEX action_item_due ON action_item(status, due_on);
            CREATE INDEX action_item_owner ON action_item(owner, status);
            CREATE INDEX action_item_series ON action_item(series_id, status);
            CREATE INDEX action_item_meeting ON action_item(meeting_id);
            CREATE TABLE action_comment (
                action_id TEXT NOT NULL REFERENCES action_item(id),
                number INTEGER NOT NULL,
                text TEXT NOT NULL,
                written_by TEXT NOT NULL REFERENCES user(username),
                written_at TEXT NOT NULL,
                PRIMARY KEY (action_id, number)
            );
            CREATE TABLE meeting_agenda_item (
                meeting_id TEXT NOT NULL REFERENCES meeting(id),
                position INTEGER NOT NULL,
                title TEXT NOT NULL,
                action_id TEXT REFERENCES action_item(id),
                detail TEXT,
                PRIMARY KEY (meeting_id, position)
            );
            CREATE TABLE meeting_update (
                meeting_id TEXT NOT NULL REFERENCES meeting(id),
                number INTEGER NOT NULL,
                subject TEXT NOT NULL,
                topic TEXT,
                rating TEXT CHECK (rating IN ('green', 'amber', 'red')),
                text TEXT NOT NULL,
                recorded_by TEXT NOT NULL REFERENCES user(username),
                recorded_at TEXT NOT NULL,
                PRIMARY KEY (meeting_id, number)
            );
            CREATE TABLE meeting_decision (
                meeting_id TEXT NOT NULL REFERENCES meeting(id),
                number INTEGER NOT NULL,
                text TEXT NOT NULL,
                recorded_by TEXT NOT NULL REFERENCES user(username),
                recorded_at TEXT NOT NULL,
                PRIMARY KEY (meeting_id, number)
            );
            """)
    }
}
