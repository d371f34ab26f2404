import Foundation
import GembaKit
import HTTPTypes
import Testing
@testable import GembaWeb

@Suite("Audit pages")
struct AuditPageTests {
    @Test("an assessor reads the list and the audit page (scope, finding, cited revision, owner); both reads are in the trail")
    func assessorReads() async throws {
        try await withWebApp { fixture, browser in
            let finding = try fixture.startedAuditWithFinding()
            try await browser.logIn("sam")
            let list = try await browser.get("/audits")
            #expect(list.status == .ok)
            #expect(list.body.contains("href=\"/audits/\(fixture.audit)\"") && list.body.contains("1 minor"))
            let page = try await browser.get("/audits/\(fixture.audit)")
            #expect(page.status == .ok)
            #expect(page.body.contains("ISO 9001:2015, clauses 7.5"))
            #expect(page.body.contains(finding.id) && page.body.contains("minor nonconformity"))
            #expect(page.body.contains("Obsolete &lt;b&gt;copy&lt;/b&gt; at line 2") && !page.body.contains("<b>copy</b>"))
            #expect(page.body.contains("<a href=\"/documents/\(fixture.released)?rev=A\">\(fixture.released)/A</a>"))
            #expect(page.body.contains("Owner: Otto Operator (otto)") && page.body.contains("needs a CAPA"))
            // Read-only: no form to move the audit or to raise a CAPA.
            #expect(!page.body.contains("action=\"/audits/\(fixture.audit)/report\"") && !page.body.contains("action=\"/capa\""))
            let reads = try fixture.register.trail().filter { $0.actor == "sam" && $0.action == "access" }.map(\.reason)
            #expect(reads.contains("web audit list") && reads.contains("web audit page"))
            #expect(try await browser.get("/audits/AUD-1999-001").status == .notFound)
            #expect(try await browser.get("/audits?status=bogus").status == .badRequest)
            let anonymous = browser.fresh()
            #expect(try await anonymous.get("/audits").location?.hasPrefix("/login") == true)
            #expect(try await anonymous.get("/audits/\(fixture.audit)").location?.hasPrefix("/login") == true)
        }
    }

    @Test("a coordinator starts the audit, records a finding, issues the report, raises the CAPA and closes it")
    func lifecycle() async throws {
        try await withWebApp { fixture, browser in
            let page = "/audits/\(fixture.audit)"
            try await browser.logIn("carl")
            #expect(try await browser.get(page).body.contains("action=\"\(page)/start\""))
            let started = try await browser.post("\(page)/start", ["return": page])
            #expect(started.location == page)
            #expect(try fixture.register.auditView(fixture.audit).summary.status == "in_progress")
            let form = try await browser.get(page)
            #expect(form.body.contains("action=\"\(page)/findings\"") && form.body.contains("action=\"\(page)/report\""))
            let recorded = try await browser.post("\(page)/findings", [
                "grade": "major", "clause": "8.5.1", "description": "Torque not checked", "evidence": "Batch 77 record blank",
                "documents": "\(fixture.released)/A", "records": "Batch 77\nShift log 3", "area": "L1", "owner": "otto", "return": page,
            ])
            #expect(recorded.location == "\(page)#F1")
            let finding = try #require(try fixture.register.auditView(fixture.audit).findings.first)
            #expect(finding.grade == "major" && finding.documents == ["\(fixture.released)/A"] && finding.records == ["Batch 77", "Shift log 3"])
            let reported = try await browser.post("\(page)/report", ["summary": "One major nonconformity.", "return": page])
            #expect(reported.location == page)
            #expect(try fixture.register.auditView(fixture.audit).summary.status == "report_issued")
            // The register refuses to close while the nonconformity has no CAPA, and says why.
            let early = try await browser.post("\(page)/close", ["return": page])
            #expect(try await browser.flash(after: early)?.contains("need(s) a CAPA") == true)
            let withCAPA = try await browser.get(page)
            #expect(withCAPA.body.contains("Raise a CAPA for \(finding.id)"))
            let raised = try await browser.post("/capa", ["finding": finding.id, "title": "Torque checks skipped", "problem": "Batch 77 shipped unchecked",
                                                            "return": page])
            let capa = try #require(raised.location?.replacingOccurrences(of: "/capa/", with: ""))
            #expect(try fixture.register.capaView(capa).findings == [finding.id])
            #expect(try await browser.get(page).body.contains("<a href=\"/capa/\(capa)\">\(capa)</a>"))
            let closed = try await browser.post("\(page)/close", ["return": page])
            #expect(closed.location == page)
            #expect(try fixture.register.auditView(fixture.audit).summary.status == "closed")
        }
    }

