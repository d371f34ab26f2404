import Foundation
import GembaKit
import Hummingbird

/// The review inbox and signing: a reviewer opens the pinned content and signs with the step's
/// meaning and their password again (21 CFR 11.200), or rejects with a comment.
extension RouteTable {
    func addReviewRoutes() {
        get("/reviews", .staff, "My review inbox, and every open review") { request in
            let username = try request.username
            let model = try await request.run { register in try ReviewListModel(register, username: username) }
            return try await request.site.page("reviews", title: "Reviews", model, for: request)
        }

        get("/reviews/:cycle", .signedIn, "One review: the pinned content, its route, signatures so far, the signing form") { request in
            guard let id = Int64(try request.parameter("cycle")) else { throw WebError.notFound("no such review") }
            let visitor = try request.visitor
            let model = try await request.run { register in
                let model = try ReviewPageModel(register, cycle: id, visitor: visitor)
                try register.recordRead(model.document, what: "web review \(id)", by: visitor.person.username)
                return model
            }
            return try await request.site.page("review", title: "Review of \(model.document) rev \(model.revision)", model, for: request)
        }

        post("/reviews/:cycle/sign", .staff, "Sign the current step (meaning and password again: Part 11)") { request in
            let (cycle, document) = try await request.openCycle()
            let form = request.form
            guard let meaning = SignatureMeaning(rawValue: form["meaning"] ?? "") else { throw WebError.badRequest("choose the meaning of the signature") }
            guard form["confirm"] == "yes" else { throw WebError.badRequest("tick the box to confirm that you sign with this meaning") }
            let signer = SignerCredentials(username: try request.username, password: form["password"] ?? "")
            let comment = form.optional("comment")
            let result = try await request.run { register in try register.sign(document, meaning: meaning, signer: signer, comment: comment) }
            let next = result.nextStep.map { "; next step: \($0)" } ?? (result.revisionStatus.map { "; the revision is now \($0)" } ?? "")
            return await request.done("Signed: \(result.signature.manifestation)\(next).", to: "/reviews/\(cycle)")
        }

        post("/reviews/:cycle/reject", .staff, "Reject the revision back to draft, with a comment (a signed decision)") { request in
            let (cycle, document) = try await request.openCycle()
            let signer = SignerCredentials(username: try request.username, password: request.form["password"] ?? "")
            let comment = try request.form.required("comment", label: "A comment saying why")
            _ = try await request.run { register in try register.reject(document, comment: comment, signer: signer) }
            return await request.done("Rejected; \(document) is back with its author as a draft.", to: "/reviews/\(cycle)")
        }

        post("/reviews/:cycle/conclude", .permission(.reviewConclude), "End a periodic review with revise or retire") { request in
            let (cycle, document) = try await request.openCycle()
            guard let outcome = PeriodicOutcome(rawValue: request.form["outcome"] ?? "") else { throw WebError.badRequest("choose revise or retire") }
            let reason = try request.form.required("reason", label: "The reason")
            let username = try request.username
            _ = try await request.run { register in try register.concludePeriodicReview(document, outcome: outcome, reason: reason, by: username) }
            return await request.done("Periodic review of \(document) concluded: \(outcome.rawValue).", to: "/reviews/\(cycle)")
        }
    }
}

extension PageRequest {
    /// The review cycle in the address and its document.
    func openCycle() async throws -> (Int64, String) {
        guard let id = Int64(try parameter("cycle")) else { throw WebError.notFound("no such review") }
        let document = try await run { register in try register.reviewCycle(id).document }
        return (id, document)
    }
}

struct ReviewListModel {
    struct Row {
        let id: Int64
        let href: String
        let document: String
        let title: String
        let revision: String
        let kind: String
        let step: String
        let role: String
        let due: String
        let late: Bool
        let progress: String
    }

    let inbox: [Row]
    let hasInbox: Bool
    let open: [Row]
    let hasOpen: Bool

