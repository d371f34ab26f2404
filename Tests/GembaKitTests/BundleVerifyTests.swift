import Foundation
import Testing
@testable import GembaKit

/// `bundle verify`: archive safety, every hash, every file listed, document revisions against
/// their trees, with and without the register.
@Suite struct BundleVerifyTests {
    /// A register with an effective SOP (and an attachment) and a bundle of it.
    private func withBundle(_ body: (TestRegister, URL) throws -> Void) throws {
        try withRegister { r in
            let id = try r.register.createDocument(
                NewDocument(type: "SOP", title: "Torque the wheel nuts", file: try r.markdown("# Steps\n\n1. Torque to 120 Nm.\n"),
                            attachments: [try ContentFile(name: "torque-table.csv", data: Data("size,nm\nM12,120\n".utf8))]), by: "alice")
            try r.startReview(id)
            try r.signStandardRoute(id)
            try r.releasedDocument("WI")
            try body(r, try buildBundle(r).url)
        }
    }

    @Test func aBuiltBundleVerifiesWithAndWithoutItsRegister() throws {
        try withBundle { r, url in
            let alone = try EvidenceBundle.verify(at: url)
            #expect(alone.problems == [] && !alone.againstRegister)
            #expect(alone.checked == ["files": 15, "document revisions": 2])
            let against = try r.register.verifyBundle(at: url)
            #expect(against.problems == [] && against.againstRegister)
        }
    }

    @Test func anAlteredFileIsNamed() throws {
        try withBundle { r, url in
            // Given a copy of the bundle with one character of the SOP changed
            let altered = r.folder.appendingPathComponent("altered.zip")
            try rewriteBundle(url, to: altered) { path, data in
                guard path == "documents/SOP-0001/rev-A/SOP-0001.md" else { return [(path, data)] }
                return [(path, Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "120", with: "90").utf8))]
            }

            // When it is verified, alone and against the register
            let alone = try EvidenceBundle.verify(at: altered)
            let against = try r.register.verifyBundle(at: altered)

