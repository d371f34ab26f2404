import Foundation
import GRDB
import GembaGit
import Testing
@testable import GembaKit

/// Building evidence bundles: what is in them, reproducibility, atomic writing, the trail entry.
@Suite struct BundleBuildTests {
    @Test func twoBuildsOfTheSameRegisterAndArgumentsAreByteIdentical() throws {
        try withRegister { r in
            // Given two effective documents, one with an attachment, and a day later
            let id = try r.register.createDocument(
                NewDocument(type: "SOP", title: "Torque the wheel nuts", file: try r.markdown("# Steps\n\n1. Torque.\n"),
                            attachments: [try ContentFile(name: "torque-table.csv", data: Data("size,nm\nM12,120\n".utf8))]), by: "alice")
            try r.startReview(id)
            try r.signStandardRoute(id)
            try r.releasedDocument("WI")
            let asOf = r.today
            r.advance(days: 2)

            // When the same bundle is built twice, and again after later work on the register
            let first = try buildBundle(r, asOf: asOf, name: "first.zip")
            let second = try buildBundle(r, asOf: asOf, name: "second.zip")
            r.advance(days: 1)
            _ = try r.register.reviseDocument(id, RevisionRequest(changeReason: "Add the M14 size", changeClass: .minor), by: "alice")
            try r.createDocument(title: "A later draft")
            let third = try buildBundle(r, asOf: asOf, name: "third.zip")

            // Then the three archives are byte-identical and their hash is the one reported
            let bytes = try Data(contentsOf: first.url)
            #expect(bytes == (try Data(contentsOf: second.url)))
            #expect(bytes == (try Data(contentsOf: third.url)), "later changes do not alter a bundle as of an earlier day")
            #expect(first.result.sha256 == sha256Hex(bytes) && third.result.sha256 == first.result.sha256)
            #expect(first.result.size == Int64(bytes.count))
            #expect(first.result.documents == ["SOP-0001/A", "WI-0001/A"])
        }
    }

    /// Document pages read their review cycles and signatures for a run of documents at once:
    /// in whatever order the pages come, each shows its own document's, as read page by page.
    @Test func pagesReadInRunsShowTheirOwnDocumentsSignatures() throws {
        try withRegister { r in
            // Given five effective documents, two of them revised and approved again
            var ids: [String] = []
            for title in ["Torque the wheel nuts", "Clean the press", "Check the scale", "Lock out the line", "Store the solvent"] {
                let id = try r.register.createDocument(NewDocument(type: "SOP", title: title, file: try r.markdown("# \(title)\n")), by: "alice")
                try r.startReview(id)
                try r.signStandardRoute(id)
                ids.append(id)
            }
            r.advance(days: 1)
            for id in [ids[1], ids[3]] {
                _ = try r.register.reviseDocument(id, RevisionRequest(changeReason: "Second step", changeClass: .minor), by: "alice")
                try r.startReview(id)
                try r.signStandardRoute(id)
            }
            let documents = try r.register.bundleDocuments(BundleScope(), asOf: r.today, audits: [])
            let context = { BundleContext(register: r.register, asOf: r.today, scope: BundleScope(), documents: documents) }

            // When the pages are rendered one read each, and in runs of two out of order (a page
            // whose run was read, one that starts a run, one whose document was read before)
            let page = { (document: BundleDocument, reads: BundlePageReads, context: BundleContext) throws -> String in
                var shown: Data?
                return try r.register.documentPage(document, context: context, reads: reads, mainFile: &shown)
            }
            let single = context()
            let alone = BundlePageReads(single, runLength: 1)
            let oneByOne = try documents.map { try page($0, alone, single) }
            let paired = context()
            let runs = BundlePageReads(paired, runLength: 2)
            var inRuns: [String: String] = [:]
            for index in [0, 2, 1, 4, 3] { inRuns[documents[index].id] = try page(documents[index], runs, paired) }

            // Then the pages are the same, and each lists its own document's signatures
            let differing = zip(documents, oneByOne).filter { inRuns[$0.id] != $1 }.map(\.0.id)
            #expect(differing.isEmpty, "pages that differ: \(differing)")
            #expect(documents.map(\.id) == ids)
            for (document, html) in zip(documents, oneByOne) {
                let detail = try r.register.document(document.id)
                let signatures = detail.revisions.flatMap(\.signatures)
                #expect(!signatures.isEmpty)
                for signature in signatures {
                    #expect(html.contains("signed commit <code>\(signature.commit.prefix(12))</code>"), "\(document.id): \(signature.commit)")
                }
                // (the effective revision's at the top, and every revision's in the history)
                let current = detail.revisions.first { $0.revision == document.letter }?.signatures.count ?? 0
                #expect(html.components(separatedBy: "class=\"signature\"").count - 1 == current + signatures.count, "\(document.id)")
            }
        }
    }

