import Foundation
import GRDB

/// An action item's checked text, owner name, due date and priority.
struct CheckedAction {
    let text: String
    let owner: String
    let dueOn: Day
    let priority: ActionPriority
}

extension Register {
    /// Adds an action item from an audit, a CAPA, a board or elsewhere (`meeting.manage`). An
    /// item of origin meeting is raised in its meeting (`raiseAction`) by its facilitator.
    public func addActionItem(_ new: NewActionItem, by username: String) throws -> ActionItemView {
        if new.origin == .meeting {
            guard let meeting = new.reference else { throw GembaError.invalid("an item of origin meeting needs --reference MEETING-ID") }
            return try raiseAction(in: meeting, new, by: username)
        }
        let policy = try meetingPolicy()
        let checked = try checkedAction(new, policy: policy)
        let reference = try new.reference.map { try AuditText.line($0, "--reference", max: 100) }
        let id = try exclusively {
            try store.write { db in
                _ = try requirePermission(db, username, .meetingManage, to: "add action items")
                let origin = try checkedReference(db, new.origin, reference)
                let series = try new.series.map { try seriesRecord(db, $0).id }
                return try insertAction(db, checked, origin: new.origin, reference: origin, meeting: nil, series: series, by: Actor(username: username, at: now()))
            }
        }
        return try actionItem(id).item
    }

    /// Changes an open item. Its owner or a `meeting.manage` holder moves it between open and
    /// in progress; only a `meeting.manage` holder changes its text, owner, due date, priority or
    /// series, and a new due date needs a reason.
    public func updateActionItem(_ id: String, _ change: ActionChange, by username: String) throws -> ActionItemView {
        guard change.status != nil || change.changesPlan else {
            throw GembaError.invalid("say what changes: --status, --text, --owner, --due, --priority or --series")
        }
        if let status = change.status, !status.isOpen {
            throw GembaError.invalid("use `gemba action done` or `gemba action cancel` to close an item; --status takes open or in_progress")
        }
        let text = try change.text.map { try AuditText.paragraph($0, "--text", max: 1000) }
        let reason = try change.reason.map { try InputChecks.reason($0) }
        if change.dueOn != nil && reason == nil { throw GembaError.invalid("a new due date needs --reason (why it moves)") }
        return try changeAction(id, by: username, action: "action.update", reason: reason) { db, item, manager in
            if change.changesPlan && !manager {
                throw GembaError.permission("\(username) may not change the text, owner, due date, priority or series of \(item.id) (a role with meeting.manage may)")
            }
            if let status = change.status {
                guard status.rawValue != item.status else { throw GembaError.state("\(item.id) is already \(item.status)") }
                item.status = status.rawValue
            }
            if let text { item.text = text }
            if let owner = change.owner { item.owner = try activeUser(db, owner).username }
            if let due = change.dueOn {
                guard due >= today() else { throw GembaError.invalid("--due \(due) is in the past") }
                item.dueOn = due.description
            }
            if let priority = change.priority { item.priority = priority.rawValue }
            if let series = change.series { item.seriesId = try seriesRecord(db, series).id }
        }
    }

    /// Closes an item as done with what was done: its owner or a `meeting.manage` holder.
    public func completeAction(_ id: String, note: String, by username: String) throws -> ActionItemView {
        let note = try AuditText.paragraph(note, "--note", max: 2000)
        return try changeAction(id, by: username, action: "action.done", reason: nil) { _, item, _ in
            item.status = ActionStatus.done.rawValue
            item.resolution = note
            item.closedBy = username
            item.closedAt = now()
        }
    }

    /// Cancels an item that is no longer needed, with the reason: `meeting.manage` holders only,
    /// so an owner cannot drop their own work.
    public func cancelAction(_ id: String, reason: String, by username: String) throws -> ActionItemView {
        let reason = try InputChecks.reason(reason)
        return try changeAction(id, by: username, action: "action.cancel", reason: reason) { _, item, manager in
            guard manager else { throw GembaError.permission("\(username) may not cancel \(item.id) (a role with meeting.manage may; its owner marks it done)") }
            item.status = ActionStatus.cancelled.rawValue
            item.resolution = reason
            item.closedBy = username
            item.closedAt = now()
        }
    }

    /// Adds a comment to an item, open or closed: its owner, its creator or a `meeting.manage` holder.
    @discardableResult
    public func commentOnAction(_ id: String, text: String, by username: String) throws -> ActionCommentView {
        let text = try AuditText.paragraph(text, "--text", max: 2000)
        return try exclusively {
            try store.write { db in
                let item = try actionRecord(db, id)
                let user = try activeUser(db, username)
                guard user.username == item.owner || user.username == item.createdBy || policies.permissions(ofRoles: user.roleList).contains(.meetingManage) else {
                    throw GembaError.permission("\(username) may not comment on \(item.id) (its owner \(item.owner), its creator or a role with meeting.manage may)")
                }
                let number = (try Int.fetchOne(db, sql: "SELECT max(number) FROM action_comment WHERE action_id = ?", arguments: [item.id]) ?? 0) + 1
                let row = ActionCommentRecord(actionId: item.id, number: number, text: text, writtenBy: username, writtenAt: now())
                try AuditTrail.track(db, .actionComment, key: row.key, action: "action.comment", by: Actor(username: username, at: row.writtenAt)) {
                    try row.insert(db)
                }
                return ActionCommentView(number: number, text: text, by: username, byName: user.name, at: Timestamp.string(row.writtenAt))
            }
        }
    }