            // Then the problems name the file
            #expect(alone.problems == [
                "documents/SOP-0001/rev-A/SOP-0001.md: does not match its SHA-256 in SHA256SUMS and manifest.json; the file was altered after the bundle was built",
                "documents/SOP-0001/rev-A/SOP-0001.md: is not the blob \(try blob(url, "SOP-0001.md")) of SOP-0001 rev A recorded in manifest.json; the file was altered",
            ])
            #expect(against.problems.contains { $0.hasPrefix("documents/SOP-0001/rev-A/SOP-0001.md: its bytes differ from SOP-0001 rev A in the register") })
            #expect(against.problems.contains { $0.contains("is not recorded by this register's audit trail") })
            // And an altered page is named too
            let page = r.folder.appendingPathComponent("page.zip")
            try rewriteBundle(url, to: page) { path, data in [(path, path == "index.html" ? data + Data("<!-- -->".utf8) : data)] }
            #expect(try EvidenceBundle.verify(at: page).problems == [
                "index.html: does not match its SHA-256 in SHA256SUMS and manifest.json; the file was altered after the bundle was built",
            ])
        }
    }

    @Test func aForgeryThatRewritesTheHashesIsFoundByTheTreeAndTheRegister() throws {
        try withBundle { r, url in
            // Given a bundle whose SOP was changed and whose SHA256SUMS and manifest hashes were recomputed
            let target = "documents/SOP-0001/rev-A/SOP-0001.md"
            let forged = Data("# Steps\n\n1. Torque to 90 Nm.\n".utf8)
            var files = try bundleFiles(url).map { ($0.path, $0.path == target ? forged : $0.data) }
            var manifest = try bundleManifest(url)
            manifest["files"] = try #require(manifest["files"] as? [[String: Any]]).map { entry in
                var entry = entry
                if let file = files.first(where: { $0.0 == entry["path"] as? String }) {
                    entry["sha256"] = sha256Hex(file.1)
                    entry["size"] = file.1.count
                }
                return entry
            }
            let manifestData = try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys])
            files = files.map { $0.0 == "manifest.json" ? ($0.0, manifestData) : $0 }
            let sums = files.filter { $0.0 != "SHA256SUMS" }.map { "\(sha256Hex($0.1))  \($0.0)\n" }.joined()
            files = files.map { $0.0 == "SHA256SUMS" ? ($0.0, Data(sums.utf8)) : $0 }
            let copy = r.folder.appendingPathComponent("forged.zip")
            let writer = try BundleArchiveWriter(creating: copy, modificationDate: Date())
            for (path, data) in files { try writer.add(path, data: data) }
            try writer.finish()

            // When it is verified
            let alone = try EvidenceBundle.verify(at: copy)
            let against = try r.register.verifyBundle(at: copy)

            // Then the hashes agree, but the git blob (alone) and the register name the file
            #expect(alone.problems.count == 1 && alone.problems.first?.hasPrefix("\(target): is not the blob") == true, "\(alone.problems)")
            #expect(against.problems.contains { $0.hasPrefix("\(target): its bytes differ from SOP-0001 rev A in the register (release commit ") })
        }
    }

    @Test func filesAddedOrRemovedAreNamed() throws {
        try withBundle { r, url in
            let changed = r.folder.appendingPathComponent("changed.zip")
            try rewriteBundle(url, to: changed) { path, data in
                if path == "register-index.csv" { return [] }
                if path == "documents/SOP-0001/rev-A/meta.yaml" { return [(path, data), ("documents/SOP-0001/rev-A/extra.txt", Data("x".utf8))] }
                return [(path, data)]
            }
            let report = try EvidenceBundle.verify(at: changed)
            #expect(report.problems.contains("documents/SOP-0001/rev-A/extra.txt: is not listed in SHA256SUMS or manifest.json; it was added after the bundle was built"))
            #expect(report.problems.contains("documents/SOP-0001/rev-A/extra.txt: is not part of SOP-0001 rev A in manifest.json"))
            #expect(report.problems.contains("register-index.csv: is listed in SHA256SUMS but missing from the archive"))
            #expect(!report.isClean)
        }
    }

    @Test func unsafeEntriesAreRefusedBeforeAnythingIsRead() throws {
        try withBundle { r, url in
            for (name, hostile) in [("climb", "../outside.txt"), ("deep", "documents/../../etc/passwd"), ("absolute", "/etc/cron.d/x"), ("drive", "C:/x.txt")] {
                let copy = r.folder.appendingPathComponent("\(name).zip")
                try rewriteBundle(url, to: copy) { path, data in [(path, data)] + (path == "index.html" ? [(hostile, Data("x".utf8))] : []) }
                let report = try EvidenceBundle.verify(at: copy)
                #expect(report.problems.count == 1 && report.problems.first?.hasPrefix("unsafe entry \(hostile): ") == true, "\(report.problems)")
                #expect(report.checked["files"] == nil, "nothing was read")
            }
            let link = r.folder.appendingPathComponent("link.zip")
            try rewriteBundle(url, to: link) { path, data in [(path, data)] + (path == "index.html" ? [("notes", Data("/etc/passwd".utf8))] : []) }
            try markAsSymbolicLink(link, path: "notes")
            #expect(try EvidenceBundle.verify(at: link).problems == ["unsafe entry notes: is a symbolic link; a bundle holds only files; the archive was not read"])
            let twice = r.folder.appendingPathComponent("twice.zip")
            try rewriteBundle(url, to: twice) { path, data in path == "index.html" ? [(path, data), (path, Data("<p>other</p>".utf8))] : [(path, data)] }
            #expect(try EvidenceBundle.verify(at: twice).problems == ["unsafe entry index.html: appears twice in the archive; the archive was not read"])
        }
    }

    @Test func theEntryCountAndUnpackedSizeAreBoundedBeforeReading() throws {
        try withBundle { r, url in
            let many = try BundleVerifier(url: url, register: nil, limits: BundleLimits(maxEntries: 14)).run()
            #expect(many.problems == ["the archive has more than 14 entries; it was not read"])
            let size = try bundleFiles(url).reduce(0) { $0 + $1.data.count }
            let large = try BundleVerifier(url: url, register: nil, limits: BundleLimits(maxUnpackedBytes: UInt64(size - 1))).run()
            #expect(large.problems == ["the archive would unpack to more than \(size - 1) bytes; it was not read"])
            #expect(try BundleVerifier(url: url, register: nil, limits: BundleLimits(maxEntries: 15, maxUnpackedBytes: UInt64(size))).run().problems == [])
        }
    }

    @Test func aBundleOfAnotherRegisterOrNoArchiveAtAllIsRefused() throws {
        try withBundle { _, url in
            try withRegister { other in
                try other.releasedDocument()
                let report = try other.register.verifyBundle(at: url)
                #expect(report.problems.count == 1 && report.problems.first?.hasPrefix("the bundle was built from register ") == true)
            }
            let text = url.deletingLastPathComponent().appendingPathComponent("notes.zip")
            try Data("not a zip".utf8).write(to: text)
            let error = try #require(throws: GembaError.self) { try EvidenceBundle.verify(at: text) }
            #expect(error.kind == .invalidInput && error.message.contains("is not a readable ZIP archive"))
        }
    }

    @Test func gitObjectIdsAreComputedAsGitDoes() throws {
        // `printf 'hello\n' | git hash-object --stdin` and the tree of one such file named a.txt
        var blob = GitObjectHash.Blob(size: 6)
        blob.update(Data("hello\n".utf8))
        #expect(blob.finalize() == "ce013625030ba8dba906f756967f9e9ca394464a")
        #expect(GitObjectHash.tree(["a.txt": "ce013625030ba8dba906f756967f9e9ca394464a"]) == "2e81171448eb9f2ee3821e3d447aa6b2fe3ddba1")
        // A folder sorts as if its name ended with "/": "a.b" before "a/" before "a0"
        let nested = GitObjectHash.tree(["a/x": "ce013625030ba8dba906f756967f9e9ca394464a", "a.b": "ce013625030ba8dba906f756967f9e9ca394464a", "a0": "ce013625030ba8dba906f756967f9e9ca394464a"])
        #expect(nested == "789782debc5f8a6357d255c85ef58af981aa5a9e")
    }

    private func blob(_ url: URL, _ file: String) throws -> String {
        let documents = try #require(try bundleManifest(url)["documents"] as? [[String: Any]])
        let files = try #require(documents.first?["files"] as? [[String: Any]])
        return String(try #require(files.first { $0["path"] as? String == file }?["blob"] as? String).prefix(12))
    }
}