    @Test func theArchiveHoldsEachRevisionByteForByteWithManifestAndSums() throws {
        try withRegister { r in
            // Given an effective SOP with an attachment
            let id = try r.register.createDocument(
                NewDocument(type: "SOP", title: "Torque the wheel nuts", file: try r.markdown("# Steps\n\n1. Torque to 120 Nm.\n"),
                            attachments: [try ContentFile(name: "torque-table.csv", data: Data("size,nm\nM12,120\n".utf8))]), by: "alice")
            try r.startReview(id)
            try r.signStandardRoute(id)

            // When a bundle is built
            let (url, _) = try buildBundle(r)
            let files = try bundleFiles(url)
            let paths = files.map(\.path)

            // Then the files come in a fixed order: the rendered files by path, the spooled
            // extracts by path, then index, manifest and sums
            #expect(paths == [
                "documents/SOP-0001/SOP-0001-rev-A.html",
                "documents/SOP-0001/rev-A/SOP-0001.md", "documents/SOP-0001/rev-A/attachments/torque-table.csv", "documents/SOP-0001/rev-A/meta.yaml",
                "documents/SOP-0001/training-rev-A.html", "audit-trail.csv", "audit-trail.html", "register-index.csv", "index.html", "manifest.json", "SHA256SUMS",
            ])
            // And the revision's files are the release commit's blobs, byte for byte
            let detail = try r.register.document(id)
            let release = try #require(detail.revisions.first?.releaseCommit.flatMap(ObjectID.init(hex:)))
            for name in ["SOP-0001.md", "attachments/torque-table.csv", "meta.yaml"] {
                let blob = try #require(try r.text(at: "documents/SOP-0xxx/SOP-0001/\(name)", in: release))
                #expect(files.first { $0.path == "documents/SOP-0001/rev-A/\(name)" }?.data == Data(blob.utf8), "\(name)")
            }

