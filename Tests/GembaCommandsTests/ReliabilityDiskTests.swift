import Foundation
import Testing

/// docs/reliability.md, "A full disk": the register on a small tmpfs, filled to a few bytes of
/// headroom before each write (a new document, a signing, a release, a production-data import,
/// a document import from a file share, an evidence bundle). Each one completes or fails with
/// one clear line; after the space is freed the register verifies (with `gemba repair` if
/// needed), nothing half-done is left, and the same write then succeeds.
@Suite struct ReliabilityDiskTests {
    static let headrooms = [0, 8 << 10, 64 << 10, 512 << 10]
    /// Text that must never reach a user: raw errno, Foundation, SQLite or libgit2 dumps.
    static let rawMarkers = ["Error Domain", "NSCocoaErrorDomain", "SQLite error", "SQLITE_", "errno", "Code=", "GitError", "libgit2", "Fatal error", "POSIXError"]

    @Test(
        .enabled(if: SmallDisk.refusal == nil, "a tmpfs cannot be mounted here (\(SmallDisk.refusal ?? "")); the full-disk test needs root"),
        .timeLimit(.minutes(10)))
    func everyWriteOnAFullDiskCompletesOrFailsCleanly() throws {
        try Sandbox.with { s in
            // Given a register on a 48 MB tmpfs with four SOPs in review, production data files
            // and a large PDF to release
            let disk = try SmallDisk(over: s.folder, megabytes: 48)
            defer { disk.unmount() }
            try s.setUpPlant(extra: [Staff.coordinator])
            let sops = try s.sopsInReview(Self.headrooms.count)
            try s.write("big.pdf", "%PDF-1.4\n" + (0..<60_000).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 36) }.joined(separator: "\n"))
            for (index, _) in Self.headrooms.enumerated() {
                try s.write("prod-\(index).csv", Self.production(batch: index, rows: 3_000))
                try Self.share(index, in: s)
            }
            var book = DiskBook()

