import Foundation
import GembaKit
import HTTPTypes
import Testing
@testable import GembaWeb

@Suite("Review inbox and signing")
struct ReviewPageTests {
    /// Starts the review of the fixture's draft and returns the cycle's page path.
    static func startReview(_ fixture: WebFixture) throws -> String {
        "/reviews/\(try fixture.register.startRevisionReview(fixture.draft, signer: fixture.credentials("alice")).id)"
    }

    @Test("the reviewer finds the step in the inbox, opens the pinned content and signs with meaning and password")
    func sign() async throws {
        try await withWebApp { fixture, browser in
            let review = try Self.startReview(fixture)
            try await browser.logIn("rita")
            let inbox = try await browser.get("/reviews")
            #expect(inbox.body.contains("href=\"\(review)\""))
            let page = try await browser.get(review)
            #expect(page.body.contains("Sign as reviewed"))
            #expect(page.body.contains("Clear."))
            let unconfirmed = try await browser.post("\(review)/sign", ["meaning": "reviewed", "password": webPassword])
            #expect(unconfirmed.status == .seeOther)
            #expect(try fixture.register.reviewCycle(Int64(review.split(separator: "/").last!)!).signatures.count == 1)
            let signed = try await browser.post("\(review)/sign", ["meaning": "reviewed", "password": webPassword, "confirm": "yes", "comment": "Fine"])
            #expect(signed.location == review)
            let after = try await browser.get(review)
            #expect(after.body.contains("Reviewed by Rita Reviewer (rita)"))
            #expect(after.body.contains("This step is signed by the role approver"))
            // The approver signs the last step: the revision is released.
            let pete = browser.fresh()
            try await pete.logIn("pete")
            _ = try await pete.get(review)
            _ = try await pete.post("\(review)/sign", ["meaning": "approved", "password": webPassword, "confirm": "yes"])
            #expect(try fixture.register.document(fixture.draft).summary.status == "effective")
        }
    }

    @Test("a wrong signing password is refused and counts towards the lockout")
    func wrongPassword() async throws {
        try await withWebApp { fixture, browser in
            let review = try Self.startReview(fixture)
            try await browser.logIn("rita")
            _ = try await browser.get(review)
            _ = try await browser.post("\(review)/sign", ["meaning": "reviewed", "password": "wrong", "confirm": "yes"])
            #expect(try await browser.get(review).body.contains("wrong password for rita (failed attempt 1 of 5)"))
            #expect(try fixture.register.trail(entity: "rita").last?.action == "signature.failed")
            #expect(try fixture.register.reviewCycle(Int64(review.split(separator: "/").last!)!).signatures.count == 1)
        }
    }

    @Test("someone without the step's role sees why and cannot sign; an assessor reads only")
    func refused() async throws {
        try await withWebApp { fixture, browser in
            let review = try Self.startReview(fixture)
            try await browser.logIn("pete")
            let page = try await browser.get(review)
            #expect(page.body.contains("signed by the role reviewer"))
            _ = try await browser.post("\(review)/sign", ["meaning": "reviewed", "password": webPassword, "confirm": "yes"])
            #expect(try await browser.get(review).body.contains("cannot sign"))
            let sam = browser.fresh()
            try await sam.logIn("sam")
            #expect(try await sam.get(review).body.contains("read-only"))
            #expect(try await sam.post("\(review)/sign", ["meaning": "reviewed", "password": webPassword, "confirm": "yes"]).status == .forbidden)
        }
    }

    @Test("the reviewer rejects with a comment: the revision goes back to draft")
    func reject() async throws {
        try await withWebApp { fixture, browser in
            let review = try Self.startReview(fixture)
            try await browser.logIn("rita")
            _ = try await browser.get(review)
            let rejected = try await browser.post("\(review)/reject", ["comment": "Step 2 is missing", "password": webPassword])
            #expect(rejected.status == .seeOther)
            #expect(try fixture.register.document(fixture.draft).revisions.last?.status == "draft")
        }
    }
}
