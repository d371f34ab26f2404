import Foundation
import GembaKit
import Hummingbird

/// `/api/v1/documents`: the register as `gemba doc list|show|history|diff|export` give it.
extension RouteTable {
    func addDocumentAPI() {
        apiGet("/api/v1/documents", .signedIn, "Documents, with the filters of `gemba doc list`", tag: "documents", query: [
            .text("type", "Only this document type (SOP, WI, ...)"),
            .text("status", "Only this status (draft, in_review, approved, effective, obsolete)"),
            .text("owner", "Only this owner (user name)"),
            .text("search", "Only titles or IDs containing this text"),
            .text("area", "Only documents that apply to this area or line"),
        ]) { request in
            let filter = DocumentFilter(type: request.query("type"), status: request.query("status"), owner: request.query("owner"),
                                        search: request.query("search"), area: request.query("area"))
            let username = try request.username
            return try await request.run { register in
                let documents = try register.documents(filter)
                try register.recordRead("documents", what: "api doc list", by: username)
                return documents
            }
        }

        apiGet("/api/v1/documents/:id", .signedIn, "One document and a revision with its content, as `gemba doc show --json`", tag: "documents", query: [
            APIParameter(name: "revision", schema: .nonEmpty, description: "A revision letter (default: the effective one, else the newest)"),
        ]) { request in
            let id = try request.parameter("id")
            let letter = try request.queryName("revision")?.uppercased()
            let username = try request.username
            return try await request.run { register in
                let detail = try register.document(id)
                try register.recordRead(detail.summary.id, what: "api doc show", by: username)
                let shown = try detail.revision(letter ?? detail.current?.revision)
                return DocumentShown(detail.summary, shown, content: try register.content(detail.summary.id, revision: shown.revision))
            }
        }

        apiGet("/api/v1/documents/:id/history", .signedIn, "A document with every revision, signature and review cycle, as `gemba doc history --json`", tag: "documents") { request in
            let id = try request.parameter("id")
            let username = try request.username
            return try await request.run { register in
                let detail = try register.document(id)
                try register.recordRead(detail.summary.id, what: "api doc history", by: username)
                return detail
            }
        }

        apiGet("/api/v1/documents/:id/revisions", .signedIn, "A document's revisions, oldest first, each with its signatures", tag: "documents") { request in
            try await request.documentDetail("api revisions").revisions
        }

        apiGet("/api/v1/documents/:id/revisions/:revision", .signedIn, "One revision with its signatures", tag: "documents") { request in
            let letter = try request.parameter("revision").uppercased()
            return try await request.documentDetail("api revision \(letter)").revision(letter)
        }

        apiGet("/api/v1/documents/:id/revisions/:revision/signatures", .signedIn,
               "The signatures of one revision (printed name, UTC time, meaning, and whether the signed content still matches)", tag: "documents") { request in
            let letter = try request.parameter("revision").uppercased()
            return try await request.documentDetail("api signatures \(letter)").revision(letter).signatures
        }

        apiDownload("/api/v1/documents/:id/revisions/:revision/content", .signedIn,
                    "The original main file of a revision, byte for byte, as an attachment", tag: "documents") { request in
            let id = try request.parameter("id")
            let letter = try request.parameter("revision").uppercased()
            let username = try request.username
            let content = try await request.run { register in
                let content = try register.content(id, revision: letter)
                try register.recordRead(content.document, what: "api download rev \(content.revision)", by: username)
                return content
            }
            return DocumentUpload.attachment(content.main, name: "\(content.document)-\(content.revision)" + DocumentUpload.fileExtension(content.mainFile))
        }

        apiGet("/api/v1/documents/:id/diff", .signedIn, "What changed between two revisions: metadata and a unified diff, as `gemba doc diff --json`", tag: "documents", query: [
            APIParameter(name: "from", schema: .nonEmpty, description: "The older revision letter", required: true),
            APIParameter(name: "to", schema: .nonEmpty, description: "The newer revision letter", required: true),
        ]) { request in
            let id = try request.parameter("id")
            guard let from = try request.queryName("from"), let to = try request.queryName("to") else {
                throw WebError.badRequest("give from and to: two revision letters")
            }
            let username = try request.username
            return try await request.run { register in
                let diff = try register.diff(id, from: from.uppercased(), to: to.uppercased())
                try register.recordRead(diff.document, what: "api doc diff \(diff.from) \(diff.to)", by: username)
                return diff
            }
        }
    }
}

extension PageRequest {
    /// The document in the address, its read recorded as the CLI records it.
    func documentDetail(_ what: String) async throws -> DocumentDetail {
        let id = try parameter("id")
        let username = try username
        return try await run { register in
            let detail = try register.document(id)
            try register.recordRead(detail.summary.id, what: what, by: username)
            return detail
        }
    }
}

extension DocumentDetail {
    /// A revision by letter, with the CLI's error when there is none.
    func revision(_ letter: String?) throws -> RevisionView {
        guard let shown = revisions.first(where: { $0.revision == letter }) else {
            throw GembaError(.notFound, "\(summary.id) has no revision \(letter ?? "?"); GET /api/v1/documents/\(summary.id)/revisions lists them")
        }
        return shown
    }
}

extension DocumentShown: APIView { static let apiSchema = JSONSchema.ref("DocumentShown") }
extension DocumentSummary: APIView { static let apiSchema = JSONSchema.ref("DocumentSummary") }
extension DocumentDetail: APIView { static let apiSchema = JSONSchema.ref("DocumentDetail") }
extension RevisionView: APIView { static let apiSchema = JSONSchema.ref("RevisionView") }
extension SignatureView: APIView { static let apiSchema = JSONSchema.ref("SignatureView") }
extension DocumentDiff: APIView { static let apiSchema = JSONSchema.ref("DocumentDiff") }
