import Foundation
import GRDB
import GembaGit
import Testing
@testable import GembaKit

extension TestRegister {
    /// Runs SQL on register.sqlite the way a hand edit does: the audit trail knows nothing of it.
    func handEdit(_ sql: String, _ arguments: StatementArguments = []) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false  // as in the sqlite3 shell
        let queue = try DatabaseQueue(path: root.appendingPathComponent(Register.databaseFile).path, configuration: configuration)
        try queue.write { db in try db.execute(sql: sql, arguments: arguments) }
        try queue.close()
    }

    /// Changes one tracked row the way a forger who can also write well-formed audit-trail
    /// entries would: the change plus a correctly chained entry for it. Only the checks that do
    /// not rely on the trail (content hashes, git, the cycle a signature belongs to) can find it.
    func forge(_ table: TrackedTable, key: String, _ sql: String, _ arguments: StatementArguments = []) throws {
        try register.store.write { db in
            try AuditTrail.track(db, table, key: key, action: "forged", by: Actor(username: "mallory", at: clock.now())) {
                try db.execute(sql: sql, arguments: arguments)
            }
        }
    }

    /// The problems `verify` reports; the register must have verified clean before the edit.
    func problems() throws -> [String] {
        try register.verify().problems
    }

    func signatureID(_ id: String, _ letter: String, meaning: SignatureMeaning) throws -> Int64 {
        try #require(try register.store.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM signature WHERE document_id = ? AND revision_letter = ? AND meaning = ? ORDER BY id DESC",
                               arguments: [id, letter, meaning.rawValue])
        })
    }
}
