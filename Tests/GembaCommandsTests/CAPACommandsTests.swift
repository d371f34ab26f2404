import Foundation
import GembaKit
import Testing

/// `gemba capa ...` end to end.
@Suite struct CAPACommandsTests {
    @Test func aCAPAIsWorkedThroughItsStepsAndSignedOnTheCommandLine() throws {
        try Sandbox.with { s in
            try s.setUpPlant(extra: Staff.auditPeople)
            // Given a CAPA raised for a safety incident, owned by alice
            let opened = try s.gemba("capa", "new", "--title", "Cell vented after a channel trip", "--source", "safety-incident", "--reference", "INC-2026-031",
                                     "--grade", "major", "--owner", "alice", "--problem", "Channel restarted from the start; one cell vented", "--as", "cora")
            #expect(opened.succeeded && opened.stdout == "CAPA-\(utcDay().prefix(4))-001\n", "\(opened)")
            let id = opened.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

            // When the root cause comes before containment, then it is refused naming the containment step
            let early = try s.gemba("capa", "root-cause", id, "--why", "w", "--cause", "c", "--category", "method", "--as", "alice")
            #expect(expectOneLineError(early).contains("next: containment: `gemba capa contain \(id)"))

            // When each step is taken in order
            #expect(try s.gemba("capa", "contain", id, "--action", "Restarts stopped on all racks", "--as", "alice").stdout.hasPrefix("\(id) is contained"))
            #expect(try s.gemba("capa", "root-cause", id, "--why", "Restarted from the start", "--why", "No rule in the SOP", "--cause", "No re-formation rule",
                                "--category", "method", "--as", "alice").succeeded)
            let action = try s.gemba("capa", "action", "add", id, "--action", "Interlock restarts after a trip", "--owner", "alice", "--due", utcDay(days: 10), "--as", "alice")
            #expect(action.stdout == "\(id)/A1\n", "\(action)")
            #expect(try s.gemba("capa", "action", "done", "\(id)/A1", "--evidence", "PLC change PC-771", "--as", "alice").stdout == "\(id)/A1 is done; \(id) is actions_done\n")
            let unsigned = try s.gemba("capa", "verify", id, "--as", "quincy", "--password-stdin", stdin: "wrong-password-9\n")
            #expect(expectOneLineError(unsigned).contains("wrong password for quincy"))
            let verified = try s.gemba("capa", "verify", id, "--as", "quincy", "--password-stdin", stdin: "quincy-password-1\n")
            #expect(verified.succeeded && verified.stdout.hasPrefix("Signed \(id): Verified by Quincy Quality (quincy) on \(utcDay()) "), "\(verified)")

            // Then the effectiveness check waits for its due date (60 days for a major CAPA)
            let tooEarly = try s.gemba("capa", "effectiveness", id, "--result", "effective", "--as", "quincy", "--password-stdin", stdin: "quincy-password-1\n")
            #expect(expectOneLineError(tooEarly).contains("is due on \(utcDay(days: 60))"))

            // And the JSON view carries the signature's manifestation and content hash
            let view = try decodeJSON(CAPAView.self, try s.gemba("capa", "show", id, "--json"))
            #expect(view.summary.state == "verified" && view.effectivenessDue == utcDay(days: 60) && view.whys.count == 2)
            let signature = try #require(view.signatures.first)
            #expect(view.signatures.count == 1 && signature.name == "Quincy Quality" && signature.meaning == "verified" && signature.contentVerified == true)
            #expect(signature.contentHash.count == 64 && signature.manifestation.hasPrefix("Verified by Quincy Quality (quincy) on "))
            let text = try s.gemba("capa", "show", id)
            #expect(text.stdout.contains("Verified by Quincy Quality (quincy) on") && text.stdout.contains("Next: the effectiveness check, due \(utcDay(days: 60))"))

            // Nothing is overdue yet (exit 0); the aging report counts the one open CAPA
            let overdue = try s.gemba("capa", "overdue")
            #expect(overdue.status == 0 && overdue.stdout == "No CAPA item is overdue.\n", "\(overdue)")
            let aging = try decodeJSON(CAPAAging.self, try s.gemba("capa", "aging", "--json"))
            #expect(aging.openCount == 1 && aging.byGrade.map(\.key) == ["major"] && aging.byOwner.map(\.key) == ["alice"])
            #expect(try s.gemba("verify").succeeded)
        }
    }

    @Test func theDemoPlantHasCAPAsAtEveryStageAndAnOverdueAction() async throws {
        let build = try await DemoPlant.built()
        try Sandbox.with { s in
            let demo = try build.copy(into: s)
            func run(_ arguments: String...) throws -> Outcome { try s.run(arguments + ["--register", demo.path]) }
            #expect(build.output.stdout.contains("Audits: 2; CAPAs: 4 open of 5, 1 CAPA item(s) overdue"), "\(build.output.stdout)")

            // Given the sample plant's CAPAs, one is at each stage
            let capas = try decodeJSON([CAPASummary].self, try run("capa", "list", "--json"))
            #expect(capas.map(\.state) == ["open", "actions_planned", "actions_planned", "verified", "closed"], "\(capas)")

            // When the overdue CAPA items are asked for, then the overdue action is listed and the command exits 1
            let overdue = try run("capa", "overdue", "--json")
            #expect(overdue.status == 1, "\(overdue)")
            let items = try capaJSONDecoder().decode([LateItem].self, from: Data(overdue.stdout.utf8))
            #expect(items.map(\.kind) == ["capa-action"] && items.first?.reference == "\(capas[2].id)/A2" && items.first?.owner == "mrossi")
            #expect((11...13).contains(items.first?.daysOverdue ?? 0))

            // And the closed CAPA's effectiveness check was signed effective; the verified one's check is due soon
            let closed = try decodeJSON(CAPAView.self, try run("capa", "show", capas[4].id, "--json"))
            #expect(closed.signatures.map(\.meaning) == ["verified", "effective", "approved"] && closed.signatures.allSatisfy { $0.contentVerified == true })
            let verified = try decodeJSON(CAPAView.self, try run("capa", "show", capas[3].id, "--json"))
            let due = try #require(verified.effectivenessDue)
            #expect(due > utcDay() && due <= utcDay(days: 14))
            // And one action waits for SOP-0012 rev D, the draft in the sample
            let incident = try decodeJSON(CAPAView.self, try run("capa", "show", capas[1].id, "--json"))
            #expect(incident.actions.contains { $0.document == "SOP-0012" && $0.documentRevision == "D" && $0.status == "open" })
            #expect(try run("capa", "aging").stdout.contains("Open CAPAs on \(utcDay()): 4"))
        }
    }
}

/// A decoder for gemba's snake_case JSON.
private func capaJSONDecoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return decoder
}
