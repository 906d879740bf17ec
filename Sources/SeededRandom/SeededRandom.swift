/// The one random generator of the runner: xoshiro256** (Blackman & Vigna, 2018), seeded through SplitMix64.
///
/// A run has one seed; each use (initialisation, shuffling, dropout, ...) draws from its own stream,
/// `SeededRandom(seed: seed, stream: .shuffle)`, whose state is SplitMix64 applied to `seed` mixed with the
/// stream's number. Streams are independent in practice, and adding a use never shifts the numbers another
/// use sees. Same seed, same stream: the same integers and uniforms on every machine (exact arithmetic);
/// `normal()` goes through libm's log and cos, so it is bit-identical on the same machine and libm.
public struct SeededRandom: RandomNumberGenerator, Sendable, Equatable {
    /// The uses that draw random numbers, each from its own stream.
    public enum Stream: UInt64, Sendable {
        case initialization = 1
        case shuffle = 2
        case dropout = 3
        case validationSplit = 4
        case sweep = 5
    }

    @usableFromInline var s0, s1, s2, s3: UInt64

    public init(seed: UInt64, stream: Stream) {
        self.init(seed: seed, streamNumber: stream.rawValue)
    }

    /// A stream by number, for uses that need many (one per layer, say): numbers above 2^32 are free.
    public init(seed: UInt64, streamNumber: UInt64) {
        var mixer = seed ^ (streamNumber &* 0x9E37_79B9_7F4A_7C15)
        s0 = Self.splitMix64(&mixer)
        s1 = Self.splitMix64(&mixer)
        s2 = Self.splitMix64(&mixer)
        s3 = Self.splitMix64(&mixer)
    }

    /// The generator's position: its four state words, which `init(state:)` takes back. What a checkpoint
    /// keeps of a stream that advances with use (dropout's), so a resumed run draws what it would have drawn.
    public var state: [UInt64] { [s0, s1, s2, s3] }

    /// A stream at the position `state` recorded; nil for anything but four words, not all zero (xoshiro's
    /// one state that never leaves itself, which SplitMix64 never produces).
    public init?(state: [UInt64]) {
        guard state.count == 4, state.contains(where: { $0 != 0 }) else { return nil }
        (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3])
    }

    /// SplitMix64 (Steele, Lea & Flood, 2014): turns any 64-bit seed, 0 included, into a well-mixed state.
    private static func splitMix64(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    // Inlinable: dropout draws one value per unit of every training step, and a call into this module per
    // value cost more than the generator itself.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform integer in `0..<bound`, without modulo bias (Lemire's multiply-and-reject).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }

    /// A uniform Double in [0, 1) from the top 53 bits.
    public mutating func unitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform Float in [0, 1) from the top 24 bits.
    public mutating func unitFloat() -> Float {
        Float(next() >> 40) * 0x1.0p-24
    }

    /// `unitFloat() < p`, without the float: the uniform is n / 2^24 exactly (n the top 24 bits), so it is
    /// below p exactly when n is below p * 2^24 rounded up (exact in Double). One integer compare per draw,
    /// for dropout's masks; the same answers, so the same bits.
    public struct UnitFloatCut: Sendable {
        @usableFromInline let bound: UInt64

        public init(below p: Float) { bound = UInt64((Double(p) * 0x1p24).rounded(.up)) }
    }

    /// Whether the next `unitFloat()` would be below `cut`'s p, drawing the same one value.
    @inlinable
    public mutating func unitFloat(isBelow cut: UnitFloatCut) -> Bool {
        next() >> 40 < cut.bound
    }

    /// A standard normal draw (Box-Muller); uses two uniforms per draw, so the sequence never depends on caching.
    public mutating func normal() -> Double {
        let u1 = 1.0 - unitDouble()  // (0, 1]: log is finite
        let u2 = unitDouble()
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }

    /// A standard normal draw redrawn until it lies within two standard deviations (Keras' truncated normal).
    public mutating func truncatedNormal() -> Double {
        while true {
            let z = normal()
            if abs(z) <= 2 { return z }
        }
    }

    /// Fisher-Yates shuffle of `values` in place.
    public mutating func shuffle<T>(_ values: inout [T]) {
        var i = values.count - 1
        while i > 0 {
            let j = below(i + 1)
            values.swapAt(i, j)
            i -= 1
        }
    }

    /// A fresh permutation of `0..<count`.
    public mutating func permutation(_ count: Int) -> [Int32] {
        var order = (0..<Int32(count)).map { $0 }
        shuffle(&order)
        return order
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
