import Foundation
import GembaKit
import Hummingbird

/// Onboarding plans: everyone's progress and what is late, one person's plan, and starting or
/// updating a plan from the person's roles (`training.manage`, as in the CLI).
extension RouteTable {
    func addOnboardingRoutes() {
        get("/onboarding", .staff, "Onboarding plans: progress per part (training, certifications, system access, events) and what is late") { request in
            let visitor = try request.visitor
            let model = try await request.run { register in try OnboardingListModel(register, visitor: visitor) }
            return try await request.site.page("onboarding", title: "Onboarding", model, for: request)
        }

        post("/onboarding", .permission(.trainingManage), "Start or update a person's onboarding plan from their roles") { request in
            let person = try request.form.required("person", label: "The person")
            let username = try request.username
            let start = try await request.run { register in try register.startOnboarding(person, by: username) }
            let verb = start.created ? "Started the onboarding plan of" : "Updated the onboarding plan of"
            return await request.done("\(verb) \(start.plan.name): \(start.added.count) item(s) added.", to: OnboardingLink.href(start.plan.username))
        }

        get("/onboarding/:person", .staff, "One person's onboarding plan: every item, its status, due date and lateness") { request in
            let person = try request.parameter("person")
            let model = try await request.run { register in try OnboardingPlanModel(register.onboardingPlan(person)) }
            return try await request.site.page("onboarding-plan", title: "Onboarding of \(model.name)", model, for: request)
        }
    }
}

enum OnboardingLink {
    static func href(_ username: String) -> String { "/onboarding/\(username.urlPathEncoded)" }
}
