import Foundation
import GRDB

extension Register {
    /// Records that an approved request was done (`approved -> fulfilled`), by a holder of the
    /// kind's fulfiller role, with what was done (order number, work order, badge...).
    public func fulfilRequest(_ id: String, note: String, by username: String) throws -> RequestView {
        let note = try AuditText.paragraph(note, "--note", max: 2000)
        return try changeRequest(id, action: "request.fulfil", by: username, reason: note) { db, request in
            guard request.state == .approved else { throw requestRefusal(request, "fulfilled") }
            let user = try activeUser(db, username)
            guard user.roleList.contains(request.fulfillerRole) else {
                throw GembaError.permission("\(username) may not fulfil \(request.id): it needs the role \(request.fulfillerRole) (policies/requests.yaml)")
            }
            request.status = RequestStatus.fulfilled.rawValue
            request.closedBy = username
            request.closedAt = now()
            request.closeNote = note
        }
    }

    /// Withdraws an open request (`submitted | approved -> cancelled`): its requester, or a
    /// holder of its approver role, with the reason.
    public func cancelRequest(_ id: String, reason: String, by username: String) throws -> RequestView {
        let reason = try InputChecks.reason(reason)
        return try changeRequest(id, action: "request.cancel", by: username, reason: reason) { db, request in
            guard request.state.isOpen else { throw requestRefusal(request, "cancelled") }
            let user = try activeUser(db, username)
            guard user.username == request.requester || user.roleList.contains(request.approverRole) else {
                throw GembaError.permission("\(username) may not cancel \(request.id) (its requester \(request.requester) or a holder of \(request.approverRole) may)")
            }
            request.status = RequestStatus.cancelled.rawValue
            request.closedBy = username
            request.closedAt = now()
            request.closeNote = reason
        }
    }

    /// Adds a comment to a request in any state; any active user may.
    public func commentOnRequest(_ id: String, text: String, by username: String) throws -> RequestView {
        let text = try AuditText.paragraph(text, "the comment", max: 2000)
        let requestID = try exclusively {
            try store.write { db -> String in
                _ = try activeUser(db, username)
                let request = try requestRecord(db, id)
                let number = (try Int.fetchOne(db, sql: "SELECT max(number) FROM request_comment WHERE request_id = ?", arguments: [request.id]) ?? 0) + 1
                let comment = RequestCommentRecord(requestId: request.id, number: number, username: username, text: text, at: now())
                try AuditTrail.track(db, .requestComment, key: comment.key, action: "request.comment", by: Actor(username: username, at: comment.at)) {
                    try comment.insert(db)
                }
                return request.id
            }
        }
        return try requestView(requestID)
    }

    private func changeRequest(
        _ id: String, action: String, by username: String, reason: String, _ change: (Database, inout RequestRecord) throws -> Void
    ) throws -> RequestView {
        let requestID = try exclusively {
            try store.write { db -> String in
                var request = try requestRecord(db, id)
                try change(db, &request)
                request.updatedAt = now()
                try AuditTrail.track(db, .request, key: request.id, action: action, by: Actor(username: username, at: now(), reason: reason)) {
                    try request.update(db)
                }
                return request.id
            }
        }
        return try requestView(requestID)
    }
}
