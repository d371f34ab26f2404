import ArgumentParser
import Foundation
import GembaKit

struct OnboardingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onboarding", abstract: "Onboarding plans: training, certifications, system access and training events from a person's roles.",
        subcommands: [OnboardingStartCommand.self, OnboardingStatusCommand.self])
}

struct OnboardingStartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Build a person's plan from their roles (again after new roles: adds what they bring).")

    @Argument(help: "The new person's user name.") var person: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let start = try registerOptions.open().startOnboarding(person, by: try actor.username())
        if output.json { return try Output.json(start) }
        let verb = start.created ? "Started the onboarding plan of" : "Updated the onboarding plan of"
        print("\(verb) \(start.plan.name) (\(start.plan.username)): \(start.added.count) item(s) added")
        for item in start.added { print("  + \(item.part): \(item.title)\(item.reference.map { " (\($0))" } ?? "")") }
    }
}

struct OnboardingStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Progress of one plan (or all) per part and what is late. Exits 1 when something is late.")

    @Argument(help: "A person; without it, every plan.") var person: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let plans = try person.map { [try register.onboardingPlan($0)] } ?? register.onboardingPlans()
        if output.json {
            if person != nil, let plan = plans.first { try Output.json(plan) } else { try Output.json(plans) }
        } else if person != nil, let plan = plans.first {
            OnboardingPrinters.plan(plan)
        } else {
            OnboardingPrinters.summary(plans)
        }
        if plans.contains(where: { $0.late > 0 }) { throw ExitCode(1) }
    }
}

enum OnboardingPrinters {
    static func progress(_ part: OnboardingPartView) -> String {
        "\(part.done)/\(part.total)" + (part.late > 0 ? " (\(part.late) late)" : "")
    }

    static func summary(_ plans: [OnboardingView]) {
        if plans.isEmpty { return print("No onboarding plan.") }
        Output.table(["PERSON", "NAME", "STARTED", "TRAINING", "CERTIFICATIONS", "SYSTEM ACCESS", "EVENTS", "LATE"], plans.map { plan in
            [plan.username, plan.name, String(plan.startedAt.prefix(10))] + plan.parts.map(progress) + [plan.complete ? "complete" : String(plan.late)]
        })
    }

    static func plan(_ plan: OnboardingView) {
        print("Onboarding of \(plan.name) (\(plan.username)), roles \(plan.roles.joined(separator: ", ")); started \(plan.startedAt) by \(plan.startedBy)")
        let titles = ["training": "Required training", "certification": "Certifications to obtain", "system-access": "System access",
                      "training-event": "Scheduled training events"]
        for part in plan.parts {
            print("")
            print("\(titles[part.part] ?? part.part): \(progress(part))")
            let items = plan.items.filter { $0.part == part.part }
            if items.isEmpty { print("  none") }
            for item in items {
                let due = item.dueDate.map { " due \($0)" } ?? ""
                let late = item.daysOverdue.map { " LATE \($0) d" } ?? ""
                print("  [\(item.status)] \(item.title)\(item.reference.map { " - \($0)" } ?? "")\(due)\(late)")
            }
        }
        print("")
        print(plan.complete ? "Complete." : plan.late > 0 ? "\(plan.late) item(s) late." : "In progress, nothing late.")
    }
}
