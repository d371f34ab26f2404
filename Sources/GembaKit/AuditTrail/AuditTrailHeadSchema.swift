import GRDB

/// Remembers the trail's newest entry in a row of its own, kept by a trigger in the same
/// transaction as every append: a hand deletion of the last entries leaves a chain that is
/// whole but shorter, and only this record of where it ended shows it.
enum AuditTrailHeadSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE audit_trail_head (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                seq INTEGER NOT NULL,
                hash TEXT NOT NULL
            );
            INSERT INTO audit_trail_head (id, seq, hash) SELECT 1, seq, hash FROM audit_trail ORDER BY seq DESC LIMIT 1;
            CREATE TRIGGER audit_trail_remember_head AFTER INSERT ON audit_trail
            BEGIN INSERT OR REPLACE INTO audit_trail_head (id, seq, hash) VALUES (1, NEW.seq, NEW.hash); END;
            """)
    }
}
