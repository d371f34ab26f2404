import Crypto
import _CryptoExtras
import Foundation

/// Slow, salted password hashes (scrypt from swift-crypto), stored with their parameters:
/// `scrypt$N$r$p$salt$hash` in base64, so the work factor can rise without breaking old hashes.
enum PasswordHasher {
    static func hash(_ password: String, parameters: ScryptParameters) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = UInt8.random(in: .min ... .max, using: &generator) }
        return try hash(password, parameters: parameters, salt: salt)
    }

    /// The hash with a given 16-byte salt (`gemba synth` derives it from its seed, to be repeatable).
    static func hash(_ password: String, parameters: ScryptParameters, salt: [UInt8]) throws -> String {
        let key = try derive(password, salt: salt, n: parameters.n, r: parameters.r, p: parameters.p)
        return ["scrypt", String(parameters.n), String(parameters.r), String(parameters.p),
                Data(salt).base64EncodedString(), Data(key).base64EncodedString()].joined(separator: "$")
    }

    static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 6, parts[0] == "scrypt", let n = Int(parts[1]), let r = Int(parts[2]), let p = Int(parts[3]),
            let salt = Data(base64Encoded: parts[4]), let expected = Data(base64Encoded: parts[5]),
            let key = try? derive(password, salt: [UInt8](salt), n: n, r: r, p: p)
        else { return false }
        // Constant-time comparison.
        guard key.count == expected.count else { return false }
        return zip(key, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func derive(_ password: String, salt: [UInt8], n: Int, r: Int, p: Int) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(
            from: Array(password.utf8), salt: salt, outputByteCount: 32, rounds: n, blockSize: r, parallelism: p,
            maxMemory: 256 * 1024 * 1024)
        return key.withUnsafeBytes { Array($0) }
    }
}
