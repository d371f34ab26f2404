import Foundation
import Testing

/// `gemba --help` and `gemba help COMMAND` describe the commands and exit 0.
@Suite struct HelpTests {
    @Test(arguments: [["--help"], ["help", "review", "sign"], ["doc", "new", "--help"], ["--version"]])
    func helpIsPrintedAndExitsZero(arguments: [String]) throws {
        try Sandbox.with { s in
            // When a user asks for help
            let run = try s.run(arguments)

            // Then it is printed on standard output, with status 0 and no error
            #expect(!run.killed && run.status == 0 && run.stderr.isEmpty, "\(run)")
            #expect(!run.stdout.isEmpty)
            if arguments.contains("sign") { #expect(run.stdout.contains("--password-stdin"), "\(run.stdout)") }
            if arguments == ["--help"] { #expect(run.stdout.contains("review") && run.stdout.contains("verify")) }
        }
    }

    @Test func unknownCommandIsAUsageError() throws {
        try Sandbox.with { s in
            let run = try s.run(["frobnicate"])
            #expect(!run.killed && run.status == 64, "\(run)")
            #expect(run.stderr.contains("frobnicate"))
        }
    }
}
