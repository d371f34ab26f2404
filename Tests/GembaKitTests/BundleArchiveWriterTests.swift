import Foundation
import Testing
import ZIPFoundation
@testable import GembaKit

/// The bundle's own ZIP writer: the archive ZIPFoundation writes, without rewriting the central
/// directory for every file.
@Suite struct BundleArchiveWriterTests {
    private let date = Date(timeIntervalSince1970: 1_767_225_600 + 3_723)

    /// Bytes that do not compress (seeded), so a file spans many chunks and its local header is
    /// written out before its checksum is known.
    private func noise(_ count: Int, seed: UInt64) -> Data {
        var state = seed
        return Data((0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        })
    }

    @Test func writesTheArchiveZIPFoundationWritesByteForByte() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-zip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spooled = folder.appendingPathComponent("spool.csv")
        let spooledText = String(repeating: "2026-03-02T05:00:00Z,document,SOP-0001,release\n", count: 5_000)
        try Data(spooledText.utf8).write(to: spooled)
        let files: [(String, Data?)] = [
            ("index.html", Data("<h1>Evidence</h1>\n".utf8)),
            ("documents/SOP-0001/empty.txt", Data()),
            ("documents/SOP-0001/rev-A/scan.bin", noise(700_000, seed: 7)),
            ("documents/Prüfanweisung.md", Data("# Prüfung\n".utf8)),
            ("audit-trail.csv", nil),
            ("documents/SOP-0002/rev-B/page.html", Data(String(repeating: "<p>Step</p>\n", count: 20_000).utf8)),
            ("register-index.csv", nil),
        ]

        let ours = folder.appendingPathComponent("ours.zip")
        let writer = try BundleArchiveWriter(creating: ours, modificationDate: date, compressionLevel: -1)
        // Two files filled by the spooler's thread, streamed from disk by the writer's.
        let spooler = BundleSpooler(folder: folder, fills: [{ try $0.write(spooledText) }, { try $0.write(spooledText) }])
        defer { spooler.stop() }
        spooler.start()
        var spooledFiles = spooler.files.makeIterator()
        for (path, data) in files {
            if let data { try writer.add(path, data: data) } else { try writer.add(path, spooled: spooledFiles.next()!) }
        }
        let archiveHash = try writer.finish()

