import Foundation
import GRDB
import GembaKit
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A seeded random source (SplitMix64): the same seed gives the same choices, so a fault run
/// can be repeated with the seed it printed.
struct FaultRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Sizes of the fault runs: small in the suite, the full size when scripts/reliability-* set
/// the variables.
enum FaultSize {
    static func integer(_ name: String, default value: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? value
    }

    static func seed(_ name: String, default value: UInt64) -> UInt64 {
        ProcessInfo.processInfo.environment[name].flatMap(UInt64.init) ?? value
    }
}

/// What an HTTP call to `gemba serve` gave: a status and body, or no answer at all.
struct APIAnswer: Sendable, CustomStringConvertible {
    let status: Int?
    let body: String
    let failure: String?

    var succeeded: Bool { status.map { (200..<300).contains($0) } ?? false }
    var description: String { "HTTP \(status.map(String.init) ?? "no answer (\(failure ?? "?"))"): \(body)" }
}

/// A blocking JSON client for the API (one call at a time per thread).
struct APIClient: Sendable {
    let port: Int

    func call(_ method: String, _ path: String, token: String? = nil, json: String? = nil, timeout: TimeInterval = 120) -> APIAnswer {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { return APIAnswer(status: nil, body: "", failure: "bad path \(path)") }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(json.utf8)
        }
        let box = AnswerBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            box.answer = APIAnswer(
                status: (response as? HTTPURLResponse)?.statusCode, body: data.map { String(decoding: $0, as: UTF8.self) } ?? "",
                failure: error.map { "\($0.localizedDescription)" })
            done.signal()
        }.resume()
        done.wait()
        return box.answer ?? APIAnswer(status: nil, body: "", failure: "no completion")
    }

    private final class AnswerBox: @unchecked Sendable {
        var answer: APIAnswer?
    }
}

/// `gemba serve` on a free port, answering /health.
struct ServedRegister {
    let process: Subprocess
    let client: APIClient

    static func start(_ sandbox: Sandbox, register: URL? = nil) throws -> ServedRegister {
        for _ in 0..<5 {
            let port = Int.random(in: 20_000...60_000)
            let server = try sandbox.start(["serve", "--register", (register ?? sandbox.register).path, "--port", String(port)])
            let client = APIClient(port: port)
            for _ in 0..<300 {
                usleep(50_000)
                if client.call("GET", "/health", timeout: 5).status == 200 { return ServedRegister(process: server, client: client) }
            }
            server.kill()
            _ = server.finish()
        }
        throw ReliabilityFailure("gemba serve did not start on any of five ports")
    }
}

struct ReliabilityFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Sandbox {
    /// `count` SOPs written by alice (standard route: reviewed by bob, then approved by carol),
    /// each with its review started. Made in this process through GembaKit, the same writes
    /// `gemba doc new` and `gemba review start` make, only without starting 2 x `count` processes.
    /// Returns their IDs in order.
    func sopsInReview(_ count: Int) throws -> [String] {
        let register = try Register.open(at: self.register)
        let alice = SignerCredentials(username: Staff.author.username, password: Staff.author.password)
        return try (1...count).map { number in
            let text = "# Procedure \(number)\n\n1. Do the work.\n"
            let id = try register.createDocument(
                NewDocument(type: "SOP", title: "Procedure \(number)", file: try ContentFile(name: "procedure.md", data: Data(text.utf8))), by: alice.username)
            _ = try register.startRevisionReview(id, signer: alice)
            return id
        }
    }

    /// A new API token for `member`, issued with their password.
    func apiToken(for member: Staff.Member) throws -> String {
        let issued = try gemba("token", "new", "--label", "reliability", "--as", member.username, "--password-stdin", stdin: member.password + "\n")
        try #require(issued.succeeded, "\(issued)")
        return issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The open review cycle of each document, by document ID.
    func openCycles(in register: URL? = nil) throws -> [String: Int64] {
        try readRegister(register) { db in
            let rows = try Row.fetchAll(db, sql: "SELECT document_id, id FROM review_cycle WHERE status = 'open'")
            return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as String, $0[1] as Int64) })
        }
    }

    /// Runs a read on register.sqlite and closes it again (while no gemba writes).
    func readRegister<T>(_ register: URL? = nil, _ body: (Database) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.busyMode = .timeout(15)
        let queue = try DatabaseQueue(path: (register ?? self.register).appendingPathComponent("register.sqlite").path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read(body)
    }

    /// The signing body of the API for a step's meaning.
    static func signingJSON(_ member: Staff.Member, meaning: String) -> String {
        #"{"meaning": "\#(meaning)", "password": "\#(member.password)"}"#
    }
}
