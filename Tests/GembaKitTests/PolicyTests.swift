import Foundation
import Testing
@testable import GembaKit

@Suite("Policies")
struct PolicyTests {
    /// Loads the shipped policies with one file's text changed and returns the error message.
    private func loadError(_ file: String, _ edit: @escaping (String) -> String) throws -> String {
        let files = try testPolicyFiles([file: edit])
        let error = try #require(throws: GembaError.self) { try Policies.load(files: files) }
        #expect(error.kind == .policy)
        return error.message
    }

    private func shipped(_ file: String) throws -> String {
        try #require(try shippedPolicyTexts()[file])
    }

    @Test func shippedPoliciesLoad() throws {
        // Given the policy folder of the repository, when it is loaded
        let (policies, files) = try Policies.load(directory: shippedPolicyFolder)

        // then every file is read and the types, routes and roles the plant relies on are there.
        #expect(Set(files.keys).isSuperset(of: Policies.fileNames))
        let sop = try policies.documentType("sop")
        #expect(sop.documentID(number: 7) == "SOP-0007")
        #expect(try policies.route(for: sop).steps.map(\.name) == ["review", "approval"])
        #expect(try policies.route(for: sop).steps.map(\.meaning) == [.reviewed, .approved])
        #expect(policies.roles["admin"]?.permissions == [.userManage])
        #expect(policies.settings.authorMaySignOwnRevision == false)
        #expect(policies.settings.maxFailedAttempts == 5)
        #expect(policies.documentType(forID: "WI-0012")?.code == "WI")
        #expect(policies.documentType(forID: "WI-12X") == nil)
    }

    @Test func malformedYAMLNamesFileAndLine() throws {
        // Given approval-routes.yaml with a second colon on the approval step's line
        let text = try shipped("approval-routes.yaml")
        let line = lineNumber(of: "- name: approval", in: text)
        try #require(line > 0)

        // when the policies load, then the YAML error names the file and that line.
        let message = try loadError("approval-routes.yaml", replacingLine("- name: approval", with: ["      - name: approval: final"]))
        #expect(message.hasPrefix("policies/approval-routes.yaml:\(line): "), "\(message)")
    }

    @Test func unknownRoleInRouteNamesTheStep() throws {
        // Given the approval step of the standard route naming a role roles.yaml does not define
        let text = try shipped("approval-routes.yaml")
        let line = lineNumber(of: "- name: approval", in: text)
        try #require(line > 0)
        let edit: (String) -> String = { text in
            var lines = text.components(separatedBy: "\n")
            lines[line] = lines[line].replacingOccurrences(of: "role: approver", with: "role: boss")
            return lines.joined(separator: "\n")
        }

        // when the policies load, then the error names the file, the step's line and the role.
        let message = try loadError("approval-routes.yaml", edit)
        #expect(message.hasPrefix("policies/approval-routes.yaml:\(line): "), "\(message)")
        #expect(message.contains("unknown role 'boss'"))
    }

    @Test func unknownKeyNamesItsLine() throws {
        // Given a step with a key the schema does not know, just below the review step's name
        let text = try shipped("approval-routes.yaml")
        let line = lineNumber(of: "- name: review", in: text)
        try #require(line > 0)
        let edit = replacingLine("- name: review", with: ["      - name: review", "        colour: blue"])

        // when the policies load, then the error points at the new line and names the key.
        let message = try loadError("approval-routes.yaml", edit)
        #expect(message.hasPrefix("policies/approval-routes.yaml:\(line + 1): unknown key 'colour'"), "\(message)")
    }

    @Test func missingFieldNamesTheEntry() throws {
        // Given the document types with SOP's route line removed
        let text = try shipped("document-types.yaml")
        let sop = lineNumber(of: "SOP:", in: text)
        let name = lineNumber(of: "name: Standard operating procedure", in: text)
        try #require(sop > 0 && name == sop + 1)
        try #require(lineNumber(of: "route: standard", in: text) < lineNumber(of: "WI:", in: text))
        let edit = replacingLine("route: standard", with: [])

        // when the policies load, then the error names SOP's mapping (its first line) and the field.
        let message = try loadError("document-types.yaml", edit)
        #expect(message.hasPrefix("policies/document-types.yaml:\(name): missing 'route'"), "\(message)")
    }

    @Test(arguments: [("1000", "between 1024 and"), ("3000", "power of two")])
    func badScryptN(value: String, complaint: String) throws {
        // Given register.yaml with an unusable scrypt work factor
        let line = lineNumber(of: "scrypt_n: 1024", in: String(decoding: try #require(try testPolicyFiles()["register.yaml"]), as: UTF8.self))
        try #require(line > 0)

        // when the policies load, then the error names the file, the line and the rule.
        let message = try loadError("register.yaml") { $0.replacingOccurrences(of: "scrypt_n: 1024", with: "scrypt_n: \(value)") }
        #expect(message.hasPrefix("policies/register.yaml:\(line): "), "\(message)")
        #expect(message.contains(complaint), "\(message)")
    }

    @Test func duplicateKeyIsAnError() throws {
        // Given roles.yaml defining viewer twice, when it loads, then the duplicate is named with its file.
        let message = try loadError("roles.yaml") { $0 + "  viewer:\n    description: Reads again\n" }
        #expect(message.hasPrefix("policies/roles.yaml:"), "\(message)")
        #expect(message.contains("duplicate key viewer"), "\(message)")
    }

    @Test func missingFileIsNamed() throws {
        // Given a policy set without roles.yaml, when it loads, then the error names the file.
        var files = try testPolicyFiles()
        files["roles.yaml"] = nil
        let error = try #require(throws: GembaError.self) { try Policies.load(files: files) }
        #expect(error.message.hasPrefix("policies/roles.yaml: missing"))
    }

    @Test func registerIsNotCreatedWithBadPolicies() throws {
        // Given policies where a route names an unknown role
        let files = try testPolicyFiles(["approval-routes.yaml": { $0.replacingOccurrences(of: "role: reviewer", with: "role: nobody") }])
        try withTemporaryFolder { folder in
            let root = folder.appendingPathComponent("register")
            // when a register is created with them, then it is refused and nothing is left behind.
            let error = try #require(throws: GembaError.self) {
                _ = try Register.create(at: root, policyFiles: files, setupBy: .init(name: "A", email: "a@example.com", time: startOfTests))
            }
            #expect(error.message.contains("unknown role 'nobody'"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        }
    }
}
