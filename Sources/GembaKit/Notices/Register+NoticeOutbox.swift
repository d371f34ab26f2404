import Foundation
import GRDB

extension Register {
    /// Writes one notice per stakeholder group told about the event: groups named on it and
    /// groups following its kind and lines (before and after the change). Call inside the
    /// transaction that changes the event.
    func writeNotices(
        _ db: Database, event: ScheduleEventRecord, change: NoticeChange, changes: [(String, String?, String?)], reason: String?,
        policy: NotificationPolicy, time: PlantTime, by actor: Actor, previous: ScheduleEventRecord?
    ) throws {
        let groups = stakeholderGroups(of: event, policy: policy).union(previous.map { stakeholderGroups(of: $0, policy: policy) } ?? [])
        guard !groups.isEmpty else { return }
        let ownerName = try UserRecord.fetchOne(db, key: event.owner)?.name ?? event.owner
        let kind = ScheduleKind(rawValue: event.kind)?.label ?? event.kind
        let lines = JSONList.decode(event.lines).joined(separator: ", ")
        let actorName = try UserRecord.fetchOne(db, key: actor.username)?.name ?? actor.username
        let verb = ["added": "planned", "updated": "changed", "cancelled": "cancelled", "expedite": "requested"][change.rawValue] ?? change.rawValue
        let subject = "[Gemba] \(kind.capitalizedFirst) \(verb): \(event.id) \(event.title) (\(lines), \(time.local(event.startAt)))"
        var body = [
            "\(kind.capitalizedFirst) \(event.id) \"\(event.title)\" \(verb) by \(actorName) (\(actor.username)).",
            "Lines: \(lines)",
            "When: \(time.local(event.startAt)) to \(time.local(event.endAt)) \(time.zone.identifier) (\(Timestamp.string(event.startAt)) to \(Timestamp.string(event.endAt)))",
            "Status: \(event.status)",
        ]
        if !changes.isEmpty {
            body.append("Changed:")
            body += changes.map { "  \($0.0): \($0.1 ?? "(none)") -> \($0.2 ?? "(none)")" }
        }
        if let eco = event.eco { body.append("ECO: \(eco)") }
        let documents = JSONList.decode(event.documents)
        if !documents.isEmpty { body.append("Documents: \(documents.joined(separator: ", "))") }
        if let reason { body.append("Why: \(reason)") }
        for key in groups.sorted() {
            guard let group = policy.groups[key] else { continue }
            let ask = (["\(ownerName) (\(event.owner), owner)"] + group.ask).joined(separator: "; ")
            let routed = group.webhook != nil || !group.email.isEmpty
            var notice = NoticeRecord(
                id: nil, eventId: event.id, change: change.rawValue, stakeholder: key, sequence: event.sequence, subject: subject,
                body: (body + ["Ask: \(ask)", "Sent to: \(group.name)"]).joined(separator: "\n"), ask: ask, webhook: group.webhook?.absoluteString,
                email: JSONList.encode(group.email), status: routed ? NoticeStatus.pending.rawValue : NoticeStatus.notRouted.rawValue, attempts: 0,
                nextAttemptAt: routed ? actor.at : nil, webhookDone: group.webhook == nil, emailDone: group.email.isEmpty,
                createdBy: actor.username, createdAt: actor.at, deliveredAt: nil)
            try notice.insert(db)
            try AuditTrail.recordInsert(db, .notice, key: String(notice.id ?? 0), action: "notice.write", by: actor)
        }
    }

    /// The groups told about an event: named on it, or following its kind and lines.
    func stakeholderGroups(of event: ScheduleEventRecord, policy: NotificationPolicy) -> Set<String> {
        let kind = ScheduleKind(rawValue: event.kind) ?? .productionChange
        let lines = JSONList.decode(event.lines)
        let following = policy.groups.values.filter { $0.follows(kind: kind, lines: lines) }.map(\.key)
        return Set(JSONList.decode(event.stakeholders)).union(following)
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
