import Foundation
import GRDB

extension Register {
    /// The `Signed-off-by:` lines a release commit must carry: one per signature of the
    /// approved revision cycle that released it, as `prepareRelease` writes them. Keyed by
    /// revision key (`SOP-0001/A`), each list sorted.
    static func expectedSignOffs(signatures: [SignatureRecord], cycles: [ReviewCycleRecord], imports: [Row] = []) -> [String: [String]] {
        let releasing = Set(cycles.filter {
            $0.kind == ReviewCycleKind.revision.rawValue && $0.status == ReviewCycleStatus.approved.rawValue
        }.compactMap(\.id))
        var lines: [String: [String]] = [:]
        for signature in signatures where releasing.contains(signature.cycleId) {
            lines["\(signature.documentId)/\(signature.revisionLetter)", default: []].append(
                "Signed-off-by: \(signature.printedName) <\(signature.username)> \(signature.meaning) \(Timestamp.string(signature.signedAt))")
        }
        // An imported revision's release is the import's commit, signed by whoever imported it.
        for row in imports {
            let key: String = row["revision_key"]
            let printedName: String = row["printed_name"], username: String = row["imported_by"], meaning: String = row["meaning"], at: String = row["signed_at"]
            lines[key, default: []].append("Signed-off-by: \(printedName) <\(username)> \(meaning) \(at)")
        }
        return lines.mapValues { $0.sorted() }
    }

    /// A released revision's signatures must be the manifestation its release commit carries:
    /// git's hash chain and the tag pin that message, so a signature copied onto, removed from
    /// or changed on a released revision shows here even when the trail was rewritten to match.
    static func signOffProblem(_ name: String, commitMessage: String, expected: [String]) -> String? {
        let carried = commitMessage.split(separator: "\n").filter { $0.hasPrefix("Signed-off-by: ") }.map(String.init).sorted()
        guard carried != expected else { return nil }
        let extra = expected.filter { !carried.contains($0) }.count
        let missing = carried.filter { !expected.contains($0) }.count
        return "\(name): its recorded signatures differ from the manifestation in its release commit (\(extra) not in the commit, \(missing) no longer recorded); the signatures were changed outside gemba"
    }
}

extension Register {
    /// A document signature must belong to its cycle: the same revision, a step of the cycle's
    /// frozen route with that step's name and meaning, and a time while the cycle was open. A
    /// signature copied onto another revision, cycle or step fails one of these.
    func signatureFitsCycle(_ signature: SignatureRecord, _ cycle: ReviewCycleRecord) -> String? {
        if signature.documentId != cycle.documentId || signature.revisionLetter != cycle.revisionLetter {
            return "belongs to review cycle \(cycle.id ?? 0) of \(cycle.documentId) rev \(cycle.revisionLetter), another revision"
        }
        if signature.signedAt < cycle.startedAt || cycle.closedAt.map({ signature.signedAt > $0 }) == true {
            return "was made at \(Timestamp.string(signature.signedAt)), outside the time its review cycle was open"
        }
        if let index = signature.stepIndex {
            guard let steps = try? steps(of: cycle), steps.indices.contains(index) else {
                return "names step \(index), which its review cycle's route does not have"
            }
            if steps[index].name != signature.stepName || steps[index].meaning.rawValue != signature.meaning {
                return "does not match step \(index) ('\(steps[index].name)', \(steps[index].meaning.rawValue)) of its review cycle's route"
            }
        }
        return nil
    }
}
