import Crypto
import Foundation
import GRDB

extension Register {
    /// SHA-256 over the meeting's content as canonical JSON: the meeting (without the fields
    /// that issuing sets), attendance, agenda, status updates, decisions and the IDs of the
    /// action items it raised. Issuing the minutes stores it; `verify` recomputes it.
    func minutesContentHash(_ db: Database, _ meeting: MeetingRecord) throws -> String {
        let issuing: Set<String> = ["status", "issued_by", "issued_at", "minutes_hash"]
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM meeting WHERE id = ?", arguments: [meeting.id]) else {
            throw GembaError.notFound("no meeting \(meeting.id)")
        }
        var parts = [AuditTrail.canonicalJSON(row.filter { !issuing.contains($0.0) })]
        let children = [
            "SELECT * FROM meeting_attendance WHERE meeting_id = ? ORDER BY username",
            "SELECT * FROM meeting_agenda_item WHERE meeting_id = ? ORDER BY position",
            "SELECT * FROM meeting_update WHERE meeting_id = ? ORDER BY number",
            "SELECT * FROM meeting_decision WHERE meeting_id = ? ORDER BY number",
            "SELECT id FROM action_item WHERE meeting_id = ? ORDER BY year, seq",
        ]
        for sql in children {
            parts += try Row.fetchAll(db, sql: sql, arguments: [meeting.id]).map { AuditTrail.canonicalJSON($0) }
        }
        return SHA256.hash(data: Data(parts.joined(separator: "\n").utf8)).lowercaseHex
    }

    /// Part of `verify`: the content of every meeting whose minutes were issued must still hash
    /// to what was stored when they were issued.
    func verifyMeetingMinutes(_ report: inout VerificationReport) throws {
        let (count, problems) = try store.read { db -> (Int, [String]) in
            var problems: [String] = []
            let issued = try MeetingRecord.filter(Column("status") == "minutes_issued").order(Column("id")).fetchAll(db)
            for meeting in issued where try minutesContentHash(db, meeting) != meeting.minutesHash {
                problems.append("\(meeting.id): the minutes issued by \(meeting.issuedBy ?? "?") on \(meeting.issuedAt.map(Timestamp.readable) ?? "?") no longer match the meeting's record (changed outside gemba)")
            }
            return (issued.count, problems)
        }
        report.checked["issued minutes"] = count
        report.problems += problems
    }
}
