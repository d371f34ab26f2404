import Foundation
import GembaKit
import Testing
@testable import GembaWeb

/// docs/reliability.md, "Thread sanitizer": the web server signing through the API for many
/// clients at once (the register pool, its threads and the register lock between them), with
/// readers alongside; every signing recorded once. Run under `swift test --sanitize=thread`.
@Suite struct ReliabilityConcurrencyWebTests {
    @Test(.timeLimit(.minutes(5)))
    func signingsThroughTheAPIAtOnceAreEachRecordedOnce() async throws {
        try await withWebApp { fixture, browser in
            // Given eight SOPs in review, and API tokens for the reviewer and the approver
            var cycles: [String: Int64] = [:]
            for number in 1...8 {
                let id = try fixture.register.createDocument(
                    NewDocument(type: "SOP", title: "Procedure \(number)", file: try ContentFile(name: "c.md", data: Data("# Steps\n\n1. Work \(number).\n".utf8))),
                    by: "alice")
                cycles[id] = try fixture.register.startRevisionReview(id, signer: fixture.credentials("alice")).id
            }
            let tokens = [("reviewed", try fixture.token("rita")), ("approved", try fixture.token("pete"))]

            for (meaning, token) in tokens {
                // When all eight are signed at once through the API, while readers list documents
                let answers = try await withThrowingTaskGroup(of: (String, APIAnswer).self) { group in
                    for (id, cycle) in cycles {
                        let client = browser.fresh()
                        group.addTask {
                            (id, try await client.api(.post, "/api/v1/reviews/\(cycle)/sign", token: token, json: ["meaning": .string(meaning), "password": .string(webPassword)]))
                        }
                    }
                    for _ in 0..<4 {
                        let client = browser.fresh()
                        group.addTask { ("reader", try await client.api(.get, "/api/v1/documents", token: token)) }
                    }
                    var answers: [(String, APIAnswer)] = []
                    for try await answer in group { answers.append(answer) }
                    return answers
                }

                // Then every call succeeded
                for (id, answer) in answers {
                    #expect(answer.status == .ok, "\(id) \(meaning): \(answer.status) \(answer.body)")
                }
            }

            // And every SOP is effective with each signature once (the author's from the review start), and the register verifies
            for id in cycles.keys {
                let detail = try fixture.register.document(id)
                #expect(detail.summary.status == "effective", "\(id): \(detail.summary.status)")
                let signatures = detail.reviewCycles.flatMap(\.signatures).map(\.meaning).sorted()
                #expect(signatures == ["approved", "authored", "reviewed"], "\(id): \(signatures)")
            }
            let report = try fixture.register.verify()
            #expect(report.isClean, "\(report.problems)")
        }
    }
}
