import Foundation
import GembaGit

extension BundleVerifier {
    /// Every file is listed in SHA256SUMS (but itself) and in manifest.json (but itself and
    /// SHA256SUMS) with the SHA-256 (and size) it has; every listed file is in the archive.
    func checkListings(files: [String], read: [String: BundleReadFile], sums: [String: String]?, manifest: BundleManifest.Contents?) {
        let listed = manifest.map { Dictionary($0.files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first }) }
        for path in files.sorted() {
            guard let file = read[path] else { continue }
            var differs: [String] = []
            var unlisted: [String] = []
            if path != BundleManifest.sumsPath, let sums {
                if let digest = sums[path] { if digest != file.sha256 { differs.append(BundleManifest.sumsPath) } } else { unlisted.append(BundleManifest.sumsPath) }
            }
            if path != BundleManifest.sumsPath, path != BundleManifest.path, let listed {
                if let entry = listed[path] {
                    if entry.sha256 != file.sha256 || entry.size != Int64(file.size) { differs.append(BundleManifest.path) }
                } else {
                    unlisted.append(BundleManifest.path)
                }
            }
            if !differs.isEmpty {
                report.problems.append("\(path): does not match its SHA-256 in \(differs.joined(separator: " and ")); the file was altered after the bundle was built")
            }
            if !unlisted.isEmpty {
                report.problems.append("\(path): is not listed in \(unlisted.joined(separator: " or ")); it was added after the bundle was built")
            }
        }
        let present = Set(files)
        for path in (sums?.keys.sorted() ?? []) where !present.contains(path) {
            report.problems.append("\(path): is listed in \(BundleManifest.sumsPath) but missing from the archive")
        }
        for path in (manifest?.files.map(\.path).sorted() ?? []) where !present.contains(path) && sums?[path] == nil {
            report.problems.append("\(path): is listed in \(BundleManifest.path) but missing from the archive")
        }
    }

    /// Each document revision's files are the blobs manifest.json lists and make up the folder
    /// tree it records (git's own hashes, computed from the bytes in the archive).
    func checkDocumentTrees(_ manifest: BundleManifest.Contents, read: [String: BundleReadFile]) {
        for document in manifest.documents {
            let prefix = document.folder + "/"
            var blobs: [String: String] = [:]
            for (path, file) in read where path.hasPrefix(prefix) { blobs[String(path.dropFirst(prefix.count))] = file.blob }
            var fileProblem = false
            for file in document.files {
                guard let blob = blobs[file.path] else {
                    report.problems.append("\(prefix)\(file.path): is missing from \(document.id) rev \(document.revision)")
                    fileProblem = true
                    continue
                }
                if blob != file.blob {
                    report.problems.append("\(prefix)\(file.path): is not the blob \(file.blob.prefix(12)) of \(document.id) rev \(document.revision) recorded in manifest.json; the file was altered")
                    fileProblem = true
                }
            }
            for path in Set(blobs.keys).subtracting(document.files.map(\.path)).sorted() {
                report.problems.append("\(prefix)\(path): is not part of \(document.id) rev \(document.revision) in manifest.json")
                fileProblem = true
            }
            if !fileProblem, GitObjectHash.tree(blobs) != document.folderTree {
                report.problems.append("\(document.id) rev \(document.revision): the files under \(prefix) do not make up the folder tree \(document.folderTree.prefix(12)) recorded in manifest.json")
            }
        }
    }
}

extension Register {
    /// Compares each document revision of a bundle with this register: the same register, the
    /// same release commit, tag and folder tree, and each file the blob of the release commit
    /// (equal git blob ids: equal bytes). The archive's SHA-256 must be one this register recorded
    /// when it built a bundle.
    func bundleProblems(_ manifest: BundleManifest.Contents, read: [String: BundleReadFile], archiveSHA256: String) throws -> [String] {
        let registerId = try registerID()
        guard manifest.registerId == registerId else {
            return ["the bundle was built from register \(manifest.registerId), not from this register (\(registerId))"]
        }
        var problems: [String] = []
        for document in manifest.documents {
            let name = "\(document.id) rev \(document.revision)"
            let record = try store.read { db in try RevisionRecord.fetchOne(db, key: ["document_id": document.id, "letter": document.revision]) }
            guard let record, let commitHex = record.releaseCommit, let commit = ObjectID(hex: commitHex) else {
                problems.append("\(name): the register has no released revision \(document.revision) of \(document.id)")
                continue
            }
            if commitHex != document.releaseCommit {
                problems.append("\(name): released by commit \(commitHex.prefix(12)) in the register, not \(document.releaseCommit.prefix(12)) as manifest.json says")
            }
            if record.tagObject != document.tagObject {
                problems.append("\(name): the register's tag \(document.tag) is \(record.tagObject?.prefix(12) ?? "missing"), not \(document.tagObject?.prefix(12) ?? "none") as manifest.json says")
            }
            guard let tree = try folder(document.id, in: commit) else {
                problems.append("\(name): the release commit \(commitHex.prefix(12)) has no folder \(DocumentTree.path(document.id)); run `gemba verify`")
                continue
            }
            if tree.hex != document.folderTree {
                problems.append("\(name): the folder tree of its release commit is \(tree.hex.prefix(12)), not \(document.folderTree.prefix(12)) as manifest.json says")
            }
            let registered = try fileIDs(tree)
            let prefix = document.folder + "/"
            let bundled = Dictionary(read.compactMap { path, file in path.hasPrefix(prefix) ? (String(path.dropFirst(prefix.count)), file.blob ?? "") : nil },
                                     uniquingKeysWith: { first, _ in first })
            for path in Set(registered.keys).union(bundled.keys).sorted() {
                switch (registered[path], bundled[path]) {
                case (let blob?, let found?) where blob.hex != found:
                    problems.append("\(prefix)\(path): its bytes differ from \(name) in the register (release commit \(commitHex.prefix(12)))")
                case (.some, nil):
                    problems.append("\(prefix)\(path): \(name) in the register has this file, the bundle does not")
                case (nil, .some):
                    problems.append("\(prefix)\(path): is not a file of \(name) in the register")
                default:
                    break
                }
            }
        }
        let recorded = try store.read { db in
            try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM audit_trail WHERE action = 'bundle.build' AND entity_type = 'bundle' AND entity_id = ?", arguments: [archiveSHA256]) ?? false
        }
        if !recorded {
            problems.append("the archive's SHA-256 \(archiveSHA256.prefix(12)) is not recorded by this register's audit trail: it was not built here, or it was changed since")
        }
        return problems
    }
}
