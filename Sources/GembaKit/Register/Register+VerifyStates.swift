import Foundation
import GRDB

extension Register {
    /// Part of `verify`: no record is further along than its signatures allow. A revision that
    /// is approved, effective or superseded needs an approved revision cycle whose signatures
    /// fill every step of its route; a CAPA that is verified, effective or closed needs the
    /// signatures of those steps in its current plan round (21 CFR 11.10(f), 11.70).
    func verifySignedStates(_ report: inout VerificationReport) throws {
        // Revisions are checked with their batch in `verifyRevisions` (`signedRevisionProblems`).
        let problems = try store.read { db -> [String] in
            var problems: [String] = []
            let needs: [CAPAState: [(step: String, meanings: Set<String>)]] = [
                .verified: [("verification", ["verified"])],
                .effective: [("verification", ["verified"]), ("effectiveness", ["effective"])],
                .closed: [("verification", ["verified"]), ("effectiveness", ["effective"]), ("closure", ["approved", "responsibility"])],
            ]
            for capa in try CAPARecord.order(Column("id")).fetchAll(db) {
                guard let state = CAPAState(rawValue: capa.state), let required = needs[state] else { continue }
                let given = try CAPASignatureRecord.filter(Column("capa_id") == capa.id && Column("plan_round") == capa.reopened).fetchAll(db)
                for need in required where !given.contains(where: { $0.step == need.step && need.meanings.contains($0.meaning) }) {
                    problems.append("\(capa.id): it is \(capa.state) but has no \(need.step) signature in its plan round \(capa.reopened); the record was changed outside gemba")
                }
            }
            return problems
        }
        report.problems += problems
    }

    /// The revisions of a `verifyRevisions` batch that are further along than their signatures allow.
    func signedRevisionProblems(_ db: Database, _ batch: VerificationBatch) throws -> [String] {
        var problems: [String] = []
        let signed: Set<String> = [RevisionStatus.approved.rawValue, RevisionStatus.effective.rawValue, RevisionStatus.superseded.rawValue]
        let cycles = batch.cycles.filter { $0.kind == ReviewCycleKind.revision.rawValue }
        let cycleIDs = cycles.compactMap(\.id)
        // The batch's signatures, and any signature on one of its cycles that names another document.
        let ofCycles = Set(try SignatureRecord.select(Column("id"), as: Int64.self).filter(cycleIDs.contains(Column("cycle_id"))).fetchAll(db))
        var onCycles = batch.signatures.filter { $0.id.map(ofCycles.contains) ?? false }
        let elsewhere = ofCycles.subtracting(onCycles.compactMap(\.id))
        if !elsewhere.isEmpty { onCycles += try SignatureRecord.fetchAll(db, keys: elsewhere.sorted()) }
        let signatures = Dictionary(grouping: onCycles, by: \.cycleId)
        let cyclesByRevision = Dictionary(grouping: cycles) { "\($0.documentId)/\($0.revisionLetter)" }
        // Imported revisions were approved on paper: their legacy approval, signed by the import, stands in for a cycle.
        let imported = Set(batch.imports.map { $0["revision_key"] as String })
        for revision in batch.revisions where !imported.contains(revision.key) {
            let ofRevision = cyclesByRevision[revision.key] ?? []
            let pinsDraft = { (cycle: ReviewCycleRecord) in cycle.pinnedCommit == revision.draftCommit && cycle.pinnedTree == revision.draftTree }
            if revision.status == RevisionStatus.inReview.rawValue,
                let open = ofRevision.first(where: { $0.status == ReviewCycleStatus.open.rawValue }), !pinsDraft(open) {
                problems.append("\(revision.documentId) rev \(revision.letter): its draft is not the content its open review cycle pinned and was signed on; it was changed outside gemba")
            }
            guard signed.contains(revision.status) else { continue }
            let complete = ofRevision.contains { cycle in
                guard cycle.status == ReviewCycleStatus.approved.rawValue, pinsDraft(cycle), let steps = try? steps(of: cycle) else { return false }
                let given = signatures[cycle.id ?? 0] ?? []
                return steps.indices.allSatisfy { index in given.filter { $0.stepIndex == index }.count >= steps[index].signatures }
            }
            if !complete {
                problems.append("\(revision.documentId) rev \(revision.letter): it is \(revision.status) but no approved review cycle holds every signature its route needs; the record was changed outside gemba")
            }
        }
        return problems
    }
}
