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
        try Data(String(repeating: "2026-03-02T05:00:00Z,document,SOP-0001,release\n", count: 5_000).utf8).write(to: spooled)
        let files: [(String, Data?)] = [
            ("index.html", Data("<h1>Evidence</h1>\n".utf8)),
            ("documents/SOP-0001/empty.txt", Data()),
            ("documents/SOP-0001/rev-A/scan.bin", noise(700_000, seed: 7)),
            ("documents/Prüfanweisung.md", Data("# Prüfung\n".utf8)),
            ("audit-trail.csv", nil),
            ("documents/SOP-0002/rev-B/page.html", Data(String(repeating: "<p>Step</p>\n", count: 20_000).utf8)),
        ]

        let ours = folder.appendingPathComponent("ours.zip")
        let writer = try BundleArchiveWriter(creating: ours, modificationDate: date)
        for (path, data) in files {
            if let data { try writer.add(path, data: data) } else { try writer.add(path, contentsOf: spooled) }
        }
        try writer.finish()

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
        #expect(writer.files.map(\.path) == files.map(\.0))
        #expect(writer.files[2].size == 700_000 && writer.files[2].sha256 == BundleArchiveWriter.sha256(files[2].1!))
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
        try writer.finish()

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
