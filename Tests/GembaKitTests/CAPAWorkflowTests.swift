import Foundation
import Testing
@testable import GembaKit

/// A CAPA's steps in their only allowed order (21 CFR 11.10(f)), and who may take each.
@Suite("CAPA workflow")
struct CAPAWorkflowTests {
    @Test func aMajorFindingsCAPAGoesThroughEveryStepToClosure() throws {
        try withAuditRegister { r in
            // Given a major finding, when carl opens a CAPA for it
            let finding = try r.finding(.major)
            let id = try r.register.openCAPA(NewCAPA(title: "Gauges used past calibration", findings: [finding.id], problem: "G-114 used past due"), by: "carl")

            // Then it is CAPA-2026-001, open, graded and owned like its finding, linked to it
            #expect(id == "CAPA-2026-001")
            var view = try r.register.capaView(id)
            #expect(view.summary.state == "open" && view.summary.grade == "major" && view.summary.owner == "rob")
            #expect(view.summary.source == "audit-finding" && view.findings == [finding.id])
            #expect(try r.register.finding(finding.id).capa == id)

            // When every step is taken in order, then each moves the state on
            try r.contain(id)
            #expect(try r.capaState(id) == "contained")
            try r.rootCause(id)
            view = try r.register.capaView(id)
            #expect(view.summary.state == "root_caused" && view.whys.count == 3 && view.causeCategory == "method")
            let action = try r.addAction(id)
            #expect(action.id == "\(id)/A1" && action.status == "open" && action.dueOn == r.today.addingDays(90).description)
            #expect(try r.capaState(id) == "actions_planned")
            try r.complete(action.id)
            #expect(try r.capaState(id) == "actions_done")
            view = try r.verifyCAPA(id)
            #expect(view.summary.state == "verified" && view.effectivenessDue == r.today.addingDays(60).description)
            r.advance(days: 60)
            view = try r.effectiveness(id, .effective)
            #expect(view.summary.state == "effective")
            view = try r.register.closeCAPA(id, meaning: .approved, signer: r.credentials("quinn"), comment: "Closed at the quality meeting")
            #expect(view.summary.state == "closed" && view.closedAt != nil && view.nextStep == nil)

            // And the three signatures show who, what and when, each bound to the content signed
            #expect(view.signatures.map(\.step) == ["verification", "effectiveness", "closure"])
            #expect(view.signatures.map(\.meaning) == ["verified", "effective", "approved"])
            #expect(view.signatures.allSatisfy { $0.name == "Quinn Quality" && $0.contentVerified == true })
            #expect(view.signatures.first?.manifestation.hasPrefix("Verified by Quinn Quality (quinn) on 2026-03-02 ") == true)
            #expect(try r.actions(entity: id).filter { $0.hasPrefix("capa.") } == [
                "capa.open", "capa.link-finding", "capa.contain", "capa.root-cause", "capa.action-add", "capa.plan", "capa.action-done",
                "capa.actions-done", "capa.sign", "capa.verify", "capa.sign", "capa.effective", "capa.sign", "capa.close",
            ])
            #expect(try r.register.verify().problems == [])
        }
    }

    @Test func everyStepOutOfOrderIsRefusedAndNamesTheNextStep() throws {
        try withAuditRegister { r in
            typealias Step = (name: String, run: (String) throws -> Void)
            let steps: [Step] = [
                ("contain", { try r.contain($0) }),
                ("root cause", { try r.rootCause($0) }),
                ("action add", { try r.addAction($0) }),
                ("action done", { try r.complete("\($0)/A1") }),
                ("verify", { try r.verifyCAPA($0) }),
                ("effectiveness", { try r.effectiveness($0, .effective) }),
                ("close", { _ = try r.register.closeCAPA($0, meaning: .approved, signer: r.credentials("quinn")) }),
            ]
            // The steps each state allows (a major CAPA, never reopened).
            let allowed: [CAPAState: Set<String>] = [
                .open: ["contain"], .contained: ["root cause"], .rootCaused: ["root cause", "action add"],
                .actionsPlanned: ["action add", "action done"], .actionsDone: ["action add", "verify"],
                .verified: ["effectiveness"], .effective: ["close"], .closed: [],
            ]
            for state in CAPAState.allCases {
                // Given a CAPA in this state
                let id = try r.capa(at: state)
                let hasAction = ![CAPAState.open, .contained, .rootCaused].contains(state)
                for step in steps where !(allowed[state] ?? []).contains(step.name) {
                    if step.name == "action done" && !hasAction { continue }
                    // When a step it does not allow is taken, then it is refused, names the next step, and changes nothing
                    let before = try r.register.capaView(id)
                    expectAuditRefusal(.state, "next:") { try step.run(id) }
                    let after = try r.register.capaView(id)
                    #expect(after.summary.state == state.rawValue, "\(step.name) in \(state)")
                    #expect(after.signatures.count == before.signatures.count && after.actions.count == before.actions.count)
                }
            }
            #expect(try r.register.verify().problems == [])
        }
    }

    @Test func allowedRepeatsKeepOrMoveTheStateAsDocumented() throws {
        try withAuditRegister { r in
            // Given a CAPA with its root cause, when the root cause is recorded again, then it stays root-caused with the new cause
            let id = try r.capa(at: .rootCaused)
            _ = try r.register.recordRootCause(id, whys: ["Reminder missing"], rootCause: "No reminder", category: .measurement, by: "carl")
            #expect(try r.register.capaView(id).causeCategory == "measurement")
            #expect(try r.capaState(id) == "root_caused")

            // Given all actions done, when another action is planned, then the CAPA is back to actions planned
            try r.addAction(id)
            try r.complete("\(id)/A1")
            #expect(try r.capaState(id) == "actions_done")
            try r.addAction(id, description: "Train the gauge owners on the CMMS reminders")
            #expect(try r.capaState(id) == "actions_planned")
            expectAuditRefusal(.state, "already done") { try r.complete("\(id)/A1") }
            try r.complete("\(id)/A2")
            #expect(try r.capaState(id) == "actions_done")
        }
    }

    @Test func notEffectiveReopensTheCAPAWithNewWindowsAndCountsIt() throws {
        try withAuditRegister { r in
            // Given a verified CAPA whose effectiveness check is due
            let id = try r.capa(at: .verified)
            r.advance(days: 60)
            let checkDay = r.today

            // When the check is signed "not effective" without a comment, then it is refused
            expectAuditRefusal(.invalidInput, "--comment") {
                _ = try r.register.checkCAPAEffectiveness(id, result: .notEffective, signer: r.credentials("quinn"), comment: nil)
            }
            // When it is signed "not effective" with what was found
            var view = try r.effectiveness(id, .notEffective)

            // Then the CAPA is back to actions planned, reopened once, with new plan and completion windows
            #expect(view.summary.state == "actions_planned" && view.summary.reopened == 1)
            #expect(view.planDue == checkDay.addingDays(30).description && view.completeDue == checkDay.addingDays(90).description)
            #expect(view.effectivenessDue == nil && view.verifiedAt == nil)
            #expect(view.signatures.last?.meaning == "not effective")
            #expect(view.nextStep?.contains("capa action add") == true)

            // And it may take a revised root cause, new actions, and the whole way to closure again
            _ = try r.register.recordRootCause(id, whys: ["Reminders ignored"], rootCause: "Reminders go to a shared inbox", category: .man, by: "rob")
            let second = try r.addAction(id, description: "Send reminders to each gauge owner personally")
            #expect(second.planRound == 1)
            try r.complete(second.id)
            try r.verifyCAPA(id)
            r.advance(days: 60)
            try r.effectiveness(id, .effective)
            view = try r.register.closeCAPA(id, meaning: .responsibility, signer: r.credentials("quinn"))
            #expect(view.summary.state == "closed" && view.summary.reopened == 1)
            #expect(view.signatures.map(\.meaning) == ["verified", "not effective", "verified", "effective", "responsibility"])
            #expect(try r.actions(entity: id).contains("capa.reopen"))
            #expect(try r.register.verify().problems == [])
        }
    }

    @Test func theEffectivenessCheckCannotBeSignedBeforeItIsDue() throws {
        try withAuditRegister { r in
            let id = try r.capa(at: .verified)
            r.advance(days: 59)
            expectAuditRefusal(.state, "due on \(auditTestsStartDay.addingDays(60))") { try r.effectiveness(id, .effective) }
            #expect(try r.capaState(id) == "verified")
            r.advance(days: 1)
            try r.effectiveness(id, .effective)
            #expect(try r.capaState(id) == "effective")
        }
    }

    @Test func containmentMayBeSkippedOnlyWherePolicySays() throws {
        try withAuditRegister { r in
            // Given an observation's CAPA (containment not required by policy), root cause may come straight away
            let observation = try r.register.openCAPA(
                NewCAPA(title: "Torque log layout", findings: [try r.finding(.observation).id], problem: "Hard to read"), by: "carl")
            try r.rootCause(observation)
            #expect(try r.capaState(observation) == "root_caused")

            // Given a minor nonconformity's CAPA, containment comes first
            let minor = try r.capaForFinding(.minor)
            expectAuditRefusal(.state, "containment comes first") { try r.rootCause(minor) }
            #expect(try r.capaState(minor) == "open")
        }
        try withAuditRegister(capa: replacingFirstText("containment_required: false", with: "containment_required: true")) { r in
            // Given a policy that also makes observations contain first, then skipping is refused
            let observation = try r.register.openCAPA(
                NewCAPA(title: "Torque log layout", findings: [try r.finding(.observation).id], problem: "Hard to read"), by: "carl")
            expectAuditRefusal(.state, "containment comes first") { try r.rootCause(observation) }
        }
    }

    @Test func onlyTheOwnerOrCAPAManagersWorkOnACAPAAndOthersSign() throws {
        try withAuditRegister { r in
            let id = try r.capaForFinding(.major)
            // alice neither owns it nor has capa.manage
            expectAuditRefusal(.permission, "its owner rob") { _ = try r.register.containCAPA(id, containment: "x", by: "alice") }
            expectAuditRefusal(.permission, "may not open CAPAs") {
                _ = try r.register.openCAPA(NewCAPA(title: "t", source: .internal, grade: .minor, owner: "rob", problem: "p"), by: "alice")
            }
            try r.contain(id)
            try r.rootCause(id)
            let action = try r.addAction(id)
            expectAuditRefusal(.permission, "its owner rob") { _ = try r.register.completeCAPAAction(action.id, evidence: "done", by: "alice") }
            _ = try r.register.completeCAPAAction(action.id, evidence: "done", by: "carl")
            // rob owns it but has no capa.manage to sign the verification
            expectAuditRefusal(.permission, "sign the verification") { try r.verifyCAPA(id, by: "rob") }
            try r.verifyCAPA(id, by: "carl")
            r.advance(days: 60)
            try r.effectiveness(id, .effective, by: "carl")
            // The closure needs the quality role (policies/capa.yaml closure_role) and the meaning approved or responsibility
            expectAuditRefusal(.permission, "needs the role quality") { _ = try r.register.closeCAPA(id, meaning: .approved, signer: r.credentials("carl")) }
            expectAuditRefusal(.invalidInput, "approved or responsibility") { _ = try r.register.closeCAPA(id, meaning: .verified, signer: r.credentials("quinn")) }
            _ = try r.register.closeCAPA(id, meaning: .approved, signer: r.credentials("quinn"))
        }
        try withAuditRegister { r in
            // The owner of a CAPA may not verify it, even with capa.manage
            let id = try r.register.openCAPA(NewCAPA(title: "Label mix-up", source: .customerComplaint, sourceReference: "CC-0931", grade: .minor, owner: "carl", problem: "Wrong label"), by: "carl")
            _ = try r.register.containCAPA(id, containment: "Stock sorted", by: "carl")
            _ = try r.register.recordRootCause(id, whys: ["Template not checked"], rootCause: "No template check", category: .method, by: "carl")
            let action = try r.register.addCAPAAction(id, NewCAPAAction(description: "Check template", owner: "carl"), by: "carl")
            _ = try r.register.completeCAPAAction(action.id, evidence: "Checklist updated", by: "carl")
            expectAuditRefusal(.permission, "owns \(id)") { try r.verifyCAPA(id, by: "carl") }
            try r.verifyCAPA(id, by: "quinn")
        }
    }

    @Test func aWrongPasswordSignsNothingAndIsRecorded() throws {
        try withAuditRegister { r in
            let id = try r.capa(at: .actionsDone)
            expectAuditRefusal(.authentication, "wrong password") {
                _ = try r.register.verifyCAPA(id, signer: r.credentials("quinn", password: "not the password"))
            }
            #expect(try r.capaState(id) == "actions_done")
            #expect(try r.register.capaView(id).signatures.isEmpty)
            #expect(try r.actions(entity: "quinn").last == "signature.failed")
        }
    }

    @Test func openingChecksSourceGradeOwnerAndFindings() throws {
        try withAuditRegister { r in
            expectAuditRefusal(.invalidInput, "needs --source") { _ = try r.register.openCAPA(NewCAPA(title: "t", grade: .minor, owner: "rob", problem: "p"), by: "carl") }
            expectAuditRefusal(.invalidInput, "needs --grade") { _ = try r.register.openCAPA(NewCAPA(title: "t", source: .safetyIncident, owner: "rob", problem: "p"), by: "carl") }
            expectAuditRefusal(.invalidInput, "--owner") { _ = try r.register.openCAPA(NewCAPA(title: "t", source: .safetyIncident, grade: .major, problem: "p"), by: "carl") }
            expectAuditRefusal(.notFound, "no finding") { _ = try r.register.openCAPA(NewCAPA(title: "t", findings: ["AUD-2026-009/F1"], problem: "p"), by: "carl") }
            let major = try r.finding(.major)
            expectAuditRefusal(.invalidInput, "cannot be minor") {
                _ = try r.register.openCAPA(NewCAPA(title: "t", findings: [major.id], grade: .minor, problem: "p"), by: "carl")
            }
            expectAuditRefusal(.invalidInput, "audit-finding") {
                _ = try r.register.openCAPA(NewCAPA(title: "t", findings: [major.id], source: .supplier, problem: "p"), by: "carl")
            }
            let minor = try r.finding(.minor, in: major.audit)
            let id = try r.register.openCAPA(NewCAPA(title: "t", findings: [minor.id, major.id], problem: "p"), by: "carl")
            #expect(try r.register.capaView(id).summary.grade == "major")
            expectAuditRefusal(.conflict, "already answered by \(id)") {
                _ = try r.register.openCAPA(NewCAPA(title: "t", findings: [major.id], problem: "p"), by: "carl")
            }
            let incident = try r.register.openCAPA(
                NewCAPA(title: "Cell vented in rack F-3", source: .safetyIncident, sourceReference: "INC-2026-014", grade: .major, owner: "rob", problem: "p"),
                by: "quinn")
            #expect(incident == "CAPA-2026-002")
            expectAuditRefusal(.invalidInput, "in the future") { _ = try r.register.containCAPA(incident, containment: "x", on: r.today.addingDays(1), by: "rob") }
        }
    }
}

let auditTestsStartDay = Day(startOfTests)

/// Replaces the first occurrence of `text`.
func replacingFirstText(_ text: String, with replacement: String) -> (String) -> String {
    { whole in
        guard let range = whole.range(of: text) else { return whole }
        return whole.replacingCharacters(in: range, with: replacement)
    }
}
