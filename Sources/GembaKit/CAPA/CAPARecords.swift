import Foundation
import GRDB

struct CAPARecord: GembaRecord, Equatable {
    static let databaseTableName = "capa"
    var id: String
    var year: Int
    var seq: Int
    var title: String
    var source: String
    var sourceReference: String?
    var grade: String
    var owner: String
    var state: String
    var problem: String
    var containment: String?
    var containedOn: String?
    /// JSON list: the answers to "why?", first to last.
    var whys: String?
    var rootCause: String?
    var causeCategory: String?
    var openedBy: String
    var openedAt: Date
    var planDue: String
    var completeDue: String
    var plannedAt: Date?
    var verifiedAt: Date?
    var effectivenessDue: String?
    /// How many times a "not effective" check sent the CAPA back to planning.
    var reopened: Int
    var closedAt: Date?
    var updatedAt: Date

    /// A "not effective" check: back to planning with new plan and completion deadlines from
    /// `now`, counted in `reopened`. Used by the service and by `gemba synth`.
    mutating func reopen(at now: Date, rule: GradeRule) {
        state = CAPAState.actionsPlanned.rawValue
        reopened += 1
        verifiedAt = nil
        effectivenessDue = nil
        planDue = Day(now).addingDays(rule.planDays).description
        completeDue = Day(now).addingDays(rule.completeDays).description
    }
}

struct CAPAFindingRecord: GembaRecord, Equatable {
    static let databaseTableName = "capa_finding"
    var capaId: String
    var findingId: String

    var key: String { "\(capaId)/\(findingId)" }
}

struct CAPAActionRecord: GembaRecord, Equatable {
    static let databaseTableName = "capa_action"
    var id: String
    var capaId: String
    var number: Int
    /// The planning round the action belongs to (0, then 1 after the first reopening...).
    var planRound: Int
    var description: String
    var owner: String
    var dueOn: String
    var status: String
    var documentId: String?
    var documentRevision: String?
    var evidence: String?
    var completedRevision: String?
    var doneBy: String?
    var doneAt: Date?
    var createdBy: String
    var createdAt: Date
}

struct CAPASignatureRecord: GembaMutableRecord, Equatable {
    static let databaseTableName = "capa_signature"
    var id: Int64?
    var capaId: String
    var planRound: Int
    var step: String
    var meaning: String
    var username: String
    var printedName: String
    var signedAt: Date
    var contentHash: String
    var comment: String?

    var key: String { "\(capaId)/S\(id ?? 0)" }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
