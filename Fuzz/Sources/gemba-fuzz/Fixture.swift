import Foundation
import GembaKit

/// What a target needs besides the input: the shipped policies, and for CSV imports a
/// register to import into; one per process.
final class Fixture {
    let policies: [String: Data]
    let folder: URL
    var register: Register?
    private var counter = 0

    /// The repository's policies/ folder, found from this file's place in the checkout.
    static let policyFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("policies")

    init(target: FuzzTarget) throws {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: Fixture.policyFolder.path) where name.hasSuffix(".yaml") {
            files[name] = try Data(contentsOf: Fixture.policyFolder.appendingPathComponent(name))
        }
        let settings = String(decoding: files["register.yaml"] ?? Data(), as: UTF8.self)
        files["register.yaml"] = Data(settings.replacingOccurrences(of: #"scrypt_n: *\d+"#, with: "scrypt_n: 1024", options: .regularExpression).utf8)
        policies = files
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-fuzz-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if target == .csv {
            let register = try Register.create(at: folder.appendingPathComponent("register"), policyFiles: files, setupBy: Register.operatingSystemPerson())
            _ = try register.addUser(NewUser(username: "ada", name: "Ada Admin", roles: ["admin"], password: "fuzzing password 1"), by: nil)
            _ = try register.addUser(
                NewUser(username: "carl", name: "Carl Coordinator", roles: ["coordinator"], password: "fuzzing password 2"),
                by: SignerCredentials(username: "ada", password: "fuzzing password 1"))
            self.register = register
        }
    }

    /// The policy files the policy target may replace, the four core ones first.
    static let policyTargets = Policies.fileNames + ["training.yaml", "meetings.yaml", "plant.yaml", "imports.yaml", "notifications.yaml"]

    func run(_ target: FuzzTarget, _ data: Data) throws {
        switch target {
        case .policy:
            // The first byte picks the file, the rest is its text.
            guard let first = data.first else { return }
            var files = policies
            files[Fixture.policyTargets[Int(first) % Fixture.policyTargets.count]] = data.dropFirst()
            _ = try Policies.load(files: files)
        case .csv:
            guard let first = data.first, let register else { return }
            let kind = ImportKind.allCases[Int(first) % ImportKind.allCases.count]
            let file = folder.appendingPathComponent("input.csv")
            try data.dropFirst().write(to: file)
            _ = try register.importData(kind, file: file, by: "carl")
        case .markdown:
            let text = String(decoding: data, as: UTF8.self)
            _ = MarkdownHTML.render(text)
            _ = MarkdownText.render(text)
        case .filename:
            let name = String(decoding: data, as: UTF8.self)
            if let file = try? ContentFile(name: name, data: Data()) {
                // An accepted name must stay inside its folder whatever joins it.
                if file.name.contains("/") || file.name.contains("\\") || file.name.hasPrefix(".") || file.name.contains("..") || file.name.contains("\0") {
                    fail("filename: accepted an unsafe name \(name.debugDescription)")
                }
            } else {
                _ = try ContentFile(name: name, data: Data())
            }
        case .bundle:
            counter += 1
            let file = folder.appendingPathComponent("bundle.zip")
            try data.write(to: file)
            let report = try EvidenceBundle.verify(at: file)
            if let bad = report.problems.first(where: { $0.isEmpty || $0.contains("\n") }) {
                fail("bundle: a problem is not one line: \(bad.debugDescription)")
            }
        }
    }
}
