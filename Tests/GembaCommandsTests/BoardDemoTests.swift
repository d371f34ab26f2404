import Foundation
import GembaKit
import Testing

/// The sample plant's boards (sample-register/documents/28..30-board-*).
@Suite struct BoardDemoTests {
    @Test func boardsCheckListsTheSamplePlantsDriftAndExitsOne() async throws {
        let build = try await DemoPlant.built()
        #expect(build.output.stdoutLines.contains("Boards: 3 effective, 4 drift item(s) (gemba boards check)"), "\(build.output)")
        try Sandbox.with { s in
            let demo = try build.copy(into: s)
            let text = try s.run(["boards", "check", "--register", demo.path])
            #expect(!text.killed && text.status == 1 && text.stderr.isEmpty, "\(text)")
            #expect(text.stdout.contains("Glovebox G2: WI-0006 rev A is posted; the document is obsolete since"), "\(text)")
            let json = try s.run(["boards", "check", "--json", "--register", demo.path])
            #expect(json.status == 1, "\(json)")
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let drift = try decoder.decode([BoardDrift].self, from: Data(json.stdout.utf8))
            #expect(drift.map { "\($0.board) \($0.kind.rawValue) \($0.subject)" } == [
                "BOARD-001 review_overdue BOARD-001", "BOARD-002 posting_outdated WI-0003", "BOARD-002 posting_outdated WI-0006",
                "BOARD-003 target_expired schedule_attainment",
            ])
            let board = try decodeJSON(Board.self, try s.run(["boards", "show", "BOARD-001", "--json", "--register", demo.path]))
            #expect(board.line == "L1" && board.posted.map(\.document) == ["WI-0001", "WI-0002", "FORM-0001"])
            #expect(expectOneLineError(try s.run(["boards", "show", "SOP-0001", "--register", demo.path])).contains("SOP-0001 is a SOP, not a BOARD document"))
        }
    }

    @Test func theDemoShowsABriefingAndWritesItAsHTML() async throws {
        let build = try await DemoPlant.built()
        #expect(build.output.stdout.contains("== Output on ") && build.output.stdout.contains("== KPI tiles =="), "\(build.output)")
        try Sandbox.with { s in
            let demo = try build.copy(into: s)
            let written = try s.run(["briefing", "--format", "html", "--out", "briefing.html", "--register", demo.path])
            #expect(written.succeeded && written.stdout.hasPrefix("Wrote briefing.html: the html briefing for "), "\(written)")
            let html = try String(contentsOf: s.folder.appendingPathComponent("briefing.html"), encoding: .utf8)
            #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<h2>Open quality holds</h2>") && html.contains("class=\"green\""))
            let briefing = try decodeJSON(Briefing.self, try s.run(["briefing", "--json", "--register", demo.path]))
            #expect(briefing.lines.map(\.line) == ["L1", "L2", "L3"] && !briefing.actions.isEmpty && !briefing.holds.isEmpty)
            #expect(expectOneLineError(try s.run(["briefing", "--date", "26-11-2026", "--register", demo.path])).contains("--date '26-11-2026' is not a date"))
        }
    }
}
