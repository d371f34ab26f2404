import Foundation
import GembaKit
import HTTPTypes
import Hummingbird
import NIOCore
import NIOPosix

/// Evidence bundles: the form, and the build that answers with the ZIP as a download. The
/// register lets anyone with an active account build one (it changes no record; the build is a
/// `bundle.build` entry in the trail), so assessors, the people bundles are for, may too.
extension RouteTable {
    func addBundleRoutes() {
        get("/bundles", .signedIn, "Form for an evidence bundle: the as-of day and the scope (all, types, documents, an audit, areas)") { request in
            let audit = request.query("audit")
            let model = try await request.run { register in try BundleFormModel(register, audit: audit) }
            return try await request.site.page("bundles", title: "Evidence bundle", model, for: request)
        }

        post("/bundles", .signedIn, "Build an evidence bundle and download it (a ZIP named by the server; the build is in the audit trail)") { request in
            let form = request.form
            let asOf = try form.requiredDay("asof", label: "The as-of day")
            let scope = try BundleScopeForm.scope(form)
            let username = try request.username
            let name = "gemba-evidence-\(asOf).zip"
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-web-bundle-\(UUID().uuidString)", isDirectory: true)
            let built = try await request.run { register -> BuiltBundle in
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                // The folder goes whatever happens: once open, the file is read through its handle.
                defer { try? FileManager.default.removeItem(at: folder) }
                let result = try register.buildBundle(
                    BundleRequest(scope: scope, asOf: asOf, output: folder.appendingPathComponent(name), generator: "gemba \(GembaVersion.current)"), by: username)
                return BuiltBundle(result: result, handle: try FileHandle(forReadingFrom: URL(fileURLWithPath: result.path)))
            }
            return BundleDownload.response(built, name: name)
        }
    }
}

/// A finished bundle: what the register says about it and the open (already unlinked) file.
struct BuiltBundle: @unchecked Sendable {
    let result: BundleResult
    let handle: FileHandle
}

enum BundleDownload {
    static let chunk = 128 * 1024

    /// Streams the archive from its handle on the thread pool, as an attachment with the
    /// server's name; the handle closes when the body is done or dropped.
    static func response(_ built: BuiltBundle, name: String) -> Response {
        let body = ResponseBody(contentLength: Int(built.result.size)) { writer in
            defer { try? built.handle.close() }
            while true {
                let data = try await NIOThreadPool.singleton.runIfActive { try built.handle.read(upToCount: chunk) ?? Data() }
                if data.isEmpty { break }
                try await writer.write(ByteBuffer(bytes: data))
            }
            try await writer.finish(nil)
        }
        var response = Response(status: .ok, body: body)
        response.headers[.contentType] = "application/zip"
        response.headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Gemba-Bundle-SHA256")!] = built.result.sha256
        return response
    }
}

/// The scope chosen in the form: one of all, types, documents, an audit, areas.
enum BundleScopeForm {
    static func scope(_ form: FormInput) throws -> BundleScope {
        switch form["scope"] ?? "all" {
        case "all":
            return BundleScope()
        case "type":
            let types = form.all("type").filter { !$0.isEmpty }
            guard !types.isEmpty else { throw WebError.badRequest("choose at least one document type") }
            return BundleScope(types: types)
        case "document":
            let documents = FormList.items(form["documents"])
            guard !documents.isEmpty else { throw WebError.badRequest("name at least one document ID") }
            return BundleScope(documents: documents)
        case "audit":
            let audits = form.all("audit").filter { !$0.isEmpty }
            guard !audits.isEmpty else { throw WebError.badRequest("choose the audit") }
            return BundleScope(audits: audits)
        case "area":
            let areas = form.all("area").flatMap { FormList.items($0) }
            guard !areas.isEmpty else { throw WebError.badRequest("choose at least one area or line") }
            return BundleScope(areas: areas)
        case let other:
            throw WebError.badRequest("unknown bundle scope '\(other)'")
        }
    }
}
