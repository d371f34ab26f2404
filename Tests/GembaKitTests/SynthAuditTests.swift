import Foundation
import GRDB
import Testing
@testable import GembaKit

/// Audits, findings, CAPAs and production data of a synthetic register.
@Suite struct SynthAuditTests {
    private let parameters = SynthParameters(documents: 40, revisions: 2, people: 30, years: 3, seed: 11)

    @Test func auditsFindingsCAPAsAndProductionAreThereAndVerifyIsClean() throws {
        try withSynthetic(parameters) { register, summary in
            // verify finds nothing, CAPA signatures included
            let report = try register.verify()
            #expect(report.problems == [], "\(report.problems.prefix(5))")
            #expect(report.checked["CAPA signatures"] ?? 0 > 0)

            // Audits of every kind planned, most closed, with answered checklists and findings
            let audits = try register.audits()
            #expect(Set(audits.map(\.kind)).isSuperset(of: ["internal", "supplier", "safety"]))
            #expect(audits.contains { $0.kind == "certification" || $0.kind == "surveillance" })
            #expect(audits.filter { $0.status == AuditStatus.closed.rawValue }.count > audits.count / 2)
            let answered = try register.store.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_checklist_item WHERE result IS NOT NULL") ?? 0
            }
            #expect(answered > 100)
            let grades = try register.store.read { db in
                Set(try String.fetchAll(db, sql: "SELECT DISTINCT grade FROM finding"))
            }
            #expect(grades.isSuperset(of: ["major", "minor", "observation"]))
            #expect(summary.counts["findings", default: 0] > 10)
            #expect(audits.contains { $0.status == AuditStatus.planned.rawValue }, "next year's programme is planned")

            // External auditors had read-only accounts that expired with their audit
            let assessors = try register.store.read { db in
                try Row.fetchAll(db, sql: "SELECT a.audit_id, u.expires_at FROM audit_assessor a JOIN user u ON u.username = a.username")
            }
            #expect(!assessors.isEmpty)
            #expect(assessors.allSatisfy { ($0["expires_at"] as String?) != nil })

            // Every major and minor finding of a closed audit has its CAPA
            let unanswered = try register.store.read { db in
                try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM finding f JOIN audit a ON a.id = f.audit_id
                    WHERE a.status = 'closed' AND f.grade IN ('major', 'minor')
                      AND f.id NOT IN (SELECT finding_id FROM capa_finding)
                    """) ?? 0
            }
            #expect(unanswered == 0)

            // CAPAs in several states, most closed with their three signatures; some open and overdue
            let capas = try register.capas()
            let states = Set(capas.map(\.state))
            #expect(states.contains(CAPAState.closed.rawValue))
            #expect(states.count >= 3, "\(states)")
            #expect(capas.filter { $0.state == CAPAState.closed.rawValue }.count > capas.count / 2)
            #expect(capas.contains { $0.source != CAPASource.auditFinding.rawValue })
            let closedSteps = try register.store.read { db in
                try String.fetchAll(db, sql: """
                    SELECT DISTINCT s.step FROM capa_signature s JOIN capa c ON c.id = s.capa_id AND s.plan_round = c.reopened WHERE c.state = 'closed'
                    """)
            }
            #expect(Set(closedSteps) == ["verification", "effectiveness", "closure"])
            #expect(try register.capaOverdue().count > 0)

            // Production data for every line over the history, imported in batches the trail records
            let plant = try register.plantPolicy()
            #expect(plant.lines.map(\.id) == parameters.lineNames)
            let rows = try register.store.read { db in
                try Row.fetchAll(db, sql: "SELECT line, count(*) AS n, min(day) AS first FROM production_confirmation GROUP BY line ORDER BY line")
            }
            #expect(rows.map { $0["line"] as String } == plant.lines.map(\.id))
            #expect(rows.allSatisfy { ($0["n"] as Int) > 500 })
            let batches = try register.importBatches()
            #expect(Set(batches.map(\.kind)).isSuperset(of: ["calendar", "production", "downtime", "hours"]))
            let trailed = try register.store.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_trail WHERE action = 'data.import'") ?? 0
            }
            #expect(trailed == batches.count)

            // The KPI report over the last month shows real OEE figures for every line
            let last = parameters.end.addingDays(-1)
            let kpis = try register.kpiReport(KPIQuery(from: last.addingDays(-29), to: last))
            #expect(kpis.rows.count == plant.lines.count + 1)
            for row in kpis.rows {
                let oee = try #require(row.oee, "\(row.line) has no OEE")
                #expect(oee > 0.4 && oee < 0.95, "\(row.line): \(oee)")
                #expect(row.failures >= 0 && row.hoursWorked > 0)
            }
        }
    }

    @Test func theBundleFindsTheTrailEntriesOfItsScopeByIndexExactlyAsAFullScanDoes() throws {
        try withSynthetic(parameters) { register, _ in
            // Given every other document, audit and CAPA of the register, and two unknown IDs
            let subjects = try register.store.read { db in
                var subjects: Set<String> = ["SOP-9999", "AUD-1999-001"]
                for table in ["document", "audit", "capa"] {
                    let ids = try String.fetchAll(db, sql: "SELECT id FROM \(table) ORDER BY id")
                    subjects.formUnion(ids.enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
                }
                return subjects
            }

            // When the bundle looks them up through the indexes
            let found = try register.trailEntries(about: subjects)

            // Then it finds exactly the entries a scan of the whole trail finds, in order
            let trail = try register.trail()
            let expected = trail.compactMap { entry -> (seq: Int64, subject: String)? in
                guard let subject = Register.trailSubject(entityType: entry.entityType, entityId: entry.entityId, values: [entry.newValue, entry.oldValue]),
                    subjects.contains(subject)
                else { return nil }
                return (entry.seq, subject)
            }
            let mismatch = zip(found, expected).first { $0.0 != $1.0 || $0.1 != $1.1 }
            #expect(found.count == expected.count && mismatch == nil,
                    "\(found.count) found, \(expected.count) in the trail; first difference: \(String(describing: mismatch))")
            let types = Set(trail.filter { entry in found.contains { $0.seq == entry.seq } }.map(\.entityType))
            #expect(types.isSuperset(of: [
                "document", "revision", "review_cycle", "signature", "git_ref", "training_assignment", "audit", "finding",
                "audit_checklist_item", "capa", "capa_action", "capa_signature",
            ]), "\(types.sorted())")
            #expect(!found.isEmpty && found.count < trail.count)
        }
    }

    @Test func theSameSeedGivesTheSameAuditsCAPAsAndProduction() throws {
        let fingerprint: () throws -> [String] = {
            try withSynthetic(SynthParameters(documents: 12, revisions: 2, people: 20, years: 2, seed: 5)) { register, _ in
                try register.store.read { db in
                    [
                        try String.fetchOne(db, sql: "SELECT hash FROM audit_trail ORDER BY seq DESC LIMIT 1") ?? "",
                        try String.fetchOne(db, sql: "SELECT group_concat(id || status, ',') FROM audit") ?? "",
                        try String.fetchOne(db, sql: "SELECT group_concat(id || state, ',') FROM capa") ?? "",
                        "\(try Double.fetchOne(db, sql: "SELECT sum(produced_qty) FROM production_confirmation") ?? 0)",
                    ]
                }
            }
        }
        let first = try fingerprint()
        #expect(try fingerprint() == first)
        #expect(first[1].contains("AUD-"))
    }
}
