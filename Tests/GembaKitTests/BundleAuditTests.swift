import Foundation
import GRDB
import Testing
@testable import GembaKit

@Suite("Evidence bundles: --audit and --area")
struct BundleAuditTests {
    @Test("An audit's bundle holds the documents in its scope and those its findings cite, its findings and its CAPA with signatures")
    func auditBundle() throws {
        try withAuditRegister { r in
            // Given two effective SOPs and a WI, an audit with SOP-0001 in scope, and a major
            // finding citing WI-0001 rev A whose CAPA is verified
            let scoped = try r.releasedDocument()
            let other = try r.releasedDocument()
            let cited = try r.releasedDocument("WI")
            let audit = try r.register.createAudit(
                NewAudit(kind: .surveillance, title: "ISO 9001 surveillance", standard: "ISO 9001:2015", clauses: "7.5", areas: ["L1"],
                         documents: [scoped], auditingBody: "Nordcert", leadAuditor: "Petra Hallmann", startsOn: r.today, endsOn: r.today.addingDays(1)),
                by: "carl")
            _ = try r.register.startAudit(audit, by: "carl")
            let finding = try r.register.addFinding(
                audit, NewFinding(grade: .major, clause: "7.5.3.2", description: "Old <revision> posted at the press", evidence: "Photo IMG-1",
                                  documents: ["\(cited)/A"], area: "L1", owner: "rob"), by: "carl")
            let capa = try r.register.openCAPA(NewCAPA(title: "Obsolete copies at the press", findings: [finding.id], problem: "Rev A posted"), by: "carl")
            try r.contain(capa)
            try r.rootCause(capa)
            try r.addAction(capa)
            try r.complete("\(capa)/A1")
            try r.verifyCAPA(capa)

            // When a bundle of the audit is built
            let (url, result) = try buildBundle(r, scope: BundleScope(audits: [audit.lowercased()]))

            // Then it holds the scoped and the cited document, not the other one
            #expect(result.documents == ["\(scoped)/A", "\(cited)/A"])
            #expect(result.scope == "audit \(audit)")
            let paths = try bundleFiles(url).map(\.path)
            #expect(!paths.contains { $0.contains(other) })
            #expect(paths.contains("audits/\(audit)/index.html") && paths.contains("audits/\(audit)/\(capa).html"))

            // And the audit page shows the finding, escaped, linked to the document page and the CAPA
            let page = try bundleText(url, "audits/\(audit)/index.html")
            #expect(page.contains("Old &lt;revision&gt; posted at the press") && !page.contains("<revision>"))
            #expect(page.contains("href=\"../../documents/\(cited)/\(cited)-rev-A.html\""))
            #expect(page.contains("href=\"\(capa).html\"") && page.contains("(verified)"))

            // And the CAPA page shows its actions with evidence and the signature manifestation,
            // checked against the content it signed
            let capaPage = try bundleText(url, "audits/\(audit)/\(capa).html")
            #expect(capaPage.contains("CMMS work order WO-88121 closed with screenshots"))
            #expect(capaPage.contains("Verified by Quinn Quality (quinn) on"))
            #expect(capaPage.contains("matches the CAPA's content when signed") && !capaPage.contains("does not match"))

            // And the cited document's page links back to the finding
            let documentPage = try bundleText(url, "documents/\(cited)/\(cited)-rev-A.html")
            #expect(documentPage.contains("href=\"../../audits/\(audit)/index.html\"") && documentPage.contains("Finding \(finding.id)"))

            // And the trail extract has the audit's and the CAPA's entries
            let csv = try bundleText(url, "audit-trail.csv")
            for action in ["audit.plan", "audit.finding", "capa.open", "capa.sign", "capa.action-done"] {
                #expect(csv.contains(",\(action),"), "\(action)")
            }
            let sections = try #require(try bundleManifest(url)["sections"] as? [String: Any])
            let audits = try #require(sections["audits"] as? [[String: Any]])
            #expect(audits.first?["id"] as? String == audit && audits.first?["capas"] as? [String] == [capa])
            #expect(try r.register.verifyBundle(at: url).isClean)
        }
    }

