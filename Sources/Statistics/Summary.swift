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
