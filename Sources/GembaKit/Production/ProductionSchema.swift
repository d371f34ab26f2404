import GRDB

/// Tables of migration "2026-11-25 production data". Production rows are too many for one trail
/// entry each: every import is an `import_batch` row (tracked by the trail) and rows name their batch.
/// Times are UTC text (`2026-03-02T05:00:00Z`); days are plant-local `YYYY-MM-DD`.
enum ProductionSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE import_batch (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL CHECK (kind IN ('calendar', 'production', 'downtime', 'holds', 'work-orders', 'safety', 'hours')),
                file_name TEXT NOT NULL,
                file_sha256 TEXT NOT NULL,
                mapping TEXT NOT NULL,
                rows_read INTEGER NOT NULL,
                rows_added INTEGER NOT NULL,
                rows_updated INTEGER NOT NULL,
                rows_skipped INTEGER NOT NULL,
                rows_reversed INTEGER NOT NULL,
                imported_by TEXT NOT NULL REFERENCES user(username),
                imported_at TEXT NOT NULL
            );
            CREATE TABLE shift_calendar (
                natural_key TEXT PRIMARY KEY NOT NULL,
                day TEXT NOT NULL,
                shift TEXT NOT NULL,
                line TEXT NOT NULL,
                planned_min REAL NOT NULL CHECK (planned_min >= 0 AND planned_min <= 1440),
                batch_id INTEGER NOT NULL REFERENCES import_batch(id)
            );
            CREATE INDEX shift_calendar_line_day ON shift_calendar(line, day);
            CREATE TABLE production_confirmation (
                id INTEGER PRIMARY KEY,
                natural_key TEXT NOT NULL UNIQUE,
                day TEXT NOT NULL,
                shift TEXT,
                line TEXT NOT NULL,
                order_no TEXT NOT NULL,
                operation TEXT,
                product TEXT,
                planned_qty REAL CHECK (planned_qty >= 0),
                produced_qty REAL NOT NULL CHECK (produced_qty >= 0),
                scrap_qty REAL NOT NULL CHECK (scrap_qty >= 0),
                rework_qty REAL NOT NULL CHECK (rework_qty >= 0),
                ideal_cycle_s REAL NOT NULL CHECK (ideal_cycle_s > 0),
                due_on TEXT,
                final INTEGER NOT NULL CHECK (final IN (0, 1)),
                confirmation TEXT,
                counter TEXT,
                reversal INTEGER NOT NULL CHECK (reversal IN (0, 1)),
                reverses_key TEXT,
                reversed INTEGER NOT NULL CHECK (reversed IN (0, 1)),
                batch_id INTEGER NOT NULL REFERENCES import_batch(id),
                CHECK (scrap_qty + rework_qty <= produced_qty),
                CHECK ((reversal = 1) = (reverses_key IS NOT NULL))
            );
            CREATE INDEX production_line_day ON production_confirmation(line, day);
            CREATE INDEX production_order_due ON production_confirmation(due_on) WHERE due_on IS NOT NULL;
            CREATE INDEX production_reversal ON production_confirmation(reverses_key) WHERE reversal = 1;
            CREATE TABLE downtime_event (
                id INTEGER PRIMARY KEY,
                natural_key TEXT NOT NULL UNIQUE,
                line TEXT NOT NULL,
                start_at TEXT NOT NULL,
                end_at TEXT NOT NULL,
                reason TEXT NOT NULL,
                category TEXT NOT NULL CHECK (category IN ('planned', 'unplanned', 'setup', 'minor_stop')),
                text TEXT,
                batch_id INTEGER NOT NULL REFERENCES import_batch(id),
                CHECK (end_at > start_at)
            );
            CREATE INDEX downtime_line_time ON downtime_event(line, start_at, end_at);
            CREATE TABLE quality_hold (
                natural_key TEXT PRIMARY KEY NOT NULL,
                line TEXT NOT NULL,
                product TEXT NOT NULL,
                lot TEXT NOT NULL,
                quantity REAL NOT NULL CHECK (quantity >= 0),
                reason TEXT NOT NULL,
                opened_at TEXT NOT NULL,
                released_at TEXT,
                batch_id INTEGER NOT NULL REFERENCES import_batch(id),
                CHECK (released_at IS NULL OR released_at >= opened_at)
            );
            CREATE INDEX quality_hold_open ON quality_hold(released_at, line);
            CREATE TABLE work_order (
                natural_key TEXT PRIMARY KEY NOT NULL,
                type TEXT NOT NULL,
                equipment TEXT,
                functional_location TEXT,
                line TEXT,
                priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 9),
                status TEXT NOT NULL CHECK (status IN ('CRTD', 'REL', 'PCNF', 'CNF', 'TECO', 'CLSD')),
                planned_on TEXT,
                created_on TEXT,
                text TEXT,
                batch_id INTEGER NOT NULL REFERENCES import_batch(id)
            );
            CREATE INDEX work_order_status ON work_order(status, priority);
            CREATE TABLE safety_incident (
                natural_key TEXT PRIMARY KEY NOT NULL,
                day TEXT NOT NULL,
                area TEXT NOT NULL,
                case_no TEXT,
                recordable INTEGER NOT NULL CHECK (recordable IN (0, 1)),
                days_away INTEGER NOT NULL CHECK (days_away >= 0),
                restricted_days INTEGER NOT NULL CHECK (restricted_days >= 0),
                transferred_days INTEGER NOT NULL CHECK (transferred_days >= 0),
                text TEXT,
                batch_id INTEGER NOT NULL REFERENCES import_batch(id),
                CHECK (recordable = 1 OR days_away + restricted_days + transferred_days = 0)
            );
            CREATE INDEX safety_incident_day ON safety_incident(day);
            CREATE TABLE hours_worked (
                natural_key TEXT PRIMARY KEY NOT NULL,
                day TEXT NOT NULL,
                area TEXT NOT NULL,
                hours REAL NOT NULL CHECK (hours >= 0),
                batch_id INTEGER NOT NULL REFERENCES import_batch(id)
            );
            CREATE INDEX hours_worked_day ON hours_worked(day);
            """)
    }
}
