/// A safeguarded Newton iteration shared by the quantile functions.
enum Root {
    /// Finds x in [low, high] where the monotone `f` (returning its value and slope) crosses 0, starting from
    /// `guess`: Newton steps, replaced by bisection of the bracket whenever a step leaves it or is not finite
    /// (Numerical Recipes §9.4, `rtsafe`). Stops when a step moves x by less than 1e-14 relative (Newton's error is then the square of that) or the
    /// bracket is that narrow; at most 500 iterations.
    static func newton(_ f: (Double) -> (Double, Double), guess: Double, low: Double, high: Double, increasing: Bool) -> Double {
        var low = low, high = high, x = guess
        for _ in 0..<500 {
            let (value, slope) = f(x)
            if value == 0 { return x }
            // Keep the bracket [low, high] around the root: f < 0 on the low side when f increases.
            if (value < 0) == increasing { low = x } else { high = x }
            var next = x - value / slope
            if !next.isFinite || next <= low || next >= high || value.isNaN {
                next = low + (high - low) / 2
                if low < 0 && high > 0 { next = low / 2 + high / 2 }
            }
            if abs(next - x) <= 1e-14 * abs(x) || high - low <= 1e-15 * max(abs(low), abs(high)) { return next }
            x = next
        }
        return x
    }
}
