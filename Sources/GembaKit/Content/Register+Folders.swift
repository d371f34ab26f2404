import Foundation
import GembaGit

extension Register {
    /// The tree id of a document's folder in a commit, nil when the commit has no such folder.
    func folder(_ id: String, in commit: ObjectID) throws -> ObjectID? {
        try DocumentTree.folder(id, inTree: try repository.commit(commit).tree, in: repository)?.id
    }

    /// Every file under a folder tree, by path, with its blob id.
    func fileIDs(_ tree: ObjectID, prefix: String = "") throws -> [String: ObjectID] {
        var result: [String: ObjectID] = [:]
        for entry in try repository.entries(ofTree: tree) {
            if entry.kind == .tree {
                result.merge(try fileIDs(entry.id, prefix: "\(prefix)\(entry.name)/")) { a, _ in a }
            } else {
                result["\(prefix)\(entry.name)"] = entry.id
            }
        }
        return result
    }

    /// 21 CFR 11.70: the signed commit still holds the signed folder tree, and a released revision's
    /// files are exactly the signed files (only meta.yaml gains the release details).
    func signatureHolds(_ signature: SignatureRecord, releaseCommit: String?) -> Bool {
        guard let commit = ObjectID(hex: signature.commitId), let signedTree = ObjectID(hex: signature.treeId),
            let folderTree = try? folder(signature.documentId, in: commit), folderTree == signedTree
        else { return false }
        guard let releaseHex = releaseCommit, signature.meaning != SignatureMeaning.rejected.rawValue else { return true }
        guard let release = ObjectID(hex: releaseHex), let releasedTree = try? folder(signature.documentId, in: release),
            let signedFiles = try? fileIDs(signedTree), let releasedFiles = try? fileIDs(releasedTree)
        else { return false }
        if releasedTree == signedTree { return true }
        return signedFiles.filter { $0.key != DocumentTree.metaFile } == releasedFiles.filter { $0.key != DocumentTree.metaFile }
    }
}
