import Foundation
import Testing
@testable import GembaKit

/// Audits: planned -> in progress -> report issued -> closed, checklists and findings.
@Suite("Audits")
struct AuditTests {
    @Test func anAuditMovesThroughItsStatusesInOrderOnly() throws {
        try withAuditRegister { r in
            // Given an audit carl planned
            let id = try r.plannedAudit()
            var view = try r.register.auditView(id)
            #expect(id == "AUD-2026-001" && view.summary.status == "planned" && view.summary.auditingBody == "Nordcert GmbH")
            #expect(view.areas == ["L1", "L2"] && view.summary.standard == "ISO 9001:2015" && view.clauses == "7.1.5, 7.5, 8.5.1, 10.2")

            // Then a report, a closure, a finding or a check before it starts is refused, naming the next step
            expectAuditRefusal(.state, "next: `gemba audit start \(id)`") { _ = try r.register.issueAuditReport(id, summary: "s", by: "carl") }
            expectAuditRefusal(.state, "next: `gemba audit start") { _ = try r.register.closeAudit(id, by: "carl") }
            expectAuditRefusal(.state, "recording a finding is not allowed") { _ = try r.finding(.minor, in: id) }

            // When it starts, it is in progress and cannot start again
            view = try r.register.startAudit(id, by: "carl")
            #expect(view.summary.status == "in_progress" && view.startedAt != nil)
            expectAuditRefusal(.state, "is in progress") { _ = try r.register.startAudit(id, by: "carl") }
            expectAuditRefusal(.state, "gemba audit report") { _ = try r.register.closeAudit(id, by: "carl") }

            // When the report is issued, findings stop and closure is next
            view = try r.register.issueAuditReport(id, summary: "No findings; the system is effective", by: "carl")
            #expect(view.summary.status == "report_issued" && view.reportSummary == "No findings; the system is effective")
            expectAuditRefusal(.state, "is report issued") { _ = try r.finding(.minor, in: id) }
            expectAuditRefusal(.state, "gemba audit close \(id)") { _ = try r.register.startAudit(id, by: "carl") }

            // When it closes, nothing more is allowed
            view = try r.register.closeAudit(id, by: "carl")
            #expect(view.summary.status == "closed" && view.nextStep == nil)
            expectAuditRefusal(.state, "the audit is closed") { _ = try r.register.issueAuditReport(id, summary: "again", by: "carl") }
            #expect(try r.actions(entity: id) == ["audit.plan", "audit.start", "audit.report", "audit.close"])
            #expect(try r.register.verify().problems == [])
        }
    }

    @Test func onlyAuditManagersPlanAndRunAudits() throws {
        try withAuditRegister { r in
            expectAuditRefusal(.permission, "may not plan audits") {
                _ = try r.register.createAudit(
                    NewAudit(kind: .internal, title: "t", standard: "ISO 9001:2015", clauses: "9.2", leadAuditor: "Rita", startsOn: r.today, endsOn: r.today),
                    by: "alice")
            }
            let id = try r.plannedAudit()
            expectAuditRefusal(.permission, "may not start audits") { _ = try r.register.startAudit(id, by: "rita") }
            _ = try r.register.startAudit(id, by: "quinn")
            expectAuditRefusal(.invalidInput, "ends (2026-03-01) before it starts") {
                _ = try r.register.createAudit(
                    NewAudit(kind: .internal, title: "t", standard: "ISO", clauses: "9.2", leadAuditor: "Rita", startsOn: r.today, endsOn: r.today.addingDays(-1)),
                    by: "carl")
            }
            expectAuditRefusal(.notFound, "no document SOP-0099") {
                _ = try r.register.createAudit(
                    NewAudit(kind: .internal, title: "t", standard: "ISO", clauses: "9.2", documents: ["SOP-0099"], leadAuditor: "Rita", startsOn: r.today, endsOn: r.today),
                    by: "carl")
            }
        }
    }

