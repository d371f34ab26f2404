import Foundation

/// One event of the sample plant's quarter: when it is added and what happens to it later.
private struct SampleEvent {
    let kind: ScheduleKind
    let title: String
    let lines: [String]
    /// Start: days from today and the local hour (plant time zone).
    let day: Int
    let hour: Double
    let hours: Double
    let owner: String
    let addedDaysAgo: Double
    var eco: String? = nil
    var documents: [String] = []
    var participants: [String] = []
    var confirmedDaysAgo: Double? = nil
    /// Moved by this many hours, this many days ago, for this reason.
    var moved: (daysAgo: Double, hours: Double, reason: String)? = nil
    var cancelled: (daysAgo: Double, reason: String)? = nil
    var done = false
}

extension SampleReplay {
    /// A quarter of the plant's schedule (45 days back, 45 ahead) on lines L1-L3: shutdowns,
    /// engineering changes, training, safety audits, production changes and expedites, with
    /// moves, cancellations and closures, so the outbox holds notices and `schedule conflicts`
    /// finds a shutdown overlapping production, training of people whose line is down and an
    /// engineering change going live during a shutdown.
    func scheduleSchedule() throws {
        guard policies.roles.values.contains(where: { $0.permissions.contains(.scheduleManage) }),
            (try? register.notificationPolicy()) != nil
        else { return }
        let time = try register.plantTime()
        let ids = SampleEventIDs()
        let manager = people.first { policies.permissions(ofRoles: $0.roles).contains(.scheduleManage) }?.username ?? coordinator
        for (index, event) in Self.sampleEvents.enumerated() {
            let start = time.start(of: Day(now).addingDays(event.day)).addingTimeInterval(event.hour * 3600)
            let actor = policies.permissions(ofRoles: people.first { $0.username == event.owner }?.roles ?? []).contains(.scheduleManage) ? event.owner : manager
            let new = NewScheduleEvent(
                kind: event.kind, title: event.title, lines: event.lines, start: start, end: start.addingTimeInterval(event.hours * 3600), owner: event.owner,
                eco: event.eco, documents: event.documents, participants: event.participants)
            schedule(at(event.addedDaysAgo, plus: 10 * 3600 + Double(index * 60))) { ids.items[index] = try self.register.addScheduleEvent(new, by: actor).id }
            if let confirmed = event.confirmedDaysAgo {
                schedule(at(confirmed, plus: 11 * 3600)) {
                    _ = try self.register.updateScheduleEvent(try ids.item(index), ScheduleEventChange(status: .confirmed), reason: "Resources and parts confirmed", by: actor)
                }
            }
            if let moved = event.moved {
                schedule(at(moved.daysAgo, plus: 12 * 3600)) {
                    let shift = moved.hours * 3600
                    let change = ScheduleEventChange(start: start.addingTimeInterval(shift), end: start.addingTimeInterval(event.hours * 3600 + shift))
                    _ = try self.register.updateScheduleEvent(try ids.item(index), change, reason: moved.reason, by: actor)
                }
            }
            if let cancelled = event.cancelled {
                schedule(at(cancelled.daysAgo, plus: 13 * 3600)) { _ = try self.register.cancelScheduleEvent(try ids.item(index), reason: cancelled.reason, by: actor) }
            }
            if event.done {
                schedule(start.addingTimeInterval(event.hours * 3600 + 3600)) {
                    _ = try self.register.updateScheduleEvent(try ids.item(index), ScheduleEventChange(status: .done), reason: "Completed as planned", by: actor)
                }
            }
        }
    }

