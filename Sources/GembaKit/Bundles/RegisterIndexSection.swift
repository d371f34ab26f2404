import Foundation

/// The register index: one CSV row (RFC 4180) per document revision in the bundle.
struct RegisterIndexSection: BundleSection {
    static let path = "register-index.csv"
    static let header = [
        "document", "type", "title", "revision", "effective_date", "status", "owner", "owner_name", "author", "change_class", "change_reason", "eco",
        "release_commit", "folder_tree", "tag", "page", "folder",
    ]
    let key = "register_index"
    let heading = "Register index"

    func plan(_ context: BundleContext) throws -> BundleSectionPlan {
        let register = context.register
        var plan = BundleSectionPlan()
        plan.entries.append(BundleEntry(path: Self.path, content: .spooled(BundleSpoolFill { spool in
            let names = try register.store.read { db in try register.peopleNames(db) }
            try spool.write(CSV.row(Self.header))
            for document in context.documents {
                let revision = document.revision
                try spool.write(CSV.row([
                    document.id, document.type, revision.title, revision.letter, revision.effectiveOn ?? "", "effective", document.owner,
                    names[document.owner] ?? document.owner, revision.author, revision.changeClass, revision.changeReason, revision.eco ?? "",
                    document.releaseCommit.hex, document.folderTree.hex, document.tag, document.pagePath, document.folderPath,
                ]))
            }
        })))
        plan.links = [BundleLink(path: Self.path, label: "Register index (CSV)", detail: "\(context.documents.count) document revisions effective at the end of \(context.asOf)")]
        plan.manifest = { .object(["rows": .int(context.documents.count), "columns": .array(Self.header.map(BundleJSON.string))]) }
        return plan
    }
}
