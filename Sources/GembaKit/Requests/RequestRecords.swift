import Foundation
import GRDB

/// Where a request stands (21 CFR 11.10(f): only the transitions below are allowed).
/// `submitted -> approved | rejected | cancelled`, `approved -> fulfilled | cancelled`.
public enum RequestStatus: String, Codable, Sendable, CaseIterable {
    case submitted, approved, rejected, fulfilled, cancelled

    /// Still waiting for someone: a decision, or the work.
    public var isOpen: Bool { self == .submitted || self == .approved }
}

/// What a request signature means (21 CFR 11.50), shown in every manifestation.
public enum RequestSignatureMeaning: String, Codable, Sendable, CaseIterable {
    case approved, rejected
}

struct RequestRecord: GembaRecord, Equatable {
    static let databaseTableName = "request"
    var id: String
    var year: Int
    var seq: Int
    var kind: String
    var title: String
    /// JSON object: the kind's fields with their checked values.
    var details: String
    var requester: String
    var approverRole: String
    /// The person named to decide (or who decided); nil while any holder of the role may.
    var approver: String?
    var fulfillerRole: String
    var status: String
    var dueOn: String
    var submittedAt: Date
    var decidedBy: String?
    var decidedAt: Date?
    var closedBy: String?
    var closedAt: Date?
    var closeNote: String?
    var updatedAt: Date

    var state: RequestStatus { RequestStatus(rawValue: status) ?? .cancelled }

    var detailValues: [String: String] {
        (try? JSONSerialization.jsonObject(with: Data(details.utf8)) as? [String: String]) ?? [:]
    }
}

struct RequestCommentRecord: GembaRecord, Equatable {
    static let databaseTableName = "request_comment"
    var requestId: String
    var number: Int
    var username: String
    var text: String
    var at: Date

    var key: String { "\(requestId)/C\(number)" }
}

struct RequestSignatureRecord: GembaMutableRecord, Equatable {
    static let databaseTableName = "request_signature"
    var id: Int64?
    var requestId: String
    var meaning: String
    var username: String
    var printedName: String
    var signedAt: Date
    var contentHash: String
    var comment: String?

    var key: String { "\(requestId)/S\(id ?? 0)" }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
