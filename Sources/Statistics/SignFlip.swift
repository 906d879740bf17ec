/// The exact sign-flip (paired permutation) test (R. A. Fisher, The Design of Experiments, 1935, §21; Good,
/// Permutation Tests, 2000, §3.1.1).
public enum SignFlip {
    /// The two-sided p-value of the mean of paired differences d: under "no difference" each d_i is as likely
    /// to have either sign, so the p-value is the fraction of all 2^n sign patterns s whose |mean(s·d)| is at
    /// least the observed |mean(d)| less γ = max(1e-14, 1e-14·|mean(d)|), the observed pattern included.
    /// This is SciPy's `permutation_test((d,), mean, permutation_type='samples', n_resamples=inf,
    /// alternative='two-sided').pvalue`: SciPy takes 2·min(P(T <= t+γ), P(T >= t-γ)), clipped to 1, with the same
    /// γ (scipy/stats/_resampling.py), which equals the fraction above because the sign patterns come in pairs
    /// s, -s with exactly opposite means. The smallest possible p is 2/2^n (0.0625 for 5 pairs).
    /// Refused above `StatisticsLimits.exactSignFlipPairs` (20) pairs: the count doubles with each pair. Each pattern's
    /// sum is the sum of two half sums, each added in index order, so the rounding stays far below γ.
    public static func exactPValue(differences d: [Double]) throws -> Double {
        let n = d.count
        guard n >= 1 else { throw StatisticsError.tooFewValues(needed: 1, got: 0) }
        guard n <= StatisticsLimits.exactSignFlipPairs else {
            throw StatisticsError.tooManyPairsForExactSignFlip(pairs: n, limit: StatisticsLimits.exactSignFlipPairs)
        }
        let observed = d.reduce(0, +) / Double(n)
        let gamma = max(1e-14, abs(1e-14 * observed))
        // Compare sums rather than means: |sum| >= n (|observed| - γ).
        let threshold = Double(n) * (abs(observed) - gamma)
        if threshold <= 0 { return 1 }
        let left = halfSums(Array(d[0..<(n / 2)])), right = halfSums(Array(d[(n / 2)...]))
        var count = 0
        for l in left {
            for r in right where abs(l + r) >= threshold { count += 1 }
        }
        return min(1, Double(count) / Double(1 << n))
    }

    /// The 2^k signed sums of `values`, each added in index order.
    static func halfSums(_ values: [Double]) -> [Double] {
        let k = values.count
        return (0..<(1 << k)).map { mask in
            var s = 0.0
            for i in 0..<k { s += (mask >> i) & 1 == 1 ? -values[i] : values[i] }
            return s
        }
    }
}
