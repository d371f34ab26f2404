import Foundation
import GRDB

/// An audit as it stood at the end of a bundle's as-of day, rebuilt from the audit trail: its
/// checklist, its findings, and the corrective actions linked to them with their actions and
/// signatures. Later changes (a finding raised, a CAPA closed after that day) are not in it.
struct BundleAudit {
    let audit: AuditRecord
    let checklist: [ChecklistItemRecord]
    let findings: [FindingRecord]
    let capas: [BundleCAPA]

    /// The documents in the audit's scope and those its findings cite, by ID.
    var documentsInScope: Set<String> {
        var ids = Set(JSONList.decode(audit.documents))
        for finding in findings { ids.formUnion(JSONList.decode(finding.documentLinks).compactMap { $0.split(separator: "/").first.map(String.init) }) }
        return ids
    }

    func capa(of finding: FindingRecord) -> BundleCAPA? {
        capas.first { $0.findings.contains(finding.id) }
    }
}

/// A corrective action as it stood at the end of the as-of day.
struct BundleCAPA {
    let capa: CAPARecord
    let findings: [String]
    let actions: [CAPAActionRecord]
    let signatures: [BundleCAPASignature]

    var pageName: String { "\(capa.id).html" }
}

/// A CAPA signature and whether the CAPA's content, rebuilt as it stood when it was signed,
/// still hashes to what the signature holds (21 CFR 11.70).
struct BundleCAPASignature {
    let record: CAPASignatureRecord
    let contentVerified: Bool
}

extension Register {
    /// The audit `id` as it stood before `cutoff`; an error when it did not exist yet.
    func bundleAudit(_ id: String, before cutoff: Date, asOf: Day) throws -> BundleAudit {
        let id = id.uppercased()
        guard let audit = try rowsAsOf(.audit, before: cutoff, as: AuditRecord.self, where: { $0 == id }).first else {
            if let now = try store.read({ db in try AuditRecord.fetchOne(db, key: id) }) {
                throw GembaError.state("\(id) was planned on \(Day(now.createdAt)), after the end of \(asOf); choose a later --as-of")
            }
            throw GembaError.notFound("no audit \(id) in this register; `gemba audit list` shows the audits")
        }
        let checklist = try rowsAsOf(.auditChecklistItem, before: cutoff, as: ChecklistItemRecord.self, where: { $0.hasPrefix("\(id)/check/") })
            .sorted { $0.position < $1.position }
        let findings = try rowsAsOf(.finding, before: cutoff, as: FindingRecord.self, where: { $0.hasPrefix("\(id)/") })
            .sorted { $0.number < $1.number }
        let findingIDs = Set(findings.map(\.id))
        let links = try rowsAsOf(.capaFinding, before: cutoff, as: CAPAFindingRecord.self).filter { findingIDs.contains($0.findingId) }
        let capas = try Set(links.map(\.capaId)).sorted().map { capaID -> BundleCAPA in
            guard let capa = try rowsAsOf(.capa, before: cutoff, as: CAPARecord.self, where: { $0 == capaID }).first else {
                throw GembaError(.integrity, "the audit trail links \(capaID) to \(id) before the CAPA exists; run `gemba verify`")
            }
            let signatures = try rowsAsOf(.capaSignature, before: cutoff, as: CAPASignatureRecord.self, where: { $0.hasPrefix("\(capaID)/S") })
                .sorted { ($0.signedAt, $0.id ?? 0) < ($1.signedAt, $1.id ?? 0) }
            return BundleCAPA(
                capa: capa, findings: links.filter { $0.capaId == capaID }.map(\.findingId).sorted(),
                actions: try rowsAsOf(.capaAction, before: cutoff, as: CAPAActionRecord.self, where: { $0.hasPrefix("\(capaID)/") })
                    .sorted { $0.number < $1.number },
                signatures: try signatures.map { BundleCAPASignature(record: $0, contentVerified: try signedContentMatches($0)) })
        }
        return BundleAudit(audit: audit, checklist: checklist, findings: findings, capas: capas)
    }

    /// Rebuilds the CAPA's content right after the signature's own trail entry and compares its
    /// hash with the one the signature holds.
    private func signedContentMatches(_ signature: CAPASignatureRecord) throws -> Bool {
        guard let seq = try store.read({ db in
            try Int64.fetchOne(db, sql: "SELECT min(seq) FROM audit_trail WHERE entity_type = ? AND entity_id = ?",
                               arguments: [TrackedTable.capaSignature.entityType, signature.key])
        }) else { return false }
        let capaID = signature.capaId
        guard let capa = try rowsAsOf(.capa, throughEntry: seq, as: CAPARecord.self, where: { $0 == capaID }).first else { return false }
        let actions = try rowsAsOf(.capaAction, throughEntry: seq, as: CAPAActionRecord.self, where: { $0.hasPrefix("\(capaID)/") })
            .sorted { $0.number < $1.number }
        let findings = try rowsAsOf(.capaFinding, throughEntry: seq, as: CAPAFindingRecord.self, where: { $0.hasPrefix("\(capaID)/") }).map(\.findingId).sorted()
        return try Register.capaContentHash(capa, actions: actions, findings: findings) == signature.contentHash
    }
}
