import Foundation
import GembaKit
import Hummingbird
import NIOCore

/// The register: search and filter, a document's page, diffs, downloads, new documents and drafts.
extension RouteTable {
    func addDocumentRoutes() {
        get("/documents", .signedIn, "The register: search and filter documents") { request in
            let filter = DocumentFilter(type: request.query("type"), status: request.query("status"), owner: request.query("owner"),
                                        search: request.query("q"), area: request.query("area"))
            let visitor = try request.visitor
            let model = try await request.run { register in
                try register.recordRead("documents", what: "web document list", by: visitor.person.username)
                return try DocumentListModel(register, filter: filter, canCreate: visitor.permissions.contains(.documentCreate) && !visitor.isAssessor)
            }
            return try await request.site.page("documents", title: "Documents", model, for: request)
        }

        get("/documents/new", .permission(.documentCreate), "Form for a new document (Markdown typed in or a file uploaded)") { request in
            let model = try await request.run { register in NewDocumentModel(register) }
            return try await request.site.page("document-new", title: "New document", model, for: request)
        }

        post("/documents", .permission(.documentCreate), "Create a document as a first draft") { request in
            let username = try request.username
            let form = request.form
            let file = try DocumentUpload.mainFile(form)
            let areas = form.all("areas").flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let new = NewDocument(type: try form.required("type", label: "Type"), title: try form.required("title", label: "Title"), file: file,
                                  changeReason: form.optional("reason") ?? "Initial release", areas: areas)
            let id = try await request.run { register in try register.createDocument(new, by: username) }
            return await request.done("\(id) created as draft A. Edit it, then start its review.", to: "/documents/\(id.urlPathEncoded)")
        }

        get("/documents/:id", .signedIn, "A document: rendered content, status, signatures, history, reviews") { request in
            let id = try request.parameter("id")
            let revision = request.query("rev")
            let visitor = try request.visitor
            let key = request.cacheKey("document", id, revision ?? "")
            if let kept = await request.site.keptPage(key, for: request) { return kept }
            let model = try await request.run { register in
                let model = try DocumentPageModel(register, id: id, revision: revision, visitor: visitor)
                try register.recordRead(model.id, what: "web document page\(revision.map { " rev \($0)" } ?? "")", by: visitor.person.username)
                return model
            }
            return try await request.site.page("document", title: "\(model.id) \(model.title)", model, for: request, keepAs: key)
        }

        get("/documents/:id/diff", .signedIn, "Differences between two revisions, side by side or unified") { request in
            let id = try request.parameter("id")
            guard let from = request.query("from"), let to = request.query("to") else { throw WebError.badRequest("choose two revisions to compare") }
            let layout = request.query("view") == "unified" ? DiffLayout.unified : .split
            let username = try request.username
            let model = try await request.run { register in
                let diff = try register.diff(id, from: from, to: to)
                try register.recordRead(diff.document, what: "web diff \(from)..\(to)", by: username)
                return DiffModel(diff, layout: layout)
            }
            return try await request.site.page("document-diff", title: "\(model.document) \(from) → \(to)", model, for: request)
        }

        get("/documents/:id/download", .signedIn, "The original main file of a revision, as an attachment") { request in
            let id = try request.parameter("id")
            let revision = request.query("rev")
            let username = try request.username
            let content = try await request.run { register in
                let content = try register.content(id, revision: revision)
                try register.recordRead(content.document, what: "web download rev \(content.revision)", by: username)
                return content
            }
            return DocumentUpload.attachment(content.main, name: "\(content.document)-\(content.revision)" + DocumentUpload.fileExtension(content.mainFile))
        }

        get("/documents/:id/edit", .staff, "The draft editor: Markdown in the browser, or a new file") { request in
            let id = try request.parameter("id")
            let username = try request.username
            let model = try await request.run { register in try DraftEditModel(register, id: id, username: username) }
            return try await request.site.page("document-edit", title: "Edit \(model.id) draft \(model.revision)", model, for: request)
        }

        post("/documents/:id/edit", .staff, "Save the draft (each save is a commit on the draft branch)") { request in
            let id = try request.parameter("id")
            let username = try request.username
            let form = request.form
            var edit = DraftEdit(title: form.optional("title"), changeReason: form.optional("reason"))
            if form.files["file"] != nil || form["markdown"] != nil { edit.file = try DocumentUpload.mainFile(form) }
            let change = edit
            try await request.run { register in try register.editDraft(id, change, by: username) }
            return await request.done("Draft saved.", to: "/documents/\(id.urlPathEncoded)")
        }

        post("/documents/:id/revise", .permission(.documentRevise), "Start a new revision (a draft copied from the effective one)") { request in
            let id = try request.parameter("id")
            let username = try request.username
            let form = request.form
            let changeClass = ChangeClass(rawValue: form["class"] ?? "minor") ?? .minor
            let revision = RevisionRequest(changeReason: try form.required("reason", label: "The reason for the change"), changeClass: changeClass, eco: form.optional("eco"))
            let letter = try await request.run { register in try register.reviseDocument(id, revision, by: username) }
            return await request.done("Draft \(letter) started; edit it, then start its review.", to: "/documents/\(id.urlPathEncoded)/edit")
        }

        post("/documents/:id/review", .staff, "Start the review of the draft (the author signs it as authored, with their password)") { request in
            let id = try request.parameter("id")
            let signer = SignerCredentials(username: try request.username, password: request.form["password"] ?? "")
            let effective = try request.form.optional("effective").map { text -> Day in
                guard let day = Day(text) else { throw WebError.badRequest("the effective date must be YYYY-MM-DD") }
                return day
            }
            let cycle = try await request.run { register in try register.startRevisionReview(id, effectiveOn: effective, signer: signer) }
            return await request.done("Review of \(id) rev \(cycle.revision) started; step '\(cycle.step ?? "-")' waits for \(cycle.stepRole ?? "-").", to: "/reviews/\(cycle.id)")
        }

        post("/documents/:id/periodic-review", .permission(.reviewStart), "Start the periodic review of an effective document") { request in
            let id = try request.parameter("id")
            let username = try request.username
            let cycle = try await request.run { register in try register.startPeriodicReview(id, by: username) }
            return await request.done("Periodic review of \(id) started.", to: "/reviews/\(cycle.id)")
        }

        post("/documents/:id/obsolete", .permission(.documentObsolete), "Ask to make a document obsolete (through its approval route)") { request in
            let id = try request.parameter("id")
            let username = try request.username
            let reason = try request.form.required("reason", label: "The reason")
            let cycle = try await request.run { register in try register.requestObsolete(id, reason: reason, by: username) }
            return await request.done("Withdrawal of \(id) goes through review \(cycle.id).", to: "/reviews/\(cycle.id)")
        }
    }
}

