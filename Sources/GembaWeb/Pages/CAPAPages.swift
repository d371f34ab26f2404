import Foundation
import GembaKit
import Hummingbird

/// Corrective actions: the board by stage (and a list), a CAPA's page, and the forms of its next
/// step. Containment, root cause and actions are the CAPA owner's or a `capa.manage` holder's
/// (as in the CLI); verification and effectiveness are signed by `capa.manage` holders, the
/// closure by the policy's closure role, each with the password again (21 CFR 11.200).
extension RouteTable {
    func addCAPARoutes() {
        get("/capa", .signedIn, "CAPA board by stage (or a list), with owners, due dates and lateness") { request in
            let visitor = try request.visitor
            let filter = CAPABoardFilter(owner: request.query("owner"), grade: request.query("grade"), list: request.query("view") == "list",
                                         includeClosed: request.query("closed") == "1")
            let model = try await request.run { register in
                try register.recordRead("capas", what: "web capa board", by: visitor.person.username)
                return try CAPABoardModel(register, filter: filter, visitor: visitor)
            }
            return try await request.site.page("capas", title: "CAPA", model, for: request)
        }

        post("/capa", .permission(.capaManage), "Open a CAPA for audit findings, or on its own (complaint, incident, internal, supplier)") { request in
            let form = request.form
            let findings = form.all("finding").flatMap { FormList.items($0) }
            let source = try form.optional("source").map { text -> CAPASource in
                guard let source = CAPASource(rawValue: text) else { throw WebError.badRequest("unknown CAPA source '\(text)'") }
                return source
            }
            let grade = try form.optional("grade").map { text -> FindingGrade in
                guard let grade = FindingGrade(rawValue: text) else { throw WebError.badRequest("unknown grade '\(text)'") }
                return grade
            }
            let new = NewCAPA(
                title: try form.required("title", label: "Title"), findings: findings, source: source, sourceReference: form.optional("reference"),
                grade: grade, owner: form.optional("owner"), problem: try form.required("problem", label: "The problem statement"))
            let username = try request.username
            let id = try await request.run { register in try register.openCAPA(new, by: username) }
            return await request.done("\(id) opened.", to: "/capa/\(id.urlPathEncoded)")
        }

        get("/capa/:id", .signedIn, "A CAPA: problem, containment, 5 whys, root cause, actions with evidence, signatures") { request in
            let id = try request.parameter("id")
            let visitor = try request.visitor
            let model = try await request.run { register in
                let model = try CAPAPageModel(register, id: id, visitor: visitor)
                try register.recordRead(model.id, what: "web capa page", by: visitor.person.username)
                return model
            }
            return try await request.site.page("capa", title: "\(model.id) \(model.title)", model, for: request)
        }

        post("/capa/:id/contain", .staff, "Record the containment and its date (the CAPA's owner or capa.manage)") { request in
            let id = try request.parameter("id")
            let containment = try request.form.required("containment", label: "What was done at once")
            let day = try request.form.day("date", label: "The day it was in place")
            let username = try request.username
            let view = try await request.run { register in try register.containCAPA(id, containment: containment, on: day, by: username) }
            return await request.done("\(view.summary.id) is contained.", to: CAPALink.href(view.summary.id))
        }

        post("/capa/:id/root-cause", .staff, "Record the 5 whys, the root cause and its category (owner or capa.manage)") { request in
            let id = try request.parameter("id")
            let form = request.form
            let whys = (1...5).compactMap { form.optional("why\($0)") }
            guard let category = CauseCategory(rawValue: form["category"] ?? "") else { throw WebError.badRequest("choose the cause's category") }
            let cause = try form.required("cause", label: "The root cause")
            let username = try request.username
            let view = try await request.run { register in try register.recordRootCause(id, whys: whys, rootCause: cause, category: category, by: username) }
            return await request.done("Root cause of \(view.summary.id) recorded.", to: CAPALink.href(view.summary.id))
        }

        post("/capa/:id/actions", .staff, "Plan an action with owner and due date, or a document revision (owner or capa.manage)") { request in
            let id = try request.parameter("id")
            let form = request.form
            let document = form.optional("document")
            let revision = form.optional("revision")
            guard let text = form.optional("action") ?? document.map({ "Revise \($0.uppercased())" + (revision.map { " to rev \($0.uppercased())" } ?? "") }) else {
                throw WebError.badRequest("say what will be done (or name a document to revise)")
            }
            let new = NewCAPAAction(description: text, owner: try form.required("owner", label: "The action's owner"),
                                    dueOn: try form.day("due", label: "The due date"), document: document, revision: revision)
            let username = try request.username
            let action = try await request.run { register in try register.addCAPAAction(id, new, by: username) }
            return await request.done("\(action.id) planned, due \(action.dueOn).", to: CAPALink.href(action.capa))
        }

        post("/capa/:id/actions/:number/done", .staff, "Complete an action with its evidence (the action's owner or capa.manage)") { request in
            let id = try request.parameter("id")
            guard let number = Int(try request.parameter("number")), number > 0 else { throw WebError.notFound("no such action") }
            let evidence = try request.form.required("evidence", label: "The completion evidence")
            let username = try request.username
            let (action, state) = try await request.run { register in
                let action = try register.completeCAPAAction("\(id.uppercased())/A\(number)", evidence: evidence, by: username)
                return (action, try register.capaView(action.capa).summary.state)
            }
            return await request.done("\(action.id) is done; \(action.capa) is \(state.replacingOccurrences(of: "_", with: " ")).", to: CAPALink.href(action.capa))
        }

        post("/capa/:id/verify", .permission(.capaManage), "Sign that the actions were done (meaning verified, password again); not the CAPA's owner") { request in
            let (id, signer, comment) = try request.capaSignature(meaning: CAPASignatureMeaning.verified.rawValue)
            let view = try await request.run { register in try register.verifyCAPA(id, signer: signer, comment: comment) }
            return await request.signedCAPA(view)
        }

        post("/capa/:id/effectiveness", .permission(.capaManage), "Sign the effectiveness check: effective, or not effective (reopens the CAPA)") { request in
            guard let result = EffectivenessResult(rawValue: request.form["result"] ?? "") else { throw WebError.badRequest("choose effective or not effective") }
            let meaning = result == .effective ? CAPASignatureMeaning.effective : .notEffective
            let (id, signer, comment) = try request.capaSignature(meaning: meaning.rawValue)
            let view = try await request.run { register in try register.checkCAPAEffectiveness(id, result: result, signer: signer, comment: comment) }
            return await request.signedCAPA(view)
        }

        post("/capa/:id/close", .staff, "Close an effective CAPA, signed by the closure role of policies/capa.yaml (quality)") { request in
            guard let meaning = CAPASignatureMeaning(rawValue: request.form["meaning"] ?? ""), meaning == .approved || meaning == .responsibility else {
                throw WebError.badRequest("a closure is signed as approved or responsibility")
            }
            let (id, signer, comment) = try request.capaSignature(meaning: meaning.rawValue)
            let view = try await request.run { register in try register.closeCAPA(id, meaning: meaning, signer: signer, comment: comment) }
            return await request.signedCAPA(view)
        }
    }
}

enum CAPALink {
    static func href(_ id: String) -> String { "/capa/\(id.urlPathEncoded)" }
}

extension PageRequest {
    /// The CAPA in the address, the signer with the password typed again, and the comment; the
    /// form must show and send the meaning and carry the confirmation (21 CFR 11.50, 11.200).
    func capaSignature(meaning: String) throws -> (String, SignerCredentials, String?) {
        let id = try parameter("id").uppercased()
        guard form["meaning"] == meaning else { throw WebError.badRequest("the signature's meaning must be “\(meaning)”") }
        guard form["confirm"] == "yes" else { throw WebError.badRequest("tick the box to confirm that you sign with this meaning") }
        return (id, SignerCredentials(username: try username, password: form["password"] ?? ""), form.optional("comment"))
    }

    func signedCAPA(_ view: CAPAView) async -> Response {
        let signature = view.signatures.last.map { "Signed: \($0.manifestation). " } ?? ""
        return await done("\(signature)\(view.summary.id) is \(view.summary.state.replacingOccurrences(of: "_", with: " ")).", to: CAPALink.href(view.summary.id))
    }
}
