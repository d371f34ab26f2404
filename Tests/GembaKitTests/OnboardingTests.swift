import Foundation
import Testing
@testable import GembaKit

@Suite struct OnboardingTests {
    @Test func aNewOperatorsPlanFromTheRoles() throws {
        try withRequestRegister { r in
            // Given an effective SOP operators must read, and olga (operator) without training on it
            let sop = try r.releasedDocument()
            // When carl starts her onboarding
            let start = try r.register.startOnboarding("olga", by: "carl")
            // Then the plan holds the SOP, the operator certificates and two system access requests
            #expect(start.created && start.added.count == 5)
            let plan = start.plan
            #expect(plan.items.filter { $0.part == "training" }.map(\.subject) == [sop])
            #expect(plan.items.filter { $0.part == "certification" }.map(\.subject) == ["forklift", "dry-room-access"])
            #expect(plan.items.filter { $0.part == "certification" }.allSatisfy { $0.dueDate == r.today.addingDays(21).description && $0.status == "open" })
            let access = plan.items.filter { $0.part == "system-access" }
            #expect(access.map(\.subject) == ["MES terminal", "Gemba"] && access.allSatisfy { $0.reference?.hasPrefix("REQ-2026-") == true })
            let request = try r.register.requestView(try #require(access.first?.reference))
            #expect(request.summary.kind == "system-access" && request.summary.requester == "carl" && request.details.first?.value == "olga")
            #expect(plan.parts.map(\.part) == ["training", "certification", "system-access", "training-event"] && !plan.complete && plan.late == 0)
            #expect(try r.register.verify().isClean)
        }
    }

    @Test func progressAndWhatIsLate() throws {
        try withRequestRegister { r in
            let sop = try r.releasedDocument()
            let plan = try r.register.startOnboarding("olga", by: "carl").plan
            // When she reads the SOP, gets one certificate, and one system access is fulfilled
            _ = try r.register.signTraining(sop, signer: r.credentials("olga"))
            try r.certificate("olga", "forklift", issuedDaysAgo: 0, validDays: 1000)
            let gemba = try #require(plan.items.first { $0.subject == "Gemba" }?.reference)
            _ = try r.register.approveRequest(gemba, signer: r.credentials("ada"))
            _ = try r.register.fulfilRequest(gemba, note: "Account created", by: "ada")
            // And 22 days pass
            r.advance(days: 22)
            let now = try r.register.onboardingPlan("olga")
            #expect(now.parts.map { "\($0.part) \($0.done)/\($0.total) late \($0.late)" } == [
                "training 1/1 late 0", "certification 1/2 late 1", "system-access 1/2 late 1", "training-event 0/0 late 0",
            ])
            #expect(now.late == 2 && now.items.first { $0.subject == "dry-room-access" }?.daysOverdue == 1)
            #expect(now.items.first { $0.subject == "MES terminal" }?.daysOverdue == 17)
            // A rejected system access is not done, and not counted late
            let mes = try #require(plan.items.first { $0.subject == "MES terminal" }?.reference)
            _ = try r.register.rejectRequest(mes, signer: r.credentials("ada"), comment: "Operators on L2 use the shared terminal")
            #expect(try r.register.onboardingPlan("olga").items.first { $0.subject == "MES terminal" }?.status == "rejected")
        }
    }

    @Test func newRolesAddOnlyTheNewItems() throws {
        try withRequestRegister { r in
            _ = try r.releasedDocument()
            _ = try r.register.startOnboarding("olga", by: "carl")
            // Running it again adds nothing
            let again = try r.register.startOnboarding("olga", by: "carl")
            #expect(!again.created && again.added.isEmpty && again.plan.items.count == 5)
            // Given the quality role, she gets quality's systems not yet requested
            _ = try r.register.changeRoles(of: "olga", add: ["quality"], remove: [], by: r.credentials("ada"))
            let extended = try r.register.startOnboarding("olga", by: "carl")
            #expect(extended.added.map(\.subject) == ["LIMS", "ERP quality module"] && extended.plan.roles == ["operator", "quality"])
            #expect(try r.register.requests(RequestFilter(kind: "system-access")).count == 4)
            #expect(try r.actions(entity: "olga").contains("onboarding.roles"))
        }
    }

    @Test func onlyTrainingManagersStartPlans() throws {
        try withRequestRegister { r in
            #expect(throws: GembaError.permission("rob may not start onboarding plans (needs one of the roles: coordinator, quality)")) {
                try r.register.startOnboarding("olga", by: "rob")
            }
            #expect(throws: GembaError.self) { try r.register.onboardingPlan("olga") }
            let plans = try r.register.onboardingPlans()
            let requests = try r.register.requests()
            #expect(plans.isEmpty && requests.isEmpty)
        }
    }
}
