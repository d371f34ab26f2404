import Foundation
import Testing
@testable import GembaKit

/// `gemba bundle build` and `gemba bundle verify` end to end, checked with stock unzip and sha256sum.
@Suite struct BundleCommandTests {
    @Test func aBundleUnpacksChecksAndVerifiesWithStockTools() throws {
        try Sandbox.with { s in
            // Given a plant with two effective SOPs, one titled with markup
            try s.setUpPlant()
            _ = try s.effectiveSOP(title: "Line clearance <script>alert(1)</script>")
            _ = try s.effectiveSOP(title: "Shift handover")
            let today = utcDay()

            // When bob builds a bundle as of today, twice
            let built = try s.gemba("bundle", "build", "--as-of", today, "--out", "audit.zip", "--as", "bob")
            #expect(built.succeeded, "\(built)")
            #expect(built.stdoutLines.first?.hasPrefix("Wrote \(s.folder.appendingPathComponent("audit.zip").path): 2 document revision(s) of all effective documents as of \(today), 14 files,") == true, "\(built)")
            let again = try decodeJSON(BundleResult.self, try s.gemba("bundle", "build", "--as-of", today, "--out", "again.zip", "--as", "bob", "--json"))

            // Then the two archives are byte-identical
            let archive = try Data(contentsOf: s.folder.appendingPathComponent("audit.zip"))
            #expect(archive == (try Data(contentsOf: s.folder.appendingPathComponent("again.zip"))))
            #expect(built.stdoutLines.dropFirst().first == "SHA-256: \(again.sha256)")

            // And unzip tests it, and sha256sum -c accepts SHA256SUMS in the unpacked folder
            let tested = try tool(["unzip", "-t", "audit.zip"], in: s.folder)
            #expect(tested.succeeded && tested.stdout.contains("No errors detected"), "\(tested)")
            let unpacked = try tool(["unzip", "-q", "audit.zip", "-d", "unpacked"], in: s.folder)
            #expect(unpacked.succeeded, "\(unpacked)")
            let folder = s.folder.appendingPathComponent("unpacked")
            let sums = try tool(["sha256sum", "-c", "SHA256SUMS"], in: folder)
            #expect(sums.succeeded && sums.stdoutLines.filter { $0.hasSuffix(": OK") }.count == 13, "\(sums)")
            let page = try String(contentsOf: folder.appendingPathComponent("documents/SOP-0001/SOP-0001-rev-A.html"), encoding: .utf8)
            #expect(page.contains("Line clearance &lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>"))

            // And gemba bundle verify passes, alone and against the register
            let alone = try s.run(["bundle", "verify", "audit.zip"])
            #expect(alone.succeeded && alone.stdout == "bundle verify: OK (2 document revisions, 14 files; hashes and document trees only; pass --register to compare with the register)\n", "\(alone)")
            let against = try s.gemba("bundle", "verify", "audit.zip")
            #expect(against.succeeded && against.stdout == "bundle verify: OK (2 document revisions, 14 files; against the register)\n", "\(against)")

            // And the trail records both builds, and the register still verifies
            #expect(try s.trail().filter { $0.action == "bundle.build" }.map(\.entityId) == [again.sha256, again.sha256])
            #expect(try s.gemba("verify").succeeded)

            // And a file changed in the unpacked folder fails sha256sum with its name
            try "tampered\n".write(to: folder.appendingPathComponent("documents/SOP-0002/rev-A/SOP-0002.md"), atomically: true, encoding: .utf8)
            let failed = try tool(["sha256sum", "-c", "--quiet", "SHA256SUMS"], in: folder)
            #expect(!failed.succeeded && failed.stdout.contains("documents/SOP-0002/rev-A/SOP-0002.md: FAILED"), "\(failed)")
        }
    }

    @Test func verifyNamesAnAlteredFileAndExitsOne() throws {
        try Sandbox.with { s in
            // Given a bundle, and a copy rewritten with one file changed
            try s.setUpPlant()
            _ = try s.effectiveSOP(title: "Line clearance")
            #expect(try s.gemba("bundle", "build", "--as-of", utcDay(), "--out", "audit.zip", "--as", "alice").succeeded)
            let original = s.folder.appendingPathComponent("audit.zip")
            let reader = try BundleArchiveReader(original)
            var entries: [BundleArchiveEntry] = []
            reader.forEachEntry { entries.append($0); return true }
            let writer = try BundleArchiveWriter(creating: s.folder.appendingPathComponent("altered.zip"), modificationDate: Date())
            for entry in entries {
                let data = try reader.data(entry, limit: 1 << 24)
                try writer.add(entry.path, data: entry.path == "documents/SOP-0001/rev-A/SOP-0001.md" ? data + Data("5. Skip the check.\n".utf8) : data)
            }
            try writer.finish()

            // When it is verified, alone and against the register
            let alone = try s.run(["bundle", "verify", "altered.zip"])
            let against = try s.gemba("bundle", "verify", "altered.zip", "--json")

            // Then both exit 1 and name the file
            #expect(alone.status == 1, "\(alone)")
            #expect(alone.stdoutLines.first == "problem: documents/SOP-0001/rev-A/SOP-0001.md: does not match its SHA-256 in SHA256SUMS and manifest.json; the file was altered after the bundle was built", "\(alone)")
            #expect(alone.stdout.contains("bundle verify: 2 problem(s)"))
            #expect(against.status == 1, "\(against)")
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let report = try decoder.decode(BundleVerification.self, from: Data(against.stdout.utf8))
            #expect(report.againstRegister && report.problems.contains { $0.hasPrefix("documents/SOP-0001/rev-A/SOP-0001.md: its bytes differ from SOP-0001 rev A in the register") })
        }
    }

