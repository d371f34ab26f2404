import Foundation
import GRDB

/// The state of one person's training on one revision.
public enum TrainingStatus: String, Codable, Sendable, CaseIterable {
    /// Waiting for the person's "read and understood" signature.
    case open
    /// Signed "read and understood" for the exact revision.
    case signed
    /// Closed unsigned because a newer revision became effective.
    case superseded
    /// Closed unsigned: the document became obsolete, or the person no longer needs to read it.
    case cancelled
}

/// One person's assignment to read one revision, and their acknowledgement once signed.
struct TrainingAssignmentRecord: GembaRecord, Equatable {
    static let databaseTableName = "training_assignment"
    var documentId: String
    var revisionLetter: String
    var username: String
    var status: String
    /// Comma-separated, sorted: the requiring roles the person held when assigned.
    var roles: String
    /// Why the assignment exists: `rev C approved`, `role operator given`...
    var reason: String
    var assignedAt: Date
    /// `YYYY-MM-DD`: the last day to sign.
    var dueOn: String
    var closedAt: Date?
    var signedAt: Date?
    var printedName: String?
    /// The commit and folder tree signed: the release commit, or the signed draft before release.
    var signedCommit: String?
    var signedTree: String?

    var key: String { "\(documentId)/\(revisionLetter)/\(username)" }
    var isOpen: Bool { status == TrainingStatus.open.rawValue }
}

/// A document's own list of roles that must read it, overriding its type's.
struct TrainingRequirementRecord: GembaRecord, Equatable {
    static let databaseTableName = "training_requirement"
    var documentId: String
    /// Comma-separated, sorted; empty when nobody must read the document.
    var roles: String
    var setBy: String
    var setAt: Date
    var reason: String

    var roleList: [String] { roles.split(separator: ",").map(String.init) }
}

/// A person's membership of an area or line (L1, QA...).
struct PersonAreaRecord: GembaRecord, Equatable {
    static let databaseTableName = "person_area"
    var username: String
    var area: String
}

/// A certificate a person holds: issued and expiry dates.
struct CertificationRecord: GembaMutableRecord, Equatable {
    static let databaseTableName = "certification"
    var id: Int64?
    var username: String
    var kind: String
    var issuedOn: String
    var expiresOn: String
    var reference: String?
    var recordedBy: String
    var recordedAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
