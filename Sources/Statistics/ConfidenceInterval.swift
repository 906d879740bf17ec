/// A confidence interval and the method that produced it.
public struct ConfidenceInterval: Equatable, Sendable {
    public enum Method: Equatable, Sendable {
        /// mean ± t.ppf(1 - α/2, ν) · sd / √n over n values.
        case studentT(degreesOfFreedom: Int)
        /// The Clopper-Pearson exact interval of a proportion, `successes` of `trials`.
        case clopperPearsonExact(successes: Int, trials: Int)
    }

    public var low: Double
    public var high: Double
    /// The confidence level, e.g. 0.95.
    public var level: Double
    public var method: Method

    public init(low: Double, high: Double, level: Double, method: Method) {
        self.low = low; self.high = high; self.level = level; self.method = method
    }

    /// The Clopper-Pearson exact interval for a proportion k/n (Clopper & Pearson, Biometrika 26:404, 1934), as
    /// SciPy's `binomtest(k, n).proportion_ci(level, method='exact')`: with α = 1 - level,
    /// low = B⁻¹(α/2; k, n-k+1) (0 when k = 0) and high = B⁻¹(1-α/2; k+1, n-k) (1 when k = n), B⁻¹ the beta
    /// quantile; these are the p where P(X >= k) = α/2 and P(X <= k) = α/2 (A&S 26.5.24). For one run, this is
    /// the interval of its test accuracy: `successes` correct of `trials` test examples.
    public static func clopperPearsonExact(successes k: Int, trials n: Int, level: Double = 0.95) throws -> ConfidenceInterval {
        guard n >= 1, k >= 0, k <= n else { throw StatisticsError.invalidArgument("Clopper-Pearson needs 0 <= successes <= trials and trials >= 1, got \(k) of \(n)") }
        guard level > 0 && level < 1 else { throw StatisticsError.invalidArgument("confidence level must be in (0, 1), got \(level)") }
        let alpha = 1 - level
        let low = k == 0 ? 0 : Beta.quantile(alpha / 2, a: Double(k), b: Double(n - k + 1))
        // B⁻¹(1 - α/2; k+1, n-k) = 1 - B⁻¹(α/2; n-k, k+1): solved on the side where α/2 is exact.
        let high = k == n ? 1 : Beta.quantile(1 - alpha / 2, a: Double(k + 1), b: Double(n - k))
        return ConfidenceInterval(low: low, high: high, level: level, method: .clopperPearsonExact(successes: k, trials: n))
    }
}
