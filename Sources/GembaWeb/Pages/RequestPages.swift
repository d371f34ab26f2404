import Foundation
import GembaKit
import Hummingbird

/// The request queue: kinds and fields from policies/requests.yaml, approval and rejection as
/// e-signatures (password every time), fulfilment, withdrawal, comments. Every rule (who
/// approves, contractor access, nobody approves their own) is the register's.
extension RouteTable {
    func addRequestRoutes() {
        get("/requests", .staff, "The request queue: filter by kind and status, days open and overdue, aging by kind and approver") { request in
            let filter = RequestListFilter(kind: request.query("kind"), status: request.query("status") ?? "open", mine: request.query("mine") == "1")
            let username = try request.username
            let model = try await request.run { register in try RequestListModel(register, filter: filter, username: username) }
            return try await request.site.page("requests", title: "Requests", model, for: request)
        }

        get("/requests/new", .staff, "Form for a new request: the kinds of policies/requests.yaml and each kind's fields") { request in
            let kind = request.query("kind")
            let username = try request.username
            let model = try await request.run { register in try RequestFormModel(register, kind: kind, username: username) }
            return try await request.site.page("request-new", title: "New request", model, for: request)
        }

        post("/requests", .staff, "Submit a request of a kind, with its fields") { request in
            let form = request.form
            var fields: [String: String] = [:]
            for name in form.fields.keys where name.hasPrefix(RequestFormModel.fieldPrefix) {
                let values = form.all(name).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
                if !values.isEmpty { fields[String(name.dropFirst(RequestFormModel.fieldPrefix.count))] = values.joined(separator: ",") }
            }
            let new = NewRequest(kind: try form.required("kind", label: "The kind"), title: try form.required("title", label: "Title"), fields: fields,
                                 approver: form.optional("approver"))
            let username = try request.username
            let view = try await request.run { register in try register.submitRequest(new, by: username) }
            return await request.done("\(view.summary.id) submitted; due \(view.summary.dueDate).", to: RequestLink.href(view.summary.id))
        }

        get("/requests/:id", .staff, "A request: its details, the approval or rejection signature, comments, the next step's forms") { request in
            let id = try request.parameter("id")
            let visitor = try request.visitor
            let model = try await request.run { register in try RequestPageModel(register, id: id, visitor: visitor) }
            return try await request.site.page("request", title: "\(model.id) \(model.title)", model, for: request)
        }

        post("/requests/:id/approve", .staff, "Approve a submitted request (e-signature: meaning and password again)") { request in
            let (id, signer, comment) = try request.requestSignature(.approved)
            let view = try await request.run { register in try register.approveRequest(id, signer: signer, comment: comment) }
            return await request.signedRequest(view)
        }

        post("/requests/:id/reject", .staff, "Reject a submitted request with the reason (e-signature)") { request in
            let (id, signer, comment) = try request.requestSignature(.rejected)
            guard let reason = comment else { throw WebError.badRequest("say why the request is rejected") }
            let view = try await request.run { register in try register.rejectRequest(id, signer: signer, comment: reason) }
            return await request.signedRequest(view)
        }

        post("/requests/:id/fulfil", .staff, "Record that an approved request was done (the kind's fulfiller role)") { request in
            let id = try request.parameter("id")
            let note = try request.form.required("note", label: "What was done")
            let username = try request.username
            let view = try await request.run { register in try register.fulfilRequest(id, note: note, by: username) }
            return await request.done("\(view.summary.id) is fulfilled.", to: RequestLink.href(view.summary.id))
        }

        post("/requests/:id/cancel", .staff, "Withdraw an open request (its requester or a holder of the approver role)") { request in
            let id = try request.parameter("id")
            let reason = try request.form.required("reason", label: "Why it is withdrawn")
            let username = try request.username
            let view = try await request.run { register in try register.cancelRequest(id, reason: reason, by: username) }
            return await request.done("\(view.summary.id) is cancelled.", to: RequestLink.href(view.summary.id))
        }

        post("/requests/:id/comment", .staff, "Add a comment to a request") { request in
            let id = try request.parameter("id")
            let text = try request.form.required("text", label: "The comment")
            let username = try request.username
            let view = try await request.run { register in try register.commentOnRequest(id, text: text, by: username) }
            return await request.done("Comment added.", to: RequestLink.href(view.summary.id) + "#comments")
        }
    }
}

enum RequestLink {
    static func href(_ id: String) -> String { "/requests/\(id.urlPathEncoded)" }
}

extension PageRequest {
    /// The request in the address, the signer with the password typed again, and the comment;
    /// the form shows and sends the meaning and carries the confirmation (21 CFR 11.50, 11.200).
    func requestSignature(_ meaning: RequestSignatureMeaning) throws -> (String, SignerCredentials, String?) {
        let id = try parameter("id").uppercased()
        guard form["meaning"] == meaning.rawValue else { throw WebError.badRequest("the signature's meaning must be “\(meaning.rawValue)”") }
        guard form["confirm"] == "yes" else { throw WebError.badRequest("tick the box to confirm that you sign with this meaning") }
        return (id, SignerCredentials(username: try username, password: form["password"] ?? ""), form.optional("comment"))
    }

    func signedRequest(_ view: RequestView) async -> Response {
        let signature = view.signature.map { "Signed: \($0.manifestation). " } ?? ""
        return await done("\(signature)\(view.summary.id) is \(view.summary.status).", to: RequestLink.href(view.summary.id))
    }
}
