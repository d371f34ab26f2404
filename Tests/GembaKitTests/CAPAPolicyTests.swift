import Foundation
import Testing
@testable import GembaKit

/// policies/capa.yaml: due windows and needs by grade.
@Suite("CAPA policy")
struct CAPAPolicyTests {
    @Test func dueWindowsFollowTheGrade() throws {
        try withAuditRegister { r in
            // Given CAPAs of each grade opened today
            let audit = try r.auditInProgress()
            var views: [FindingGrade: CAPAView] = [:]
            for grade in FindingGrade.allCases {
                let finding = try r.finding(grade, in: audit)
                views[grade] = try r.register.capaView(try r.register.openCAPA(NewCAPA(title: "t", findings: [finding.id], problem: "p"), by: "carl"))
            }
            // Then plan and completion are due per the shipped policy
            let expected: [FindingGrade: (Int, Int)] = [.major: (30, 90), .minor: (60, 120), .observation: (90, 180), .ofi: (90, 180)]
            for (grade, days) in expected {
                #expect(views[grade]?.planDue == r.today.addingDays(days.0).description, "\(grade)")
                #expect(views[grade]?.completeDue == r.today.addingDays(days.1).description, "\(grade)")
            }
            // And the effectiveness check falls due 60 days after verifying a major CAPA, 90 after a minor one
            let major = try r.capa(at: .actionsDone)
            #expect(try r.verifyCAPA(major).effectivenessDue == r.today.addingDays(60).description)
            let minor = try r.capaForFinding(.minor)
            try r.contain(minor)
            try r.rootCause(minor)
            try r.complete(try r.addAction(minor).id)
            #expect(try r.verifyCAPA(minor).effectivenessDue == r.today.addingDays(90).description)
        }
    }

    @Test func anEditedPolicyChangesTheWindows() throws {
        try withAuditRegister(capa: replacingFirstText("plan_days: 30", with: "plan_days: 10")) { r in
            let id = try r.capaForFinding(.major)
            #expect(try r.register.capaView(id).planDue == r.today.addingDays(10).description)
        }
    }

    @Test func aMalformedPolicyIsRefusedWithFileAndLine() throws {
        let shipped = try String(contentsOf: shippedPolicyFolder.appendingPathComponent(CAPAPolicy.fileName), encoding: .utf8)
        let roles: Set = ["quality", "admin"]
        #expect(try CAPAPolicy.parse(Data(shipped.utf8), roles: roles).rule(.minor).planDays == 60)
        let cases: [(String, String)] = [
            (shipped.replacingOccurrences(of: "  ofi:", with: "  improvement:"), "unknown grade 'improvement'"),
            (shipped.replacingOccurrences(of: "plan_days: 30", with: "plan_days: 300"), "must not be shorter than plan_days"),
            (shipped.replacingOccurrences(of: "closure_role: quality", with: "closure_role: boss"), "closure_role 'boss' is not a role"),
            (shipped.replacingOccurrences(of: "due_soon_days: 14", with: "due_soon_days: 14\nextra: 1"), "unknown key 'extra'"),
        ]
        for (text, message) in cases {
            let error = try #require(throws: GembaError.self) { try CAPAPolicy.parse(Data(text.utf8), roles: roles) }
            #expect(error.message.hasPrefix("policies/capa.yaml:") && error.message.contains(message), "\(error.message)")
        }
        let missing = shipped.components(separatedBy: "\n").prefix { !$0.hasPrefix("  ofi:") }.joined(separator: "\n") + "\nclosure_role: quality\ndue_soon_days: 14\n"
        let error = try #require(throws: GembaError.self) { try CAPAPolicy.parse(Data(missing.utf8), roles: roles) }
        #expect(error.message.contains("grade 'ofi' (opportunity for improvement) is missing"))
    }

    @Test func aRegisterWithoutCAPAPolicyUsesTheStandardRules() throws {
        try withRegister { r in
            #expect(try r.register.capaPolicy() == CAPAPolicy.standard)
            let shipped = try String(contentsOf: shippedPolicyFolder.appendingPathComponent(CAPAPolicy.fileName), encoding: .utf8)
            #expect(try CAPAPolicy.parse(Data(shipped.utf8), roles: ["quality"]) == CAPAPolicy.standard)
        }
    }

    @Test func policyDecidesWhichFindingsNeedACAPABeforeTheAuditCloses() throws {
        try withAuditRegister { r in
            // Given an audit with an observation and a minor nonconformity
            let audit = try r.auditInProgress()
            let observation = try r.finding(.observation, in: audit)
            let minor = try r.finding(.minor, in: audit)
            #expect(!observation.capaRequired && minor.capaRequired)
            _ = try r.register.issueAuditReport(audit, summary: "Two findings", by: "carl")
            // When it is closed without a CAPA for the minor finding, then it is refused naming the finding
            expectAuditRefusal(.state, "\(minor.id) need(s) a CAPA") { _ = try r.register.closeAudit(audit, by: "carl") }
            _ = try r.register.openCAPA(NewCAPA(title: "t", findings: [minor.id], problem: "p"), by: "carl")
            #expect(try r.register.closeAudit(audit, by: "carl").summary.status == "closed")
        }
        try withAuditRegister(capa: replacingFirstText("capa_required: false", with: "capa_required: true")) { r in
            // Given a policy that wants a CAPA for observations too
            let audit = try r.auditInProgress()
            let observation = try r.finding(.observation, in: audit)
            #expect(observation.capaRequired)
            _ = try r.register.issueAuditReport(audit, summary: "One observation", by: "carl")
            expectAuditRefusal(.state, "\(observation.id) need(s) a CAPA") { _ = try r.register.closeAudit(audit, by: "carl") }
        }
    }
}
