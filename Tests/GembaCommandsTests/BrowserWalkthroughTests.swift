import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The web app in a real browser: `gemba serve` on a copy of the demo register, driven by
/// headless Chromium through Tests/browser/walkthrough.py (Selenium). `scripts/test` installs
/// Chromium, its driver and Selenium when they are missing.
@Suite("The web app in headless Chromium")
struct BrowserWalkthroughTests {
    @Test("a coordinator opens an overdue document, revises it in the browser, two people sign it, and the dashboard changes")
    func walkthrough() async throws {
        let demo = try await DemoPlant.built()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-browser-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let register = folder.appendingPathComponent("demo")
        try FileManager.default.copyItem(at: demo.register, to: register)

        let (server, port) = try await Self.serve(register, in: folder)
        defer { server.kill() }
        // GEMBA_UPDATE_SCREENSHOTS=1 refreshes the committed pictures in docs/screenshots.
        let update = ProcessInfo.processInfo.environment["GEMBA_UPDATE_SCREENSHOTS"] == "1"
        let shots = update ? GembaExecutable.packageRoot.appendingPathComponent("docs/screenshots") : folder.appendingPathComponent("shots")
        let script = GembaExecutable.packageRoot.appendingPathComponent("Tests/browser/walkthrough.py")
        let outcome = try Subprocess(
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            arguments: ["python3", script.path, "--base", "http://127.0.0.1:\(port)", "--password", "gemba-demo-2026", "--screenshots", shots.path],
            displayName: "walkthrough.py", stdin: nil, directory: folder, environment: ProcessInfo.processInfo.environment
        ).finish()
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout.contains("walkthrough: OK"))
        #expect(outcome.stdout.contains("the revision is now effective"), "\(outcome.stdout)")
        for page in ["login", "dashboard", "documents", "document", "diff", "review"] {
            #expect(FileManager.default.fileExists(atPath: shots.appendingPathComponent("\(page).png").path), "no screenshot of \(page)")
        }
        server.kill()
        // What the browser did is in the register, intact.
        let verify = try Subprocess(
            executable: GembaExecutable.url, arguments: ["verify", "--register", register.path], displayName: "gemba", stdin: nil,
            directory: folder, environment: GembaExecutable.cleanEnvironment
        ).finish()
        #expect(verify.status == 0, "\(verify)")
    }

    /// Starts `gemba serve` on a free port and waits until it answers.
    static func serve(_ register: URL, in folder: URL) async throws -> (Subprocess, Int) {
        for _ in 0..<5 {
            let port = Int.random(in: 20_000...60_000)
            let server = try Subprocess(
                executable: GembaExecutable.url, arguments: ["serve", "--register", register.path, "--port", String(port)], displayName: "gemba",
                stdin: nil, directory: folder, environment: GembaExecutable.cleanEnvironment)
            for _ in 0..<100 {
                try await Task.sleep(for: .milliseconds(100))
                if let (_, response) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/health")!),
                    (response as? HTTPURLResponse)?.statusCode == 200 {
                    return (server, port)
                }
            }
            server.kill()
        }
        throw DemoPlant.Failure(description: "gemba serve did not start on any of five ports")
    }
}
