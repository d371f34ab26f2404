import Foundation

/// The audits named with `--audit`: for each, a page with the audit, its checklist and its
/// findings (`audits/<ID>/index.html`), and a page per corrective action linked to a finding
/// (`audits/<ID>/<CAPA>.html`) with its root cause, actions, completion evidence and
/// signatures, all as they stood at the end of the as-of day. Document pages link to the audit
/// page when a finding cites the document.
struct AuditSection: BundleSection {
    let key = "audits"
    let heading = "Audits, findings and corrective actions"

    func plan(_ context: BundleContext) throws -> BundleSectionPlan {
        let register = context.register
        var plan = BundleSectionPlan()
        var summaries: [BundleJSON] = []
        for audit in context.audits {
            let folder = "audits/\(audit.audit.id)"
            let page = "\(folder)/index.html"
            plan.entries.append(BundleEntry(path: page, content: .data {
                Data(try register.auditPage(audit, context: context).utf8)
            }))
            let grades = Dictionary(grouping: audit.findings, by: \.grade).mapValues(\.count)
            let counts = FindingGrade.allCases.compactMap { grade in grades[grade.rawValue].map { "\($0) \(grade.name)" } }
            plan.links.append(BundleLink(
                path: page, label: "\(audit.audit.id): \(audit.audit.title)",
                detail: "\(audit.audit.status.replacingOccurrences(of: "_", with: " ")); \(counts.isEmpty ? "no finding" : counts.joined(separator: ", "))"))
            for capa in audit.capas {
                let path = "\(folder)/\(capa.pageName)"
                plan.entries.append(BundleEntry(path: path, content: .data {
                    Data(try register.capaPage(capa, audit: audit, context: context).utf8)
                }))
                plan.links.append(BundleLink(
                    path: path, label: "\(capa.capa.id): \(capa.capa.title)",
                    detail: "\(capa.capa.state.replacingOccurrences(of: "_", with: " ")); for \(capa.findings.joined(separator: ", "))"))
            }
            for finding in audit.findings {
                for document in Set(JSONList.decode(finding.documentLinks).compactMap({ $0.split(separator: "/").first.map(String.init) })).sorted() {
                    plan.related[document, default: []].append(BundleLink(
                        path: page, label: "Finding \(finding.id) (\(FindingGrade(rawValue: finding.grade)?.name ?? finding.grade))",
                        detail: "clause \(finding.clause)"))
                }
            }
            summaries.append(.object([
                "id": .string(audit.audit.id), "status": .string(audit.audit.status),
                "findings": .array(audit.findings.map { .string($0.id) }), "capas": .array(audit.capas.map { .string($0.capa.id) }),
            ]))
        }
        plan.manifest = { summaries.isEmpty ? nil : .array(summaries) }
        return plan
    }
}