/// Turning browser input into content files, and files into downloads.
enum DocumentUpload {
    /// The main file from the form: an uploaded file, else the Markdown text typed in. The
    /// client's file name is never used, only its extension.
    static func mainFile(_ form: FormInput) throws -> ContentFile {
        if let upload = form.files["file"] {
            return try ContentFile(name: "upload" + fileExtension(upload.clientName), data: upload.data)
        }
        guard let markdown = form["markdown"], !markdown.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw WebError.badRequest("type the document's text or choose a file to upload")
        }
        // Browsers send CRLF in text areas; the register keeps LF.
        return try ContentFile(name: "content.md", data: Data(markdown.replacingOccurrences(of: "\r\n", with: "\n").utf8))
    }

    /// `.pdf` from `Report v2.PDF`; empty when the name has no safe extension.
    static func fileExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return "" }
        let ext = name[name.index(after: dot)...].lowercased()
        guard (1...10).contains(ext.count), ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return "" }
        return "." + ext
    }

    /// A download with a name the server chose, never rendered by the browser.
    static func attachment(_ data: Data, name: String) -> Response {
        var response = Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        response.headers[.contentType] = "application/octet-stream"
        response.headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }
}

struct NewDocumentModel {
    struct TypeOption {
        let code: String
        let name: String
    }

    let types: [TypeOption]

    init(_ register: Register) {
        types = register.policies.documentTypes.map { TypeOption(code: $0.code, name: $0.name) }
    }
}

struct DraftEditModel {
    let id: String
    let title: String
    let revision: String
    let changeReason: String
    let markdown: String?
    let mainFile: String

    init(_ register: Register, id: String, username: String) throws {
        let detail = try register.document(id)
        guard let draft = detail.revisions.last, draft.status == RevisionStatus.draft.rawValue else {
            throw GembaError(.state, "\(detail.summary.id) has no draft; start a new revision from its page first")
        }
        guard draft.author == username else {
            throw GembaError(.permission, "only the draft's author (\(draft.author)) may edit \(detail.summary.id) rev \(draft.revision)")
        }
        self.id = detail.summary.id
        title = draft.title
        revision = draft.revision
        changeReason = draft.changeReason
        let content = try register.content(detail.summary.id, revision: draft.revision)
        mainFile = content.mainFile
        markdown = RevisionHTML.isMarkdown(content.mainFile) ? String(data: content.main, encoding: .utf8) : nil
    }
}
