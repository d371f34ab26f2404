import Crypto
import Foundation

extension Sequence where Element == UInt8 {
    /// The bytes as lowercase hexadecimal, two digits each (what `git` and `sha256sum` print).
    var lowercaseHex: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

enum SHA256Hex {
    /// The SHA-256 of `data` as 64 lowercase hexadecimal digits.
    static func of<D: DataProtocol>(_ data: D) -> String { SHA256.hash(data: data).lowercaseHex }

    static func of(_ text: String) -> String { of(Data(text.utf8)) }
}