    @Test func mistakesAreOneLineErrorsAndNothingIsWritten() throws {
        try Sandbox.with { s in
            try s.setUpPlant()
            _ = try s.effectiveSOP(title: "Line clearance")
            #expect(try s.gemba("bundle", "build", "--as-of", utcDay(), "--out", "audit.zip", "--as", "alice").succeeded)
            let before = try FileManager.default.contentsOfDirectory(atPath: s.folder.path).sorted()
            let snapshot = try s.snapshot()

            #expect(expectOneLineError(try s.gemba("bundle", "build", "--as-of", utcDay(), "--out", "audit.zip", "--as", "alice")).contains("pass --force to replace it"))
            #expect(expectOneLineError(try s.gemba("bundle", "build", "--as-of", utcDay(), "--out", "other.zip")).contains("--as USER"))
            #expect(expectOneLineError(try s.gemba("bundle", "build", "--as-of", "2026-02-30", "--out", "other.zip", "--as", "alice")) == "--as-of '2026-02-30' is not a date YYYY-MM-DD")
            #expect(expectOneLineError(try s.gemba("bundle", "build", "--as-of", utcDay(days: 1), "--out", "other.zip", "--as", "alice")).contains("is in the future"))
            #expect(expectOneLineError(try s.gemba("bundle", "build", "--as-of", utcDay(), "--document", "SOP-0042", "--out", "other.zip", "--as", "alice")).contains("no document SOP-0042"))
            #expect(expectOneLineError(try s.run(["bundle", "verify", "missing.zip"])) == "no file \(s.folder.appendingPathComponent("missing.zip").path)")
            let list = s.folder.appendingPathComponent("list.txt").path
            try "# CAPA-17\nSOP-0001\nSOP-0001 Line clearance\n".write(toFile: list, atomically: true, encoding: .utf8)
            #expect(expectOneLineError(try s.gemba("bundle", "build", "--as-of", utcDay(), "--documents-from", list, "--out", "other.zip", "--as", "alice"))
                == "\(list):3: 'SOP-0001 Line clearance' is not one document ID; list one ID per line")
            try "# nothing yet\n\n".write(toFile: list, atomically: true, encoding: .utf8)
            #expect(expectOneLineError(try s.gemba("bundle", "build", "--as-of", utcDay(), "--documents-from", list, "--out", "other.zip", "--as", "alice"))
                == "--documents-from \(list) lists no document")
            #expect(expectOneLineError(try s.gemba("bundle", "build", "--as-of", utcDay(), "--documents-from", "nowhere.txt", "--out", "other.zip", "--as", "alice"))
                .hasPrefix("cannot read --documents-from nowhere.txt: "))
            try FileManager.default.removeItem(atPath: list)
            #expect(try FileManager.default.contentsOfDirectory(atPath: s.folder.path).sorted() == before)
            #expect(try s.snapshot() == snapshot)

            // And --force replaces the file
            let forced = try s.gemba("bundle", "build", "--as-of", utcDay(), "--out", "audit.zip", "--as", "alice", "--force")
            #expect(forced.succeeded, "\(forced)")
            #expect(try s.run(["bundle", "verify", "audit.zip"]).succeeded)
        }
    }

    @Test func aListFileNamesTheSameScopeAsRepeatedDocumentOptions() throws {
        try Sandbox.with { s in
            // Given three effective SOPs, and a list of two of them with a comment, a blank line and a CRLF line end
            try s.setUpPlant()
            for title in ["Line clearance", "Shift handover", "Torque check"] { _ = try s.effectiveSOP(title: title) }
            try "# documents cited by CAPA-17\r\nSOP-0003\r\n\n  sop-0001  \n".write(to: s.folder.appendingPathComponent("capa-17.txt"), atomically: true, encoding: .utf8)

            // When one bundle is built from the list and one from --document options
            let listed = try decodeJSON(BundleResult.self, try s.gemba(
                "bundle", "build", "--as-of", utcDay(), "--documents-from", "capa-17.txt", "--out", "listed.zip", "--as", "bob", "--json"))
            let named = try decodeJSON(BundleResult.self, try s.gemba(
                "bundle", "build", "--as-of", utcDay(), "--document", "SOP-0001", "--document", "SOP-0003", "--out", "named.zip", "--as", "bob", "--json"))

            let piped = try decodeJSON(BundleResult.self, try s.gemba(
                "bundle", "build", "--as-of", utcDay(), "--documents-from", "-", "--out", "piped.zip", "--as", "bob", "--json", stdin: "SOP-0001\nSOP-0003\n"))

            // Then all hold the two listed documents, byte for byte the same archive
            #expect(listed.documents == ["SOP-0001/A", "SOP-0003/A"])
            #expect(listed.sha256 == named.sha256 && piped.sha256 == named.sha256)
            #expect(try Data(contentsOf: s.folder.appendingPathComponent("listed.zip")) == Data(contentsOf: s.folder.appendingPathComponent("named.zip")))
        }
    }

    /// Runs a stock tool (unzip, sha256sum) found on PATH.
    func tool(_ arguments: [String], in folder: URL) throws -> Outcome {
        try Subprocess(
            executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: arguments, displayName: "env", stdin: nil, directory: folder,
            environment: GembaExecutable.cleanEnvironment
        ).finish()
    }
}

