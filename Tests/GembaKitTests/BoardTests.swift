import Foundation
import Testing
@testable import GembaKit

extension TestRegister {
    /// A BOARD document released through the light route (approval by pete); returns its ID.
    func releasedBoard(_ yaml: String) throws -> String {
        let id = try register.createDocument(NewDocument(type: "BOARD", title: "Line 1 SQDC board", file: try markdown(yaml, name: "board.yaml")), by: "alice")
        try startReview(id)
        try sign(id, "pete", .approved)
        return id
    }

    func reviseBoard(_ id: String, _ yaml: String) throws {
        try register.reviseDocument(id, RevisionRequest(changeReason: "New targets", changeClass: .major, file: try markdown(yaml, name: "board.yaml")), by: "alice")
        try startReview(id)
        try sign(id, "pete", .approved)
    }
}

@Suite("Visual-management boards")
struct BoardTests {
    static func board(targets: String, posted: String = "") -> String {
        "board: Line 1 SQDC\nline: L1\ntargets:\n\(targets)" + (posted.isEmpty ? "" : "posted:\n\(posted)")
    }

    static let oee2026 = "  - kpi: oee\n    target: 0.79\n    effective_from: 2026-01-01\n"

    @Test("Board content is checked when saved: errors name the file and line")
    func validation() throws {
        func refusal(_ yaml: String) -> String {
            do {
                _ = try BoardContent.parse(name: "board.yaml", data: Data(yaml.utf8))
                return ""
            } catch let error as GembaError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal(Self.board(targets: Self.oee2026 + "  - kpi: oee\n    target: 0.8\n    effective_from: 2026-06-01\n"))
            .contains("board.yaml:7: the oee target from 2026-06-01 overlaps the one from 2026-01-01"))
        #expect(refusal(Self.board(targets: "  - kpi: oee\n    target: 0.8\n    direction: up\n    effective_from: 2026-01-01\n"))
            .contains("direction must be higher_is_better or lower_is_better"))
        #expect(refusal(Self.board(targets: "  - kpi: oee\n    target: 0.8\n    effective_from: 2026-02-01\n    effective_to: 2026-01-01\n"))
            .contains("effective_to is before effective_from"))
        #expect(refusal(Self.board(targets: Self.oee2026, posted: "  - point: K-1\n    document: WI 2\n    revision: B\n"))
            .contains("'WI 2' is not a document ID"))
        #expect(refusal(Self.board(targets: Self.oee2026, posted: "  - point: K-1\n    document: WI-0002\n    revision: b2\n"))
            .contains("'B2' is not a revision letter"))
        #expect(refusal(Self.board(targets: Self.oee2026) + "colour: red\n").contains("board.yaml"))
        #expect(refusal(Self.board(targets: Self.oee2026 + "  - kpi: oee\n    target: 0.8\n    effective_from: 2027-01-01\n"))
            .contains("the oee target from 2027-01-01 overlaps the one from 2026-01-01"), "an open-ended target runs into the next")
        #expect(refusal(Self.board(targets: "  - kpi: oee\n    target: 0.79\n    effective_from: 2026-01-01\n    effective_to: 2026-12-31\n"
            + "  - kpi: oee\n    target: 0.8\n    effective_from: 2027-01-01\n")).isEmpty)
    }

    @Test("The target in force on a day comes from the board revision effective that day")
    func targetsByDay() throws {
        try withRegister { r in
            r.move(to: try Day.on("2026-03-10"))
            let id = try r.releasedBoard(Self.board(targets: "  - kpi: oee\n    target: 0.76\n    effective_from: 2026-01-01\n    effective_to: 2026-06-30\n"))
            let firstDay = r.today
            r.move(to: try Day.on("2026-05-02"))
            try r.reviseBoard(id, Self.board(targets: "  - kpi: oee\n    target: 0.76\n    effective_from: 2026-01-01\n    effective_to: 2026-06-30\n"
                + "  - kpi: oee\n    target: 0.8\n    direction: higher_is_better\n    effective_from: 2026-07-01\n"
                + "  - kpi: scrap_ratio\n    target: 0.03\n    direction: lower_is_better\n    effective_from: 2026-05-01\n"))

            #expect(try r.register.boardTarget(line: "L1", kpi: "oee", on: firstDay)?.target == 0.76)
            #expect(try r.register.boardTarget(line: "L1", kpi: "scrap_ratio", on: firstDay) == nil, "rev B was not effective yet")
            #expect(try r.register.boardTarget(line: "L1", kpi: "scrap_ratio", on: r.today)?.target == 0.03)
            #expect(try r.register.boardTarget(line: "L1", kpi: "oee", on: Day.on("2026-07-01"))?.target == 0.8)
            #expect(try r.register.boardTarget(line: "L2", kpi: "oee", on: r.today) == nil)
            let scrap = try #require(try r.register.boardTarget(line: "L1", kpi: "scrap_ratio", on: r.today))
            #expect(scrap.isMet(by: 0.02) && !scrap.isMet(by: 0.031))
            #expect(try r.register.boards(on: Day.on("2026-01-05")).isEmpty)
            #expect(try r.register.board(id).revision == "B")
        }
    }

    @Test("boards check finds expired targets, outdated or obsolete postings and overdue reviews")
    func drift() throws {
        try withRegister { r in
            // Given an SOP at rev A posted on a board whose OEE target ends on 2026-06-30 and a scrap target that continues
            r.move(to: try Day.on("2026-03-10"))
            let sop = try r.releasedDocument()
            let board = try r.releasedBoard(Self.board(
                targets: "  - kpi: oee\n    target: 0.76\n    effective_from: 2026-01-01\n    effective_to: 2026-06-30\n"
                    + "  - kpi: scrap_ratio\n    target: 0.03\n    direction: lower_is_better\n    effective_from: 2026-01-01\n",
                posted: "  - point: Press P-4\n    document: \(sop)\n    revision: A\n"))
            #expect(try r.register.boardDrift().isEmpty)

            // When the SOP's rev B becomes effective and the OEE period ends
            r.move(to: try Day.on("2026-07-03"))
            try r.register.reviseDocument(sop, RevisionRequest(changeReason: "Torque raised", changeClass: .major), by: "alice")
            try r.startReview(sop)
            try r.signStandardRoute(sop)
            r.move(to: try Day.on("2026-07-05"))

            // Then boards check names both, with days
            let drift = try r.register.boardDrift()
            #expect(drift.map(\.kind) == [.targetExpired, .postingOutdated])
            #expect(drift.first?.message == "oee target ended 2026-06-30; no later target follows: nothing in force on 2026-07-05" && drift.first?.days == 5)
            #expect(drift.last?.message == "Press P-4: \(sop) rev A is posted; rev B is effective since 2026-07-03" && drift.last?.days == 2)

            // And a year later the board is past its review as well
            r.move(to: try Day.on("2027-03-20"))
            #expect(try r.register.boardDrift().contains { $0.kind == .reviewOverdue && $0.board == board && $0.days == 10 })
        }
    }
}
