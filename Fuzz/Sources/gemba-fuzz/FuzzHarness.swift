import Foundation
import GembaKit

/// One fuzz target per untrusted input, chosen by GEMBA_FUZZ_TARGET. Each takes the fuzzer's
/// bytes as that input and requires that gemba either accepts them or refuses them with one
/// GembaError line; anything else (a trap, another error type, a message over several lines)
/// aborts, so libFuzzer keeps the input as a finding.
enum FuzzTarget: String, CaseIterable {
    case policy, csv, markdown, filename, bundle
}

nonisolated(unsafe) var target = FuzzTarget.policy
nonisolated(unsafe) var fixture: Fixture?

/// libFuzzer's entry when the program has its own `main` (SwiftPM gives every executable one).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Sets up the target named by GEMBA_FUZZ_TARGET and hands the arguments to libFuzzer.
func runFuzzer() -> CInt {
    let name = ProcessInfo.processInfo.environment["GEMBA_FUZZ_TARGET"] ?? ""
    guard let chosen = FuzzTarget(rawValue: name) else {
        fail("set GEMBA_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    target = chosen
    do {
        fixture = try Fixture(target: chosen)
    } catch {
        fail("cannot set up the \(name) target: \(error)")
    }
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    return runFuzzerDriver(&argc, &argv, testOneInput)
}

func testOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let fixture, let start else { return 0 }
    let data = Data(bytes: start, count: count)
    do {
        try fixture.run(target, data)
    } catch let error as GembaError {
        if error.message.isEmpty || error.message.contains("\n") {
            fail("\(target): the error is not one line: \(error.message.debugDescription)")
        }
    } catch {
        fail("\(target): \(type(of: error)) escaped instead of a GembaError: \(error)")
    }
    return 0
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("gemba-fuzz: \(message)\n".utf8))
    abort()
}

/// The name libFuzzer's own objects refer to; the driver is handed `testOneInput` directly.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    testOneInput(start, count)
}
