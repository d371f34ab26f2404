import GRDB

/// Named, append-only schema migrations. Never edit a shipped migration: add a new one.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-11-25 document register") { db in
            try db.execute(sql: """
                CREATE TABLE register_info (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );
                CREATE TABLE user (
                    username TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    email TEXT NOT NULL,
                    roles TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    password_changed_at TEXT NOT NULL,
                    failed_attempts INTEGER NOT NULL DEFAULT 0,
                    locked_at TEXT,
                    active INTEGER NOT NULL DEFAULT 1,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE document (
                    id TEXT PRIMARY KEY NOT NULL,
                    type TEXT NOT NULL,
                    number INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    owner TEXT NOT NULL REFERENCES user(username),
                    review_interval_months INTEGER,
                    status TEXT NOT NULL,
                    effective_revision TEXT,
                    latest_revision TEXT NOT NULL,
                    next_review_due TEXT,
                    last_reviewed_on TEXT,
                    created_at TEXT NOT NULL,
                    obsolete_at TEXT,
                    UNIQUE (type, number)
                );
                CREATE INDEX document_next_review_due ON document(next_review_due) WHERE next_review_due IS NOT NULL;
                CREATE TABLE revision (
                    document_id TEXT NOT NULL REFERENCES document(id),
                    letter TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    title TEXT NOT NULL,
                    author TEXT NOT NULL REFERENCES user(username),
                    change_reason TEXT NOT NULL,
                    change_class TEXT NOT NULL CHECK (change_class IN ('major', 'minor')),
                    eco TEXT,
                    main_file TEXT NOT NULL,
                    draft_commit TEXT NOT NULL,
                    draft_tree TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    planned_effective TEXT,
                    approved_at TEXT,
                    effective_on TEXT,
                    effective_at TEXT,
                    release_commit TEXT,
                    tag_object TEXT,
                    superseded_at TEXT,
                    obsolete_at TEXT,
                    PRIMARY KEY (document_id, letter),
                    UNIQUE (document_id, seq)
                );
                CREATE INDEX revision_status ON revision(status);
                CREATE TABLE review_cycle (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    document_id TEXT NOT NULL REFERENCES document(id),
                    revision_letter TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('revision', 'periodic', 'obsolete')),
                    route TEXT NOT NULL,
                    steps TEXT NOT NULL,
                    pinned_commit TEXT NOT NULL,
                    pinned_tree TEXT NOT NULL,
                    status TEXT NOT NULL,
                    current_step INTEGER NOT NULL,
                    step_opened_at TEXT NOT NULL,
                    started_by TEXT NOT NULL REFERENCES user(username),
                    started_at TEXT NOT NULL,
                    closed_at TEXT,
                    outcome TEXT,
                    comment TEXT,
                    reason TEXT,
                    FOREIGN KEY (document_id, revision_letter) REFERENCES revision(document_id, letter)
                );
                CREATE UNIQUE INDEX review_cycle_one_open ON review_cycle(document_id) WHERE status = 'open';
                CREATE TABLE signature (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    cycle_id INTEGER NOT NULL REFERENCES review_cycle(id),
                    document_id TEXT NOT NULL,
                    revision_letter TEXT NOT NULL,
                    step_index INTEGER,
                    step_name TEXT,
                    username TEXT NOT NULL REFERENCES user(username),
                    printed_name TEXT NOT NULL,
                    meaning TEXT NOT NULL,
                    signed_at TEXT NOT NULL,
                    commit_id TEXT NOT NULL,
                    tree_id TEXT NOT NULL,
                    comment TEXT,
                    FOREIGN KEY (document_id, revision_letter) REFERENCES revision(document_id, letter)
                );
                CREATE INDEX signature_cycle ON signature(cycle_id);
                CREATE INDEX signature_revision ON signature(document_id, revision_letter);
                CREATE TABLE git_ref (
                    name TEXT PRIMARY KEY NOT NULL,
                    target TEXT NOT NULL
                );
                CREATE TABLE audit_trail (
                    seq INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    entity_type TEXT NOT NULL,
                    entity_id TEXT NOT NULL,
                    old_value TEXT,
                    new_value TEXT,
                    reason TEXT,
                    prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE INDEX audit_trail_entity ON audit_trail(entity_type, entity_id, seq);
                CREATE TRIGGER audit_trail_no_update BEFORE UPDATE ON audit_trail
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                CREATE TRIGGER audit_trail_no_delete BEFORE DELETE ON audit_trail
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                """)
        }
        migrator.registerMigration("2026-11-25 audits and corrective actions") { db in
            try AuditsAndCAPASchema.migrate(db)
        }
        migrator.registerMigration("2026-11-25 training and certifications") { db in
            try db.execute(sql: """
                CREATE TABLE training_requirement (
                    document_id TEXT PRIMARY KEY NOT NULL REFERENCES document(id),
                    roles TEXT NOT NULL,
                    set_by TEXT NOT NULL REFERENCES user(username),
                    set_at TEXT NOT NULL,
                    reason TEXT NOT NULL
                );
                CREATE TABLE training_assignment (
                    document_id TEXT NOT NULL,
                    revision_letter TEXT NOT NULL,
                    username TEXT NOT NULL REFERENCES user(username),
                    status TEXT NOT NULL CHECK (status IN ('open', 'signed', 'superseded', 'cancelled')),
                    roles TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    assigned_at TEXT NOT NULL,
                    due_on TEXT NOT NULL,
                    closed_at TEXT,
                    signed_at TEXT,
                    printed_name TEXT,
                    signed_commit TEXT,
                    signed_tree TEXT,
                    PRIMARY KEY (document_id, revision_letter, username),
                    FOREIGN KEY (document_id, revision_letter) REFERENCES revision(document_id, letter),
                    CHECK ((status = 'open') = (closed_at IS NULL)),
                    CHECK ((status = 'signed') = (signed_at IS NOT NULL AND printed_name IS NOT NULL AND signed_commit IS NOT NULL AND signed_tree IS NOT NULL))
                );
                CREATE INDEX training_assignment_person ON training_assignment(username, status);
                CREATE INDEX training_assignment_due ON training_assignment(status, due_on);
                CREATE TABLE person_area (
                    username TEXT NOT NULL REFERENCES user(username),
                    area TEXT NOT NULL,
                    PRIMARY KEY (username, area)
                );
                CREATE TABLE certification (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    username TEXT NOT NULL REFERENCES user(username),
                    kind TEXT NOT NULL,
                    issued_on TEXT NOT NULL,
                    expires_on TEXT NOT NULL,
                    reference TEXT,
                    recorded_by TEXT NOT NULL REFERENCES user(username),
                    recorded_at TEXT NOT NULL,
                    CHECK (expires_on > issued_on)
                );
                CREATE INDEX certification_person ON certification(username, kind, issued_on);
                """)
        }
        migrator.registerMigration("2026-11-25 document areas") { db in
            try db.execute(sql: """
                CREATE TABLE document_area (
                    document_id TEXT NOT NULL REFERENCES document(id),
                    area TEXT NOT NULL,
                    PRIMARY KEY (document_id, area)
                );
                CREATE INDEX document_area_area ON document_area(area);
                """)
        }
        migrator.registerMigration("2026-11-25 meetings and actions") { db in
            try MeetingsSchema.migrate(db)
        }
        migrator.registerMigration("2026-11-25 production data") { db in
            try ProductionSchema.migrate(db)
        }
        migrator.registerMigration("2026-11-25 requests and onboarding") { db in
            try RequestsSchema.migrate(db)
        }
        migrator.registerMigration("2026-11-25 schedule and notices") { db in
            try ScheduleSchema.migrate(db)
        }
        migrator.registerMigration("2026-11-25 api tokens") { db in
            // Only a SHA-256 of each token's secret is kept; the token is shown once, when issued.
            try db.execute(sql: """
                CREATE TABLE api_token (
                    id TEXT PRIMARY KEY NOT NULL,
                    username TEXT NOT NULL REFERENCES user(username),
                    label TEXT NOT NULL,
                    secret_sha256 TEXT NOT NULL CHECK (length(secret_sha256) = 64),
                    created_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL CHECK (expires_at > created_at),
                    revoked_at TEXT
                );
                CREATE INDEX api_token_user ON api_token(username);
                """)
        }
        migrator.registerMigration("2026-11-25 notice delivery claims") { db in
            try NoticeClaimSchema.migrate(db)
        }
        migrator.registerMigration("2026-11-26 document import") { db in
            try DocumentImportSchema.migrate(db)
        }
        migrator.registerMigration("2026-11-26 audit trail head") { db in
            try AuditTrailHeadSchema.migrate(db)
        }
        migrator.registerMigration("2026-11-26 trail key indexes") { db in
            // `AuditTrail.track` reads a row before and after each change by its trail key (for
            // example `document_id || '/' || letter`). SQLite uses an index for such a lookup only
            // when one is built on the same expression; without these every tracked change scanned
            // its whole table, which made writes on a large register grow with its size.
            let keys: [(table: String, expression: String)] = [
                ("revision", "document_id || '/' || letter"),
                ("review_cycle", "CAST(id AS TEXT)"),
                ("signature", "CAST(id AS TEXT)"),
                ("audit_checklist_item", "audit_id || '/check/' || item"),
                ("audit_assessor", "audit_id || '/assessor/' || username"),
                ("capa_finding", "capa_id || '/' || finding_id"),
                ("capa_signature", "capa_id || '/S' || id"),
                ("training_assignment", "document_id || '/' || revision_letter || '/' || username"),
                ("person_area", "username || '/' || area"),
                ("certification", "CAST(id AS TEXT)"),
                ("import_batch", "CAST(id AS TEXT)"),
                ("document_area", "document_id || '/' || area"),
                ("meeting_attendance", "meeting_id || '/' || username"),
                ("meeting_agenda_item", "meeting_id || '/agenda/' || position"),
                ("meeting_update", "meeting_id || '/U' || number"),
                ("meeting_decision", "meeting_id || '/D' || number"),
                ("action_comment", "action_id || '/C' || number"),
                ("request_comment", "request_id || '/C' || number"),
                ("request_signature", "request_id || '/S' || id"),
                ("onboarding_item", "username || '/' || number"),
                ("schedule_change", "event_id || '/H' || number"),
                ("notice", "CAST(id AS TEXT)"),
                ("notice_attempt", "notice_id || '/A' || number"),
                ("document_import", "CAST(id AS TEXT)"),
                ("legacy_approval", "document_id || '/' || letter"),
            ]
            for key in keys {
                try db.execute(sql: "CREATE INDEX \(key.table)_trail_key ON \(key.table)(\(key.expression))")
            }
        }
        migrator.registerMigration("2026-11-26 review cycles by document") { db in
            // A document's history and `verify` (a thousand documents at a time) read the review
            // cycles of given documents; only open cycles were indexed by document.
            try db.execute(sql: "CREATE INDEX review_cycle_document ON review_cycle(document_id)")
        }
        migrator.registerMigration("2026-11-26 late items") { db in
            // `review overdue` and `status` count the periodic reviews in a date range without
            // reading the documents: the index holds only documents that are not obsolete.
            // `status` reads every open cycle's current step from one small index (a company
            // has a thousand open) instead of seeking each cycle's row.
            try db.execute(sql: """
                DROP INDEX document_next_review_due;
                CREATE INDEX document_review_due ON document(next_review_due) WHERE next_review_due IS NOT NULL AND obsolete_at IS NULL;
                CREATE INDEX review_cycle_open_step ON review_cycle(step_opened_at, current_step, steps, document_id, revision_letter, kind, status)
                    WHERE status = 'open';
                """)
        }
        migrator.registerMigration("2026-11-26 production orders") { db in
            // On-time delivery reads every confirmation of each order due in the range. Without
            // this index each due order scanned its line's whole history: a year of SAP data,
            // where every confirmation carries its order's due date, took hours.
            try db.execute(sql: "CREATE INDEX production_order ON production_confirmation(line, order_no)")
        }
        migrator.registerMigration("2026-11-26 open training by due day") { db in
            try TrainingDueCounts.migrate(db)
        }
        migrator.registerMigration("2026-11-27 production indexes in arrival order") { db in
            // Confirmations arrive in time order: a day's file, or a year's history sorted by
            // confirmation number. Keyed by day first and by order number first, both indexes
            // grow at their end; keyed by line first, each grew at one place per line, and a
            // million-row import spent about as long on these two indexes as on the table.
            try db.execute(sql: """
                DROP INDEX production_line_day;
                DROP INDEX production_order;
                CREATE INDEX production_day_line ON production_confirmation(day, line);
                CREATE INDEX production_order_line ON production_confirmation(order_no, line);
                """)
        }
        return migrator
    }
}
