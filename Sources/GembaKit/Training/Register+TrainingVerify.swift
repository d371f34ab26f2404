import Foundation
import GRDB

extension Register {
    /// `gemba verify`: every "read and understood" acknowledgement points at its own revision's
    /// content (21 CFR 11.70) and was signed after it was assigned.
    func verifyTraining(_ report: inout VerificationReport) throws {
        // Streamed in revision order, each revision read once: a large register has millions of them.
        var count = 0
        var problems: [String] = []
        try store.read { db in
            let signed = try TrainingAssignmentRecord.filter(Column("status") == TrainingStatus.signed.rawValue)
                .order(Column("document_id"), Column("revision_letter"), Column("username")).fetchCursor(db)
            var revision: RevisionRecord?
            while let acknowledgement = try signed.next() {
                count += 1
                let name = "training acknowledgement \(acknowledgement.key) (\(acknowledgement.printedName ?? "?"), \(TrainingAcknowledgementView.meaning))"
                if revision?.documentId != acknowledgement.documentId || revision?.letter != acknowledgement.revisionLetter {
                    revision = try RevisionRecord.fetchOne(db, key: ["document_id": acknowledgement.documentId, "letter": acknowledgement.revisionLetter])
                }
                guard let revision else {
                    problems.append("\(name): its revision is missing")
                    continue
                }
                if !acknowledgementHolds(acknowledgement, revision) {
                    problems.append("\(name): commit \(acknowledgement.signedCommit?.prefix(12) ?? "-") / tree \(acknowledgement.signedTree?.prefix(12) ?? "-") is not the content of \(revision.documentId) rev \(revision.letter)")
                }
                if let signedAt = acknowledgement.signedAt, signedAt < acknowledgement.assignedAt {
                    problems.append("\(name): signed at \(Timestamp.string(signedAt)), before it was assigned at \(Timestamp.string(acknowledgement.assignedAt))")
                }
            }
        }
        report.checked["training acknowledgements"] = count
        report.problems += problems
    }
}
