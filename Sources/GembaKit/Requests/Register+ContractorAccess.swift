import Foundation
import GRDB

extension Register {
    /// What keeps a contractor access request from approval, one phrase each: an induction
    /// document without an effective revision or not read ("read and understood" of the
    /// effective revision, or of an earlier one the training rules accept), and every required
    /// certification missing or not valid on each day from `from` to `to`. Empty when it may go.
    func contractorAccessGaps(_ db: Database, _ request: RequestRecord, _ rule: ContractorAccessRule, training: TrainingPolicy) throws -> [String] {
        let details = request.detailValues
        guard let contractor = details["contractor"], let from = details["from"].flatMap(Day.init), let to = details["to"].flatMap(Day.init) else {
            return ["the request lacks its contractor or access dates"]
        }
        var gaps: [String] = []
        if to < Day(now()) { gaps.append("the access window ended on \(to)") }
        for id in rule.inductionDocuments {
            guard let document = try DocumentRecord.fetchOne(db, key: id), let effective = document.effectiveRevision, document.obsoleteAt == nil else {
                gaps.append("the safety induction \(id) has no effective revision to read")
                continue
            }
            if try !hasRead(db, contractor, document, training: training) {
                gaps.append("\(contractor) has not read the safety induction \(id) rev \(effective) (`gemba training sign \(id)`)")
            }
        }
        let extra = details["certifications"].map { $0.split(separator: ",").map(String.init) } ?? []
        for kind in rule.certifications + extra.filter({ !rule.certifications.contains($0) }) {
            let held = try CertificationRecord.filter(Column("username") == contractor && Column("kind") == kind)
                .order(Column("expires_on").desc).fetchAll(db)
            if held.isEmpty {
                gaps.append("\(contractor) holds no \(kind) certificate")
            } else if !held.contains(where: { ($0.issuedOn <= from.description) && ($0.expiresOn >= to.description) }) {
                let latest = held[0]
                let problem = latest.issuedOn > from.description
                    ? "is only valid from \(latest.issuedOn), after the first access day \(from)"
                    : latest.expiresOn < from.description ? "expired on \(latest.expiresOn)" : "expires on \(latest.expiresOn), before the last access day \(to)"
                gaps.append("the \(kind) certificate of \(contractor) \(problem)")
            }
        }
        return gaps
    }

    /// Whether the person signed "read and understood" for the document's effective revision,
    /// or for an earlier one the training rules still accept (only minor changes since).
    func hasRead(_ db: Database, _ username: String, _ document: DocumentRecord, training: TrainingPolicy) throws -> Bool {
        guard let target = try trainingTargets(db, document, training).first(where: { $0.revision.letter == document.effectiveRevision }) else { return false }
        let signed = try Int.fetchAll(db, sql: """
            SELECT r.seq FROM training_assignment a JOIN revision r ON r.document_id = a.document_id AND r.letter = a.revision_letter
            WHERE a.document_id = ? AND a.username = ? AND a.status = 'signed'
            """, arguments: [document.id, username])
        return signed.contains { target.accepted.contains($0) }
    }
}
