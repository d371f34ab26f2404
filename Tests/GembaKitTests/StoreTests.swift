import Foundation
import GRDB
import Testing
@testable import GembaKit

/// Opening and creating registers: the files on disk and the schema version.
@Suite("Store")
struct StoreTests {
    @Test func reopenedRegisterHasItsRecords() throws {
        try withRegister { r in
            // Given a register with a released document, when it is opened again
            let id = try r.releasedDocument()
            let reopened = try Register.open(at: r.root, clock: r.clock)
            // then it reads the same records and policies.
            #expect(try reopened.documents().map(\.id) == [id])
            #expect(try reopened.document(id).summary.status == "effective")
            #expect(reopened.policies.settings.scrypt.n == 1024)
            #expect(try reopened.verify().problems == [])
        }
    }

    @Test func databaseFromANewerVersionIsRefused() throws {
        try withRegister { r in
            // Given a register whose database records a migration this version does not know
            let database = try r.database()
            try database.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('2099-01-01 signatures v9')")
            }
            try database.close()

            // when it is opened, then it is refused with a message saying a newer gemba wrote it.
            let error = try #require(throws: GembaError.self) { _ = try Register.open(at: r.root, clock: r.clock) }
            #expect(error.kind == .register)
            #expect(error.message.contains("was written by a newer version of gemba"), "\(error.message)")
            #expect(error.message.contains("2099-01-01 signatures v9"))
        }
    }

    @Test func aFolderWithoutContentIsNotARegister() throws {
        try withTemporaryFolder { folder in
            // Given an empty folder, when it is opened as a register, then it is refused.
            let error = try #require(throws: GembaError.self) { _ = try Register.open(at: folder) }
            #expect(error.kind == .register)
            #expect(error.message.contains("not a gemba register"))
        }
    }

    @Test func createRefusesANonEmptyFolder() throws {
        try withTemporaryFolder { folder in
            // Given a folder holding a file, when a register is created there, then it is refused and the file kept.
            try Data("keep me".utf8).write(to: folder.appendingPathComponent("notes.txt"))
            let error = try #require(throws: GembaError.self) {
                _ = try Register.create(at: folder, policyFiles: try testPolicyFiles(), setupBy: .init(name: "A", email: "a@example.com", time: startOfTests))
            }
            #expect(error.message.contains("already exists and is not empty"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
        }
    }

    @Test func theFirstUserMustBeAnAdministrator() throws {
        try withTemporaryFolder { folder in
            // Given a new register, when its first user is not an administrator, then it is refused.
            let register = try Register.create(
                at: folder.appendingPathComponent("register"), policyFiles: try testPolicyFiles(),
                setupBy: .init(name: "A", email: "a@example.com", time: startOfTests), clock: ManualClock(startOfTests))
            let error = try #require(throws: GembaError.self) {
                try register.addUser(NewUser(username: "alice", name: "Alice Author", roles: ["author"], password: TestRegister.password), by: nil)
            }
            #expect(error.kind == .permission)
            #expect(try register.users().isEmpty)
        }
    }

    @Test func addingUsersNeedsTheAdministratorsPassword() throws {
        try withRegister { r in
            let newcomer = NewUser(username: "nina", name: "Nina New", roles: ["viewer"], password: TestRegister.password)
            // Given a register with an administrator, when a user is added without credentials or with a wrong password, it is refused;
            #expect(throws: GembaError.self) { try r.register.addUser(newcomer, by: nil) }
            #expect(throws: GembaError.self) { try r.register.addUser(newcomer, by: r.credentials("ada", password: "not the password")) }
            #expect(throws: GembaError.self) { try r.register.addUser(newcomer, by: r.credentials("carl")) }
            // a user name is never reused.
            try r.register.addUser(newcomer, by: r.credentials("ada"))
            let again = try #require(throws: GembaError.self) { try r.register.addUser(newcomer, by: r.credentials("ada")) }
            #expect(again.kind == .conflict)
        }
    }
}
