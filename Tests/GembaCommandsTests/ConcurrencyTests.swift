import Foundation
import GembaKit
import Testing

/// Two gemba processes writing the same register at the same moment.
@Suite struct ConcurrencyTests {
    static let erin = Staff.Member(username: "erin", name: "Erin Approver", roles: ["approver"], password: "erin-password-1")

    func startSigning(_ id: String, as member: Staff.Member, in s: Sandbox) throws -> Subprocess {
        try s.startGemba(["review", "sign", id, "--as", member.username, "--meaning", "approved", "--password-stdin"], stdin: member.password + "\n")
    }

    @Test func twoSigningsOfDifferentDocumentsAtOnceLoseNothing() throws {
        try Sandbox.with { s in
            // Given ten forms in review and two approvers
            try s.setUpPlant(extra: [Self.erin])
            for number in 1...10 { _ = try s.documentInReview(type: "FORM", title: "Checklist \(number)") }
            var reportedSigned: [String] = []
            var toldToRetry = 0

            for round in 0..<5 {
                // When both approvers sign a different form at the same moment (start both, then wait)
                let ids = [String(format: "FORM-%04d", 2 * round + 1), String(format: "FORM-%04d", 2 * round + 2)]
                let signings = [try startSigning(ids[0], as: Staff.approver, in: s), try startSigning(ids[1], as: Self.erin, in: s)]
                let outcomes = signings.map { $0.finish() }

                // Then each one succeeds, or fails in one line telling to try again
                for (id, outcome) in zip(ids, outcomes) {
                    if outcome.succeeded {
                        #expect(outcome.stdout.hasPrefix("Signed \(id) rev A: Approved by "), "\(outcome)")
                        reportedSigned.append(id)
                    } else {
                        #expect(expectOneLineError(outcome).contains("try again"), "\(outcome)")
                        toldToRetry += 1
                    }
                }
            }

            // And every signature reported is there, and the register verifies
            for id in reportedSigned {
                let form = try s.document(id)
                #expect(form.summary.status == "effective" && form.revisions.last?.signatures.contains { $0.meaning == "approved" } == true, "\(id)")
            }
            let verify = try s.gemba("verify")
            #expect(verify.succeeded, "\(verify)")
            #expect(reportedSigned.count + toldToRetry == 10)
            print("concurrency: \(reportedSigned.count) of 10 simultaneous signings succeeded, \(toldToRetry) were told to try again")
        }
    }

    @Test func twoApproversSigningTheSameDocumentAtOnceSignItOnce() throws {
        try Sandbox.with { s in
            // Given one form in review and two approvers
            try s.setUpPlant(extra: [Self.erin])
            let id = try s.documentInReview(type: "FORM", title: "Hold tag")

            // When both sign it at the same moment
            let signings = [try startSigning(id, as: Staff.approver, in: s), try startSigning(id, as: Self.erin, in: s)]
            let outcomes = signings.map { $0.finish() }

            // Then exactly one signs; the other fails in one line; the form is released once
            #expect(outcomes.filter(\.succeeded).count == 1, "\(outcomes)")
            for outcome in outcomes where !outcome.succeeded { expectOneLineError(outcome) }
            let form = try s.document(id)
            #expect(form.summary.status == "effective")
            #expect(form.reviewCycles.flatMap(\.signatures).filter { $0.meaning == "approved" }.count == 1)
            let verify = try s.gemba("verify")
            #expect(verify.succeeded, "\(verify)")
        }
    }
}
