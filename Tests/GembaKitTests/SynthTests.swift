import Foundation
import GRDB
import GembaGit
import Testing
@testable import GembaKit

/// Every shipped policy file (training.yaml and the rest too), with scrypt made fast.
func synthPolicyFiles() throws -> [String: Data] {
    var (_, files) = try Policies.load(directory: shippedPolicyFolder)
    let settings = String(decoding: files["register.yaml"] ?? Data(), as: UTF8.self)
    files["register.yaml"] = Data(settings.replacing(/scrypt_n: *\d+/, with: "scrypt_n: 1024").utf8)
    return files
}

/// A synthetic register built in a temporary folder and removed afterwards.
func withSynthetic<T>(_ parameters: SynthParameters, _ body: (Register, SynthSummary) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-synth-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let root = folder.appendingPathComponent("register")
    let summary = try Register.synthesize(parameters, at: root, policyFiles: try synthPolicyFiles())
    let register = try Register.open(at: root, clock: ManualClock(parameters.end.start.addingTimeInterval(18 * 3600)))
    return try body(register, summary)
}

let smallSynth = SynthParameters(documents: 60, revisions: 3, people: 24, years: 4, seed: 7)

@Suite struct SynthTests {
    @Test func theSameSeedGivesTheSameRegisterAndAnotherSeedAnother() throws {
        // Given three builds, two with the same seed
        let fingerprint: (SynthParameters) throws -> [String] = { parameters in
            try withSynthetic(parameters) { register, summary in
                let head = try register.trail(limit: 1).first?.hash ?? ""
                let main = try register.repository.reference("refs/heads/main")?.hex ?? ""
                let tags = try register.repository.references(glob: "refs/tags/*").map { "\($0.name) \($0.target.hex)" }
                return [head, main, summary.mainCommit, "\(tags.count) tags", "\(tags.joined(separator: "\n").hashValue)"]
            }
        }
        let first = try fingerprint(smallSynth)
        let again = try fingerprint(smallSynth)
        var other = smallSynth
        other.seed = 8
        let different = try fingerprint(other)

        // Then the same seed gives the same trail head, main commit and tags; another seed differs
        #expect(first == again)
        #expect(first[0] != different[0])
        #expect(first[1] != different[1])
        #expect(Int(first[3].prefix { $0.isNumber }) ?? 0 > 60, "every document has tags")
    }

    @Test func theResultPassesVerifyAndHoldsEveryKindOfRecord() throws {
        try withSynthetic(smallSynth) { register, summary in
            // verify finds nothing
            let report = try register.verify()
            #expect(report.problems == [], "\(report.problems.prefix(5))")
            #expect(report.checked["trail anchors in git"] ?? 0 > 50)

            // Every document type is present, and documents are in every state of a real register
            let documents = try register.store.read { db in try DocumentRecord.fetchAll(db) }
            #expect(Set(documents.map(\.type)) == Set(register.policies.documentTypes.map(\.code)))
            #expect(documents.count == 60)
            #expect(documents.contains { $0.status == "effective" })
            #expect(try register.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM revision WHERE status = 'superseded'") ?? 0 } > 0)

            // Periodic reviews: done, overdue and due soon
            #expect(summary.counts["periodic reviews", default: 0] > 0)
            #expect(try register.reviewsOverdue().count > 0)
            #expect(try register.reviewsDue(withinDays: 120).contains { $0.daysOverdue <= 0 })

            // Training: assigned per line crew, most signed, some still open
            let training = try register.store.read { db in
                try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM training_assignment GROUP BY status")
                    .reduce(into: [String: Int]()) { $0[$1["status"]] = $1["n"] }
            }
            #expect(training["signed", default: 0] > training["open", default: 0])
            #expect(training["open", default: 0] > 0)

            // It says it is synthetic
            let marker = try register.store.read { db in try String.fetchOne(db, sql: "SELECT value FROM register_info WHERE key = 'synthetic'") }
            #expect(marker == smallSynth.commandLine)
            #expect(try register.trail(limit: nil).prefix(5).contains { $0.entityId == "synthetic" })

            // Everyone can sign with the printed password
            let signer = try #require(summary.logins.first { $0.roles.contains("reviewer") })
            let user = try register.authenticateSigner(signer.username, password: smallSynth.password, for: "a test")
            #expect(user.username == signer.username)
        }
    }

    @Test func theGitRepositoryPassesFsckAndHoldsPackedTags() throws {
        try withSynthetic(SynthParameters(documents: 20, revisions: 2, people: 15, years: 2, seed: 3)) { register, _ in
            let git = Process()
            git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            git.arguments = ["git", "--git-dir", register.root.appendingPathComponent(Register.contentDirectory).path, "fsck", "--strict", "--no-dangling"]
            let output = Pipe()
            git.standardOutput = output
            git.standardError = output
            try git.run()
            git.waitUntilExit()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(git.terminationStatus == 0, "\(text)")
            let packed = try String(contentsOf: register.root.appendingPathComponent("content.git/packed-refs"), encoding: .utf8)
            #expect(packed.contains("refs/tags/"))
            #expect(try register.verify().isClean)
        }
    }

    @Test(arguments: [
        (SynthParameters(documents: 0, revisions: 3, people: 20, years: 2), "--documents"),
        (SynthParameters(documents: 10, revisions: 0, people: 20, years: 2), "--revisions"),
        (SynthParameters(documents: 10, revisions: 3, people: 5, years: 2), "--people"),
        (SynthParameters(documents: 10, revisions: 3, people: 20, years: 0), "--years"),
        (SynthParameters(documents: 10, revisions: 3, people: 20, years: 2, password: "short"), "--password"),
    ])
    func badSizesAreRefusedBeforeAnythingIsWritten(_ parameters: SynthParameters, _ option: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-synth-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect { try Register.synthesize(parameters, at: folder.appendingPathComponent("register"), policyFiles: try synthPolicyFiles()) } throws: { error in
            (error as? GembaError)?.message.contains(option) == true
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
