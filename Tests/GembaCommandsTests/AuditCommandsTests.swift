import Foundation
import GembaKit
import Testing

extension Staff {
    static let auditCoordinator = Member(username: "cora", name: "Cora Coordinator", roles: ["coordinator"], password: "cora-password-1")
    static let auditQuality = Member(username: "quincy", name: "Quincy Quality", roles: ["quality"], password: "quincy-password-1")
    static let auditPeople = [auditCoordinator, auditQuality]
}

/// `gemba audit ...` end to end: plan, checklist, findings, report, closure, assessors.
@Suite struct AuditCommandsTests {
    @Test func anAuditRunsFromPlanToClosureThroughTheCommandLine() throws {
        try Sandbox.with { s in
            try s.setUpPlant(extra: Staff.auditPeople)
            let sop = try s.effectiveSOP(title: "Calibration")
            let today = utcDay()

            // Given an audit planned with the ISO 9001 checklist
            let planned = try s.gemba("audit", "new", "--kind", "surveillance", "--title", "ISO 9001 surveillance", "--standard", "ISO 9001:2015",
                                      "--clauses", "7.1.5, 7.5", "--area", "L1", "--document", sop, "--lead", "Petra Hallmann", "--body", "Nordcert",
                                      "--start", today, "--checklist", "iso9001", "--as", "cora")
            #expect(planned.succeeded && planned.stdout == "AUD-\(today.prefix(4))-001\n", "\(planned)")
            let id = planned.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

            // When a finding is recorded before the audit starts, then it is refused naming the next step
            let early = try s.gemba("audit", "finding", id, "--grade", "major", "--clause", "7.1.5", "--description", "d", "--evidence", "e", "--owner", "alice", "--as", "cora")
            #expect(expectOneLineError(early).contains("next: `gemba audit start \(id)`"))

            // When it starts and a nonconformity is recorded with its evidence
            #expect(try s.gemba("audit", "start", id, "--as", "cora").stdout == "\(id) is in progress\n")
            let finding = try decodeJSON(FindingView.self, try s.gemba(
                "audit", "finding", id, "--grade", "major", "--clause", "7.1.5.2", "--description", "Gauge used past due", "--evidence", "Label on G-114",
                "--document", sop, "--record", "CAL-2026-311", "--area", "L1", "--owner", "alice", "--item", "7.1.5", "--as", "cora", "--json"))
            #expect(finding.id == "\(id)/F1" && finding.documents == ["\(sop)/A"] && finding.records == ["CAL-2026-311"] && finding.capaRequired)

            // Then the report waits for the checklist, and the closure for a CAPA
            #expect(expectOneLineError(try s.gemba("audit", "report", id, "--summary", "s", "--as", "cora")).contains("unanswered checklist item(s)"))
            let audit = try decodeJSON(AuditView.self, try s.gemba("audit", "show", id, "--json"))
            for item in audit.checklistItems {
                let result = item.item == "7.1.5" ? ["--result", "nonconform", "--note", "G-114 past due"] : ["--result", "conform"]
                let checked = try s.run(["audit", "check", id, item.item] + result + ["--as", "cora", "--register", s.register.path])
                try #require(checked.succeeded, "\(checked)")
            }
            #expect(try s.gemba("audit", "report", id, "--summary", "One major nonconformity", "--as", "cora").succeeded)
            #expect(expectOneLineError(try s.gemba("audit", "close", id, "--as", "cora")).contains("\(finding.id) need(s) a CAPA"))
            let capa = try s.gemba("capa", "new", "--title", "Gauges past due", "--finding", finding.id, "--problem", "G-114 used past due", "--as", "cora")
            #expect(capa.succeeded, "\(capa)")
            #expect(try s.gemba("audit", "close", id, "--as", "cora").stdout == "\(id) is closed\n")

            // And the text view shows it all; the list shows the closed audit with its finding count
            let shown = try s.gemba("audit", "show", id)
            #expect(shown.stdout.contains("Checklist iso9001: 28 of 28 answered") && shown.stdout.contains("\(finding.id)  major nonconformity"), "\(shown)")
            let list = try decodeJSON([AuditSummary].self, try s.gemba("audit", "list", "--json"))
            #expect(list.map(\.id) == [id] && list.first?.status == "closed" && list.first?.findings == ["major": 1])
            #expect(try s.gemba("verify").succeeded)
        }
    }

