import Foundation
import GRDB
import Testing

/// Where one SOP of a kill run stands, read straight from register.sqlite and content.git.
struct SigningState: Equatable, CustomStringConvertible {
    var reviewed = 0
    var approved = 0
    var documentStatus = ""
    var revisionStatus = ""
    var cycleStatus = ""
    var currentStep = 0
    var tagObject: String?

    /// Signatures recorded so far on its route: 0 (none), 1 (reviewed), 2 (approved, released).
    var signed: Int { reviewed + approved }

    var description: String {
        "reviewed \(reviewed), approved \(approved), document \(documentStatus), revision \(revisionStatus), cycle \(cycleStatus) at step \(currentStep), tag \(tagObject ?? "none")"
    }

    /// Whole: either still in review at the step its signatures reached, or approved, effective and tagged.
    var isWhole: Bool {
        guard reviewed <= 1, approved <= 1 else { return false }
        if approved == 1 {
            return reviewed == 1 && documentStatus == "effective" && revisionStatus == "effective" && cycleStatus == "approved" && tagObject != nil
        }
        return documentStatus == "in_review" && revisionStatus == "in_review" && cycleStatus == "open" && currentStep == reviewed && tagObject == nil
    }
}

extension Sandbox {
    /// Every SOP's signing state, by ID.
    func signingStates() throws -> [String: SigningState] {
        try readRegister { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT d.id, d.status, r.status, r.tag_object, c.status, c.current_step,
                    (SELECT count(*) FROM signature s WHERE s.document_id = d.id AND s.meaning = 'reviewed'),
                    (SELECT count(*) FROM signature s WHERE s.document_id = d.id AND s.meaning = 'approved')
                FROM document d JOIN revision r ON r.document_id = d.id AND r.letter = 'A'
                JOIN review_cycle c ON c.document_id = d.id AND c.revision_letter = 'A'
                WHERE d.type = 'SOP'
                """)
            var states: [String: SigningState] = [:]
            for row in rows {
                states[row[0]] = SigningState(
                    reviewed: row[6], approved: row[7], documentStatus: row[1], revisionStatus: row[2], cycleStatus: row[4],
                    currentStep: row[5], tagObject: row[3])
            }
            return states
        }
    }

    /// content.git's tags, name to object.
    func gitTags() throws -> [String: String] {
        let listed = try git("for-each-ref", "refs/tags", "--format=%(refname:strip=2) %(objectname)")
        try #require(listed.succeeded, "\(listed)")
        var tags: [String: String] = [:]
        for line in listed.stdoutLines where !line.isEmpty {
            let parts = line.split(separator: " ")
            if parts.count == 2 { tags[String(parts[0])] = String(parts[1]) }
        }
        return tags
    }

    /// git's lock files left anywhere in content.git.
    func gitLockFiles() throws -> [String] {
        try files(under: content).keys.filter { $0.hasSuffix(".lock") }.sorted()
    }
}
