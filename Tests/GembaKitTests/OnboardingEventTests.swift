import Foundation
import Testing
@testable import GembaKit

@Suite struct OnboardingEventTests {
    @Test func scheduledTrainingEventsTheNewPersonAttendsAreInThePlan() throws {
        let requests = try String(contentsOf: shippedPolicyFolder.appendingPathComponent(RequestPolicy.fileName), encoding: .utf8)
        let training = try String(contentsOf: shippedPolicyFolder.appendingPathComponent(TrainingPolicy.fileName), encoding: .utf8)
        try withRegister(policies: [
            RequestPolicy.fileName: { _ in requests }, TrainingPolicy.fileName: { _ in training }, NotificationPolicy.fileName: { _ in testNotifications() },
        ]) { r in
            // Given olga, a new operator, among the participants of a training event, and an event she is not in
            try r.register.addUser(NewUser(username: "olga", name: "Olga Operator", roles: ["operator"], password: TestRegister.password), by: r.credentials("ada"))
            r.move(to: try Day.on("2026-03-02"))
            let induction = try r.event(.trainingEvent, ["L2"], "2026-03-05T07:00:00Z", "2026-03-05T11:00:00Z", title: "Dry-room induction", participants: ["olga"])
            _ = try r.event(.trainingEvent, ["L1"], "2026-03-06T07:00:00Z", "2026-03-06T11:00:00Z", title: "Coater basics", participants: ["rob"])

            // When her onboarding starts
            let plan = try r.register.startOnboarding("olga", by: "carl").plan

            // Then the plan has her event, open and due on its day
            let events = plan.items.filter { $0.part == "training-event" }
            #expect(events.map(\.subject) == [induction.id] && events.first?.dueDate == "2026-03-05" && events.first?.status == "open")
            #expect(events.first?.title == "Attend Dry-room induction on 2026-03-05")

            // And after the event is done it counts as done; a second start adds nothing twice
            _ = try r.register.updateScheduleEvent(induction.id, ScheduleEventChange(status: .confirmed), reason: "Trainer booked", by: "carl")
            r.move(to: try Day.on("2026-03-06"))
            #expect(try r.register.onboardingPlan("olga").items.first { $0.subject == induction.id }?.status == "late")
            _ = try r.register.updateScheduleEvent(induction.id, ScheduleEventChange(status: .done), reason: "Held", by: "carl")
            #expect(try r.register.onboardingPlan("olga").items.first { $0.subject == induction.id }?.status == "done")
            #expect(try r.register.startOnboarding("olga", by: "carl").added.isEmpty)
        }
    }
}
