import Foundation
import GRDB

extension Register {
    /// `gemba verify`: every "read and understood" acknowledgement points at its own revision's
    /// content (21 CFR 11.70) and was signed after it was assigned.
    func verifyTraining(_ report: inout VerificationReport) throws {
        let (signed, revisions) = try store.read { db in
            (try TrainingAssignmentRecord.filter(Column("status") == TrainingStatus.signed.rawValue).order(Column("document_id"), Column("revision_letter"), Column("username")).fetchAll(db),
             Dictionary(uniqueKeysWithValues: try RevisionRecord.fetchAll(db).map { ($0.key, $0) }))
        }
        report.checked["training acknowledgements"] = signed.count
        for acknowledgement in signed {
            let name = "training acknowledgement \(acknowledgement.key) (\(acknowledgement.printedName ?? "?"), \(TrainingAcknowledgementView.meaning))"
            guard let revision = revisions["\(acknowledgement.documentId)/\(acknowledgement.revisionLetter)"] else {
                report.problems.append("\(name): its revision is missing")
                continue
            }
            if !acknowledgementHolds(acknowledgement, revision) {
                report.problems.append("\(name): commit \(acknowledgement.signedCommit?.prefix(12) ?? "-") / tree \(acknowledgement.signedTree?.prefix(12) ?? "-") is not the content of \(revision.documentId) rev \(revision.letter)")
            }
            if let signedAt = acknowledgement.signedAt, signedAt < acknowledgement.assignedAt {
                report.problems.append("\(name): signed at \(Timestamp.string(signedAt)), before it was assigned at \(Timestamp.string(acknowledgement.assignedAt))")
            }
        }
    }
}
