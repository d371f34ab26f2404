import Foundation
import Testing
@testable import GembaKit

/// docs/reliability.md, "Thread sanitizer": writers and readers on threads of one process, each
/// with a `Register` of its own (as the web server's pool hands them out), so that
/// `swift test --sanitize=thread` sees the register lock, the store and the release path used
/// from several threads at once.
@Suite struct ReliabilityConcurrencyKitTests {
    /// A register handle moved to one other thread, which alone uses it.
    private struct Handed: @unchecked Sendable {
        let register: Register
    }

    @Test(.timeLimit(.minutes(5)))
    func writersAndReadersOnThreadsOfOneProcessLoseNothing() throws {
        try withRegister { r in
            // Given twelve SOPs in review
            let ids = try (1...12).map { number in
                let id = try r.createDocument(title: "Procedure \(number)")
                try r.startReview(id)
                return id
            }
            let failures = Recorder()
            let signed = Recorder()
            let group = DispatchGroup()
            let (rita, pete) = (r.credentials("rita"), r.credentials("pete"))

            // When four writers each sign the route of three SOPs while two readers verify and list
            for writer in 0..<4 {
                let handed = Handed(register: try Register.open(at: r.root, clock: r.clock))
                let mine = Array(ids[(writer * 3)..<(writer * 3 + 3)])
                DispatchQueue.global().async(group: group) {
                    for id in mine {
                        do {
                            _ = try handed.register.sign(id, meaning: .reviewed, signer: rita)
                            signed.add("\(id) reviewed")
                            _ = try handed.register.sign(id, meaning: .approved, signer: pete)
                            signed.add("\(id) approved")
                        } catch {
                            failures.add("\(id): \(error)")
                        }
                    }
                }
            }
            for _ in 0..<2 {
                let handed = Handed(register: try Register.open(at: r.root, clock: r.clock))
                DispatchQueue.global().async(group: group) {
                    for _ in 0..<5 {
                        do {
                            _ = try handed.register.documents()
                            _ = try handed.register.verify()
                        } catch {
                            failures.add("reader: \(error)")
                        }
                    }
                }
            }
            #expect(group.wait(timeout: .now() + 240) == .success)

            // Then every signature is recorded once, every SOP is effective, and the register verifies
            #expect(failures.all.isEmpty, "\(failures.all)")
            #expect(signed.all.count == 24)
            for id in ids {
                let status = try r.register.document(id).summary.status
                #expect(status == "effective", "\(id): \(status)")
            }
            let report = try r.register.verify()
            #expect(report.isClean, "\(report.problems)")
        }
    }
}