    @Test("a coordinator plans an audit with a checklist and answers an item; the report waits for every answer")
    func planAndChecklist() async throws {
        try await withWebApp { fixture, browser in
            try await browser.logIn("carl")
            #expect(try await browser.get("/audits").body.contains("Plan an audit"))
            let planned = try await browser.post("/audits", [
                "kind": "internal", "title": "QMS audit", "standard": "ISO 9001:2015", "clauses": "4-10", "lead": "Carl Coordinator",
                "start": "2026-03-02", "end": "2026-03-03", "checklist": "iso9001", "areas": "L1, L2", "return": "/audits",
            ])
            let page = try #require(planned.location)
            let id = page.replacingOccurrences(of: "/audits/", with: "")
            #expect(try fixture.register.auditView(id).areas == ["L1", "L2"])
            _ = try await browser.post("\(page)/start", ["return": page])
            let item = try #require(try fixture.register.auditView(id).checklistItems.first)
            let nonconform = try await browser.post("\(page)/check", ["item": item.item, "result": "nonconform", "return": page])
            #expect(try await browser.flash(after: nonconform)?.contains("needs --note") == true)
            let checked = try await browser.post("\(page)/check", ["item": item.item, "result": "conform", "note": "Context reviewed", "return": page])
            #expect(checked.location == "\(page)#checklist")
            #expect(try fixture.register.auditView(id).checklistItems.first?.result == "conform")
            let report = try await browser.post("\(page)/report", ["summary": "Done", "return": page])
            #expect(try await browser.flash(after: report)?.contains("unanswered checklist item(s)") == true)
            let bad = try await browser.post("/audits", ["kind": "internal", "title": "x", "standard": "s", "clauses": "1", "lead": "l", "start": "someday", "return": "/audits"])
            #expect(try await browser.flash(after: bad)?.contains("The first day must be a date") == true)
        }
    }

    @Test("every audit form is refused to operators, assessors, logged-out visitors and without the CSRF token")
    func refusals() async throws {
        try await withWebApp { fixture, browser in
            let page = "/audits/\(fixture.audit)"
            try await expectPostRefusals(fixture, browser, "/audits", ["kind": "internal", "title": "x", "standard": "s", "clauses": "1", "lead": "l", "start": "2026-03-02"],
                                         refused: ["otto", "sam"], allowed: "carl")
            try await expectPostRefusals(fixture, browser, "\(page)/start", [:], refused: ["otto", "sam"], allowed: "carl")
            _ = try fixture.register.startAudit(fixture.audit, by: "carl")
            try await expectPostRefusals(fixture, browser, "\(page)/check", ["item": "x", "result": "conform"], refused: ["otto", "sam"], allowed: "carl")
            try await expectPostRefusals(fixture, browser, "\(page)/findings", [
                "grade": "minor", "clause": "1", "description": "d", "evidence": "e", "owner": "otto",
            ], refused: ["otto", "sam"], allowed: "carl")
            try await expectPostRefusals(fixture, browser, "\(page)/report", ["summary": "s"], refused: ["otto", "sam"], allowed: "carl")
            try await expectPostRefusals(fixture, browser, "\(page)/close", [:], refused: ["otto", "sam"], allowed: "carl")
            #expect(try fixture.register.auditView(fixture.audit).summary.status == "in_progress")
        }
    }
}
