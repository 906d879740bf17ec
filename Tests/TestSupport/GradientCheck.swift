/// Central-difference gradient checks, for any function whose parameters can be nudged one at a time.
public enum GradientCheck {
    /// `(L(x_i + h) - L(x_i - h)) / 2h` for every parameter `i` in `0..<count`.
    ///
    /// `nudge(i, delta)` adds `delta` to parameter `i` (and must be exactly undone by `nudge(i, -delta)`
    /// up to rounding); `loss()` evaluates L at the current parameters.
    public static func centralDifferences(
        count: Int, step h: Double, nudge: (Int, Double) -> Void, loss: () -> Double
    ) -> [Double] {
        (0..<count).map { i in
            nudge(i, h)
            let plus = loss()
            nudge(i, -2 * h)
            let minus = loss()
            nudge(i, h)
            return (plus - minus) / (2 * h)
        }
    }

    /// The entries where `analytic` and `numeric` differ by more than `tolerance * max(1, |analytic|, |numeric|)`.
    public static func mismatches(analytic: [Double], numeric: [Double], tolerance: Double) -> [Mismatch] {
        precondition(analytic.count == numeric.count, "gradient lengths differ")
        return zip(analytic, numeric).enumerated().compactMap { i, pair in
            let (a, n) = pair
            let scale = max(1, abs(a), abs(n))
            return abs(a - n) <= tolerance * scale ? nil : Mismatch(index: i, analytic: a, numeric: n)
        }
    }

    /// One parameter whose analytic gradient disagrees with central differences.
    public struct Mismatch: CustomStringConvertible {
        public let index: Int
        public let analytic: Double
        public let numeric: Double

        public var description: String { "[\(index)] analytic \(analytic) vs numeric \(numeric)" }
    }
}
