import Foundation
import GRDB

extension Register {
    /// Part of `verify`: every signature of a CAPA's current plan round must still match the
    /// SHA-256 of the CAPA's content; a hand edit of signed content shows here (21 CFR 11.70).
    func verifyCAPASignatures(_ report: inout VerificationReport) throws {
        let problems = try store.read { db -> (Int, [String]) in
            var problems: [String] = []
            var count = 0
            for capa in try CAPARecord.order(Column("id")).fetchAll(db) {
                let hash = try capaContentHash(db, capa)
                let signatures = try CAPASignatureRecord.filter(Column("capa_id") == capa.id).order(Column("id")).fetchAll(db)
                count += signatures.count
                for signature in signatures where signature.planRound == capa.reopened && signature.contentHash != hash {
                    problems.append("\(capa.id): the content signed '\(signature.meaning)' by \(signature.printedName) on \(Timestamp.readable(signature.signedAt)) no longer matches (problem, containment, root cause or actions were changed outside gemba)")
                }
                if signatures.contains(where: { $0.planRound > capa.reopened }) {
                    problems.append("\(capa.id): a signature belongs to a plan round the CAPA has not reached; the record was changed outside gemba")
                }
            }
            return (count, problems)
        }
        report.checked["CAPA signatures"] = problems.0
        report.problems += problems.1
    }
}