    @Test func anAssessorReadsReadOnlyAndEveryReadIsInTheTrail() throws {
        try Sandbox.with { s in
            try s.setUpPlant(extra: Staff.auditPeople)
            let id = try s.gemba("audit", "new", "--kind", "certification", "--title", "Certification audit", "--standard", "ISO 9001:2015",
                                 "--clauses", "4-10", "--lead", "Petra Hallmann", "--start", utcDay(), "--end", utcDay(days: 1), "--as", "cora")
                .stdout.trimmingCharacters(in: .whitespacesAndNewlines)

            // Given an assessor account added by the coordinator (their password, then the assessor's)
            let added = try s.gemba("audit", "assessor", "add", id, "phallmann", "--name", "Petra Hallmann", "--email", "ph@nordcert.example",
                                    "--as", "cora", "--password-stdin", stdin: "cora-password-1\nassessor-password-1\n")
            #expect(added.succeeded && added.stdout.contains("read-only until \(utcDay(days: 2))T00:00:00Z"), "\(added)")
            let wrong = try s.gemba("audit", "assessor", "add", id, "kmuster", "--name", "K M", "--as", "cora", "--password-stdin", stdin: "nope-nope-1\nassessor-password-1\n")
            #expect(expectOneLineError(wrong).contains("wrong password for cora"))

            // When the assessor lists and shows the audit, and the coordinator shows it too
            #expect(try s.gemba("audit", "list", "--as", "phallmann").succeeded)
            #expect(try s.gemba("audit", "show", id, "--as", "phallmann", "--json").succeeded)
            #expect(try s.gemba("audit", "show", id, "--as", "cora").succeeded)

            // Then exactly the assessor's two reads are in the trail, and the account may change nothing
            let access = try s.trail().filter { $0.action == "access" }
            #expect(access.map(\.actor) == ["phallmann", "phallmann"] && access.map(\.reason) == ["audit list", "audit show"])
            #expect(access.map(\.entityId) == ["audits", id])
            #expect(expectOneLineError(try s.gemba("audit", "start", id, "--as", "phallmann")).contains("may not start audits"))
            let assessors = try decodeJSON(AuditView.self, try s.gemba("audit", "show", id, "--json")).assessors
            #expect(assessors.map(\.username) == ["phallmann"] && assessors.first?.expired == false)
        }
    }

    @Test func anAssessorsDocumentReadsAreInTheTrail() throws {
        try Sandbox.with { s in
            try s.setUpPlant(extra: Staff.auditPeople)
            let id = try s.gemba("audit", "new", "--kind", "surveillance", "--title", "Surveillance audit", "--standard", "ISO 9001:2015",
                                 "--clauses", "7.5", "--lead", "Petra Hallmann", "--start", utcDay(), "--end", utcDay(days: 1), "--as", "cora")
                .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try s.gemba("audit", "assessor", "add", id, "phallmann", "--name", "Petra Hallmann", "--email", "ph@nordcert.example",
                                "--as", "cora", "--password-stdin", stdin: "cora-password-1\nassessor-password-1\n").succeeded)
            let before = try s.trail().filter { $0.action == "access" }.count

            // When the assessor lists the documents, and the coordinator lists them too
            #expect(try s.gemba("doc", "list", "--as", "phallmann").succeeded)
            #expect(try s.gemba("doc", "list", "--as", "cora").succeeded)

            // Then only the assessor's read is recorded, as an access entry naming the command
            let access = try s.trail().filter { $0.action == "access" }.dropFirst(before)
            #expect(access.map(\.actor) == ["phallmann"] && access.map(\.reason) == ["doc list"], "\(access)")
        }
    }

    @Test func anExpiredAssessorAccountIsRefusedInTheDemoPlant() async throws {
        let build = try await DemoPlant.built()
        try Sandbox.with { s in
            let demo = try build.copy(into: s)
            // Given the sample plant's surveillance audit of about five months ago, with its assessor's two reads
            let audits = try decodeJSON([AuditSummary].self, try s.run(["audit", "list", "--json", "--register", demo.path]))
            #expect(audits.map(\.status) == ["planned", "closed"], "\(audits)")
            let surveillance = try #require(audits.last)
            #expect(surveillance.kind == "surveillance" && surveillance.findings == ["major": 1, "minor": 2, "observation": 2, "ofi": 1])
            let trail = try decodeJSON([TrailEntry].self, try s.run(["trail", "--entity", surveillance.id, "--json", "--register", demo.path]))
            #expect(trail.filter { $0.action == "access" }.map(\.actor) == ["phallmann", "phallmann"])

            // When the assessor tries to read it now, then the account has expired by itself
            let refused = try s.run(["audit", "show", surveillance.id, "--as", "phallmann", "--register", demo.path])
            #expect(expectOneLineError(refused).contains("the account phallmann expired on"))
            #expect(refused.stdout.isEmpty)

            // And the upcoming internal audit is planned about three weeks ahead with the ISO 9001 checklist
            let planned = try decodeJSON(AuditView.self, try s.run(["audit", "show", audits[0].id, "--json", "--register", demo.path]))
            #expect(planned.summary.kind == "internal" && planned.checklist == "iso9001" && planned.checklistItems.count == 28)
            #expect(planned.summary.startsOn == utcDay(days: 21) || planned.summary.startsOn == utcDay(days: 20))
        }
    }

    @Test func badInputIsOneLineAndWritesNothing() throws {
        try Sandbox.with { s in
            try s.setUpPlant(extra: Staff.auditPeople)
            let before = try s.snapshot()
            let badDate = try s.gemba("audit", "new", "--kind", "internal", "--title", "t", "--standard", "ISO", "--clauses", "9.2", "--lead", "L",
                                      "--start", "2026-02-30", "--as", "cora")
            #expect(expectOneLineError(badDate).contains("--start '2026-02-30' is not a date"))
            let noTemplate = try s.gemba("audit", "new", "--kind", "internal", "--title", "t", "--standard", "ISO", "--clauses", "9.2", "--lead", "L",
                                         "--start", utcDay(), "--checklist", "iso14001", "--as", "cora")
            #expect(expectOneLineError(noTemplate).contains("audit-checklist-iso14001.yaml"))
            #expect(expectOneLineError(try s.gemba("audit", "show", "AUD-2026-404")).contains("no audit AUD-2026-404"))
            #expect(try s.snapshot() == before)
        }
    }
}
