import Foundation
import GembaGit

/// For each document revision in scope: its folder from the release commit, byte for byte
/// (`documents/<ID>/rev-<REV>/`), and a readable page (`documents/<ID>/<ID>-rev-<REV>.html`).
struct DocumentsSection: BundleSection {
    let key = "documents"
    let heading = "Documents"

    func plan(_ context: BundleContext) throws -> BundleSectionPlan {
        var plan = BundleSectionPlan()
        let register = context.register
        let reads = BundlePageReads(context)
        // The main file a page showed, which the archive writes next (the page's path sorts
        // before its folder's): read from content.git once.
        let shown = MainFile()
        for document in context.documents {
            plan.entries.append(BundleEntry(path: document.pagePath, content: .data {
                var data: Data?
                let page = try register.documentPage(document, context: context, reads: reads, mainFile: &data)
                shown.held = nil
                if let data, let blob = document.files[document.revision.mainFile] { shown.held = (blob, data) }
                return Data(page.utf8)
            }))
            for (path, blob) in document.files.sorted(by: { $0.key < $1.key }) {
                plan.entries.append(BundleEntry(path: "\(document.folderPath)/\(path)", content: .data {
                    if let held = shown.held, held.blob == blob {
                        shown.held = nil
                        return held.data
                    }
                    return try register.bundleBlob(blob, document: document)
                }))
            }
            plan.links.append(BundleLink(
                path: document.pagePath, label: "\(document.id) rev \(document.letter): \(document.title)",
                detail: "\(document.type), effective \(document.revision.effectiveOn ?? "-")"))
        }
        return plan
    }
}

/// One file's bytes, held from a document's page to its folder's entry.
private final class MainFile {
    var held: (blob: ObjectID, data: Data)?
}

extension Register {
    func bundleBlob(_ blob: ObjectID, document: BundleDocument) throws -> Data {
        do {
            return try repository.blob(blob)
        } catch {
            throw GembaError(.integrity, "\(document.id) rev \(document.letter): cannot read blob \(blob.hex.prefix(12)) from content.git (\(error)); run `gemba verify`")
        }
    }
}
