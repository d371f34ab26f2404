import Foundation
import Testing
@testable import GembaKit

@Suite struct RequestPolicyTests {
    private func parse(_ edit: (String) -> String) throws -> RequestPolicy {
        let text = try String(contentsOf: shippedPolicyFolder.appendingPathComponent(RequestPolicy.fileName), encoding: .utf8)
        let (policies, files) = try Policies.load(directory: shippedPolicyFolder)
        let training = try TrainingPolicy.load(data: try #require(files[TrainingPolicy.fileName]), policies: policies)
        return try RequestPolicy.parse(Data(edit(text).utf8), roles: Set(policies.roles.keys), training: training)
    }

    @Test func theShippedPolicy() throws {
        let policy = try parse { $0 }
        #expect(policy.kinds.keys.sorted() == ["contractor-access", "facilities-work-order", "purchase-requisition", "supply-order", "system-access"])
        #expect(policy.kinds["contractor-access"]?.contractorAccess?.inductionDocuments == ["POL-002"])
        #expect(policy.kinds["contractor-access"]?.fulfillerRole == "coordinator" && policy.kinds["purchase-requisition"]?.fulfillerRole == "approver")
        #expect(policy.onboarding?.roles["operator"]?.certifications == ["forklift", "dry-room-access"])
    }

    @Test func errorsNameTheFileAndLine() throws {
        let text = try String(contentsOf: shippedPolicyFolder.appendingPathComponent(RequestPolicy.fileName), encoding: .utf8)
        let cases: [(String, String, String)] = [
            ("approver_role: admin", "approver_role: boss", "approver_role 'boss' is not a role of roles.yaml"),
            ("quantity: number", "quantity: lots", "field quantity: unknown type 'lots'"),
            ("escort: user", "escort: text", "contractor access needs the field escort of type user"),
            ("certifications: [forklift, dry-room-access]", "certifications: [forklift, juggling]", "unknown certification kind 'juggling'"),
            ("aging_buckets: [7, 14, 30]", "aging_buckets: [14, 7]", "aging_buckets must list rising day counts"),
        ]
        for (line, replacement, message) in cases {
            let number = lineNumber(of: line, in: text)
            let error = try #require(throws: GembaError.self) {
                try parse { text in
                    guard let range = text.range(of: line) else { return text }
                    return text.replacingCharacters(in: range, with: replacement)
                }
            }
            #expect(number > 0 && error.message.contains(message), "\(error.message)")
            // The contractor access rule is reported at its own line, the others at the edited one
            #expect(error.message.hasPrefix("policies/requests.yaml:\(message.contains("contractor") ? "" : "\(number):")"), "\(error.message)")
        }
    }
}
