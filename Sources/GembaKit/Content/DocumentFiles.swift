import Foundation
import GembaGit

/// A file a user hands in: the bytes and the name it will have in the register.
public struct ContentFile: Sendable, Equatable {
    public let name: String
    public let data: Data

    /// Validates a user-supplied file name: one plain name, never a path.
    public init(name: String, data: Data) throws {
        try ContentFile.checkName(name)
        self.name = name
        self.data = data
    }

    static func checkName(_ name: String) throws {
        // [A-Za-z0-9][A-Za-z0-9._-]{0,99}, checked byte by byte (a regex here was a tenth of an import).
        let bytes = name.utf8
        let acceptable = (1...100).contains(bytes.count) && bytes.enumerated().allSatisfy { offset, byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
            case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"): offset > 0
            default: false
            }
        }
        guard acceptable, !name.contains("..") else {
            // Shown with control characters escaped and cut short: the message stays one line.
            let shown = String(String(name.prefix(120)).debugDescription.dropFirst().dropLast()) + (name.count > 120 ? "..." : "")
            throw GembaError.invalid("'\(shown)' is not an acceptable file name: use letters, digits, '.', '_' or '-' (no folders, no '..', at most 100 characters)")
        }
    }

    /// The lower-case extension, or "" when there is none.
    var fileExtension: String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...]).lowercased()
    }
}

/// The metadata file `meta.yaml` beside a document's content in git.
struct DocumentMeta: Equatable {
    struct SignatureLine: Equatable {
        let name: String
        let username: String
        let meaning: String
        let signedAt: Date
        let step: String?
    }

    var id: String
    var title: String
    var type: String
    var owner: String
    var revision: String
    var status: String
    var effectiveDate: Day?
    var changeReason: String
    var changeClass: String
    var eco: String?
    var mainFile: String
    var attachments: [String]
    var signatures: [SignatureLine] = []

    /// Stable YAML: fixed key order, every string double-quoted, so equal metadata gives equal bytes.
    var yaml: String {
        var lines = [
            "id: \(quote(id))", "title: \(quote(title))", "type: \(quote(type))", "owner: \(quote(owner))",
            "revision: \(quote(revision))", "status: \(quote(status))",
        ]
        if let effectiveDate { lines.append("effective_date: \(quote(effectiveDate.description))") }
        lines += ["change_reason: \(quote(changeReason))", "change_class: \(quote(changeClass))"]
        if let eco { lines.append("eco: \(quote(eco))") }
        lines.append("main_file: \(quote(mainFile))")
        lines.append(attachments.isEmpty ? "attachments: []" : "attachments:")
        lines += attachments.map { "  - \(quote($0))" }
        if !signatures.isEmpty {
            lines.append("signatures:")
            for signature in signatures {
                lines.append("  - name: \(quote(signature.name))")
                lines.append("    user: \(quote(signature.username))")
                lines.append("    meaning: \(quote(signature.meaning))")
                lines.append("    signed_at: \(quote(Timestamp.string(signature.signedAt)))")
                if let step = signature.step { lines.append("    step: \(quote(step))") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A JSON string (which YAML reads as a double-quoted scalar), escaped as JSONSerialization does.
    private func quote(_ text: String) -> String { CanonicalJSON.quoted(text) }
}

/// Builds and reads a document's folder in content.git: `documents/<group>/<ID>/`, where the group
/// is the ID with its last three digits written as `x` (`documents/SOP-0xxx/SOP-0042/`). A thousand
/// numbers share a folder, so a release rewrites trees of at most about a thousand entries, not a
/// tree naming every document in the register.
struct DocumentTree {
    static func path(_ id: String) -> String { "documents/\(group(id))/\(id)" }

    /// Where registers made before 2026-11-26 kept every folder: directly under `documents/`. Such a
    /// folder is still read, and moves to `path` when gemba next writes the document on a branch.
    static func flatPath(_ id: String) -> String { "documents/\(id)" }

    /// The group folder of an ID: its trailing digits, at most the last three, written as `x`
    /// (lower case, so a group never equals an ID, which is upper case); `other` for an ID
    /// without trailing digits.
    static func group(_ id: String) -> String {
        let digits = id.utf8.reversed().prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
        guard digits > 0 else { return "other" }
        let kept = min(digits, 3)
        return String(id.dropLast(kept)) + String(repeating: "x", count: kept)
    }

    /// A document's folder in a tree, in either layout; nil when the tree holds none.
    static func folder(_ id: String, inTree tree: ObjectID, in repository: Repository) throws -> TreeEntry? {
        if let entry = try repository.entry(atPath: path(id), inTree: tree) { return entry }
        return try repository.entry(atPath: flatPath(id), inTree: tree)
    }

    /// Puts `folder` in place of the document's folder in the edited tree (nil takes it out),
    /// moving a folder left in the flat layout.
    static func place(_ id: String, folder: ObjectID?, in editor: TreeEditor) throws {
        var edits: [TreeEdit] = []
        if try editor.contains(flatPath(id)) { edits.append(.remove(path: flatPath(id))) }
        if let folder {
            edits.append(.upsertTree(path: path(id), tree: folder))
        } else if try editor.contains(path(id)) {
            edits.append(.remove(path: path(id)))
        }
        try editor.apply(edits)
    }

    /// `tree` with `folder` in place of the document's folder (nil takes it out), as `place` puts it.
    static func placing(_ id: String, folder: ObjectID?, inTree tree: ObjectID, in repository: Repository) throws -> ObjectID {
        let editor = try TreeEditor(base: tree, in: repository)
        try place(id, folder: folder, in: editor)
        return try editor.write()
    }
    static let attachmentsFolder = "attachments"
    static let metaFile = "meta.yaml"

    /// Writes the folder's blobs and tree: meta.yaml, the main file, attachments.
    static func write(
        meta: DocumentMeta, main: Data, attachments: [ContentFile], in repository: Repository
    ) throws -> ObjectID {
        var edits: [TreeEdit] = [
            .upsertFile(path: metaFile, blob: try repository.writeBlob(Data(meta.yaml.utf8))),
            .upsertFile(path: meta.mainFile, blob: try repository.writeBlob(main)),
        ]
        for file in attachments {
            edits.append(.upsertFile(path: "\(attachmentsFolder)/\(file.name)", blob: try repository.writeBlob(file.data)))
        }
        return try repository.tree(base: nil, applying: edits)
    }

    /// The main file and attachments of a folder tree, for copying into a new revision.
    static func read(tree: ObjectID, mainFile: String, in repository: Repository) throws -> (main: Data, attachments: [ContentFile]) {
        guard let entry = try repository.entry(atPath: mainFile, inTree: tree) else {
            throw GembaError(.integrity, "content.git: \(mainFile) is missing from the document's folder; run `gemba verify`")
        }
        let main = try repository.blob(entry.id)
        var attachments: [ContentFile] = []
        if let folder = try repository.entry(atPath: attachmentsFolder, inTree: tree), folder.kind == .tree {
            for item in try repository.entries(ofTree: folder.id) where item.kind == .blob {
                attachments.append(try ContentFile(name: item.name, data: try repository.blob(item.id)))
            }
        }
        return (main, attachments)
    }
}
