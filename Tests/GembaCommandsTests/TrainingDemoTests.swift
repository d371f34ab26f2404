import Foundation
import GembaKit
import Testing

/// The sample plant's training and certifications (sample-register/training.yaml).
@Suite struct TrainingDemoTests {
    @Test func theDemoSummarisesTrainingAndCertificates() async throws {
        let build = try await DemoPlant.built()
        let line = try #require(build.output.stdoutLines.first { $0.hasPrefix("Training: ") }, "\(build.output)")
        #expect(line.contains("10 due, 6 overdue (gemba training matrix)"), "\(line)")
        #expect(line.hasSuffix("certificates expired or due for renewal: 5 (gemba cert due)"), "\(line)")
    }

    @Test func overdueTrainingExitsOneAndListsTheLateReaders() async throws {
        let build = try await DemoPlant.built()
        try Sandbox.with { s in
            let demo = try build.copy(into: s)
            let text = try s.run(["training", "overdue", "--register", demo.path])
            #expect(!text.killed && text.status == 1 && text.stderr.isEmpty, "\(text)")
            let json = try s.run(["training", "overdue", "--json", "--register", demo.path])
            #expect(!json.killed && json.status == 1, "\(json)")
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let overdue = try decoder.decode([TrainingAssignmentView].self, from: Data(json.stdout.utf8))
            #expect(Set(overdue.map { "\($0.username) \($0.document)" }) == [
                "dschmidt SOP-0004", "lpetrov POL-002", "lpetrov SOP-0003", "lpetrov SOP-0006", "lpetrov WI-0003", "lpetrov WI-0004",
            ])
            #expect(overdue.first?.username == "dschmidt" && overdue.allSatisfy { ($0.daysOverdue ?? 0) > 0 })
        }
    }

    @Test func theMatrixAndCertificatesOfTheSamplePlant() async throws {
        let build = try await DemoPlant.built()
        try Sandbox.with { s in
            let demo = try build.copy(into: s)
            let matrix = try decodeJSON(TrainingMatrix.self, try s.run(["training", "matrix", "--json", "--register", demo.path]))
            // Managers and engineers newly required to read the LOTO procedure, and the two people
            // being onboarded (sample-register/README.md, "Requests and onboarding"), due within 30 days
            #expect(Set(matrix.cells.filter { $0.status == .due }.map(\.username)) == ["tbrandt", "jnovak", "akim", "hlind", "tmueller", "sjanssen"])
            #expect(matrix.cells.filter { $0.status == .due && !["tmueller", "sjanssen"].contains($0.username) }.allSatisfy { $0.document == "SOP-0004" })
            #expect(matrix.cells.filter { $0.status == .due }.allSatisfy { ($0.daysOverdue ?? 0) < 0 })
            // Operators are trained on the SOPs and WIs of the plant; quality on CAPA
            #expect(matrix.cell("ewojcik", "WI-0005")?.status == .trained && matrix.cell("schen", "SOP-0010")?.status == .trained)
            #expect(matrix.cell("ewojcik", "SOP-0010") == nil && matrix.counts["unassigned"] == 0)
            let l2 = try decodeJSON(TrainingMatrix.self, try s.run(["training", "matrix", "--json", "--area", "L2", "--register", demo.path]))
            #expect(Set(l2.people.map(\.username)) == ["jnovak", "lpetrov", "mrossi", "pdubois"])

            let due = try decodeJSON([CertificationView].self, try s.run(["cert", "due", "--json", "--register", demo.path]))
            #expect(due.map { "\($0.username) \($0.kind) \($0.status)" } == [
                "ewojcik first-aid expired", "mrossi dry-room-access renewal due", "rokafor loto-authorised renewal due",
                "dschmidt forklift renewal due", "pdubois electrolyte-handling renewal due",
            ])
            let history = try decodeJSON([CertificationView].self, try s.run(["cert", "list", "--user", "rokafor", "--all", "--json", "--register", demo.path]))
            #expect(history.filter { $0.kind == "electrical-qualified" }.map(\.status) == ["renewed", "valid"])
        }
    }
}
