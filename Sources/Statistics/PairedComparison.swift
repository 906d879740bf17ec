/// A candidate against a baseline on matched samples (the same seeds): differences d_i = candidate_i - baseline_i.
public struct PairedComparison: Equatable, Sendable {
    /// The number of pairs.
    public var n: Int
    /// candidate - baseline, pair by pair.
    public var differences: [Double]
    /// The mean difference d̄ and the sample standard deviation s_d of the differences.
    public var difference: Summary
    /// d̄ ± t.ppf(1 - α/2, n-1) · s_d / √n, the paired t interval (Student 1908).
    public var interval: ConfidenceInterval
    /// t = d̄ / (s_d / √n); ±infinity when s_d = 0 and d̄ ≠ 0, 0 when all differences are 0.
    public var tStatistic: Double
    /// The paired t-test's two-sided p = P(|T_{n-1}| >= |t|) = I_{(n-1)/((n-1)+t²)}((n-1)/2, 1/2) (SciPy
    /// `ttest_rel(candidate, baseline).pvalue`); 1 when every difference is 0, where SciPy gives nan.
    public var pairedTPValue: Double
    /// `SignFlip.exactPValue(differences:)`; nil above `StatisticsLimits.exactSignFlipPairs` (20) pairs.
    public var signFlipPValue: Double?

    /// Compares `candidate` with `baseline`, pair i being the same seed in both; at least 2 pairs.
    public init(baseline: [Double], candidate: [Double], level: Double = 0.95) throws {
        guard baseline.count == candidate.count else {
            throw StatisticsError.mismatchedPairs(baseline: baseline.count, candidate: candidate.count)
        }
        guard baseline.count >= 2 else { throw StatisticsError.tooFewValues(needed: 2, got: baseline.count) }
        guard level > 0 && level < 1 else { throw StatisticsError.invalidArgument("confidence level must be in (0, 1), got \(level)") }
        n = baseline.count
        differences = zip(candidate, baseline).map { $0 - $1 }
        difference = try Summary(differences)
        interval = difference.studentTInterval(level: level)!
        let sd = difference.standardDeviation!, mean = difference.mean
        if sd == 0 {
            tStatistic = mean == 0 ? 0 : (mean > 0 ? .infinity : -.infinity)
            pairedTPValue = mean == 0 ? 1 : 0
        } else {
            tStatistic = mean / (sd / Double(n).squareRoot())
            pairedTPValue = StudentT.twoSidedTail(tStatistic, degreesOfFreedom: Double(n - 1))
        }
        if n <= StatisticsLimits.exactSignFlipPairs {
            signFlipPValue = try SignFlip.exactPValue(differences: differences)
        }
    }

    /// The standardised effect size δ = d̄ / s_d (Cohen's d_z for paired samples); infinite when s_d = 0 < |d̄|.
    public var effectSize: Double {
        let sd = difference.standardDeviation!
        if sd == 0 { return difference.mean == 0 ? 0 : (difference.mean > 0 ? .infinity : -.infinity) }
        return difference.mean / sd
    }
}
