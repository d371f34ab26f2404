import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

extension Register {
    /// Builds an evidence bundle (docs/evidence-bundles.md): one ZIP archive an auditor reads
    /// offline. Anyone with a register account may build one; the build is recorded in the audit
    /// trail with its scope and the archive's SHA-256. The archive is written entry by entry into
    /// a temporary file beside `output` and renamed into place at the end, under the register
    /// lock with its trail entry, so a failure leaves no file; the same register and request give
    /// a byte-identical archive.
    public func buildBundle(_ request: BundleRequest, by username: String) throws -> BundleResult {
        _ = try store.read { db in try activeUser(db, username) }
        guard request.asOf <= today() else {
            throw GembaError.invalid("--as-of \(request.asOf) is in the future; a bundle shows what was effective on a day that has begun")
        }
        let output = request.output.standardizedFileURL
        try checkBundleOutput(output, overwrite: request.overwrite)
        let cutoff = request.asOf.addingDays(1).start
        let audits = try request.scope.audits.map { try bundleAudit($0, before: cutoff, asOf: request.asOf) }
        let context = BundleContext(
            register: self, asOf: request.asOf, scope: request.scope, documents: try bundleDocuments(request.scope, asOf: request.asOf, audits: audits),
            audits: audits)
        let registerId = try registerID()
        let state = try bundleRegisterState(cutoff: context.cutoff)
        let sections = bundleSections()
        let plans = try sections.map { try $0.plan(context) }
        let entries = try orderedEntries(plans.flatMap(\.entries))
        context.related = Dictionary(grouping: entries.filter { $0.document != nil }, by: { $0.document ?? "" })
            .mapValues { $0.map { BundleLink(path: $0.path, label: $0.label ?? $0.path) } }
        for plan in plans {
            for (document, links) in plan.related { context.related[document, default: []] += links }
        }

        let temporary = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).building-\(UUID().uuidString.prefix(8))")
        let spoolFolder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-bundle-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: spoolFolder) }
        let fileCount: Int, sha256: String
        do {
            try FileManager.default.createDirectory(at: spoolFolder, withIntermediateDirectories: true)
            (fileCount, sha256) = try writeBundle(
                to: temporary, entries: entries, spoolFolder: spoolFolder, context: context,
                index: BundleIndexPage.render(
                    context: context, registerId: registerId, state: state, generator: request.generator,
                    sections: zip(sections, plans).map { ($0.heading, $1.links) }),
                manifest: { files in
                    var summaries: [String: BundleJSON] = [:]
                    for (section, plan) in zip(sections, plans) { summaries[section.key] = try plan.manifest() }
                    return BundleManifest(
                        format: BundleManifest.format, generator: request.generator, registerId: registerId, asOf: request.asOf.description,
                        registerState: state,
                        scope: .init(
                            types: request.scope.types, documents: request.scope.documents, areas: request.scope.areas,
                            audits: request.scope.audits, summary: request.scope.summary),
                        documents: context.documents.map(BundleManifest.documentEntry), sections: summaries, files: files)
                })
            try BundleArchiveWriter.synchronize(temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let error = error as? GembaError { throw error }
            throw GembaError(.storage, "cannot write the bundle beside \(output.path): \(error); nothing was written")
        }

        let size: Int64
        do {
            size = (try FileManager.default.attributesOfItem(atPath: temporary.path)[.size] as? NSNumber)?.int64Value ?? 0
            // The file appears and its trail entry is written together, or neither stays.
            try exclusively {
                try publishBundle(temporary, to: output, overwrite: request.overwrite)
                do {
                    try recordBundle(request, output: output, sha256: sha256, size: size, documents: context.documents.count, files: fileCount, by: username)
                } catch {
                    try? FileManager.default.removeItem(at: output)
                    throw GembaError(.storage, "the bundle could not be recorded in the audit trail (\(error)), so \(output.path) was removed; try again")
                }
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        return BundleResult(
            path: output.path, sha256: sha256, size: size, asOf: request.asOf.description, scope: request.scope.summary,
            documents: context.documents.map { "\($0.id)/\($0.letter)" }, files: fileCount)
    }

    /// Every planned file in a fixed order: the files built in memory, then the spooled ones
    /// (filled on the spooler's thread meanwhile: were the trail extract first, the writer's
    /// thread would wait for it while the pages pile up), each by path compared byte by byte. A
    /// path must be a plain relative path, unique, and not one of the three files written last.
    private func orderedEntries(_ entries: [BundleEntry]) throws -> [BundleEntry] {
        var seen = Set([BundleManifest.indexPath, BundleManifest.path, BundleManifest.sumsPath])
        for entry in entries {
            guard Self.isPlainRelativePath(entry.path) else {
                throw GembaError(.integrity, "a bundle section planned the file '\(entry.path)', which is not a plain relative path")
            }
            guard seen.insert(entry.path).inserted else {
                throw GembaError(.integrity, "two bundle sections planned the same file \(entry.path)")
            }
        }
        let spooled = { (entry: BundleEntry) -> Bool in
            if case .spooled = entry.content { return true }
            return false
        }
        return entries.sorted { first, second in
            spooled(first) == spooled(second) ? first.path.utf8.lexicographicallyPrecedes(second.path.utf8) : spooled(second)
        }
    }

    /// Segments of letters, digits, `.`, `_` and `-`, each starting with a letter or digit,
    /// joined by `/`. Checked byte by byte: a regular expression literal is parsed again each
    /// time it is evaluated, and a bundle has thousands of files.
    static func isPlainRelativePath(_ path: String) -> Bool {
        var atSegmentStart = true
        for byte in path.utf8 {
            let alphanumeric = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            if atSegmentStart {
                guard alphanumeric else { return false }
                atSegmentStart = false
            } else if byte == UInt8(ascii: "/") {
                atSegmentStart = true
            } else if !(alphanumeric || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")) {
                return false
            }
        }
        return !atSegmentStart
    }

    /// Writes the archive: the planned files in order, then index.html, manifest.json and
    /// SHA256SUMS. Returns the number of files and the archive's SHA-256.
    private func writeBundle(
        to url: URL, entries: [BundleEntry], spoolFolder: URL, context: BundleContext, index: String,
        manifest: ([BundleFile]) throws -> BundleManifest
    ) throws -> (files: Int, sha256: String) {
        let writer = try BundleArchiveWriter(creating: url, modificationDate: context.asOf.start)
        // Spooled files are filled on the spooler's thread while the others are rendered here,
        // each fill once, in the order of its first file.
        var fills: [BundleSpoolFill] = []
        var firstFile: [ObjectIdentifier: Int] = [:]
        var files = 0
        for entry in entries {
            guard case .spooled(let fill, _) = entry.content, firstFile[ObjectIdentifier(fill)] == nil else { continue }
            firstFile[ObjectIdentifier(fill)] = files
            files += fill.parts
            fills.append(fill)
        }
        let spooler = BundleSpooler(folder: spoolFolder, fills: fills)
        defer { spooler.stop() }
        spooler.start()
        for entry in entries {
            switch entry.content {
            case .data(let make):
                try writer.add(entry.path, data: try make())
            case .spooled(let fill, let part):
                guard let first = firstFile[ObjectIdentifier(fill)], (0..<fill.parts).contains(part) else {
                    preconditionFailure("a spooled entry names a part of its fill")
                }
                try writer.add(entry.path, spooled: spooler.files[first + part])
            }
        }
        try writer.add(BundleManifest.indexPath, data: Data(index.utf8))
        try writer.add(BundleManifest.path, data: try manifest(try writer.files()).encoded())
        try writer.add(BundleManifest.sumsPath, data: Data(SHA256Sums.text(try writer.files()).utf8))
        let sha256 = try writer.finish()
        return (try writer.files().count, sha256)
    }

    private func checkBundleOutput(_ output: URL, overwrite: Bool) throws {
        var isFolder: ObjCBool = false
        let parent = output.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: parent.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw GembaError.invalid("the folder \(parent.path) does not exist; create it or choose another --out")
        }
        guard FileManager.default.fileExists(atPath: output.path, isDirectory: &isFolder) else { return }
        if isFolder.boolValue { throw GembaError.invalid("--out \(output.path) is a folder; give the path of the .zip file to write") }
        if !overwrite { throw GembaError(.conflict, "\(output.path) already exists; choose another --out or pass --force to replace it") }
    }

    /// The `bundle.build` trail entry: who built which bundle, as of when, of what, and its hash.
    /// Runs under the register lock.
    private func recordBundle(_ request: BundleRequest, output: URL, sha256: String, size: Int64, documents: Int, files: Int, by username: String) throws {
        let value: [String: Any] = [
            "as_of": request.asOf.description, "scope": request.scope.summary, "types": request.scope.types, "documents": request.scope.documents,
            "areas": request.scope.areas, "audits": request.scope.audits,
            "document_revisions": documents, "files": files, "file_name": output.lastPathComponent, "sha256": sha256, "size": size,
            "generator": request.generator,
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        try store.write { db in
            let actor = Actor(username: username, at: now(), reason: "evidence bundle of \(request.scope.summary) as of \(request.asOf)")
            try AuditTrail.append(db, action: "bundle.build", entityType: "bundle", entityId: sha256, old: nil, new: json, by: actor)
        }
    }

    /// Moves the finished archive to its name: replacing a file only with `overwrite`, and never
    /// replacing one that appeared while the bundle was built.
    private func publishBundle(_ temporary: URL, to output: URL, overwrite: Bool) throws {
        let exists = GembaError(.conflict, "\(output.path) already exists; choose another --out or pass --force to replace it")
        if !overwrite {
            if link(temporary.path, output.path) == 0 {
                unlink(temporary.path)
                return
            }
            if errno == EEXIST { throw exists }
            // A file system without hard links: check, then rename.
            if FileManager.default.fileExists(atPath: output.path) { throw exists }
        }
        guard rename(temporary.path, output.path) == 0 else {
            throw GembaError(.storage, "cannot move the bundle to \(output.path): \(String(cString: strerror(errno))); nothing was written")
        }
    }
}