    init(_ register: Register, username: String) throws {
        let today = register.today().description
        func row(_ cycle: ReviewCycleView) -> Row {
            Row(id: cycle.id, href: "/reviews/\(cycle.id)", document: cycle.document, title: cycle.title, revision: cycle.revision, kind: cycle.kind,
                step: cycle.step ?? "-", role: cycle.stepRole ?? "-", due: cycle.stepDue ?? "-", late: (cycle.stepDue ?? "9999") < today,
                progress: "\(cycle.stepSignaturesGiven ?? 0) of \(cycle.stepSignaturesNeeded ?? 0)")
        }
        inbox = try register.inbox(for: username).map { row($0.cycle) }
        hasInbox = !inbox.isEmpty
        open = try register.openReviewCycles().map(row)
        hasOpen = !open.isEmpty
    }
}

struct ReviewPageModel {
    let id: Int64
    let document: String
    let documentHref: String
    let title: String
    let revision: String
    let kind: String
    let status: String
    let route: String
    let step: String?
    let stepRole: String?
    let stepDue: String?
    let progress: String
    let pinnedCommit: String
    let startedBy: String
    let startedAt: String
    let outcome: String?
    let comment: String?
    let signatures: [DocumentPageModel.Signature]
    let contentHTML: String?
    let mainFile: String
    let downloadHref: String
    let isOpen: Bool
    /// The meaning the current step is signed with (shown, and sent with the form).
    let meaning: String?
    let canSign: Bool
    let signRefusal: String?
    let canConclude: Bool
    let diffHref: String?

    init(_ register: Register, cycle cycleID: Int64, visitor: SignedInPerson) throws {
        let cycle = try register.reviewCycle(cycleID)
        id = cycle.id
        document = cycle.document
        documentHref = "/documents/\(cycle.document.urlPathEncoded)"
        title = cycle.title
        revision = cycle.revision
        kind = cycle.kind
        status = cycle.status
        route = cycle.route
        step = cycle.step
        stepRole = cycle.stepRole
        stepDue = cycle.stepDue
        progress = "\(cycle.stepSignaturesGiven ?? 0) of \(cycle.stepSignaturesNeeded ?? 0)"
        pinnedCommit = String(cycle.pinnedCommit.prefix(12))
        startedBy = cycle.startedBy
        startedAt = cycle.startedAt
        outcome = cycle.outcome
        comment = cycle.comment
        signatures = cycle.signatures.map { .init(manifestation: $0.manifestation, step: $0.step, comment: $0.comment, verified: $0.contentVerified) }
        let content = try register.content(cycle.document, revision: cycle.revision)
        mainFile = content.mainFile
        downloadHref = "\(documentHref)/download?rev=\(cycle.revision.urlPathEncoded)"
        contentHTML = RevisionHTML.body(content)
        isOpen = cycle.status == ReviewCycleStatus.open.rawValue
        meaning = register.policies.routes[cycle.route]?.steps.first { $0.name == cycle.step }?.meaning.rawValue
        let me = visitor.person.username
        var refusal: String?
        if !isOpen {
            refusal = nil
        } else if visitor.isAssessor {
            refusal = "Assessor accounts are read-only."
        } else if let role = cycle.stepRole, !visitor.person.roles.contains(role) {
            refusal = "This step is signed by the role \(role), which you do not hold."
        } else if cycle.signatures.contains(where: { $0.username == me && $0.step != nil }) {
            refusal = "You have already signed this review."
        }
        canSign = isOpen && refusal == nil
        signRefusal = refusal
        canConclude = isOpen && cycle.kind == "periodic" && visitor.permissions.contains(.reviewConclude) && !visitor.isAssessor
        let letters = try register.document(cycle.document).revisions.map(\.revision)
        if let index = letters.firstIndex(of: cycle.revision), index > 0 {
            diffHref = "\(documentHref)/diff?from=\(letters[index - 1].urlPathEncoded)&to=\(cycle.revision.urlPathEncoded)"
        } else {
            diffHref = nil
        }
    }
}