    private static let sampleEvents: [SampleEvent] = [
        SampleEvent(kind: .maintenanceShutdown, title: "Coater gearbox oil change and belt inspection", lines: ["L1"], day: -40, hour: 6, hours: 12,
                    owner: "rokafor", addedDaysAgo: 60, confirmedDaysAgo: 45, done: true),
        SampleEvent(kind: .safetyAudit, title: "Quarterly EHS walk, cell assembly", lines: ["L2"], day: -30, hour: 9, hours: 2, owner: "lgarcia",
                    addedDaysAgo: 50, done: true),
        SampleEvent(kind: .trainingEvent, title: "Tab welding pull-test refresher", lines: ["L2"], day: -20, hour: 13, hours: 3, owner: "pdubois",
                    addedDaysAgo: 35, documents: ["WI-0004"], participants: ["mrossi", "lpetrov"], done: true),
        SampleEvent(kind: .productionChange, title: "Saturday early shift added on formation", lines: ["L3"], day: -10, hour: 6, hours: 8,
                    owner: "jnovak", addedDaysAgo: 18, done: true),
        SampleEvent(kind: .expedite, title: "Expedite 4,000 cells for the e-bike customer", lines: ["L3"], day: -5, hour: 6, hours: 16,
                    owner: "jnovak", addedDaysAgo: 9, cancelled: (7, "Customer took the order from stock")),
        SampleEvent(kind: .maintenanceShutdown, title: "Stacker overhaul, cell assembly", lines: ["L2"], day: 8, hour: 6, hours: 30,
                    owner: "rokafor", addedDaysAgo: 20, confirmedDaysAgo: 10, moved: (5, 24, "Spare servo drives arrive a day later")),
        SampleEvent(kind: .productionChange, title: "Extra run for the customer sample lot", lines: ["L2"], day: 10, hour: 6, hours: 10,
                    owner: "jnovak", addedDaysAgo: 4),
        SampleEvent(kind: .trainingEvent, title: "Tab welding quality training (new pull tester)", lines: ["QA"], day: 9, hour: 10, hours: 3,
                    owner: "hlind", addedDaysAgo: 6, documents: ["WI-0004"], participants: ["mrossi", "lpetrov", "hlind"]),
        SampleEvent(kind: .maintenanceShutdown, title: "Calender roll regrind", lines: ["L1"], day: 20, hour: 4, hours: 10, owner: "rokafor",
                    addedDaysAgo: 15),
        SampleEvent(kind: .engineeringChange, title: "New calendering recipe for the 5 Ah electrode", lines: ["L1"], day: 20, hour: 6, hours: 8,
                    owner: "akim", addedDaysAgo: 12, eco: "ECO-2026-031", documents: ["WI-0002"]),
        SampleEvent(kind: .safetyAudit, title: "Formation fire-safety audit (insurer)", lines: ["L3"], day: 30, hour: 9, hours: 3, owner: "lgarcia",
                    addedDaysAgo: 25, confirmedDaysAgo: 8),
        SampleEvent(kind: .expedite, title: "Expedite 12,000 cells for the storage customer", lines: ["L1", "L2", "L3"], day: 3, hour: 6, hours: 48,
                    owner: "jnovak", addedDaysAgo: 1),
        SampleEvent(kind: .productionChange, title: "Night shift paused on formation", lines: ["L3"], day: 14, hour: 22, hours: 56, owner: "jnovak",
                    addedDaysAgo: 11, moved: (0.1, 24, "Demand plan moved by a day")),
        SampleEvent(kind: .maintenanceShutdown, title: "Formation chamber temperature calibration", lines: ["L3"], day: 40, hour: 6, hours: 8,
                    owner: "rokafor", addedDaysAgo: 3),
        SampleEvent(kind: .trainingEvent, title: "Lockout/tagout training, coater team", lines: ["L1"], day: 12, hour: 13, hours: 2, owner: "lgarcia",
                    addedDaysAgo: 7, participants: ["dschmidt", "akim"]),
        SampleEvent(kind: .engineeringChange, title: "Electrolyte fill nozzle change", lines: ["L2"], day: 35, hour: 6, hours: 6, owner: "pdubois",
                    addedDaysAgo: 2, eco: "ECO-2026-034", documents: ["WI-0003"]),
    ]
}

/// The IDs the register gives the sample's events as they are added, by their place in the list.
private final class SampleEventIDs {
    var items: [Int: String] = [:]

    func item(_ index: Int) throws -> String {
        guard let id = items[index] else { throw GembaError(.invalidInput, "sample schedule: event \(index + 1) is changed before it is added") }
        return id
    }
}
