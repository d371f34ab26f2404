import Foundation
import GRDB
import GembaGit
import Logging

/// One register directory: `content.git` (document content, written through GembaGit),
/// `register.sqlite` (records), and a `lock` file that serialises writers.
public final class Register {
    public static let contentDirectory = "content.git"
    public static let databaseFile = "register.sqlite"
    public static let lockFile = "lock"
    static let mainRef = "refs/heads/main"
    /// The user name written to the trail for changes the system makes on its own.
    public static let systemActor = "system"

    public let root: URL
    public let policies: Policies
    let store: Store
    let repository: Repository
    let clock: any Clock
    let logger = Logger(label: "gemba.register")
    /// Policy files parsed from main, by content: checking a thousand documents' areas reads the
    /// training policy a thousand times, but parses it once.
    let parsedPolicies = ParsedPolicies()

    init(root: URL, store: Store, repository: Repository, policies: Policies, clock: any Clock) {
        self.root = root
        self.store = store
        self.repository = repository
        self.policies = policies
        self.clock = clock
    }

    /// Opens an existing register, refusing a missing or incomplete one and one from a newer gemba.
    public static func open(at root: URL, clock: any Clock = SystemClock()) throws -> Register {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GembaError(.register, "no register at \(root.path); run `gemba init --register \(root.path)` or pass --register (or GEMBA_REGISTER)")
        }
        let contentURL = root.appendingPathComponent(contentDirectory)
        guard FileManager.default.fileExists(atPath: contentURL.path) else {
            throw GembaError(.register, "\(root.path) is not a gemba register (no \(contentDirectory)); pass the register folder with --register")
        }
        let store = try Store.open(at: root.appendingPathComponent(databaseFile))
        let repository: Repository
        do {
            repository = try Repository.open(at: contentURL)
        } catch {
            throw GembaError(.register, "cannot open \(contentURL.path): \(error)")
        }
        let policies = try loadPolicies(store: store, repository: repository)
        return Register(root: root, store: store, repository: repository, policies: policies, clock: clock)
    }

    /// The policies in force: the `policies/` folder of the main commit the register records.
    private static func loadPolicies(store: Store, repository: Repository) throws -> Policies {
        guard let mainHex = try store.read({ db in try String.fetchOne(db, sql: "SELECT target FROM git_ref WHERE name = ?", arguments: [mainRef]) }),
            let main = ObjectID(hex: mainHex)
        else {
            throw GembaError(.integrity, "the register records no main branch; run `gemba verify`")
        }
        var files: [String: Data] = [:]
        do {
            let tree = try repository.commit(main).tree
            for name in Policies.fileNames {
                if let entry = try repository.entry(atPath: "policies/\(name)", inTree: tree) {
                    files[name] = try repository.blob(entry.id)
                }
            }
        } catch let error as GitError {
            throw GembaError(.integrity, "cannot read the policies from content.git (\(error)); run `gemba verify`")
        }
        return try Policies.load(files: files)
    }

    /// A policy file other than the four core ones (for example `training.yaml`), as recorded on
    /// main; nil when the register has none.
    func policyFile(_ name: String) throws -> Data? {
        let main = try store.read { db in try recordedMain(db) }
        guard let entry = try repository.entry(atPath: "policies/\(name)", inTree: try repository.commit(main).tree) else { return nil }
        return try repository.blob(entry.id)
    }

    // MARK: Writing

    /// Runs one write operation under the register lock: at most one writer at a time, across
    /// processes. The lock is released when `body` returns or the process dies. A storage
    /// failure (a full disk, a busy database) leaves as a one-line `GembaError`.
    func exclusively<T>(_ body: () throws -> T) throws -> T {
        let lock = try RegisterLock(path: root.appendingPathComponent(Register.lockFile).path)
        defer { withExtendedLifetime(lock) {} }
        do {
            return try body()
        } catch let error as GembaError {
            throw error
        } catch {
            throw GembaError.storage(from: error, near: root) ?? error
        }
    }

    /// The current time by the register's clock.
    public func now() -> Date { clock.now() }

    /// The current UTC day by the register's clock.
    public func today() -> Day { Day(clock.now()) }
}
