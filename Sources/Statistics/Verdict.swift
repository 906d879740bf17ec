/// Whether a candidate differs from the baseline beyond seed noise.
public enum Verdict: Equatable, Sendable {
    /// Significant at α after Holm, in the better direction.
    case better
    /// Significant at α after Holm, in the worse direction.
    case worse
    /// Not significant; `seedsNeeded` is the smallest number of seeds at which a difference of the observed
    /// size (δ = d̄ / s_d) would give the two-sided paired t-test 80% power at α (`PairedTPower.seedsNeeded`),
    /// nil when none up to 10,000 would (a zero difference included).
    case noise(seedsNeeded: Int?)

    /// Which p-value a verdict is drawn from.
    public enum Test: Sendable {
        /// The paired t-test's p (`PairedComparison.pairedTPValue`).
        case pairedT
        /// The exact sign-flip p (`PairedComparison.signFlipPValue`); its floor is 2/2^n, so with fewer than
        /// 6 seeds it can never reach 0.05.
        case signFlip
    }

    /// Judges one comparison from its Holm-adjusted p: `better` or `worse` when adjustedP < alpha (by the sign of
    /// the mean difference and `higherIsBetter`: true for accuracy, false for the train-test gap), else `noise`
    /// with the seeds needed for 80% power at `alpha` (uncorrected: the power of that one comparison).
    public static func judge(_ comparison: PairedComparison, adjustedP: Double, alpha: Double = 0.05,
                             higherIsBetter: Bool = true) -> Verdict {
        let mean = comparison.difference.mean
        if adjustedP < alpha && mean != 0 { return (mean > 0) == higherIsBetter ? .better : .worse }
        return .noise(seedsNeeded: PairedTPower.seedsNeeded(effectSize: comparison.effectSize, alpha: alpha))
    }

    /// Judges each comparison against the same baseline: Holm across them (`Holm.adjust`) on the chosen test's
    /// p-values, then `judge`. Returns the adjusted p-values and verdicts in input order. `.signFlip` throws
    /// `tooManyPairsForExactSignFlip` if a comparison has more than 20 pairs.
    public static func judgeAll(_ comparisons: [PairedComparison], test: Test = .pairedT, alpha: Double = 0.05,
                                higherIsBetter: Bool = true) throws -> [(adjustedP: Double, verdict: Verdict)] {
        let p = try comparisons.map { comparison -> Double in
            switch test {
            case .pairedT: return comparison.pairedTPValue
            case .signFlip:
                guard let p = comparison.signFlipPValue else {
                    throw StatisticsError.tooManyPairsForExactSignFlip(pairs: comparison.n, limit: StatisticsLimits.exactSignFlipPairs)
                }
                return p
            }
        }
        return zip(comparisons, Holm.adjust(p)).map { comparison, adjusted in
            (adjusted, judge(comparison, adjustedP: adjusted, alpha: alpha, higherIsBetter: higherIsBetter))
        }
    }
}
