import Foundation
import GRDB
import GembaGit

extension Register {
    /// Signs "read and understood" for a revision of a document the signer is assigned
    /// (21 CFR 11.50, 11.70, 11.200). The signature binds the printed name, the UTC time and the
    /// meaning to the revision's release commit and folder tree, or to its signed draft when it
    /// is approved but not yet effective. `revision` chooses when two revisions are open.
    public func signTraining(_ id: String, revision letter: String? = nil, signer: SignerCredentials) throws -> TrainingAssignmentView {
        try exclusively {
            try releaseDueRevisions()
            let (document, revision) = try store.read { db in
                let document = try documentRecord(db, id)
                _ = try activeUser(db, signer.username)
                let open = try TrainingAssignmentRecord.fetchAll(db, sql: """
                    SELECT a.* FROM training_assignment a JOIN revision r ON r.document_id = a.document_id AND r.letter = a.revision_letter
                    WHERE a.document_id = ? AND a.username = ? AND a.status = 'open' AND r.status IN ('effective', 'approved') ORDER BY r.seq
                    """, arguments: [document.id, signer.username])
                let mine = "`gemba training list --as \(signer.username)` shows yours"
                let chosen: TrainingAssignmentRecord
                if let letter {
                    guard let match = open.first(where: { $0.revisionLetter == letter.uppercased() }) else {
                        throw GembaError.state("\(signer.username) has no open training assignment for \(document.id) rev \(letter.uppercased()); \(mine)")
                    }
                    chosen = match
                } else if open.count > 1 {
                    let letters = open.map(\.revisionLetter).joined(separator: " and ")
                    throw GembaError.invalid("\(signer.username) has open assignments for \(document.id) revs \(letters); say which with --revision")
                } else if let only = open.first {
                    chosen = only
                } else {
                    throw GembaError.state("\(signer.username) has no open training assignment for \(document.id); \(mine)")
                }
                return (document, try revisionRecord(db, document.id, chosen.revisionLetter))
            }
            // The exact content read: the release on main, or the approved draft before release.
            guard let commit = ObjectID(hex: revision.releaseCommit ?? revision.draftCommit), let tree = try folder(document.id, in: commit),
                revision.releaseCommit != nil || tree.hex == revision.draftTree
            else {
                throw GembaError(.integrity, "the content of \(document.id) rev \(revision.letter) is not where the register records it; run `gemba verify`")
            }
            let user = try authenticateSigner(signer.username, password: signer.password, for: "read and understood of \(document.id) rev \(revision.letter)")
            let now = now()
            let actor = Actor(username: user.username, at: now, reason: TrainingAcknowledgementView.meaning)
            return try store.write { db in
                guard var signed = try assignmentRecord(db, document.id, revision.letter, user.username), signed.isOpen else {
                    throw GembaError(.conflict, "the assignment for \(document.id) rev \(revision.letter) was closed meanwhile; nothing was signed")
                }
                try resetFailedAttempts(db, user, by: actor)
                signed.status = TrainingStatus.signed.rawValue
                signed.closedAt = now
                signed.signedAt = now
                signed.printedName = user.name
                signed.signedCommit = commit.hex
                signed.signedTree = tree.hex
                try AuditTrail.track(db, .trainingAssignment, key: signed.key, action: "training.sign", by: actor) { try signed.update(db) }
                guard let view = try assignmentViews(db, [signed]).first else {
                    throw GembaError(.integrity, "the signed assignment \(signed.key) cannot be read back; run `gemba verify`")
                }
                return view
            }
        }
    }
}
