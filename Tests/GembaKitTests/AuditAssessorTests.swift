import Foundation
import Testing
@testable import GembaKit

/// External assessors: read-only accounts that expire with their audit, every read in the trail.
@Suite("Audit assessors")
struct AuditAssessorTests {
    static let assessor = NewAssessor(username: "phallmann", name: "Petra Hallmann", email: "p.hallmann@nordcert.example", password: "assessor-pass-1")

    @Test func anAssessorAccountReadsUntilTheAuditWindowEndsAndEveryReadIsRecorded() throws {
        try withAuditRegister { r in
            // Given a two-day audit, when carl adds an assessor with his password
            let audit = try r.plannedAudit(days: 2)
            let view = try r.register.addAssessor(audit, Self.assessor, by: r.credentials("carl"))

            // Then the account holds only the auditor role and expires at midnight UTC after the last day
            #expect(view.username == "phallmann" && view.audit == audit && !view.expired)
            #expect(view.expiresAt == "\(r.today.addingDays(2))T00:00:00Z")
            #expect(try r.register.users().first { $0.username == "phallmann" }?.roles == ["auditor"])
            #expect(try r.register.auditView(audit).assessors.map(\.username) == ["phallmann"])
            #expect(try r.register.verify().problems == [])

            // When the assessor reads the audit, an access entry is appended; reads by others are not recorded
            try r.register.recordRead(audit, what: "audit show", by: "phallmann")
            try r.register.recordRead(audit, what: "audit show", by: "carl")
            try r.register.recordRead(audit, what: "audit show", by: nil)
            let access = try r.register.trail(entity: audit).filter { $0.action == "access" }
            #expect(access.count == 1 && access.first?.actor == "phallmann" && access.first?.reason == "audit show")
            #expect(access.first?.entityType == "access")

            // And the account has no authority to change anything
            expectAuditRefusal(.permission, "may not record audit findings") {
                _ = try r.register.addFinding(audit, NewFinding(grade: .ofi, clause: "1", description: "d", evidence: "e", owner: "rob"), by: "phallmann")
            }

            // When the window ends, the account stops working by itself, for reads and anything else
            r.move(to: r.today.addingDays(1))
            try r.register.recordRead(audit, what: "audit list", by: "phallmann")
            r.clock.set(r.today.addingDays(1).start)
            expectAuditRefusal(.permission, "the account phallmann expired on \(r.today) 00:00:00 UTC") {
                try r.register.recordRead(audit, what: "audit show", by: "phallmann")
            }
            expectAuditRefusal(.permission, "expired") { _ = try r.register.changePassword(of: "phallmann", to: "another-pass-2", by: r.credentials("phallmann", password: "assessor-pass-1")) }
            #expect(try r.register.auditView(audit).assessors.first?.expired == true)
            #expect(try r.register.trail(entity: audit).filter { $0.action == "access" }.count == 2)
            #expect(try r.register.verify().problems == [])
        }
    }

    @Test func addingAnAssessorIsRefusedWithoutAuthorityOrAfterTheWindow() throws {
        try withAuditRegister { r in
            let audit = try r.plannedAudit(days: 1)
            expectAuditRefusal(.permission, "may not add assessor accounts") { _ = try r.register.addAssessor(audit, Self.assessor, by: r.credentials("alice")) }
            expectAuditRefusal(.authentication, "wrong password") { _ = try r.register.addAssessor(audit, Self.assessor, by: r.credentials("carl", password: "wrong-password")) }
            #expect(try r.register.users().allSatisfy { $0.username != "phallmann" })
            // An administrator may add one too; the name is then taken for good
            _ = try r.register.addAssessor(audit, Self.assessor, by: r.credentials("ada"))
            expectAuditRefusal(.conflict, "never reused") { _ = try r.register.addAssessor(audit, Self.assessor, by: r.credentials("carl")) }
            expectAuditRefusal(.invalidInput, "at least 10 characters") {
                _ = try r.register.addAssessor(audit, NewAssessor(username: "short", name: "S", password: "short"), by: r.credentials("carl"))
            }
            r.advance(days: 1)
            expectAuditRefusal(.state, "ended on \(auditTestsStartDay)") {
                _ = try r.register.addAssessor(audit, NewAssessor(username: "late", name: "Late Auditor", password: "assessor-pass-1"), by: r.credentials("carl"))
            }
        }
    }

    @Test func aRegisterWhoseRolesLackTheAuditorRoleRefusesAssessors() throws {
        let lines = ["  auditor:", "    description: External assessor (certification body, customer); reads only, and the account expires with its audit", "    permissions: []"]
        try withRegister(policies: ["roles.yaml": { text in lines.reduce(text) { $0.replacingOccurrences(of: $1 + "\n", with: "") } }]) { r in
            let audit = try r.register.createAudit(
                NewAudit(kind: .supplier, title: "Supplier audit", standard: "IATF 16949", clauses: "8.4", leadAuditor: "Nils", startsOn: r.today, endsOn: r.today),
                by: "carl")
            expectAuditRefusal(.policy, "no role 'auditor'") { _ = try r.register.addAssessor(audit, Self.assessor, by: r.credentials("carl")) }
        }
    }
}
