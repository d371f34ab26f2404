import Foundation
import GRDB

/// The migration "2026-11-25 requests and onboarding" (registered in Store/Migrations.swift).
/// Shipped: never edit it; add a new migration instead.
enum RequestsSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE request (
                id TEXT PRIMARY KEY NOT NULL,
                year INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                kind TEXT NOT NULL,
                title TEXT NOT NULL,
                details TEXT NOT NULL CHECK (json_valid(details) AND json_type(details) = 'object'),
                requester TEXT NOT NULL REFERENCES user(username),
                approver_role TEXT NOT NULL,
                approver TEXT REFERENCES user(username),
                fulfiller_role TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected', 'fulfilled', 'cancelled')),
                due_on TEXT NOT NULL,
                submitted_at TEXT NOT NULL,
                decided_by TEXT REFERENCES user(username),
                decided_at TEXT,
                closed_by TEXT REFERENCES user(username),
                closed_at TEXT,
                close_note TEXT,
                updated_at TEXT NOT NULL,
                UNIQUE (year, seq),
                CHECK (status != 'submitted' OR decided_at IS NULL),
                CHECK (status NOT IN ('approved', 'rejected', 'fulfilled') OR (decided_at IS NOT NULL AND decided_by IS NOT NULL)),
                CHECK ((status IN ('fulfilled', 'cancelled')) = (closed_at IS NOT NULL AND closed_by IS NOT NULL))
            );
            CREATE INDEX request_open ON request(status, due_on);
            CREATE TABLE request_comment (
                request_id TEXT NOT NULL REFERENCES request(id),
                number INTEGER NOT NULL,
                username TEXT NOT NULL REFERENCES user(username),
                text TEXT NOT NULL,
                at TEXT NOT NULL,
                PRIMARY KEY (request_id, number)
            );
            CREATE TABLE request_signature (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                request_id TEXT NOT NULL REFERENCES request(id),
                meaning TEXT NOT NULL CHECK (meaning IN ('approved', 'rejected')),
                username TEXT NOT NULL REFERENCES user(username),
                printed_name TEXT NOT NULL,
                signed_at TEXT NOT NULL,
                content_hash TEXT NOT NULL CHECK (length(content_hash) = 64),
                comment TEXT
            );
            CREATE UNIQUE INDEX request_signature_once ON request_signature(request_id);
            CREATE TABLE onboarding_plan (
                username TEXT PRIMARY KEY NOT NULL REFERENCES user(username),
                roles TEXT NOT NULL,
                started_by TEXT NOT NULL REFERENCES user(username),
                started_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE TABLE onboarding_item (
                username TEXT NOT NULL REFERENCES onboarding_plan(username),
                number INTEGER NOT NULL,
                part TEXT NOT NULL CHECK (part IN ('training', 'certification', 'system-access', 'training-event')),
                subject TEXT NOT NULL,
                title TEXT NOT NULL,
                role TEXT,
                due_on TEXT,
                request_id TEXT REFERENCES request(id),
                added_by TEXT NOT NULL REFERENCES user(username),
                added_at TEXT NOT NULL,
                PRIMARY KEY (username, number),
                UNIQUE (username, part, subject),
                CHECK ((part = 'system-access') = (request_id IS NOT NULL))
            );
            """)
    }
}
