import Crypto
import Foundation
import Testing
@testable import GembaKit

/// Builds a bundle into the test register's folder and returns its file and the result.
@discardableResult
func buildBundle(
    _ r: TestRegister, asOf: Day? = nil, scope: BundleScope = BundleScope(), name: String = "bundle.zip", overwrite: Bool = false,
    by username: String = "rita"
) throws -> (url: URL, result: BundleResult) {
    let url = r.folder.appendingPathComponent(name)
    let request = BundleRequest(scope: scope, asOf: asOf ?? r.today, output: url, overwrite: overwrite, generator: "gemba test")
    return (url, try r.register.buildBundle(request, by: username))
}

/// Every file of an archive in archive order, with its bytes.
func bundleFiles(_ url: URL) throws -> [(path: String, data: Data)] {
    let reader = try BundleArchiveReader(url)
    var entries: [BundleArchiveEntry] = []
    reader.forEachEntry { entries.append($0); return true }
    return try entries.map { ($0.path, try reader.data($0, limit: 1 << 30)) }
}

/// The text of one file of an archive.
func bundleText(_ url: URL, _ path: String) throws -> String {
    let data = try #require(try bundleFiles(url).first { $0.path == path }?.data, "\(path) is not in the bundle")
    return String(decoding: data, as: UTF8.self)
}

/// Writes a copy of an archive through `transform`, which returns the files to write for each
/// file of the original (none to drop it, several to add some), as an attacker with a ZIP tool would.
func rewriteBundle(_ source: URL, to destination: URL, _ transform: (String, Data) throws -> [(String, Data)]) throws {
    let writer = try BundleArchiveWriter(creating: destination, modificationDate: Date(timeIntervalSince1970: 1_767_225_600))
    for (path, data) in try bundleFiles(source) {
        for (newPath, newData) in try transform(path, data) { try writer.add(newPath, data: newData) }
    }
    try writer.finish()
}

/// Marks an entry of a finished archive as a symbolic link, by rewriting its external file
/// attributes in the central directory (mode 0o120777).
func markAsSymbolicLink(_ url: URL, path: String) throws {
    var bytes = [UInt8](try Data(contentsOf: url))
    let name = Array(path.utf8)
    var index = 0
    var found = false
    while index + 46 + name.count <= bytes.count {
        if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x01, bytes[index + 3] == 0x02 {
            let nameLength = Int(bytes[index + 28]) | Int(bytes[index + 29]) << 8
            if nameLength == name.count, Array(bytes[(index + 46)..<(index + 46 + nameLength)]) == name {
                let attributes = UInt32(0o120777) << 16
                for offset in 0..<4 { bytes[index + 38 + offset] = UInt8((attributes >> (8 * UInt32(offset))) & 0xFF) }
                found = true
            }
        }
        index += 1
    }
    try #require(found, "\(path) has no central directory record")
    try Data(bytes).write(to: url)
}

func sha256Hex(_ data: Data) -> String {
    SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
}

/// manifest.json of an archive as a JSON object.
func bundleManifest(_ url: URL) throws -> [String: Any] {
    let data = try #require(try bundleFiles(url).first { $0.path == "manifest.json" }?.data)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}
