import Foundation
import Testing
@testable import GembaKit

/// The inputs kept from fuzzing (scripts/fuzz, Fuzz/Sources/gemba-fuzz): the seeds of each target
/// and every input a fuzzer found, in Tests/GembaKitTests/Fixtures/fuzz/TARGET/. Each runs through
/// the same check as the fuzz harness: accepted, or refused with one GembaError line; never a crash.
@Suite("Reliability: fuzzing regressions")
struct ReliabilityFuzzRegressionTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz")

    /// The inputs kept for `target`, by file name.
    private func inputs(_ target: String) throws -> [(String, Data)] {
        let folder = Self.fixtures.appendingPathComponent(target)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    /// Runs `body`; an error must be a GembaError of one non-empty line.
    private func expectClearRefusal(_ name: String, _ body: () throws -> Void) {
        do {
            try body()
        } catch let error as GembaError {
            #expect(!error.message.isEmpty && !error.message.contains("\n"), "\(name): \(error.message.debugDescription)")
        } catch {
            Issue.record("\(name): \(type(of: error)) instead of a GembaError: \(error)")
        }
    }

    @Test func policyFiles() throws {
        let targets = Policies.fileNames + ["training.yaml", "meetings.yaml", "plant.yaml", "imports.yaml", "notifications.yaml"]
        var shipped: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: shippedPolicyFolder.path) where name.hasSuffix(".yaml") {
            shipped[name] = try Data(contentsOf: shippedPolicyFolder.appendingPathComponent(name))
        }
        let inputs = try inputs("policy")
        #expect(inputs.count >= 1)
        for (name, data) in inputs {
            guard let first = data.first else { continue }
            var files = shipped
            files[targets[Int(first) % targets.count]] = data.dropFirst()
            expectClearRefusal(name) { _ = try Policies.load(files: files) }
        }
    }

    @Test func csvImports() throws {
        try withPlantRegister { r in
            let inputs = try inputs("csv")
            #expect(inputs.count >= 5)
            for (name, data) in inputs {
                guard let first = data.first else { continue }
                let kind = ImportKind.allCases[Int(first) % ImportKind.allCases.count]
                let file = r.folder.appendingPathComponent("input.csv")
                try data.dropFirst().write(to: file)
                expectClearRefusal(name) { _ = try r.register.importData(kind, file: file, by: "carl") }
            }
        }
    }

    @Test func markdown() throws {
        for (name, data) in try inputs("markdown") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!MarkdownHTML.render(text).isEmpty || text.isEmpty, "\(name)")
            _ = MarkdownText.render(text)
        }
    }

    @Test func attachmentNames() throws {
        for (name, data) in try inputs("filename") {
            let candidate = String(decoding: data, as: UTF8.self)
            expectClearRefusal(name) {
                let file = try ContentFile(name: candidate, data: Data())
                #expect(!file.name.contains("/") && !file.name.contains("\\") && !file.name.hasPrefix(".") && !file.name.contains(".."), "\(name)")
            }
        }
    }

    @Test func bundles() throws {
        try withTemporaryFolder { folder in
            for (name, data) in try inputs("bundle") {
                let file = folder.appendingPathComponent("bundle.zip")
                try data.write(to: file)
                expectClearRefusal(name) {
                    let report = try EvidenceBundle.verify(at: file)
                    #expect(report.problems.allSatisfy { !$0.isEmpty && !$0.contains("\n") }, "\(name): \(report.problems)")
                }
            }
        }
    }
}
