import Foundation
import Testing

/// The sample plant, built once per test run by `gemba demo` with the shipped policies and
/// sample, then copied into each test's sandbox (building it takes 30-60 s).
enum DemoPlant {
    struct Build: Sendable {
        let register: URL
        let output: Outcome
        let seconds: Double
        /// The UTC day the demo was built on: its "today" (the replay ends at the build's moment).
        let day: String

        /// A private copy of the demo register in the sandbox (no gemba process has it open).
        func copy(into sandbox: Sandbox) throws -> URL {
            let copy = sandbox.folder.appendingPathComponent("demo")
            try FileManager.default.copyItem(at: register, to: copy)
            return copy
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-cli-demo-\(UUID().uuidString)", isDirectory: true)

    /// Started on first use and awaited by every test that needs it. The build waits on a thread
    /// of its own, so tests waiting for it do not hold the test runner's few threads.
    private static let building = Task<Build, any Error>.detached {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try buildNow() }) }.start()
        }
    }

    static func built() async throws -> Build {
        try await building.value
    }

    private static func buildNow() throws -> Build {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        atexit { DemoPlant.removeBuild() }
        let register = folder.appendingPathComponent("demo")
        let started = Date()
        let day = utcDay(started)
        let output = try Subprocess(
            executable: GembaExecutable.url, arguments: ["demo", "--register", register.path], displayName: "gemba", stdin: nil,
            directory: folder, environment: GembaExecutable.cleanEnvironment
        ).finish()
        let seconds = Date().timeIntervalSince(started)
        print("gemba demo built the sample plant in \(String(format: "%.1f", seconds)) s")
        guard output.succeeded else { throw Failure(description: "\(output)") }
        return Build(register: register, output: output, seconds: seconds, day: day)
    }

    private static func removeBuild() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// The states the sample register's README promises on any load date.
enum DemoFacts {
    static let overdue: Set = ["SOP-0008", "SOP-0009", "WI-0002", "FORM-0003", "BOARD-001", "EXT-0002"]
    static let dueWithin30Days: Set = ["POL-002", "SOP-0003", "WI-0004", "BOARD-002", "EXT-0001"]
    static let inReview: Set = ["POL-003", "SOP-0005", "SOP-0010", "WI-0005"]
}
