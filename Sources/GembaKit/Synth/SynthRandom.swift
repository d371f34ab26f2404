import Foundation

/// SplitMix64 (Steele, Lea, Flood 2014): a small seeded generator, so `gemba synth` gives the
/// same register for the same seed on every machine (Swift's system generator cannot be seeded).
struct SynthRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// An independent stream for one part of the register (a document, a person), from the seed.
    init(seed: UInt64, stream: UInt64, salt: UInt64 = 0) {
        var mixer = SynthRandom(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15) ^ (salt &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A uniform integer in the range (inclusive).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// A uniform number of seconds in [low, high) days.
    mutating func days(_ low: Double, _ high: Double) -> Int64 { Int64((low + (high - low) * unit()) * 86_400) }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// `count` different items (fewer when there are not enough).
    mutating func pick<T>(_ count: Int, of items: [T], where allowed: (T) -> Bool = { _ in true }) -> [T] {
        var pool = items.filter(allowed)
        var chosen: [T] = []
        while chosen.count < count, !pool.isEmpty {
            chosen.append(pool.remove(at: int(0...(pool.count - 1))))
        }
        return chosen
    }

    /// 16 bytes for a password salt.
    mutating func salt() -> [UInt8] {
        let a = next(), b = next()
        return (0..<8).map { UInt8(truncatingIfNeeded: a >> ($0 * 8)) } + (0..<8).map { UInt8(truncatingIfNeeded: b >> ($0 * 8)) }
    }
}
