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

/// n, mean and sample standard deviation of a sample (e.g. one metric over a group's seeds).
public struct Summary: Equatable, Sendable {
    public var n: Int
    /// The arithmetic mean Σx / n.
    public var mean: Double
    /// The sample standard deviation sqrt(Σ(x - mean)² / (n - 1)) (two passes; NumPy `std(ddof=1)`); nil for n = 1.
    public var standardDeviation: Double?

    /// Summarises `values`, which must not be empty.
    public init(_ values: [Double]) throws {
        guard !values.isEmpty else { throw StatisticsError.tooFewValues(needed: 1, got: 0) }
        n = values.count
        mean = values.reduce(0, +) / Double(n)
        if n >= 2 {
            let m = mean
            standardDeviation = (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)).squareRoot()
        }
    }

    /// The Student-t interval of the mean, mean ± t.ppf(1 - α/2, n-1) · sd / √n with α = 1 - level (Student,
    /// Biometrika 6:1, 1908; SciPy `t.interval(level, n-1, loc=mean, scale=sd/√n)`); nil for n = 1, where t
    /// has no degrees of freedom: use `ConfidenceInterval.clopperPearsonExact` on the run's test counts instead.
    public func studentTInterval(level: Double = 0.95) -> ConfidenceInterval? {
        guard let sd = standardDeviation, level > 0, level < 1 else { return nil }
        let half = -StudentT.quantile((1 - level) / 2, degreesOfFreedom: Double(n - 1)) * sd / Double(n).squareRoot()
        return ConfidenceInterval(low: mean - half, high: mean + half, level: level, method: .studentT(degreesOfFreedom: n - 1))
    }
}