            for (index, headroom) in Self.headrooms.enumerated() {
                let sop = sops[index]
                // When each write meets a disk with only `headroom` bytes free
                try attempt("doc new", headroom, on: disk, in: s, book: &book,
                    ["doc", "new", "--type", "SOP", "--title", "Large procedure \(index)", "--file", "big.pdf", "--as", "alice"]
                ) { succeeded in
                    let count = try s.readRegister { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM document WHERE title = ?", arguments: ["Large procedure \(index)"]) }
                    #expect(count == (succeeded ? 1 : 0), "doc new at \(headroom) bytes: \(count ?? -1) documents")
                }
                for (step, (member, meaning)) in ReliabilityKillTests.route.enumerated() {
                    try attempt(step == 0 ? "signing" : "release", headroom, on: disk, in: s, book: &book,
                        ["review", "sign", sop, "--as", member.username, "--meaning", meaning, "--password-stdin"], stdin: member.password + "\n"
                    ) { succeeded in
                        let state = try #require(try s.signingStates()[sop])
                        #expect(state.isWhole && state.signed == step + (succeeded ? 1 : 0), "\(sop) \(meaning) at \(headroom) bytes: \(state)")
                    }
                }
                try attempt("data import", headroom, on: disk, in: s, book: &book,
                    ["data", "import", "production", "prod-\(index).csv", "--as", "carl"]
                ) { succeeded in
                    let rows = try s.readRegister { db in
                        try Int.fetchOne(db, sql: "SELECT count(*) FROM production_confirmation WHERE order_no LIKE ?", arguments: ["9\(index)%"])
                    }
                    #expect(rows == (succeeded ? 3_000 : 0), "import at \(headroom) bytes: \(rows ?? -1) rows")
                }
                try attempt("doc import", headroom, on: disk, in: s, book: &book,
                    ["doc", "import", "share-\(index)", "--metadata", "share-\(index).csv", "--as", "carl", "--password-stdin"],
                    stdin: Staff.coordinator.password + "\n"
                ) { succeeded in
                    let count = try s.readRegister { db in
                        try Int.fetchOne(db, sql: "SELECT count(*) FROM document WHERE title LIKE ?", arguments: ["Imported \(index)-%"])
                    }
                    #expect(count == (succeeded ? Self.sharedFiles : 0), "doc import at \(headroom) bytes: \(count ?? -1) documents")
                }
                let bundle = "bundle-\(index).zip"
                try attempt("bundle build", headroom, on: disk, in: s, book: &book,
                    ["bundle", "build", "--as-of", utcDay(), "--out", bundle, "--as", "ada"]
                ) { succeeded in
                    let exists = FileManager.default.fileExists(atPath: s.folder.appendingPathComponent(bundle).path)
                    #expect(exists == succeeded, "bundle at \(headroom) bytes: \(succeeded ? "reported written but missing" : "a partial archive was left")")
                    let leftovers = try FileManager.default.contentsOfDirectory(atPath: s.folder.path).filter { $0.contains(bundle) && $0 != bundle }
                    #expect(leftovers.isEmpty, "temporary bundle files left: \(leftovers)")
                    if succeeded {
                        let checked = try s.run(["bundle", "verify", bundle])
                        #expect(checked.succeeded, "\(checked)")
                    }
                }
            }

            // Then everything works again and the register is sound
            let verify = try s.gemba("verify")
            #expect(verify.succeeded, "\(verify)")
            let fsck = try s.git("fsck", "--strict")
            #expect(fsck.succeeded, "\(fsck)")
            print(book.summary)
        }
    }

    /// Fills the disk to `headroom`, runs the write, frees the space, checks the register
    /// (repairing it when verify fails), checks `whole`, and when the write failed runs it again.
    private func attempt(
        _ name: String, _ headroom: Int, on disk: SmallDisk, in s: Sandbox, book: inout DiskBook,
        _ arguments: [String], stdin: String? = nil, whole: (Bool) throws -> Void
    ) throws {
        try disk.fill(leaving: headroom)
        let free = try disk.free()
        let outcome = try s.run(arguments + ["--register", s.register.path], stdin: stdin)
        try disk.empty()
        let label = "\(name) with \(free) bytes free"
        if !outcome.succeeded {
            let message = expectOneLineError(outcome)
            #expect(!Self.rawMarkers.contains(where: message.contains), "\(label): raw error shown: \(message)")
            #expect(message.contains("full") || message.contains("space"), "\(label): the message does not say the disk is full: \(message)")
            book.failed(name, free, message)
        } else {
            book.succeeded(name, free)
        }
        let verify = try s.gemba("verify")
        if !verify.succeeded {
            let repair = try s.gemba("repair")
            book.repaired(name, free, repair.stdoutLines.filter { $0.hasPrefix("repaired: ") })
            let again = try s.gemba("verify")
            try #require(again.succeeded, "\(label): verify fails even after repair: \(again)\n\(repair)")
        }
        try whole(outcome.succeeded)
        if !outcome.succeeded {
            let retried = try s.run(arguments + ["--register", s.register.path], stdin: stdin)
            #expect(retried.succeeded, "\(label): the same write fails after the space was freed: \(retried)")
            try whole(retried.succeeded)
        }
    }

    static let sharedFiles = 20

    /// A file share of 20 scanned PDFs (about 40 KB each) and the CSV that imports them.
    static func share(_ index: Int, in s: Sandbox) throws {
        var rows = ["file,id,type,title,owner,areas,revision,effective_date,approved_by,approved_on,next_review"]
        for file in 1...sharedFiles {
            try s.write("share-\(index)/scan-\(file).pdf", "%PDF-1.4\n" + (0..<3_000).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 36) }.joined(separator: "\n"))
            rows.append("scan-\(file).pdf,,WI,Imported \(index)-\(file),,,,2025-02-01,H. Berg,,")
        }
        try s.write("share-\(index).csv", rows.joined(separator: "\n") + "\n")
    }

    /// Production rows with order numbers 9<batch>nnnnn, so each file's rows can be counted.
    static func production(batch: Int, rows: Int) -> String {
        var text = "date,shift,line,order,product,planned_qty,produced_qty,scrap_qty,rework_qty,confirmation\n"
        for row in 0..<rows {
            let day = String(format: "2026-%02d-%02d", 1 + row % 12, 1 + row % 28)
            text += "\(day),\(["A", "B", "C"][row % 3]),L1,9\(batch)\(String(format: "%05d", row)),VC72-E,100,98,1,0,\(batch * 100_000 + row)\n"
        }
        return text
    }
}

/// What each write did on the full disk, for the printed summary.
struct DiskBook {
    private var lines: [String] = []
    private(set) var repairs = 0

    mutating func failed(_ name: String, _ free: Int, _ message: String) {
        lines.append("  \(name), \(free) bytes free: failed: \(message)")
    }

    mutating func succeeded(_ name: String, _ free: Int) {
        lines.append("  \(name), \(free) bytes free: completed")
    }

    mutating func repaired(_ name: String, _ free: Int, _ actions: [String]) {
        repairs += 1
        lines.append("    verify failed afterwards; repair: \(actions.joined(separator: "; "))")
    }

    var summary: String {
        "reliability-disk: \(lines.filter { $0.contains("failed:") }.count) writes failed cleanly, \(repairs) needed repair\n" + lines.joined(separator: "\n")
    }
}