    /// One change of an open item by its owner or a `meeting.manage` holder (`manager` says which).
    private func changeAction(
        _ id: String, by username: String, action: String, reason: String?, _ change: (Database, inout ActionItemRecord, Bool) throws -> Void
    ) throws -> ActionItemView {
        try exclusively {
            try store.write { db in
                var item = try actionRecord(db, id)
                let user = try activeUser(db, username)
                let manager = policies.permissions(ofRoles: user.roleList).contains(.meetingManage)
                guard manager || user.username == item.owner else {
                    throw GembaError.permission("\(username) may not change \(item.id) (its owner \(item.owner) or a role with meeting.manage may)")
                }
                guard ActionStatus(rawValue: item.status)?.isOpen == true else {
                    throw GembaError.state("\(item.id) is \(item.status)\(item.closedAt.map { " since \(Day($0))" } ?? ""); a closed item does not change (raise a new one)")
                }
                try change(db, &item, manager)
                item.updatedAt = now()
                try AuditTrail.track(db, .actionItem, key: item.id, action: action, by: Actor(username: username, at: now(), reason: reason)) { try item.update(db) }
            }
            return try actionItem(id).item
        }
    }

    func checkedAction(_ new: NewActionItem, policy: MeetingPolicy) throws -> CheckedAction {
        let text = try AuditText.paragraph(new.text, "--text", max: 1000)
        let due = new.dueOn ?? today().addingDays(policy.dueDays[new.priority] ?? 14)
        guard due >= today() else { throw GembaError.invalid("--due \(due) is in the past") }
        return CheckedAction(text: text, owner: new.owner, dueOn: due, priority: new.priority)
    }

    /// Inserts a new item `ACT-YYYY-NNNN`, numbered per year of creation; returns its ID.
    func insertAction(
        _ db: Database, _ checked: CheckedAction, origin: ActionOrigin, reference: String?, meeting: String?, series: String?, by actor: Actor
    ) throws -> String {
        let owner = try activeUser(db, checked.owner).username
        let year = Day(actor.at).year
        let seq = (try Int.fetchOne(db, sql: "SELECT max(seq) FROM action_item WHERE year = ?", arguments: [year]) ?? 0) + 1
        let item = ActionItemRecord(
            id: String(format: "ACT-%04d-%04d", year, seq), year: year, seq: seq, text: checked.text, owner: owner, dueOn: checked.dueOn.description,
            priority: checked.priority.rawValue, status: ActionStatus.open.rawValue, origin: origin.rawValue, originReference: reference,
            meetingId: meeting, seriesId: series, createdBy: actor.username, createdAt: actor.at, updatedAt: actor.at, closedBy: nil,
            closedAt: nil, resolution: nil)
        try AuditTrail.track(db, .actionItem, key: item.id, action: "action.add", by: actor) { try item.insert(db) }
        return item.id
    }

    /// The reference must name a record of its origin: an audit or finding, a CAPA or CAPA
    /// action, a BOARD document; free text for other.
    private func checkedReference(_ db: Database, _ origin: ActionOrigin, _ reference: String?) throws -> String? {
        guard origin != .other else { return reference }
        guard let reference = reference?.uppercased() else {
            throw GembaError.invalid("an item of origin \(origin.rawValue) needs --reference (the \(origin.rawValue) it comes from)")
        }
        let found: Bool
        switch origin {
        case .audit:
            found = try AuditRecord.fetchOne(db, key: reference) != nil || FindingRecord.fetchOne(db, key: reference) != nil
        case .capa:
            found = try CAPARecord.fetchOne(db, key: reference) != nil || CAPAActionRecord.fetchOne(db, key: reference) != nil
        case .board:
            found = try DocumentRecord.fetchOne(db, key: reference) != nil && policies.documentType(forID: reference)?.code == "BOARD"
        case .meeting, .other:
            found = true
        }
        guard found else {
            let hint = ["audit": "an audit or finding (AUD-2026-001, AUD-2026-001/F2)", "capa": "a CAPA or CAPA action (CAPA-2026-003, CAPA-2026-003/A1)",
                        "board": "a BOARD document (BOARD-002)"][origin.rawValue] ?? ""
            throw GembaError.notFound("no \(origin.rawValue) record \(reference); --reference must name \(hint)")
        }
        return reference
    }

    func actionRecord(_ db: Database, _ id: String) throws -> ActionItemRecord {
        guard let item = try ActionItemRecord.fetchOne(db, key: id.uppercased()) else {
            throw GembaError.notFound("no action item \(id); `gemba actions` lists the open items")
        }
        return item
    }
}
