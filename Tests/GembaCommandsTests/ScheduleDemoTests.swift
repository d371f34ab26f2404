import Foundation
import GembaKit
import Testing

/// The sample plant's quarter of schedule events (Sources/GembaKit/Demo/SampleReplay+Schedule.swift).
@Suite struct ScheduleDemoTests {
    @Test func theSamplePlantsScheduleHasItsThreeConflictsAndANoticeOutbox() async throws {
        let build = try await DemoPlant.built()
        #expect(build.output.stdout.contains("Schedule: 16 events (gemba schedule month), 3 conflict(s) ahead (gemba schedule conflicts), 30 notice(s) waiting"),
                "\(build.output.stdout)")
        try Sandbox.with { s in
            let demo = try build.copy(into: s)
            let json = try s.run(["schedule", "conflicts", "--json", "--register", demo.path])
            #expect(json.status == 1, "\(json)")
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let conflicts = try decoder.decode([ScheduleConflict].self, from: Data(json.stdout.utf8))
            #expect(conflicts.map(\.rule) == [.trainingDuringShutdown, .productionDuringShutdown, .changeDuringShutdown])
            #expect(conflicts.map(\.overlapMinutes) == [180, 360, 480])
            let events = try decodeJSON([ScheduleEventView].self, try s.run(["schedule", "list", "--json", "--register", demo.path]))
            #expect(Set(events.map(\.status)) == [.planned, .confirmed, .done, .cancelled])
            #expect(Set(events.flatMap(\.lines)).isSuperset(of: ["L1", "L2", "L3"]))
            let moved = try #require(events.first { $0.title == "Stacker overhaul, cell assembly" })
            let detail = try decodeJSON(ScheduleEventDetail.self, try s.run(["schedule", "show", moved.id, "--json", "--register", demo.path]))
            #expect(detail.history.map(\.field) == ["created", "status", "start", "end"] && detail.event.sequence == 2)
            #expect(try s.run(["verify", "--register", demo.path]).succeeded)
        }
    }
}
