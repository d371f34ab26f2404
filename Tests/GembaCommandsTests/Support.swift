import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real `gemba` executable: beside the test runner (both are built into the same folder),
/// else `.build/debug/gemba` in the package checkout.
enum GembaExecutable {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let url: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gemba")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/gemba")
    }()

    /// The test process's environment without anything that would point gemba elsewhere.
    static let cleanEnvironment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        for name in ["GEMBA_REGISTER", "GEMBA_USER", "GEMBA_POLICIES", "GEMBA_SAMPLE"] { environment[name] = nil }
        return environment
    }()
}

/// How a finished subprocess ended and what it printed.
struct Outcome: CustomStringConvertible, Sendable {
    let command: [String]
    /// The exit status, or the signal number when `killed`.
    let status: Int32
    let killed: Bool
    let stdout: String
    let stderr: String

    var description: String {
        "`\(command.joined(separator: " "))` \(killed ? "killed by signal" : "exited") \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
    }

    var succeeded: Bool { !killed && status == 0 }
    var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
}

/// Reads a pipe to its end on a thread of its own, so a chatty child never blocks on a full pipe.
final class PipeDrain: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            finished.signal()
        }.start()
    }

    /// Everything the child wrote; waits for the end of the pipe.
    func collect() -> String {
        finished.wait()
        return String(decoding: data, as: UTF8.self)
    }
}

/// A started subprocess with its three pipes. Standard input is written and closed before the
/// child starts, so the child never waits for it and we never write into a closed pipe.
final class Subprocess: @unchecked Sendable {
    let command: [String]
    private let process = Process()
    private let output: PipeDrain
    private let errors: PipeDrain

    init(executable: URL, arguments: [String], displayName: String, stdin: String?, directory: URL, environment: [String: String]) throws {
        command = [displayName] + arguments
        let input = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        if let stdin { try input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        process.standardInput = input
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        output = PipeDrain(stdout.fileHandleForReading)
        errors = PipeDrain(stderr.fileHandleForReading)
    }

    /// SIGKILL, unless the child has already ended.
    func kill() {
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    /// Waits for the end of the child and its output.
    func finish() -> Outcome {
        let out = output.collect()
        let err = errors.collect()
        process.waitUntilExit()
        return Outcome(
            command: command, status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal,
            stdout: out, stderr: err)
    }
}

/// Checks the error contract of the CLI: exit status 2 and exactly one line on standard error,
/// starting with `gemba: `. Returns the message after the prefix.
@discardableResult
func expectOneLineError(_ outcome: Outcome, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    #expect(!outcome.killed && outcome.status == 2, "\(outcome)", sourceLocation: sourceLocation)
    let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 2 && lines.last == "", "stderr must be exactly one line: \(outcome)", sourceLocation: sourceLocation)
    #expect(outcome.stderr.hasPrefix("gemba: "), "\(outcome)", sourceLocation: sourceLocation)
    return String(lines.first ?? "").replacingOccurrences(of: "gemba: ", with: "", options: .anchored)
}

/// Decodes gemba's `--json` output (snake_case keys).
/// `exitCodes` are the statuses the command may end with (`status` and `review overdue` exit 1
/// when anything is overdue).
func decodeJSON<T: Decodable>(_ type: T.Type, _ outcome: Outcome, exitCodes: Set<Int32> = [0], sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
    try #require(!outcome.killed && exitCodes.contains(outcome.status) && outcome.stderr.isEmpty, "\(outcome)", sourceLocation: sourceLocation)
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(T.self, from: Data(outcome.stdout.utf8))
}

/// Today's date in UTC, `YYYY-MM-DD`, as gemba writes dates.
func utcDay(_ date: Date = Date(), addingMonths months: Int = 0, days: Int = 0) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
    let start = calendar.startOfDay(for: date)
    let shifted = calendar.date(byAdding: DateComponents(month: months, day: days), to: start) ?? start
    let c = calendar.dateComponents([.year, .month, .day], from: shifted)
    return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
}

/// Parses `2026-11-25T17:10:04Z`.
func utcTimestamp(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text)
}
