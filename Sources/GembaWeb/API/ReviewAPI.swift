import Foundation
import GembaKit
import Hummingbird

/// `/api/v1/reviews`: the inbox, open cycles, and signing with the password every time (21 CFR 11.200).
extension RouteTable {
    func addReviewAPI() {
        apiGet("/api/v1/reviews/inbox", .staff, "Review steps waiting for my signature, as `gemba review inbox --json`", tag: "reviews") { request in
            let username = try request.username
            return try await request.run { register in try register.inbox(for: username) }
        }

        apiGet("/api/v1/reviews/open", .staff, "Every open review cycle, as `gemba review open --json`", tag: "reviews") { request in
            try await request.run { register in try register.openReviewCycles() }
        }

        apiGet("/api/v1/reviews/:cycle", .signedIn, "One review cycle: its route, current step and signatures so far", tag: "reviews") { request in
            let id = try request.cycleID()
            let username = try request.username
            return try await request.run { register in
                let cycle = try register.reviewCycle(id)
                try register.recordRead(cycle.document, what: "api review \(id)", by: username)
                return cycle
            }
        }

        apiPost("/api/v1/reviews/:cycle/sign", .staff, "Sign the current step with its meaning and the signer's password (Part 11)",
                tag: "reviews", body: ReviewSigning.self) { request, input in
            let document = try await request.openCycleDocument()
            guard let meaning = SignatureMeaning(rawValue: input.meaning), meaning != .rejected, meaning != .authored else {
                throw WebError.badRequest("meaning must be reviewed, approved or responsibility (the step's meaning), not '\(input.meaning)'")
            }
            let signer = SignerCredentials(username: try request.username, password: input.password)
            return try await request.run { register in try register.sign(document, meaning: meaning, signer: signer, comment: input.comment) }
        }

        apiPost("/api/v1/reviews/:cycle/reject", .staff, "Reject the revision back to draft with a comment; the password signs the decision",
                tag: "reviews", body: ReviewRejection.self) { request, input in
            let document = try await request.openCycleDocument()
            let comment = input.comment.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !comment.isEmpty else { throw WebError.badRequest("comment is required: say why the revision is rejected") }
            let signer = SignerCredentials(username: try request.username, password: input.password)
            return try await request.run { register in try register.reject(document, comment: comment, signer: signer) }
        }
    }
}

extension PageRequest {
    func cycleID() throws -> Int64 {
        guard let id = Int64(try parameter("cycle")) else { throw WebError.notFound("no review cycle \(try parameter("cycle"))") }
        return id
    }

    /// The document of the open cycle in the address; a closed cycle cannot be signed, so a
    /// signature never lands on another cycle of the same document.
    func openCycleDocument() async throws -> String {
        let id = try cycleID()
        return try await run { register in
            let cycle = try register.reviewCycle(id)
            guard cycle.status == "open" else { throw GembaError(.state, "review cycle \(id) is \(cycle.status); nothing is left to sign in it") }
            return cycle.document
        }
    }
}

/// `{"meaning": "reviewed", "password": "...", "comment": "..."}`
struct ReviewSigning: APIInput {
    let meaning: String
    let password: String
    let comment: String?

    static let apiSchema = JSONSchema.ref("ReviewSigning")
}

/// `{"password": "...", "comment": "why"}`
struct ReviewRejection: APIInput {
    let password: String
    let comment: String

    static let apiSchema = JSONSchema.ref("ReviewRejection")
}

extension InboxItem: APIView { static let apiSchema = JSONSchema.ref("InboxItem") }
extension ReviewCycleView: APIView { static let apiSchema = JSONSchema.ref("ReviewCycleView") }
extension SigningResult: APIView { static let apiSchema = JSONSchema.ref("SigningResult") }

extension APISchemas {
    static let reviews: [String: JSONSchema] = [
        "InboxItem": .object(["cycle": .ref("ReviewCycleView"), "step_due": .day, "days_overdue": .integer]),
        "SigningResult": .object([
            "document": .string, "revision": .string, "signature": .ref("SignatureView"), "cycle_status": .string,
        ], optional: ["next_step": .string, "revision_status": revisionStatus, "effective_date": .day, "tag": .string]),
        "ReviewSigning": .object([
            "meaning": .oneOf(["reviewed", "approved", "responsibility"]), "password": .string,
        ], optional: ["comment": .string]),
        "ReviewRejection": .object(["password": .string, "comment": .constrained(.string, ["pattern": "\\S"])]),
    ]
}