            // And SHA256SUMS lists every file but itself, as `sha256sum -c` reads it
            let sums = String(decoding: try #require(files.last?.data), as: UTF8.self)
            let expected = files.dropLast().map { "\(sha256Hex($0.data))  \($0.path)\n" }.joined()
            #expect(sums == expected)

            // And manifest.json names the register, the day, the scope, the generator, every file but
            // itself and SHA256SUMS, and the revision with its release commit, folder tree and tag
            let manifest = try bundleManifest(url)
            let registerId = try r.database().read { db in try String.fetchOne(db, sql: "SELECT value FROM register_info WHERE key = 'register_id'") }
            #expect(manifest["register_id"] as? String == registerId)
            #expect(manifest["as_of"] as? String == r.today.description)
            #expect(manifest["generator"] as? String == "gemba test")
            #expect(manifest["format"] as? String == "gemba-evidence-bundle/1")
            #expect((manifest["scope"] as? [String: Any])?["summary"] as? String == "all effective documents")
            let listed = try #require(manifest["files"] as? [[String: Any]])
            #expect(listed.map { $0["path"] as? String } == paths.dropLast(2).map(Optional.some))
            for (entry, file) in zip(listed, files) {
                #expect(entry["sha256"] as? String == sha256Hex(file.data) && entry["size"] as? Int == file.data.count, "\(file.path)")
            }
            let document = try #require((manifest["documents"] as? [[String: Any]])?.first)
            #expect(document["id"] as? String == "SOP-0001" && document["revision"] as? String == "A" && document["tag"] as? String == "SOP-0001/A")
            #expect(document["release_commit"] as? String == release.hex)
            #expect(document["folder_tree"] as? String == (try r.folderTree(id, in: release))?.hex)
            #expect(document["tag_object"] as? String == (try r.ref("refs/tags/SOP-0001/A"))?.hex)
            let state = try #require(manifest["register_state"] as? [String: Any])
            #expect(state["main_commit"] as? String == release.hex, "the commit on main at the end of the day")
            #expect(!String(decoding: try #require(files.first { $0.path == "manifest.json" }?.data), as: UTF8.self).contains("generated"))
        }
    }

    @Test func asOfPicksTheRevisionEffectiveOnThatDay() throws {
        try withRegister { r in
            // Given rev A effective on 2026-03-02 and rev B approved to be effective on 2026-03-12
            let id = try r.releasedDocument(text: "# Steps\n\n1. Torque to 120 Nm.\n")
            let dayA = r.today
            _ = try r.register.reviseDocument(id, RevisionRequest(
                changeReason: "New torque", changeClass: .major, file: try r.markdown("# Steps\n\n1. Torque to 140 Nm.\n")), by: "alice")
            let dayB = dayA.addingDays(10)
            try r.startReview(id, effectiveOn: dayB)
            try r.signStandardRoute(id)
            r.move(to: dayB.addingDays(2))
            try r.register.releaseDue()

            // When bundles are built as of the day before B and as of B's effective date
            let before = try buildBundle(r, asOf: dayB.addingDays(-1), name: "before.zip")
            let on = try buildBundle(r, asOf: dayB, name: "on.zip")

            // Then the first holds rev A (superseded since) and the second rev B
            #expect(before.result.documents == ["SOP-0001/A"])
            #expect(try bundleText(before.url, "documents/SOP-0001/rev-A/SOP-0001.md") == "# Steps\n\n1. Torque to 120 Nm.\n")
            #expect(on.result.documents == ["SOP-0001/B"])
            #expect(try bundleText(on.url, "documents/SOP-0001/rev-B/SOP-0001.md") == "# Steps\n\n1. Torque to 140 Nm.\n")
            // And the page of A shows it effective then, with no word of B; B's page lists A as superseded
            let pageA = try bundleText(before.url, "documents/SOP-0001/SOP-0001-rev-A.html")
            #expect(pageA.contains("<tr><th>Status at the end of \(dayB.addingDays(-1))</th><td>effective</td></tr>"))
            #expect(!pageA.contains("rev B") && !pageA.contains("New torque"))
            let pageB = try bundleText(on.url, "documents/SOP-0001/SOP-0001-rev-B.html")
            #expect(pageB.contains("<h3>rev B: effective \(dayB)</h3>"))
            #expect(pageB.contains("<h3>rev A: effective \(dayA), superseded by rev B effective \(dayB)</h3>"), "\(pageB)")
            #expect(pageB.contains("Approved by Pete Approver (pete) on "))
            // And a day before anything was effective has nothing to bundle, and nothing is written
            let error = try #require(throws: GembaError.self) { try buildBundle(r, asOf: dayA.addingDays(-1), name: "empty.zip") }
            #expect(error.kind == .state && error.message.contains("no document was effective on \(dayA.addingDays(-1))"))
            #expect(!FileManager.default.fileExists(atPath: r.folder.appendingPathComponent("empty.zip").path))
        }
    }

    @Test func obsoleteDocumentsAreLeftOutFromTheirObsolescence() throws {
        try withRegister { r in
            // Given SOP-0001 made obsolete on 2026-03-07 and SOP-0002 still effective
            let retired = try r.releasedDocument()
            try r.releasedDocument()
            r.advance(days: 5)
            try r.register.requestObsolete(retired, reason: "Replaced by SOP-0002", by: "quinn")
            try r.signStandardRoute(retired)
            let obsoleteDay = r.today
            r.advance(days: 1)

            // When bundles are built as of the day before and the day of the obsolescence
            let before = try buildBundle(r, asOf: obsoleteDay.addingDays(-1), name: "before.zip")
            let after = try buildBundle(r, asOf: obsoleteDay, name: "after.zip")

            // Then only the first holds it
            #expect(before.result.documents == ["SOP-0001/A", "SOP-0002/A"])
            #expect(after.result.documents == ["SOP-0002/A"])
            #expect(!(try bundleFiles(after.url)).contains { $0.path.hasPrefix("documents/SOP-0001/") })
            // And asking for it by name after its obsolescence is an error naming the day
            let error = try #require(throws: GembaError.self) {
                try buildBundle(r, asOf: obsoleteDay, scope: BundleScope(documents: [retired]), name: "named.zip")
            }
            #expect(error.message.contains("SOP-0001 was made obsolete on \(obsoleteDay)"), "\(error)")
            // And the page before shows the retirement request only once it was made
            #expect(!(try bundleText(before.url, "documents/SOP-0001/SOP-0001-rev-A.html")).contains("Retirement request"))
        }
    }

    @Test func userTextIsEscapedInEveryPage() throws {
        try withRegister { r in
            // Given a document whose title and reason carry markup
            let title = "<script>alert('x')</script> Torque & \"quote\""
            let id = try r.register.createDocument(
                NewDocument(type: "SOP", title: title, file: try r.markdown("# <b>Steps</b>\n\n1. <img src=x onerror=alert(1)>\n"),
                            changeReason: "Because <i>audit</i> said so"), by: "alice")
            try r.startReview(id)
            try r.signStandardRoute(id)

            // When a bundle is built
            let (url, _) = try buildBundle(r)

            // Then no page carries the markup, only its escaped text
            for path in ["index.html", "documents/SOP-0001/SOP-0001-rev-A.html", "audit-trail.html"] {
                let page = try bundleText(url, path)
                #expect(!page.contains("<script>") && !page.contains("<img") && !page.contains("<i>audit") && !page.contains("<b>Steps"), "\(path)")
                #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Torque &amp; &quot;quote&quot;"), "\(path)")
                #expect(page.contains("default-src 'none'"), "no script may run from a bundle page")
            }
            #expect(try bundleText(url, "documents/SOP-0001/SOP-0001-rev-A.html").contains("&lt;img src=x onerror=alert(1)&gt;"))
            // And the original file keeps its bytes
            #expect(try bundleText(url, "documents/SOP-0001/rev-A/SOP-0001.md") == "# <b>Steps</b>\n\n1. <img src=x onerror=alert(1)>\n")
        }
    }

    @Test func theScopeIsTypesAndDocumentsOrEverythingEffective() throws {
        try withRegister { r in
            // Given two SOPs, a FORM and a draft WI
            try r.releasedDocument("SOP")
            try r.releasedDocument("SOP")
            try r.createDocument("FORM", title: "Checklist", text: "check,done\n")
            let form = "FORM-0001"
            try r.startReview(form)
            try r.sign(form, "pete", .approved)
            try r.createDocument("WI", title: "Not yet effective")

            // Then the default scope is every effective document; types and documents add up
            #expect(try buildBundle(r, name: "all.zip").result.documents == ["FORM-0001/A", "SOP-0001/A", "SOP-0002/A"])
            #expect(try buildBundle(r, scope: BundleScope(types: ["form"]), name: "forms.zip").result.documents == ["FORM-0001/A"])
            let mixed = try buildBundle(r, scope: BundleScope(types: ["FORM"], documents: ["sop-0002"]), name: "mixed.zip").result
            #expect(mixed.documents == ["FORM-0001/A", "SOP-0002/A"] && mixed.scope == "type FORM and document SOP-0002")

            // And unknown types and documents, and documents not effective, are errors
            let type = try #require(throws: GembaError.self) { try buildBundle(r, scope: BundleScope(types: ["MEMO"]), name: "x.zip") }
            #expect(type.kind == .invalidInput && type.message.contains("unknown document type 'MEMO'"))
            let missing = try #require(throws: GembaError.self) { try buildBundle(r, scope: BundleScope(documents: ["SOP-0099"]), name: "x.zip") }
            #expect(missing.kind == .notFound)
            let draft = try #require(throws: GembaError.self) { try buildBundle(r, scope: BundleScope(documents: ["WI-0001"]), name: "x.zip") }
            #expect(draft.kind == .state && draft.message.contains("WI-0001 had no effective revision on \(r.today)"))
            let none = try #require(throws: GembaError.self) { try buildBundle(r, scope: BundleScope(types: ["BOARD"]), name: "x.zip") }
            #expect(none.kind == .state)
            #expect(!FileManager.default.fileExists(atPath: r.folder.appendingPathComponent("x.zip").path))
        }
    }

    @Test func anExistingFileIsReplacedOnlyWithForceAndAFailureLeavesNoFile() throws {
        try withRegister { r in
            // Given an effective document and a file where the bundle should go
            try r.releasedDocument()
            let url = r.folder.appendingPathComponent("bundle.zip")
            try Data("keep me".utf8).write(to: url)
            let before = try FileManager.default.contentsOfDirectory(atPath: r.folder.path).sorted()

            // When a bundle is built there without overwrite, then with it
            let refused = try #require(throws: GembaError.self) { try buildBundle(r) }

            // Then the first is refused and nothing changes; the second replaces the file
            #expect(refused.kind == .conflict && refused.message.contains("pass --force"))
            #expect(try Data(contentsOf: url) == Data("keep me".utf8))
            #expect(try FileManager.default.contentsOfDirectory(atPath: r.folder.path).sorted() == before)
            let replaced = try buildBundle(r, overwrite: true)
            #expect(sha256Hex(try Data(contentsOf: url)) == replaced.result.sha256)

            // And failures write nothing: no file, no temporary file, no trail entry
            let builds = try r.actions().filter { $0 == "bundle.build" }.count
            let listing = try FileManager.default.contentsOfDirectory(atPath: r.folder.path).sorted()
            #expect(throws: GembaError.self) { try buildBundle(r, name: "nobody.zip", by: "nobody") }
            #expect(throws: GembaError.self) { try buildBundle(r, asOf: r.today.addingDays(1), name: "future.zip") }
            #expect(throws: GembaError.self) { try buildBundle(r, name: "missing-folder/bundle.zip") }
            #expect(throws: GembaError.self) { try buildBundle(r, name: "register") }
            #expect(try FileManager.default.contentsOfDirectory(atPath: r.folder.path).sorted() == listing)
            #expect(try r.actions().filter { $0 == "bundle.build" }.count == builds)
        }
    }

    @Test func everyBuildIsRecordedInTheAuditTrailAndAnyAccountMayBuild() throws {
        try withRegister { r in
            // Given an effective document and a viewer with no permission to change anything
            try r.releasedDocument()
            try r.register.addUser(NewUser(username: "val", name: "Val Viewer", roles: ["viewer"], password: TestRegister.password), by: r.credentials("ada"))

            // When the viewer builds a bundle of SOPs
            let (url, result) = try buildBundle(r, scope: BundleScope(types: ["SOP"]), by: "val")

            // Then the trail records who built which archive (its SHA-256), of what, as of when
            let entry = try #require(try r.register.trail().last)
            #expect(entry.action == "bundle.build" && entry.actor == "val" && entry.entityType == "bundle")
            let archive = try Data(contentsOf: url)
            #expect(entry.entityId == result.sha256 && entry.entityId == sha256Hex(archive))
            #expect(entry.oldValue == nil)
            let value = try #require(try JSONSerialization.jsonObject(with: Data((entry.newValue ?? "").utf8)) as? [String: Any])
            #expect(value["as_of"] as? String == r.today.description && value["scope"] as? String == "type SOP")
            #expect(value["sha256"] as? String == result.sha256 && value["file_name"] as? String == "bundle.zip")
            #expect(entry.reason == "evidence bundle of type SOP as of \(r.today)")
            // And the register still verifies
            #expect(try r.register.verify().problems == [])
        }
    }

    @Test func theTrailExtractAndTheIndexAreTheScopeUntilTheEndOfTheDay() throws {
        try withRegister { r in
            // Given SOP-0001 (with a reason holding a comma, quotes and a line break) and SOP-0002
            let id = try r.register.createDocument(
                NewDocument(type: "SOP", title: "Torque, \"wheel\" nuts", file: try r.markdown("# Steps\n"), changeReason: "First, \"initial\"\nrelease"), by: "alice")
            try r.startReview(id)
            try r.signStandardRoute(id)
            try r.releasedDocument()
            let asOf = r.today
            r.advance(days: 1)
            _ = try r.register.reviseDocument(id, RevisionRequest(changeReason: "Later change", changeClass: .minor), by: "alice")

            // When a bundle of SOP-0001 is built as of the first day
            let (url, _) = try buildBundle(r, asOf: asOf, scope: BundleScope(documents: [id]))

            // Then the trail extract has SOP-0001's entries of that day only, in order
            let csv = try bundleText(url, "audit-trail.csv")
            #expect(csv.hasPrefix("seq,at,actor,action,entity_type,entity_id,subject,reason,old_value,new_value,prev_hash,hash\r\n"))
            let trail = try r.register.trail().filter {
                Register.trailSubject(entityType: $0.entityType, entityId: $0.entityId, values: [$0.newValue, $0.oldValue]) == id && $0.at < asOf.addingDays(1).description
            }
            #expect(!trail.isEmpty && trail.contains { $0.action == "signature.sign" } && trail.contains { $0.entityType == "git_ref" })
            for entry in trail { #expect(csv.contains("\r\n\(entry.seq),\(entry.at),"), "entry \(entry.seq) \(entry.action)") }
            #expect(!csv.contains("Later change") && !csv.contains("SOP-0002"))
            #expect(csv.contains(",\"First, \"\"initial\"\"\nrelease\","), "RFC 4180 quoting")
            let summary = try #require((try bundleManifest(url)["sections"] as? [String: Any])?["audit_trail"] as? [String: Any])
            #expect(summary["entries"] as? Int == trail.count && summary["last_seq"] as? Int == trail.last.map { Int($0.seq) })

            // And the register index is one CSV row per revision, quoted where needed
            let index = try bundleText(url, "register-index.csv")
            let rows = index.components(separatedBy: "\r\n")
            #expect(rows.count == 3 && rows[2] == "")
            #expect(rows[1].hasPrefix("SOP-0001,SOP,\"Torque, \"\"wheel\"\" nuts\",A,\(asOf),effective,alice,Alice Author,alice,major,\"First, \"\"initial\"\"\nrelease\",,"))
        }
    }
}
