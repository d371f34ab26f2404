import Crypto
import Foundation

/// The result of `gemba bundle verify`.
public struct BundleVerification: Codable, Sendable {
    public var checked: [String: Int] = [:]
    public var problems: [String] = []
    /// Whether the document revisions were also compared with a register.
    public var againstRegister = false
    public var isClean: Bool { problems.isEmpty }
}

/// Checks an evidence bundle: that it is safe to unpack, that every file matches its SHA-256 in
/// SHA256SUMS and manifest.json and every file is listed, that each document revision's files
/// make up the folder tree the manifest records and, with a register, that they are the blobs
/// of the revision's release commit.
public enum EvidenceBundle {
    /// Checks the archive's own hashes and document trees, without a register.
    public static func verify(at url: URL) throws -> BundleVerification {
        try BundleVerifier(url: url, register: nil).run()
    }
}

/// The bounds `bundle verify` checks in the central directory before it reads any content.
struct BundleLimits {
    /// Archives with more entries are refused.
    var maxEntries = 200_000
    /// Archives that would unpack to more bytes (16 GiB) are refused.
    var maxUnpackedBytes: UInt64 = 16 << 30
    /// manifest.json and SHA256SUMS are read into memory: at most 256 MiB each.
    var maxListingBytes: UInt64 = 256 << 20
}

extension Register {
    /// Checks the archive as `EvidenceBundle.verify` does, and each document revision in it
    /// against this register: same release commit, folder tree and blobs, byte for byte.
    public func verifyBundle(at url: URL) throws -> BundleVerification {
        try BundleVerifier(url: url, register: self).run()
    }
}

/// What reading one file of the archive found.
struct BundleReadFile {
    let size: UInt64
    let sha256: String
    /// The git blob id of the bytes, for files inside a document revision's folder.
    let blob: String?
}

private struct StopReading: Error {
    let reason: String
}

final class BundleVerifier {
    let url: URL
    let register: Register?
    let limits: BundleLimits
    private let archive: BundleArchiveReader
    var report = BundleVerification()

    init(url: URL, register: Register?, limits: BundleLimits = BundleLimits()) throws {
        self.url = url
        self.register = register
        self.limits = limits
        archive = try BundleArchiveReader(url)
    }

    func run() throws -> BundleVerification {
        report.againstRegister = register != nil
        guard let files = listSafely() else { return report }
        report.checked["files"] = files.count
        let byPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let sums = readSums(byPath[BundleManifest.sumsPath])
        let manifest = readManifest(byPath[BundleManifest.path])
        let folders = Set(manifest?.documents.map { $0.folder + "/" } ?? [])
        var read: [String: BundleReadFile] = [:]
        for entry in files {
            let inFolder = folders.contains { entry.path.hasPrefix($0) }
            do {
                read[entry.path] = try self.read(entry, blob: inFolder)
            } catch let stop as StopReading {
                report.problems.append("\(printable(entry.path)): \(stop.reason)")
            } catch {
                report.problems.append("\(printable(entry.path)): cannot be read (\(error)); the archive is damaged")
            }
        }
        checkListings(files: files.map(\.path), read: read, sums: sums, manifest: manifest)
        if let manifest {
            report.checked["document revisions"] = manifest.documents.count
            checkDocumentTrees(manifest, read: read)
            if let register {
                report.problems += try register.bundleProblems(manifest, read: read, archiveSHA256: try BundleArchiveWriter.sha256(of: url))
            }
        }
        return report
    }

    // MARK: Safety, before reading any content