        let theirs = folder.appendingPathComponent("theirs.zip")
        let archive = try Archive(url: theirs, accessMode: .create)
        for (path, data) in files {
            let bytes = try data ?? Data(contentsOf: spooled)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: date,
                permissions: BundleArchiveWriter.permissions, compressionMethod: .deflate, bufferSize: BundleArchiveWriter.chunkSize
            ) { position, size in bytes.subdata(in: Int(position)..<min(Int(position) + size, bytes.count)) }
        }

        let written = try Data(contentsOf: ours), expected = try Data(contentsOf: theirs)
        #expect(written.count == expected.count)
        #expect(written == expected)
        // Hashed while written, the large file's header patched after it was written out.
        #expect(archiveHash == BundleArchiveWriter.sha256(written))
        let listed = try writer.files()
        #expect(listed.map(\.path) == files.map(\.0))
        #expect(listed[2].size == 700_000 && listed[2].sha256 == BundleArchiveWriter.sha256(files[2].1!))
        let spooledHash = BundleArchiveWriter.sha256(Data(spooledText.utf8))
        #expect(listed[6].size == Int64(spooledText.utf8.count) && listed[6].sha256 == spooledHash && listed[4].sha256 == spooledHash)
        #expect(!FileManager.default.fileExists(atPath: try spooler.files[0].wait().url.path), "the writer removes a spooled file it wrote")
    }

    /// A spooled file changed between the spooler's hash and the archive is refused, not bundled
    /// under the wrong hash.
    @Test func aSpooledFileChangedBeforeItIsWrittenIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-zip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for change in ["2026-03-02,SOP-0001,releasf\n", "2026-03-02,SOP-0001,release\nmore\n", "2026-03-02\n"] {
            let spooler = BundleSpooler(folder: folder, fills: [{ try $0.write("2026-03-02,SOP-0001,release\n") }])
            spooler.start()
            let written = try spooler.files[0].wait()
            try Data(change.utf8).write(to: written.url)
            let writer = try BundleArchiveWriter(creating: folder.appendingPathComponent("changed-\(change.count).zip"), modificationDate: date)
            try writer.add("index.html", data: Data("<h1>Evidence</h1>\n".utf8))
            try writer.add("audit-trail.csv", spooled: spooler.files[0])
            #expect {
                try writer.finish()
            } throws: { error in
                "\(error)".contains("the temporary file of audit-trail.csv") && "\(error)".contains("changed while the bundle was built")
            }
            spooler.stop()
        }
    }

    /// A fill that fails stops the archive with its error; the files after it are never filled,
    /// and nothing is left in the spool folder.
    @Test func aFailedFillStopsTheArchiveWithItsError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-zip-\(UUID().uuidString)")
        let spools = folder.appendingPathComponent("spools")
        try FileManager.default.createDirectory(at: spools, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        nonisolated(unsafe) var laterFillRan = false
        let spooler = BundleSpooler(folder: spools, fills: [
            { try $0.write("seq,at\r\n"); throw GembaError(.storage, "the audit trail could not be read") },
            { _ in laterFillRan = true },
        ])
        spooler.start()
        let writer = try BundleArchiveWriter(creating: folder.appendingPathComponent("failed.zip"), modificationDate: date)
        #expect {
            try writer.add("audit-trail.csv", spooled: spooler.files[0])
            try writer.add("register-index.csv", spooled: spooler.files[1])
            for index in 0..<200 { try writer.add("documents/\(index).html", data: Data(count: 100_000)) }
            try writer.finish()
        } throws: { error in
            "\(error)".contains("the audit trail could not be read")
        }
        spooler.stop()
        #expect(!laterFillRan)
        #expect(try FileManager.default.contentsOfDirectory(atPath: spools.path).isEmpty)
    }

    /// One fill may write several files in one pass (the trail extract's CSV and page): each
    /// part is its own file with its own hash; a failure fails every part and leaves nothing.
    @Test func aFillOfSeveralFilesWritesEachOrNone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-zip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pair = BundleSpoolFill(parts: 2) { spools in
            for row in 0..<3 {
                try spools[0].write("\(row),SOP-0001\n")
                try spools[1].write("<tr><td>\(row)</td></tr>\n")
            }
        }
        let spooler = BundleSpooler(folder: folder, fills: [BundleSpoolFill { try $0.write("before\n") }, pair, BundleSpoolFill { try $0.write("after\n") }])
        spooler.start()
        let written = try spooler.files.map { try $0.wait() }
        #expect(written.count == 4)
        let texts = try written.map { String(decoding: try Data(contentsOf: $0.url), as: UTF8.self) }
        #expect(texts == ["before\n", "0,SOP-0001\n1,SOP-0001\n2,SOP-0001\n", "<tr><td>0</td></tr>\n<tr><td>1</td></tr>\n<tr><td>2</td></tr>\n", "after\n"])
        #expect(written.map(\.sha256) == texts.map { BundleArchiveWriter.sha256(Data($0.utf8)) })
        spooler.stop()

        let spools = folder.appendingPathComponent("failing")
        try FileManager.default.createDirectory(at: spools, withIntermediateDirectories: true)
        let failing = BundleSpooler(folder: spools, fills: [BundleSpoolFill(parts: 2) { spools in
            try spools[0].write("seq,at\r\n")
            try spools[1].write("<table>\n")
            throw GembaError(.storage, "the audit trail could not be read")
        }])
        failing.start()
        for file in failing.files {
            #expect { try file.wait() } throws: { "\($0)".contains("the audit trail could not be read") }
        }
        failing.stop()
        #expect(try FileManager.default.contentsOfDirectory(atPath: spools.path).isEmpty)
    }

    /// At the bundle's own level (zlib's fastest) the bytes differ from ZIPFoundation's, and
    /// ZIPFoundation (checking each CRC-32) reads every file back as it was given.
    @Test func atTheBundlesLevelEveryFileReadsBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-zip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files: [(String, Data)] = [
            ("empty.txt", Data()),
            ("scan.bin", noise(300_000, seed: 11)),
            ("page.html", Data(String(repeating: "<tr><td>SOP-0001</td><td>Prüfung</td></tr>\n", count: 30_000).utf8)),
        ]
        let url = folder.appendingPathComponent("fast.zip")
        let writer = try BundleArchiveWriter(creating: url, modificationDate: date)
        for (path, data) in files { try writer.add(path, data: data) }
        #expect(try writer.finish() == (try BundleArchiveWriter.sha256(of: url)))

        let reader = try BundleArchiveReader(url)
        var read: [String: Data] = [:]
        try reader.forEachEntry { entry in
            read[entry.path] = try reader.data(entry, limit: 10_000_000)
            return true
        }
        #expect(read == Dictionary(uniqueKeysWithValues: files))
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        #expect(size < 300_000 + 200_000, "the page compresses: \(size) bytes")
    }

    /// More than 65,535 files need the ZIP64 end records; ZIPFoundation reads every file back.
    @Test func moreFilesThanTheClassicFormatCountsAreReadBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-zip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("many.zip")
        let writer = try BundleArchiveWriter(creating: url, modificationDate: date)
        let count = 70_000
        for index in 0..<count { try writer.add("f/\(index).txt", data: Data("\(index)\n".utf8)) }
        let archiveHash = try writer.finish()
        #expect(archiveHash == (try BundleArchiveWriter.sha256(of: url)))

        let reader = try BundleArchiveReader(url)
        var seen = 0
        var wrong: [String] = []
        try reader.forEachEntry { entry in
            if seen % 9_999 == 0 || seen == count - 1 {
                let text = String(decoding: try reader.data(entry, limit: 100), as: UTF8.self)
                if entry.path != "f/\(seen).txt" || text != "\(seen)\n" { wrong.append(entry.path) }
            }
            seen += 1
            return true
        }
        #expect(seen == count)
        #expect(wrong.isEmpty)
    }

    @Test func anArchiveThatExistsIsNotOverwritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-zip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("there.zip")
        try Data("keep".utf8).write(to: url)
        #expect(throws: GembaError.self) { _ = try BundleArchiveWriter(creating: url, modificationDate: date) }
        #expect(try Data(contentsOf: url) == Data("keep".utf8))
    }
}
