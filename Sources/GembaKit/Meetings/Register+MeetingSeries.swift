import Foundation
import GRDB

extension Register {
    /// Starts a meeting series of a policy kind. Its members are the kind's default attendees
    /// (holders of its roles, in its line when `line_only`), the facilitator and `members`.
    public func addMeetingSeries(_ new: NewMeetingSeries, by username: String) throws -> MeetingSeriesView {
        let id = new.id.uppercased()
        guard id.wholeMatch(of: /[A-Z][A-Z0-9-]{0,19}/) != nil, !id.hasSuffix("-") else {
            throw GembaError.invalid("series key '\(new.id)' must be 1-20 letters, digits and '-', starting with a letter (for example T1-L2)")
        }
        let policy = try meetingPolicy()
        let kind = try policy.kind(new.kind)
        let line = try new.line.map { try AuditText.line($0, "--line", max: 30) }
        switch (kind.scope, line) {
        case (.line, nil): throw GembaError.invalid("a \(kind.key) series belongs to a line: pass --line (for example --line L2)")
        case (.department, .some), (.plant, .some): throw GembaError.invalid("a \(kind.key) series is for the \(kind.scope.rawValue), not one line; leave out --line")
        default: break
        }
        let title = try new.title.map { try InputChecks.title($0) } ?? (line.map { "\(kind.name), \($0)" } ?? kind.name)
        return try exclusively {
            try store.write { db in
                _ = try requirePermission(db, username, .meetingManage, to: "start meeting series")
                if try MeetingSeriesRecord.fetchOne(db, key: id) != nil {
                    throw GembaError(.conflict, "meeting series \(id) already exists; `gemba meeting series list` shows them")
                }
                let facilitator = try activeUser(db, new.facilitator).username
                var members = Set(try defaultMembers(db, kind, line: line))
                members.insert(facilitator)
                for name in new.members { members.insert(try activeUser(db, name).username) }
                let record = MeetingSeriesRecord(
                    id: id, kind: kind.key, title: title, line: line, facilitator: facilitator, members: JSONList.encode(members.sorted()),
                    createdBy: username, createdAt: now())
                try AuditTrail.track(db, .meetingSeries, key: id, action: "meeting.series-add", by: Actor(username: username, at: now())) {
                    try record.insert(db)
                }
                return try seriesView(db, record, policy: policy)
            }
        }
    }

    /// Every meeting series, by key.
    public func meetingSeries() throws -> [MeetingSeriesView] {
        guard let policy = try optionalMeetingPolicy() else { return [] }
        return try store.read { db in
            try MeetingSeriesRecord.order(Column("id")).fetchAll(db).map { try seriesView(db, $0, policy: policy) }
        }
    }

    /// Active holders of the kind's attendee roles (in the line when the kind says so).
    private func defaultMembers(_ db: Database, _ kind: MeetingKind, line: String?) throws -> [String] {
        let inLine = Set(try String.fetchAll(db, sql: "SELECT username FROM person_area WHERE area = ?", arguments: [line ?? ""]))
        let expired = Set(try String.fetchAll(db, sql: "SELECT username FROM user WHERE expires_at IS NOT NULL"))
        return try UserRecord.filter(Column("active") == true).fetchAll(db).filter { user in
            !expired.contains(user.username) && !Set(user.roleList).isDisjoint(with: kind.attendeeRoles)
                && (!kind.lineOnly || inLine.contains(user.username))
        }.map(\.username)
    }

    func seriesRecord(_ db: Database, _ id: String) throws -> MeetingSeriesRecord {
        guard let series = try MeetingSeriesRecord.fetchOne(db, key: id.uppercased()) else {
            throw GembaError.notFound("no meeting series \(id); `gemba meeting series list` shows them")
        }
        return series
    }

    private func seriesView(_ db: Database, _ record: MeetingSeriesRecord, policy: MeetingPolicy) throws -> MeetingSeriesView {
        let names = try peopleNames(db)
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM meeting WHERE series_id = ?", arguments: [record.id]) ?? 0
        let last = try String.fetchOne(db, sql: "SELECT max(held_on) FROM meeting WHERE series_id = ?", arguments: [record.id])
        return MeetingSeriesView(
            id: record.id, kind: record.kind, kindName: policy.kinds[record.kind]?.name ?? record.kind, title: record.title, line: record.line,
            facilitator: record.facilitator, facilitatorName: names[record.facilitator] ?? record.facilitator,
            members: JSONList.decode(record.members), createdBy: record.createdBy, createdAt: Timestamp.string(record.createdAt),
            meetings: count, lastMeeting: last)
    }

    /// The meeting rules when the register has `policies/meetings.yaml`; nil for a register made
    /// before meetings existed (it has no meetings or action items either).
    func optionalMeetingPolicy() throws -> MeetingPolicy? {
        guard try policyFile(MeetingPolicy.fileName) != nil else { return nil }
        return try meetingPolicy()
    }
}
