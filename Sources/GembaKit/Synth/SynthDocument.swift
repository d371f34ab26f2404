import Foundation
import GembaGit

/// One synthetic document as its history unfolds: the records as last written, the open
/// review cycle, and the plan for what comes next. Each has its own random stream, so its
/// history does not depend on the others'.
final class SynthDocument {
    let index: Int
    var random: SynthRandom
    let type: DocumentType
    let area: String
    let author: Int
    /// Revisions it will have if the history is long enough.
    let plannedRevisions: Int
    /// Made obsolete after its last revision.
    let retires: Bool
    /// The document whose release is the last commit on main (its tree holds every effective document).
    let isFinal: Bool

    var record: DocumentRecord?
    var revisions: [RevisionRecord] = []
    var cycle: ReviewCycleRecord?
    var steps: [RouteStep] = []
    var signatures: [SignatureRecord] = []
    /// The effective revision's release commit and its folder tree there.
    var released: (commit: ObjectID, folder: ObjectID)?
    /// Open training assignments, by person.
    var training: [Int: [TrainingAssignmentRecord]] = [:]
    var content = Data()
    var fileExtension = "md"
    /// In the last hour of the history: the final release runs its steps minutes apart.
    var finishing = false

    init(index: Int, random: SynthRandom, type: DocumentType, area: String, author: Int, plannedRevisions: Int, retires: Bool, isFinal: Bool) {
        self.index = index
        self.random = random
        self.type = type
        self.area = area
        self.author = author
        self.plannedRevisions = plannedRevisions
        self.retires = retires
        self.isFinal = isFinal
    }

    var id: String { record?.id ?? "" }
    var latest: RevisionRecord? { revisions.last }
    var effective: RevisionRecord? { revisions.last { $0.letter == record?.effectiveRevision } }

    func replace(_ revision: RevisionRecord) {
        if let index = revisions.lastIndex(where: { $0.letter == revision.letter }) { revisions[index] = revision }
    }
}
