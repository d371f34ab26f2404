import Foundation
import GembaKit
import Testing

/// The sample plant's requests and onboarding (sample-register/README.md, "Requests and onboarding").
@Suite struct RequestDemoTests {
    @Test func requestsAtEveryStageAndTwoPeopleOnboarded() async throws {
        let build = try await DemoPlant.built()
        let line = try #require(build.output.stdoutLines.first { $0.hasPrefix("Requests: ") }, "\(build.output)")
        #expect(line.hasSuffix("onboarding: 2 people, 4 item(s) late (gemba onboarding status)"), "\(line)")
        try Sandbox.with { s in
            let demo = try build.copy(into: s)
            let requests = try decodeJSON([RequestSummary].self, try s.run(["request", "list", "--json", "--register", demo.path]))
            #expect(Set(requests.map(\.status)) == ["submitted", "approved", "rejected", "fulfilled", "cancelled"])
            #expect(requests.contains { ($0.daysOverdue ?? 0) > 0 && $0.status == "submitted" })
            // The contractor access refused for the expired certificate, approved after renewal
            let access = try #require(requests.first { $0.kind == "contractor-access" && $0.status == "fulfilled" })
            let view = try decodeJSON(RequestView.self, try s.run(["request", "show", access.id, "--json", "--register", demo.path]))
            #expect(view.comments.first?.text.contains("certificate of kwagner expired on") == true, "\(view.comments)")
            #expect(view.signature?.name == "Lucia Garcia" && view.signature?.contentVerified == true)

            let status = try s.run(["onboarding", "status", "--json", "--register", demo.path])
            #expect(status.status == 1, "\(status)")
            let plans = try JSONDecoder.snakeCase.decode([OnboardingView].self, from: Data(status.stdout.utf8))
            #expect(plans.map(\.username) == ["sjanssen", "tmueller"])
            #expect(plans.first?.roles == ["author", "quality"] && plans.first?.items.contains { $0.subject == "SOP-0001" } == true)
            #expect(plans.last?.items.first { $0.subject == "dry-room-access" }?.status == "late")
            #expect(try s.run(["verify", "--register", demo.path]).succeeded)
        }
    }
}

extension JSONDecoder {
    static var snakeCase: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
