// swift-tools-version:6.1
import Foundation
import PackageDescription

// libFuzzer targets for Gemba's untrusted inputs, built by scripts/fuzz with
// `-sanitize=fuzzer`; not part of the normal build or test run. The parent package's identity
// is the name of its folder, which differs between checkouts.
let gemba = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "GembaFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: gemba.path)],
    targets: [
        .executableTarget(
            name: "gemba-fuzz",
            dependencies: [.product(name: "GembaKit", package: gemba.lastPathComponent)]
        ),
    ],
    swiftLanguageModes: [.v6]
)
