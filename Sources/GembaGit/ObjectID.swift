internal import CLibGit2

/// A SHA-1 object name: 40 lowercase hexadecimal characters.
public struct ObjectID: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public let hex: String

    /// Accepts 40 hexadecimal characters (either case; stored lowercase). Returns nil otherwise.
    public init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 40 else { return nil }
        var lowered = [UInt8]()
        lowered.reserveCapacity(40)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"):
                lowered.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "F"):
                lowered.append(byte + 32)
            default:
                return nil
            }
        }
        self.hex = String(decoding: lowered, as: UTF8.self)
    }

    public var description: String { hex }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool { lhs.hex < rhs.hex }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = ObjectID(hex: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a 40-character hexadecimal object id: \(text)")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

extension ObjectID {
    /// The id of the empty tree.
    static let emptyTree = ObjectID(validatedHex: "4b825dc642cb6eb9a060e54bf8d69288fbee4904")

    private init(validatedHex: String) { self.hex = validatedHex }

    /// Copies a libgit2 oid.
    init(_ oid: git_oid) {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(40)
        withUnsafeBytes(of: oid.id) { bytes in
            for byte in bytes.prefix(20) {
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0f)])
            }
        }
        self.hex = String(decoding: out, as: UTF8.self)
    }

    /// Copies a libgit2 oid pointer; nil for a NULL pointer.
    init?(_ pointer: UnsafePointer<git_oid>?) {
        guard let pointer else { return nil }
        self.init(pointer.pointee)
    }

    /// The libgit2 representation.
    var oid: git_oid {
        var result = git_oid()
        let utf8 = Array(hex.utf8)
        withUnsafeMutableBytes(of: &result.id) { bytes in
            for index in 0..<min(20, bytes.count) {
                bytes[index] = ObjectID.nibble(utf8[2 * index]) << 4 | ObjectID.nibble(utf8[2 * index + 1])
            }
        }
        return result
    }

    private static func nibble(_ char: UInt8) -> UInt8 {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return char - UInt8(ascii: "0")
        default: return char - UInt8(ascii: "a") + 10
        }
    }
}