    /// The file entries, or nil (with the problems recorded) when the archive is unsafe to unpack:
    /// a path that climbs out or is absolute, a link, a duplicate, too many entries or bytes.
    private func listSafely() -> [BundleArchiveEntry]? {
        var files: [BundleArchiveEntry] = []
        var paths = Set<String>()
        var total: UInt64 = 0
        var count = 0
        var unsafe: [String] = []
        var refused: String?
        archive.forEachEntry { entry in
            count += 1
            guard count <= limits.maxEntries else {
                refused = "the archive has more than \(limits.maxEntries) entries; it was not read"
                return false
            }
            if let reason = Self.unsafePath(entry.path) { unsafe.append("\(printable(entry.path)): \(reason)") }
            if entry.kind == .symbolicLink { unsafe.append("\(printable(entry.path)): is a symbolic link; a bundle holds only files") }
            if !paths.insert(entry.path).inserted { unsafe.append("\(printable(entry.path)): appears twice in the archive") }
            let (sum, overflow) = total.addingReportingOverflow(entry.declaredSize)
            guard !overflow, sum <= limits.maxUnpackedBytes else {
                refused = "the archive would unpack to more than \(limits.maxUnpackedBytes) bytes; it was not read"
                return false
            }
            total = sum
            if entry.kind == .file { files.append(entry) }
            return true
        }
        if let refused {
            report.problems.append(refused)
            return nil
        }
        guard unsafe.isEmpty else {
            report.problems += unsafe.map { "unsafe entry \($0); the archive was not read" }
            return nil
        }
        return files
    }

    static func unsafePath(_ path: String) -> String? {
        if path.isEmpty { return "has no name" }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\u{7f}" }) { return "has control characters in its name" }
        if path.hasPrefix("/") || path.firstMatch(of: /^[A-Za-z]:/) != nil { return "is an absolute path" }
        if path.contains("\\") { return "has a backslash in its path" }
        if path.split(separator: "/", omittingEmptySubsequences: false).contains("..") { return "has '..' in its path (it would land outside the folder it is unpacked into)" }
        return nil
    }

    private func printable(_ path: String) -> String {
        String(String.UnicodeScalarView(path.unicodeScalars.map { $0.value < 0x20 || $0 == "\u{7f}" ? "?" : $0 }))
    }

    // MARK: Reading

    /// Streams one file: SHA-256, git blob id when asked, CRC-32, and never more bytes than declared.
    private func read(_ entry: BundleArchiveEntry, blob: Bool) throws -> BundleReadFile {
        let declared = entry.declaredSize
        var sha = SHA256()
        var git = blob ? GitObjectHash.Blob(size: declared) : nil
        var size: UInt64 = 0
        let crc = try archive.read(entry) { chunk in
            size += UInt64(chunk.count)
            guard size <= declared else { throw StopReading(reason: "unpacks to more bytes than its declared size; the archive is damaged or hostile") }
            sha.update(data: chunk)
            git?.update(chunk)
        }
        guard size == declared else { throw StopReading(reason: "has \(size) bytes, not the \(declared) its header declares; the archive is damaged") }
        guard crc == entry.checksum else { throw StopReading(reason: "fails its CRC-32 check; the archive is damaged") }
        return BundleReadFile(size: size, sha256: GitObjectHash.hex(Data(sha.finalize())), blob: git?.finalize())
    }

    private func readSmall(_ entry: BundleArchiveEntry?, name: String) -> Data? {
        guard let entry else {
            report.problems.append("\(name) is missing from the archive")
            return nil
        }
        do {
            return try archive.data(entry, limit: limits.maxListingBytes)
        } catch {
            report.problems.append("\(name) cannot be read (\(error))")
            return nil
        }
    }

    private func readSums(_ entry: BundleArchiveEntry?) -> [String: String]? {
        guard let data = readSmall(entry, name: BundleManifest.sumsPath) else { return nil }
        guard let text = String(data: data, encoding: .utf8), let sums = SHA256Sums.parse(text) else {
            report.problems.append("\(BundleManifest.sumsPath) is not in the `sha256sum` format (digest, two spaces, path)")
            return nil
        }
        return sums
    }

    private func readManifest(_ entry: BundleArchiveEntry?) -> BundleManifest.Contents? {
        guard let data = readSmall(entry, name: BundleManifest.path) else { return nil }
        do {
            let manifest = try BundleManifest.Contents.decode(data)
            guard manifest.format == BundleManifest.format else {
                report.problems.append("\(BundleManifest.path) has the format '\(manifest.format)', not \(BundleManifest.format)")
                return nil
            }
            return manifest
        } catch {
            report.problems.append("\(BundleManifest.path) cannot be read as a bundle manifest (\(error))")
            return nil
        }
    }
}
