import Crypto
import Foundation

/// Git object ids computed from bytes, as git computes them (SHA-1 of a typed header and the
/// content), so `bundle verify` can tie the files in an archive to the folder tree the register
/// released, even without the register at hand.
enum GitObjectHash {
    /// Hashes a blob whose size is known before its bytes arrive (streamed from the archive).
    struct Blob {
        private var hasher = Insecure.SHA1()

        init(size: UInt64) {
            hasher.update(data: Data("blob \(size)\u{0}".utf8))
        }

        mutating func update(_ data: Data) { hasher.update(data: data) }

        func finalize() -> String { hex(Data(hasher.finalize())) }
    }

    /// The id of the tree holding these files (paths relative to the tree, with `/` between
    /// folders; every file a regular, non-executable blob, as gemba writes them).
    static func tree(_ files: [String: String]) -> String? {
        guard let data = treeData(files) else { return nil }
        return hash(type: "tree", data)
    }

    private static func treeData(_ files: [String: String]) -> Data? {
        var blobs: [(name: String, id: String)] = []
        var folders: [String: [String: String]] = [:]
        for (path, id) in files {
            let parts = path.split(separator: "/", maxSplits: 1).map(String.init)
            if parts.count == 2 {
                folders[parts[0], default: [:]][parts[1]] = id
            } else if let name = parts.first {
                blobs.append((name, id))
            }
        }
        // Git orders entries by name, a folder's name compared as if it ended with "/".
        var entries: [(sortKey: [UInt8], mode: String, name: String, id: String)] = blobs.map { (Array($0.name.utf8), "100644", $0.name, $0.id) }
        for (name, children) in folders {
            guard let data = treeData(children) else { return nil }
            entries.append((Array((name + "/").utf8), "40000", name, hash(type: "tree", data)))
        }
        entries.sort { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
        var data = Data()
        for entry in entries {
            guard let raw = bytes(entry.id) else { return nil }
            data.append(contentsOf: Array("\(entry.mode) \(entry.name)\u{0}".utf8))
            data.append(contentsOf: raw)
        }
        return data
    }

    private static func hash(type: String, _ data: Data) -> String {
        var hasher = Insecure.SHA1()
        hasher.update(data: Data("\(type) \(data.count)\u{0}".utf8))
        hasher.update(data: data)
        return hex(Data(hasher.finalize()))
    }

    static func hex(_ data: Data) -> String {
        data.lowercaseHex
    }

    private static func bytes(_ hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count == 40 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
