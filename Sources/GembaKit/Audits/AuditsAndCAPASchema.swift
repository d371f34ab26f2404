import Foundation
import GRDB

/// The migration "2026-11-25 audits and corrective actions" (registered in Store/Migrations.swift).
/// Shipped: never edit it; add a new migration instead.
enum AuditsAndCAPASchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE user ADD COLUMN expires_at TEXT;
            CREATE TABLE audit (
                id TEXT PRIMARY KEY NOT NULL,
                year INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('internal', 'surveillance', 'certification', 'supplier', 'customer', 'safety')),
                title TEXT NOT NULL,
                standard TEXT NOT NULL,
                clauses TEXT NOT NULL,
                areas TEXT NOT NULL,
                documents TEXT NOT NULL,
                auditing_body TEXT,
                lead_auditor TEXT NOT NULL,
                starts_on TEXT NOT NULL,
                ends_on TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'report_issued', 'closed')),
                checklist TEXT,
                created_by TEXT NOT NULL REFERENCES user(username),
                created_at TEXT NOT NULL,
                started_at TEXT,
                report_issued_at TEXT,
                report_summary TEXT,
                closed_at TEXT,
                UNIQUE (year, seq),
                CHECK (ends_on >= starts_on)
            );
            CREATE TABLE audit_checklist_item (
                audit_id TEXT NOT NULL REFERENCES audit(id),
                item TEXT NOT NULL,
                position INTEGER NOT NULL,
                clause TEXT NOT NULL,
                question TEXT NOT NULL,
                result TEXT CHECK (result IN ('conform', 'nonconform', 'na')),
                note TEXT,
                checked_by TEXT REFERENCES user(username),
                checked_at TEXT,
                PRIMARY KEY (audit_id, item)
            );
            CREATE TABLE audit_assessor (
                audit_id TEXT NOT NULL REFERENCES audit(id),
                username TEXT NOT NULL UNIQUE REFERENCES user(username),
                added_by TEXT NOT NULL REFERENCES user(username),
                added_at TEXT NOT NULL,
                PRIMARY KEY (audit_id, username)
            );
            CREATE TABLE finding (
                id TEXT PRIMARY KEY NOT NULL,
                audit_id TEXT NOT NULL REFERENCES audit(id),
                number INTEGER NOT NULL,
                grade TEXT NOT NULL CHECK (grade IN ('major', 'minor', 'observation', 'ofi')),
                clause TEXT NOT NULL,
                description TEXT NOT NULL,
                evidence TEXT NOT NULL,
                document_links TEXT NOT NULL,
                record_links TEXT NOT NULL,
                area TEXT,
                owner TEXT NOT NULL REFERENCES user(username),
                checklist_item TEXT,
                raised_by TEXT NOT NULL REFERENCES user(username),
                raised_at TEXT NOT NULL,
                UNIQUE (audit_id, number)
            );
            CREATE TABLE capa (
                id TEXT PRIMARY KEY NOT NULL,
                year INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                title TEXT NOT NULL,
                source TEXT NOT NULL CHECK (source IN ('audit-finding', 'customer-complaint', 'safety-incident', 'internal', 'supplier')),
                source_reference TEXT,
                grade TEXT NOT NULL CHECK (grade IN ('major', 'minor', 'observation', 'ofi')),
                owner TEXT NOT NULL REFERENCES user(username),
                state TEXT NOT NULL CHECK (state IN ('open', 'contained', 'root_caused', 'actions_planned', 'actions_done', 'verified', 'effective', 'closed')),
                problem TEXT NOT NULL,
                containment TEXT,
                contained_on TEXT,
                whys TEXT,
                root_cause TEXT,
                cause_category TEXT CHECK (cause_category IN ('man', 'machine', 'method', 'material', 'measurement', 'environment')),
                opened_by TEXT NOT NULL REFERENCES user(username),
                opened_at TEXT NOT NULL,
                plan_due TEXT NOT NULL,
                complete_due TEXT NOT NULL,
                planned_at TEXT,
                verified_at TEXT,
                effectiveness_due TEXT,
                reopened INTEGER NOT NULL DEFAULT 0,
                closed_at TEXT,
                updated_at TEXT NOT NULL,
                UNIQUE (year, seq),
                CHECK (state NOT IN ('verified', 'effective') OR effectiveness_due IS NOT NULL),
                CHECK (state != 'closed' OR closed_at IS NOT NULL)
            );
            CREATE INDEX capa_state ON capa(state);
            CREATE TABLE capa_finding (
                capa_id TEXT NOT NULL REFERENCES capa(id),
                finding_id TEXT NOT NULL UNIQUE REFERENCES finding(id),
                PRIMARY KEY (capa_id, finding_id)
            );
            CREATE TABLE capa_action (
                id TEXT PRIMARY KEY NOT NULL,
                capa_id TEXT NOT NULL REFERENCES capa(id),
                number INTEGER NOT NULL,
                plan_round INTEGER NOT NULL,
                description TEXT NOT NULL,
                owner TEXT NOT NULL REFERENCES user(username),
                due_on TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('open', 'done')),
                document_id TEXT REFERENCES document(id),
                document_revision TEXT,
                evidence TEXT,
                completed_revision TEXT,
                done_by TEXT,
                done_at TEXT,
                created_by TEXT NOT NULL REFERENCES user(username),
                created_at TEXT NOT NULL,
                UNIQUE (capa_id, number),
                CHECK (status = 'open' OR (evidence IS NOT NULL AND done_at IS NOT NULL AND done_by IS NOT NULL))
            );
            CREATE INDEX capa_action_open_document ON capa_action(document_id) WHERE status = 'open' AND document_id IS NOT NULL;
            CREATE TABLE capa_signature (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                capa_id TEXT NOT NULL REFERENCES capa(id),
                plan_round INTEGER NOT NULL,
                step TEXT NOT NULL CHECK (step IN ('verification', 'effectiveness', 'closure')),
                meaning TEXT NOT NULL CHECK (meaning IN ('verified', 'effective', 'not effective', 'approved', 'responsibility')),
                username TEXT NOT NULL REFERENCES user(username),
                printed_name TEXT NOT NULL,
                signed_at TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                comment TEXT
            );
            CREATE INDEX capa_signature_capa ON capa_signature(capa_id);
            """)
        try recordUserColumn(db)
    }

    /// The new `expires_at` column changes every existing user row: the trail records the new
    /// value so `verify` still finds each row equal to its last entry.
    private static func recordUserColumn(_ db: Database) throws {
        let actor = Actor(username: Register.systemActor, at: SystemClock().now(), reason: "schema: user.expires_at added for assessor accounts")
        for username in try String.fetchAll(db, sql: "SELECT username FROM user ORDER BY username") {
            let old = try String.fetchOne(db, sql: """
                SELECT new_value FROM audit_trail WHERE entity_type = 'user' AND entity_id = ? ORDER BY seq DESC LIMIT 1
                """, arguments: [username])
            let new = try AuditTrail.canonicalRow(db, .user, key: username)
            try AuditTrail.append(db, action: "user.schema", entityType: TrackedTable.user.entityType, entityId: username, old: old, new: new, by: actor)
        }
    }
}