    @Test("An audit's bundle shows the audit and its CAPA as they stood at the end of the as-of day")
    func auditAsOf() throws {
        try withAuditRegister { r in
            // Given an effective SOP, an audit in progress and a CAPA that is contained on day one
            let id = try r.releasedDocument()
            let found = try r.finding(.major)
            let capa = try r.register.openCAPA(NewCAPA(title: "Gauges", findings: [found.id], problem: "Gauge used past due"), by: "carl")
            try r.contain(capa)
            let dayOne = r.today

            // And the next day a second finding is raised and the CAPA's root cause recorded
            r.advance(days: 1)
            _ = try r.register.addFinding(
                found.audit, NewFinding(grade: .observation, clause: "9.2", description: "Late observation", evidence: "Minutes", owner: "rob"), by: "carl")
            try r.rootCause(capa)

            // When a bundle of the audit is built as of day one
            let (url, _) = try buildBundle(r, asOf: dayOne, scope: BundleScope(documents: [id], audits: [found.audit]))

            // Then it has the first finding only and the CAPA as contained, without the root cause
            let page = try bundleText(url, "audits/\(found.audit)/index.html")
            #expect(page.contains(found.id) && !page.contains("Late observation"))
            let capaPage = try bundleText(url, "audits/\(found.audit)/\(capa).html")
            #expect(capaPage.contains("<td>contained</td>") && !capaPage.contains("No system reminds owners"))

            // And a bundle as of today shows the change
            let (later, _) = try buildBundle(r, scope: BundleScope(documents: [id], audits: [found.audit]), name: "later.zip")
            #expect(try bundleText(later, "audits/\(found.audit)/index.html").contains("Late observation"))
            #expect(try bundleText(later, "audits/\(found.audit)/\(capa).html").contains("No system reminds owners"))

            // And building the same bundle again gives the same bytes
            let (again, _) = try buildBundle(r, asOf: dayOne, scope: BundleScope(documents: [id], audits: [found.audit]), name: "again.zip")
            #expect(try Data(contentsOf: again) == Data(contentsOf: url))
        }
    }

    @Test("An audit that did not exist on the as-of day, or does not exist, is refused and nothing is written")
    func auditRefusals() throws {
        try withAuditRegister { r in
            _ = try r.releasedDocument()
            let yesterday = r.today.addingDays(-1)
            let audit = try r.plannedAudit()
            expectAuditRefusal(.state, "was planned on \(r.today), after the end of \(yesterday)") {
                _ = try buildBundle(r, asOf: yesterday, scope: BundleScope(audits: [audit]))
            }
            expectAuditRefusal(.notFound, "no audit AUD-2099-001") { _ = try buildBundle(r, scope: BundleScope(audits: ["AUD-2099-001"])) }
            #expect(!FileManager.default.fileExists(atPath: r.folder.appendingPathComponent("bundle.zip").path))
        }
    }

    @Test("--area takes the documents that applied to the area on the as-of day")
    func areaScope() throws {
        try withTrainingRegister { r in
            // Given SOP-0001 for L1 from the start, SOP-0002 for L2, and SOP-0003 moved to L1 a day later
            let first = try r.register.createDocument(NewDocument(type: "SOP", title: "Coater", file: try r.markdown("# Coater\n"), areas: ["L1"]), by: "alice")
            try r.startReview(first)
            try r.signStandardRoute(first)
            let second = try r.releasedDocument()
            try r.register.setDocumentAreas(second, to: ["L2"], by: "alice")
            let third = try r.releasedDocument()
            let dayOne = r.today
            r.advance(days: 1)
            try r.register.setDocumentAreas(third, to: ["L1", "QA"], by: "alice")

            // Then a bundle of L1 as of day one has SOP-0001 only, and as of today SOP-0001 and SOP-0003
            #expect(try buildBundle(r, asOf: dayOne, scope: BundleScope(areas: ["L1"])).result.documents == ["\(first)/A"])
            #expect(try buildBundle(r, scope: BundleScope(areas: ["L1"]), name: "today.zip").result.documents == ["\(first)/A", "\(third)/A"])
            // And an unknown area is refused with the areas policy allows
            expectAuditRefusal(.invalidInput, "unknown area 'L9'") { _ = try buildBundle(r, scope: BundleScope(areas: ["L9"]), name: "x.zip") }
        }
    }

    @Test("Document areas: set by authors, checked against policy, in the trail and in doc list")
    func documentAreas() throws {
        try withTrainingRegister { r in
            let id = try r.releasedDocument()
            #expect(try r.register.setDocumentAreas(id, to: ["L2", " L1 ", "L2"], by: "alice") == ["L1", "L2"])
            #expect(try r.register.documentAreas(id) == ["L1", "L2"])
            #expect(try r.register.documents(DocumentFilter(area: "L2")).map(\.id) == [id])
            #expect(try r.register.documents(DocumentFilter(area: "QA")).isEmpty)
            #expect(try r.register.document(id).summary.areas == ["L1", "L2"])
            try r.register.setDocumentAreas(id, to: ["L2"], by: "carl")
            #expect(try r.actions(entity: "\(id)/L1") == ["document.area-add", "document.area-remove"])

            expectAuditRefusal(.permission, "may not set a document's areas") { try r.register.setDocumentAreas(id, to: ["L1"], by: "rita") }
            expectAuditRefusal(.invalidInput, "unknown area 'Paint'") { try r.register.setDocumentAreas(id, to: ["Paint"], by: "alice") }
            expectAuditRefusal(.state, "already applies to L2") { try r.register.setDocumentAreas(id, to: ["L2"], by: "alice") }
            expectAuditRefusal(.notFound, "no document SOP-0099") { try r.register.setDocumentAreas("SOP-0099", to: ["L2"], by: "alice") }
            expectAuditRefusal(.invalidInput, "unknown area 'Paint'") {
                _ = try r.register.createDocument(NewDocument(type: "SOP", title: "X", file: try r.markdown("# X\n"), areas: ["Paint"]), by: "alice")
            }
            #expect(try r.register.documents().count == 1)
            #expect(try r.register.verify().isClean)
        }
    }
}
