import Foundation
import GRDB

/// Which requests `request list` shows.
public struct RequestFilter: Sendable {
    public var status: RequestStatus?
    public var kind: String?
    /// Requests submitted by, or decided by (or named for), this person.
    public var person: String?
    public var openOnly: Bool

    public init(status: RequestStatus? = nil, kind: String? = nil, person: String? = nil, openOnly: Bool = false) {
        self.status = status
        self.kind = kind
        self.person = person
        self.openOnly = openOnly
    }
}

extension Register {
    /// Requests, oldest first.
    public func requests(_ filter: RequestFilter = RequestFilter()) throws -> [RequestSummary] {
        let policy = try requestPolicy()
        if let kind = filter.kind { _ = try policy.kind(kind) }
        return try store.read { db in
            var request = RequestRecord.order(Column("year"), Column("seq"))
            if let status = filter.status { request = request.filter(Column("status") == status.rawValue) }
            if filter.openOnly { request = request.filter([RequestStatus.submitted.rawValue, RequestStatus.approved.rawValue].contains(Column("status"))) }
            if let kind = filter.kind { request = request.filter(Column("kind") == kind) }
            if let person = filter.person { request = request.filter(Column("requester") == person || Column("approver") == person) }
            return try request.fetchAll(db).map { requestSummary($0, policy) }
        }
    }

    /// One request with its details, signature, comments and next step.
    public func requestView(_ id: String) throws -> RequestView {
        let policy = try requestPolicy()
        return try store.read { db in
            let request = try requestRecord(db, id)
            let names = try peopleNames(db)
            let values = request.detailValues
            let fields = policy.kinds[request.kind]?.fields.map(\.name) ?? values.keys.sorted()
            let types = Dictionary(uniqueKeysWithValues: (policy.kinds[request.kind]?.fields ?? []).map { ($0.name, $0.type.rawValue) })
            let signature = try RequestSignatureRecord.filter(Column("request_id") == request.id).fetchOne(db).map { record in
                RequestSignatureView(
                    username: record.username, name: record.printedName, meaning: record.meaning, signedAt: Timestamp.string(record.signedAt),
                    contentHash: record.contentHash, comment: record.comment,
                    manifestation: "\(record.meaning.capitalized) by \(record.printedName) (\(record.username)) on \(Timestamp.readable(record.signedAt))",
                    contentVerified: (try? Register.requestContentHash(request)) == record.contentHash)
            }
            let comments = try RequestCommentRecord.filter(Column("request_id") == request.id).order(Column("number")).fetchAll(db).map { c in
                RequestCommentView(number: c.number, username: c.username, name: names[c.username] ?? c.username, at: Timestamp.string(c.at), text: c.text)
            }
            return RequestView(
                summary: requestSummary(request, policy), details: fields.map { RequestDetail(name: $0, type: types[$0] ?? "text", value: values[$0]) },
                fulfillerRole: request.fulfillerRole, submittedAt: Timestamp.string(request.submittedAt), decidedBy: request.decidedBy,
                decidedAt: request.decidedAt.map(Timestamp.string), closedBy: request.closedBy, closedAt: request.closedAt.map(Timestamp.string),
                closeNote: request.closeNote, signature: signature, comments: comments, nextStep: nextStep(request))
        }
    }

    /// Open requests by kind and by approver, with their days open in the policy's buckets.
    public func requestAging() throws -> RequestAging {
        let policy = try requestPolicy()
        let open = try requests(RequestFilter(openOnly: true))
        let bounds = policy.agingBuckets
        var names: [String] = []
        var lower = 0
        for bound in bounds {
            names.append("\(lower)-\(bound)")
            lower = bound + 1
        }
        names.append("over \(bounds.last ?? 0)")
        func group(_ name: String, _ items: [RequestSummary]) -> RequestAgingGroup {
            var buckets = Array(repeating: 0, count: names.count)
            for item in items { buckets[bounds.firstIndex { item.openDays <= $0 } ?? bounds.count] += 1 }
            return RequestAgingGroup(
                name: name, count: items.count, overdue: items.filter { ($0.daysOverdue ?? 0) > 0 }.count,
                oldestOpenDays: items.map(\.openDays).max() ?? 0, buckets: buckets)
        }
        let byKind = Dictionary(grouping: open, by: \.kind).sorted { $0.key < $1.key }.map { group($0.key, $0.value) }
        let byApprover = Dictionary(grouping: open, by: approverLabel).sorted { $0.key < $1.key }.map { group($0.key, $0.value) }
        return RequestAging(asOf: today().description, openCount: open.count, buckets: names, byKind: byKind, byApprover: byApprover,
                            requests: open.sorted { ($0.openDays, $1.id) > ($1.openDays, $0.id) })
    }

    /// Open requests overdue or due within `withinDays`, for `gemba status`: kind `request`,
    /// reference the request ID, owner the named approver (or, once approved, nobody in particular).
    public func requestLateItems(withinDays days: Int) throws -> [LateItem] {
        guard try policyFile(RequestPolicy.fileName) != nil else { return [] }
        return try requests(RequestFilter(openOnly: true)).compactMap { item in
            guard let late = item.daysOverdue, late >= -days else { return nil }
            let waiting = item.status == RequestStatus.submitted.rawValue ? "approval by \(approverLabel(item))" : "fulfilment"
            return LateItem(kind: "request", reference: item.id, title: "\(item.kindName): \(item.title) (waits for \(waiting))",
                            owner: item.status == RequestStatus.submitted.rawValue ? item.approver : nil, dueDate: item.dueDate, daysOverdue: late)
        }.sorted { ($0.daysOverdue, $1.reference) > ($1.daysOverdue, $0.reference) }
    }

    private func approverLabel(_ item: RequestSummary) -> String { item.approver ?? "any \(item.approverRole)" }

    func requestSummary(_ request: RequestRecord, _ policy: RequestPolicy) -> RequestSummary {
        let today = today()
        let submitted = Day(request.submittedAt)
        let end = request.state.isOpen ? today : Day(request.closedAt ?? request.decidedAt ?? request.updatedAt)
        return RequestSummary(
            id: request.id, kind: request.kind, kindName: policy.kinds[request.kind]?.name ?? request.kind, title: request.title,
            status: request.status, requester: request.requester, approver: request.approver, approverRole: request.approverRole,
            submittedOn: submitted.description, dueDate: request.dueOn, openDays: submitted.days(until: end),
            daysOverdue: request.state.isOpen ? Day(request.dueOn).map { $0.days(until: today) } : nil)
    }

    private func nextStep(_ request: RequestRecord) -> String? {
        switch request.state {
        case .submitted:
            "approve or reject (\(request.approver ?? "a holder of \(request.approverRole)")): `gemba request approve \(request.id)` or `gemba request reject \(request.id) --comment ...`"
        case .approved: "fulfil (a holder of \(request.fulfillerRole)): `gemba request fulfil \(request.id) --note ...`"
        case .rejected, .fulfilled, .cancelled: nil
        }
    }
}
