import ArgumentParser
import Foundation
import GembaKit

/// `--register PATH`, else `GEMBA_REGISTER`, else `./register`.
struct RegisterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The register folder (default: $GEMBA_REGISTER or ./register).", valueName: "path"))
    var register: String?

    var url: URL {
        let path = register ?? ProcessInfo.processInfo.environment["GEMBA_REGISTER"] ?? "register"
        return URL(fileURLWithPath: path).standardizedFileURL
    }

    /// Opens the register and releases any approved revision whose effective date has come.
    func open() throws -> Register {
        let register = try Register.open(at: url)
        try register.releaseDue()
        return register
    }
}

/// `--as USER`, else `GEMBA_USER`.
struct ActorOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp("The person acting (default: $GEMBA_USER).", valueName: "user"))
    var user: String?

    var optionalUsername: String? { user ?? ProcessInfo.processInfo.environment["GEMBA_USER"] }

    func username() throws -> String {
        guard let name = optionalUsername, !name.isEmpty else {
            throw GembaError(.invalidInput, "say who is acting: pass --as USER or set GEMBA_USER")
        }
        return name
    }
}

struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false
}

/// How many rows a list of late items prints: the most urgent first, and a count of the rest.
/// A company register can have thousands of late items; `--all` lists every one.
struct ListLimitOptions: ParsableArguments {
    @Option(help: "List at most this many (most urgent first); the rest are counted.") var limit: Int = 100
    @Flag(help: "List every one.") var all = false

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    /// The number to ask for, or nil for all.
    var first: Int? { all ? nil : limit }
}

/// How a signer's password reaches gemba (21 CFR 11.200: asked at every signing).
struct PasswordOptions: ParsableArguments {
    @Flag(name: .long, help: "Read the password from the first line of standard input (for scripts).")
    var passwordStdin = false

    func password(for username: String) throws -> String {
        try Terminal.password(prompt: "Password for \(username): ", fromStandardInput: passwordStdin)
    }

    /// A new password: from standard input, or typed twice at the terminal.
    func newPassword(for username: String) throws -> String {
        let first = try Terminal.password(prompt: "New password for \(username): ", fromStandardInput: passwordStdin)
        if !passwordStdin {
            let again = try Terminal.password(prompt: "Repeat the new password: ", fromStandardInput: false)
            guard again == first else { throw GembaError(.invalidInput, "the two passwords differ; nothing was changed") }
        }
        return first
    }
}