    @Test func aChecklistIsCopiedFromItsTemplateAndMustBeAnsweredBeforeTheReport() throws {
        try withAuditRegister { r in
            // Given an audit planned with the ISO 9001 checklist
            let id = try r.plannedAudit(checklist: "iso9001")
            var view = try r.register.auditView(id)
            let template = try r.register.checklistTemplate("iso9001")
            #expect(view.checklist == "iso9001" && view.checklistItems.count == template.items.count && template.items.count >= 20)
            #expect(view.checklistItems.map(\.item) == template.items.map(\.id))
            #expect(Set(view.checklistItems.map { $0.clause.split(separator: ".").first.map(String.init) ?? "" }) == ["4", "5", "6", "7", "8", "9", "10"])
            #expect(view.checklistItems.allSatisfy { $0.result == nil })

            // Then items are answered only while the audit is in progress
            expectAuditRefusal(.state, "checking an item is not allowed") { _ = try r.register.checkAuditItem(id, item: "7.5", result: .conform, note: nil, by: "carl") }
            _ = try r.register.startAudit(id, by: "carl")
            expectAuditRefusal(.invalidInput, "needs --note") { _ = try r.register.checkAuditItem(id, item: "7.5", result: .nonconform, note: nil, by: "carl") }
            expectAuditRefusal(.notFound, "no checklist item '99'") { _ = try r.register.checkAuditItem(id, item: "99", result: .conform, note: nil, by: "carl") }
            let checked = try r.register.checkAuditItem(id, item: "7.1.5", result: .nonconform, note: "G-114 past due", by: "carl")
            #expect(checked.result == "nonconform" && checked.checkedBy == "carl" && checked.note == "G-114 past due")

            // And the report waits for every item
            expectAuditRefusal(.state, "unanswered checklist item(s)") { _ = try r.register.issueAuditReport(id, summary: "s", by: "carl") }
            for item in template.items where item.id != "7.1.5" {
                _ = try r.register.checkAuditItem(id, item: item.id, result: item.clause == "4.3" ? .na : .conform, note: nil, by: "carl")
            }
            view = try r.register.issueAuditReport(id, summary: "One nonconformity", by: "carl")
            #expect(view.summary.status == "report_issued")
            expectAuditRefusal(.notFound, "audit-checklist-iso14001.yaml") { _ = try r.plannedAudit(checklist: "iso14001") }
            #expect(try r.register.verify().problems == [])
        }
    }

    @Test func findingsAreNumberedAndLinkToDocumentRevisionsAndRecords() throws {
        try withAuditRegister { r in
            let sop = try r.releasedDocument()
            let id = try r.auditInProgress(checklist: "iso9001")
            let first = try r.finding(.minor, in: id)
            let second = try r.register.addFinding(
                id, NewFinding(grade: .major, clause: "7.5.3", description: "Obsolete revision at the line", evidence: "Rev A printout at station 4",
                               documents: [sop, "\(sop)/a"], records: ["FORM-0001 2026-03-02 shift B"], area: "L2", owner: "rob", checklistItem: "7.5"),
                by: "carl")
            #expect(first.id == "\(id)/F1" && second.id == "\(id)/F2" && second.number == 2)
            #expect(second.documents == ["\(sop)/A", "\(sop)/A"] && second.records == ["FORM-0001 2026-03-02 shift B"])
            #expect(second.gradeName == "major nonconformity" && second.capaRequired && second.capa == nil && second.checklistItem == "7.5")
            #expect(try r.register.auditView(id).summary.findings == ["major": 1, "minor": 1])
            expectAuditRefusal(.notFound, "has no revision C") {
                _ = try r.register.addFinding(id, NewFinding(grade: .ofi, clause: "7.5", description: "d", evidence: "e", documents: ["\(sop)/C"], owner: "rob"), by: "carl")
            }
            expectAuditRefusal(.notFound, "no user nobody") {
                _ = try r.register.addFinding(id, NewFinding(grade: .ofi, clause: "7.5", description: "d", evidence: "e", owner: "nobody"), by: "carl")
            }
            expectAuditRefusal(.permission, "may not record audit findings") {
                _ = try r.register.addFinding(id, NewFinding(grade: .ofi, clause: "7.5", description: "d", evidence: "e", owner: "rob"), by: "rob")
            }
            #expect(try r.register.trail(entity: second.id).map(\.action) == ["audit.finding"])
        }
    }

    @Test func idsCountPerYear() throws {
        try withAuditRegister { r in
            #expect(try r.plannedAudit() == "AUD-2026-001")
            #expect(try r.plannedAudit() == "AUD-2026-002")
            r.move(to: try Day.on("2027-01-04"))
            #expect(try r.plannedAudit() == "AUD-2027-001")
            #expect(try r.register.audits().map(\.id).first == "AUD-2027-001")
            #expect(try r.register.audits(status: .inProgress).isEmpty)
        }
    }
}
