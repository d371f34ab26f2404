import Foundation
import GRDB

/// The checked fields of an event, ready to store.
struct CheckedEventFields {
    var title: String
    var lines: [String]
    var start: Date
    var end: Date
    var owner: String
    var stakeholders: [String]
    var eco: String?
    var documents: [String]
    var participants: [String]
    var note: String?
}

extension Register {
    /// Checks every field of an event of `kind` against the register and the policies.
    func checkedFields(_ db: Database, kind: ScheduleKind, _ fields: CheckedEventFields, policy: NotificationPolicy) throws -> CheckedEventFields {
        var checked = fields
        checked.title = try AuditText.line(fields.title, "--title", max: 200)
        let lines = Set(fields.lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }).sorted()
        guard !lines.isEmpty else { throw GembaError.invalid("an event needs --line (one or more lines or areas, such as L1 or L1,L2)") }
        let training = try trainingPolicy(db)
        for line in lines { try training.checkArea(line) }
        checked.lines = lines
        guard fields.end > fields.start else {
            throw GembaError.invalid("--end \(Timestamp.string(fields.end)) must be after --start \(Timestamp.string(fields.start))")
        }
        guard fields.end.timeIntervalSince(fields.start) <= 92 * 86_400 else {
            throw GembaError.invalid("an event may last at most 92 days; split a longer one")
        }
        checked.owner = try activeUser(db, fields.owner).username
        checked.stakeholders = try Set(fields.stakeholders).sorted().map { try policy.group($0).key }
        checked.eco = try InputChecks.eco(fields.eco)
        if kind == .engineeringChange && checked.eco == nil {
            throw GembaError.invalid("an engineering change needs --eco (its engineering-change number)")
        }
        if kind != .engineeringChange && checked.eco != nil { throw GembaError.invalid("--eco is for engineering changes only") }
        checked.documents = try Set(fields.documents.map { $0.uppercased() }).sorted().map { try checkedDocumentLink(db, $0) }
        if !checked.documents.isEmpty && kind != .engineeringChange && kind != .trainingEvent {
            throw GembaError.invalid("--document links engineering changes (revisions they bring into effect) and training events (documents trained) only")
        }
        checked.participants = try Set(fields.participants).sorted().map { try activeUser(db, $0).username }
        if !checked.participants.isEmpty && kind != .trainingEvent { throw GembaError.invalid("--participant is for training events only") }
        checked.note = try fields.note.map { try AuditText.paragraph($0, "--note", max: 2000) }
        return checked
    }

    /// `SOP-0007` (a document) or `SOP-0007/C` (a revision) that the register holds.
    private func checkedDocumentLink(_ db: Database, _ link: String) throws -> String {
        let parts = link.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, try DocumentRecord.fetchOne(db, key: parts[0]) != nil else {
            throw GembaError.notFound("no document \(parts[0]); --document takes a document ID (WI-0003) or a revision (SOP-0007/C)")
        }
        if parts.count == 2 {
            guard try RevisionRecord.fetchOne(db, key: ["document_id": parts[0], "letter": parts[1]]) != nil else {
                throw GembaError.notFound("\(parts[0]) has no revision \(parts[1]); `gemba doc history \(parts[0])` lists its revisions")
            }
        }
        return link
    }

    func scheduleEventRecord(_ db: Database, _ id: String) throws -> ScheduleEventRecord {
        guard let event = try ScheduleEventRecord.fetchOne(db, key: id.uppercased()) else {
            throw GembaError.notFound("no schedule event \(id); `gemba schedule list` lists the events")
        }
        return event
    }
}

extension ScheduleEventRecord {
    var fields: CheckedEventFields {
        CheckedEventFields(
            title: title, lines: JSONList.decode(lines), start: startAt, end: endAt, owner: owner, stakeholders: JSONList.decode(stakeholders),
            eco: eco, documents: JSONList.decode(documents), participants: JSONList.decode(participants), note: note)
    }

    mutating func apply(_ fields: CheckedEventFields) {
        title = fields.title
        lines = JSONList.encode(fields.lines)
        startAt = fields.start
        endAt = fields.end
        owner = fields.owner
        stakeholders = JSONList.encode(fields.stakeholders)
        eco = fields.eco
        documents = JSONList.encode(fields.documents)
        participants = JSONList.encode(fields.participants)
        note = fields.note
    }

    /// Each field as history shows it, by name.
    var printedFields: [(String, String?)] {
        [("title", title), ("lines", JSONList.decode(lines).joined(separator: ", ")), ("start", Timestamp.string(startAt)),
         ("end", Timestamp.string(endAt)), ("owner", owner), ("status", status),
         ("stakeholders", JSONList.decode(stakeholders).joined(separator: ", ")), ("eco", eco),
         ("documents", JSONList.decode(documents).joined(separator: ", ")), ("participants", JSONList.decode(participants).joined(separator: ", ")),
         ("note", note)]
    }
}
