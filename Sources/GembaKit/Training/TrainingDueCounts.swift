import GRDB

/// How many training assignments are open per due day, kept by triggers in the same transaction
/// as every change to an assignment. `status` counts the late and due training of a company
/// register (tens of thousands of open assignments) from these few hundred rows instead of
/// stepping through every open assignment; `verify` recounts them and `repair` rebuilds them.
enum TrainingDueCounts {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE training_open_due (
                due_on TEXT PRIMARY KEY NOT NULL,
                open INTEGER NOT NULL CHECK (open >= 0)
            ) WITHOUT ROWID;
            INSERT INTO training_open_due (due_on, open)
                SELECT due_on, count(*) FROM training_assignment WHERE status = 'open' GROUP BY due_on;
            """)
        try createTriggers(db)
    }

    static let triggers = ["training_open_due_insert", "training_open_due_delete", "training_open_due_update"]

    /// The triggers that keep the counts. A count is never taken below zero: a count edited by
    /// hand must not make a user's acknowledgement fail; `verify` reports the difference.
    private static func createTriggers(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TRIGGER IF NOT EXISTS training_open_due_insert AFTER INSERT ON training_assignment WHEN NEW.status = 'open'
            BEGIN
                INSERT INTO training_open_due (due_on, open) VALUES (NEW.due_on, 1) ON CONFLICT (due_on) DO UPDATE SET open = open + 1;
            END;
            CREATE TRIGGER IF NOT EXISTS training_open_due_delete AFTER DELETE ON training_assignment WHEN OLD.status = 'open'
            BEGIN
                UPDATE training_open_due SET open = max(open - 1, 0) WHERE due_on = OLD.due_on;
                DELETE FROM training_open_due WHERE due_on = OLD.due_on AND open = 0;
            END;
            CREATE TRIGGER IF NOT EXISTS training_open_due_update AFTER UPDATE OF status, due_on ON training_assignment
            WHEN OLD.status = 'open' OR NEW.status = 'open'
            BEGIN
                UPDATE training_open_due SET open = max(open - 1, 0) WHERE OLD.status = 'open' AND due_on = OLD.due_on;
                DELETE FROM training_open_due WHERE due_on = OLD.due_on AND open = 0;
                INSERT INTO training_open_due (due_on, open) SELECT NEW.due_on, 1 WHERE NEW.status = 'open'
                    ON CONFLICT (due_on) DO UPDATE SET open = open + 1;
            END;
            """)
    }

    /// Open assignments due from `from` through `through` (days as `YYYY-MM-DD`).
    static func open(_ db: Database, from: String, through: String) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT coalesce(sum(open), 0) FROM training_open_due WHERE due_on >= ? AND due_on <= ?"),
            arguments: [from, through]) ?? 0
    }

    /// Where the kept counts differ from the assignments (only after an edit outside gemba with
    /// the triggers removed): the first few days, for `verify`.
    static func problems(_ db: Database) throws -> [String] {
        let present = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'training_assignment'"))
        let missing = triggers.filter { !present.contains($0) }.map { "training_open_due: the trigger \($0) was removed outside gemba; run `gemba repair`" }
        let rows = try Row.fetchAll(db, sql: """
            SELECT due_on, sum(kept) AS kept, sum(actual) AS actual FROM (
                SELECT due_on, open AS kept, 0 AS actual FROM training_open_due
                UNION ALL SELECT due_on, 0, count(*) FROM training_assignment WHERE status = 'open' GROUP BY due_on
            ) GROUP BY due_on HAVING sum(kept) <> sum(actual) ORDER BY due_on LIMIT 3
            """)
        return missing + rows.map { row in
            let day: String = row["due_on"]
            let kept: Int = row["kept"], actual: Int = row["actual"]
            return "training_open_due: \(kept) open training assignments counted as due on \(day), the assignments hold \(actual); run `gemba repair`"
        }
    }

    /// Puts back any missing trigger and counts every day again from the assignments.
    static func rebuild(_ db: Database) throws {
        try createTriggers(db)
        try db.execute(sql: """
            DELETE FROM training_open_due;
            INSERT INTO training_open_due (due_on, open)
                SELECT due_on, count(*) FROM training_assignment WHERE status = 'open' GROUP BY due_on;
            """)
    }
}
