import Foundation
import GRDB

/// What `request new` asks for.
public struct NewRequest: Sendable {
    public var kind: String
    public var title: String
    /// The kind's fields (policies/requests.yaml) by name.
    public var fields: [String: String]
    /// Someone holding the kind's approver role to decide; nil lets any holder decide.
    public var approver: String?

    public init(kind: String, title: String, fields: [String: String] = [:], approver: String? = nil) {
        self.kind = kind
        self.title = title
        self.fields = fields
        self.approver = approver
    }
}

extension Register {
    /// Submits a request: any active user may. It is due the kind's days after today; returns its ID.
    @discardableResult
    public func submitRequest(_ new: NewRequest, by username: String) throws -> RequestView {
        let title = try InputChecks.title(new.title)
        let policy = try requestPolicy()
        let kind = try policy.kind(new.kind)
        let training = try trainingPolicy()
        let id = try exclusively {
            try store.write { db in
                _ = try activeUser(db, username)
                let record = try insertRequest(db, kind: kind, title: title, fields: new.fields, approver: new.approver, training: training,
                                               by: Actor(username: username, at: now()))
                return record.id
            }
        }
        return try requestView(id)
    }

    /// Inserts a submitted request inside the caller's transaction (also used by onboarding).
    func insertRequest(
        _ db: Database, kind: RequestKind, title: String, fields: [String: String], approver: String?, training: TrainingPolicy, by actor: Actor
    ) throws -> RequestRecord {
        let details = try checkedDetails(db, kind, fields, training: training)
        if let approver {
            let user = try activeUser(db, approver)
            guard user.roleList.contains(kind.approverRole) else {
                throw GembaError.invalid("--approver \(approver) does not hold the role \(kind.approverRole) that approves a \(kind.name.lowercased()) (policies/requests.yaml)")
            }
            guard approver != actor.username else { throw GembaError.invalid("--approver: nobody approves their own request; name someone else") }
        }
        let today = Day(actor.at)
        let seq = (try Int.fetchOne(db, sql: "SELECT max(seq) FROM request WHERE year = ?", arguments: [today.year]) ?? 0) + 1
        let record = RequestRecord(
            id: String(format: "REQ-%04d-%04d", today.year, seq), year: today.year, seq: seq, kind: kind.code, title: title,
            details: try Register.encodeDetails(details), requester: actor.username, approverRole: kind.approverRole, approver: approver,
            fulfillerRole: kind.fulfillerRole, status: RequestStatus.submitted.rawValue, dueOn: today.addingDays(kind.dueDays).description,
            submittedAt: actor.at, decidedBy: nil, decidedAt: nil, closedBy: nil, closedAt: nil, closeNote: nil, updatedAt: actor.at)
        try AuditTrail.track(db, .request, key: record.id, action: "request.submit", by: actor) { try record.insert(db) }
        return record
    }

    func requestRecord(_ db: Database, _ id: String) throws -> RequestRecord {
        guard let record = try RequestRecord.fetchOne(db, key: id.uppercased()) else {
            throw GembaError.notFound("no request \(id) in this register; `gemba request list` shows the requests")
        }
        return record
    }
}