/// `gemba doc areas`, `bundle build --area` and `bundle build --audit` end to end.
@Suite struct BundleScopeCommandTests {
    private func tool(_ arguments: [String], in folder: URL) throws -> Outcome { try BundleCommandTests().tool(arguments, in: folder) }

    @Test func areaAndAuditBundlesThroughTheCommandLine() throws {
        try Sandbox.with { s in
            // Given an SOP created for L1, another moved to L2 with `doc areas`, and an audit citing the second
            try s.setUpPlant(extra: Staff.auditPeople)
            let coater = try s.effectiveSOP(title: "Coater changeover", options: ["--area", "L1"])
            let welding = try s.effectiveSOP(title: "Tab welding")
            let set = try s.gemba("doc", "areas", welding, "--set", "L2,QA", "--as", "alice")
            #expect(set.succeeded && set.stdout == "\(welding): L2, QA\n", "\(set)")
            #expect(expectOneLineError(try s.gemba("doc", "areas", welding, "--set", "Paint", "--as", "alice")).contains("unknown area 'Paint'"))
            let listed = try decodeJSON([DocumentSummary].self, try s.gemba("doc", "list", "--area", "L2", "--json"))
            #expect(listed.map(\.id) == [welding] && listed.first?.areas == ["L2", "QA"])
            let today = utcDay()
            let audit = try s.gemba("audit", "new", "--kind", "internal", "--title", "Welding audit", "--standard", "ISO 9001:2015", "--clauses", "8.5.1",
                                    "--lead", "Cora", "--start", today, "--as", "cora").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try s.gemba("audit", "start", audit, "--as", "cora").succeeded)
            #expect(try s.gemba("audit", "finding", audit, "--grade", "minor", "--clause", "8.5.1", "--description", "Pull test skipped",
                                "--evidence", "Log", "--document", welding, "--owner", "alice", "--as", "cora").succeeded)

            // When bundles are built for L1 and for the audit
            let area = try decodeJSON(BundleResult.self, try s.gemba("bundle", "build", "--area", "L1", "--as-of", today, "--out", "l1.zip", "--as", "bob", "--json"))
            let audited = try s.gemba("bundle", "build", "--audit", audit, "--as-of", today, "--out", "audit.zip", "--as", "bob")

            // Then the area bundle has the coater SOP only, and the audit bundle the cited SOP with the audit's page
            #expect(area.documents == ["\(coater)/A"] && area.scope == "area L1")
            #expect(audited.succeeded && audited.stdout.contains("1 document revision(s) of audit \(audit) as of \(today)"), "\(audited)")
            let unpacked = try tool(["unzip", "-q", "audit.zip", "-d", "unpacked"], in: s.folder)
            #expect(unpacked.succeeded, "\(unpacked)")
            let folder = s.folder.appendingPathComponent("unpacked")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("audits/\(audit)/index.html").path))
            let sums = try tool(["sha256sum", "-c", "--quiet", "SHA256SUMS"], in: folder)
            #expect(sums.succeeded, "\(sums)")
            #expect(try s.gemba("bundle", "verify", "audit.zip").succeeded)
            #expect(try s.gemba("verify").succeeded)

            // And an unknown audit is one line on stderr, exit 2, and no file
            let missing = try s.gemba("bundle", "build", "--audit", "AUD-1999-001", "--as-of", today, "--out", "none.zip", "--as", "bob")
            #expect(expectOneLineError(missing).contains("no audit AUD-1999-001"))
            #expect(!FileManager.default.fileExists(atPath: s.folder.appendingPathComponent("none.zip").path))
        }
    }
}
