import Foundation
import Testing
@testable import GembaKit

/// policies/training.yaml: the shipped file, and errors that name the file and line.
@Suite struct TrainingPolicyTests {
    private func load(_ edit: (String) -> String) throws -> TrainingPolicy {
        let policies = try Policies.load(files: try testPolicyFiles())
        return try TrainingPolicy.load(data: Data(edit(try shippedTrainingPolicy()).utf8), policies: policies)
    }

    private func error(_ edit: (String) -> String) throws -> String {
        try #require(throws: GembaError.self) { try load(edit) }.message
    }

    @Test func theShippedPolicyLoads() throws {
        let policy = try load { $0 }
        #expect(policy.documentTypes["SOP"] == ["operator"] && policy.documentTypes["WI"] == ["operator"])
        #expect(policy.documentTypes["POLICY"]?.count == 6)
        #expect(policy.dueDays == 14 && policy.newRoleDueDays == 30 && !policy.minorChangesNeedTraining)
        #expect(policy.areas.contains("L2") && policy.certifications["forklift"]?.renewalWarningDays == 60)
    }

    @Test func mistakesAreNamedWithTheirLine() throws {
        let text = try shippedTrainingPolicy()
        let unknownRole = try error { $0.replacingOccurrences(of: "SOP: [operator]", with: "SOP: [operater]") }
        #expect(unknownRole.hasPrefix("policies/training.yaml:\(lineNumber(of: "SOP: [operator]", in: text)): document_types.SOP: unknown role 'operater'"))
        let noTraining = try error { $0.replacingOccurrences(of: "  WI: [operator]", with: "  WI: [operator]\n  FORM: [operator]") }
        #expect(noTraining.contains("type FORM has training_required: false"))
        #expect(try error { $0 + "due_soon: 3\n" }.contains("unknown key 'due_soon'"))
        #expect(try error(settingKey("due_days", to: "-1")).contains("'due_days' must be between 0 and 365"))
        #expect(try error { $0.replacingOccurrences(of: "renewal_warning_days: 60", with: "renewal_warning_days: soon") }.contains("must be a whole number"))
        #expect(try error { $0.replacingOccurrences(of: "areas: [L1,", with: "areas: [L 1,") }.contains("area 'L 1'"))
    }

    @Test func aRegisterIsNotCreatedWithABrokenTrainingPolicy() throws {
        try withTemporaryFolder { folder in
            var files = try testPolicyFiles()
            files[TrainingPolicy.fileName] = Data("document_types:\n  SOP: [nobody]\ndue_days: 0\nminor_changes_need_training: false\n".utf8)
            let error = try #require(throws: GembaError.self) {
                try Register.create(at: folder.appendingPathComponent("register"), policyFiles: files, setupBy: Register.operatingSystemPerson())
            }
            #expect(error.message.hasPrefix("policies/training.yaml:2:"))
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("register").path))
        }
    }

    @Test func aRegisterWithoutATrainingPolicyAssignsNothing() throws {
        try withRegister { r in
            let id = try r.releasedDocument()
            #expect(try r.register.trainingPolicy() == .none)
            #expect(try r.register.trainingStatus(of: id).assignments.isEmpty)
            #expect(try r.register.trainingMatrix().cells.isEmpty)
        }
    }
}
