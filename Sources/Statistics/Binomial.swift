#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The binomial distribution of successes in n independent trials with success probability p.
public enum Binomial {
    /// P(X = k) (SciPy `binom.pmf`), by Loader's saddle-point form (C. Loader, "Fast and accurate computation of
    /// binomial probabilities", 2000; R's `dbinom_raw`): exp(δ(n) - δ(k) - δ(n-k) - bd0(k, np) - bd0(n-k, nq))
    /// · sqrt(n / (2π k (n-k))), accurate to a few ulps where the naive ratio of factorials loses digits.
    public static func pmf(_ k: Int, trials n: Int, probability p: Double) -> Double {
        if k < 0 || k > n { return 0 }
        let q = 1 - p
        if p == 0 { return k == 0 ? 1 : 0 }
        if q == 0 { return k == n ? 1 : 0 }
        let nn = Double(n), kk = Double(k)
        if k == 0 { return exp(p < 0.1 ? -deviance(nn, nn * q) - nn * p : nn * log(q)) }
        if k == n { return exp(q < 0.1 ? -deviance(nn, nn * p) - nn * q : nn * log(p)) }
        let lc = stirlingError(nn) - stirlingError(kk) - stirlingError(nn - kk) - deviance(kk, nn * p) - deviance(nn - kk, nn * q)
        let lf = log(2 * Double.pi) + log(kk) + log1p(-kk / nn)
        return exp(lc - 0.5 * lf)
    }

    /// P(X <= k) = I_{1-p}(n-k, k+1) (Abramowitz & Stegun 26.5.24; SciPy `binom.cdf`).
    public static func cdf(_ k: Int, trials n: Int, probability p: Double) -> Double {
        if k < 0 { return 0 }
        if k >= n { return 1 }
        return Beta.incomplete(x: 1 - p, y: p, a: Double(n - k), b: Double(k + 1)).lower
    }

    /// P(X > k) = I_p(k+1, n-k) (SciPy `binom.sf`), without the cancellation of 1 - cdf.
    public static func survival(_ k: Int, trials n: Int, probability p: Double) -> Double {
        if k < 0 { return 1 }
        if k >= n { return 0 }
        return Beta.incomplete(x: 1 - p, y: p, a: Double(n - k), b: Double(k + 1)).upper
    }

    /// The exact two-sided binomial test's p-value for k successes in n trials under success probability p,
    /// defined as SciPy's `binomtest(k, n, p).pvalue` (scipy/stats/_binomtest.py, after Zar, Biostatistical
    /// Analysis, §24.5): the total probability of the outcomes no more likely than k, where "no more likely"
    /// is pmf <= pmf(k)·(1 + 1e-7); the other side of the mode is found by SciPy's binary search, replicated
    /// step for step, and the sum is cdf(k) + sf(n - y) (or cdf(y - 1) + sf(k - 1)), capped at 1.
    public static func testPValue(successes k: Int, trials n: Int, probability p: Double = 0.5) throws -> Double {
        guard n >= 1, k >= 0, k <= n else { throw StatisticsError.invalidArgument("binomial test needs 0 <= k <= n and n >= 1, got k = \(k), n = \(n)") }
        guard p >= 0 && p <= 1 else { throw StatisticsError.invalidArgument("binomial test needs 0 <= p <= 1, got \(p)") }
        let d = pmf(k, trials: n, probability: p)
        let rerr = 1 + 1e-7
        let pn = p * Double(n)
        let pvalue: Double
        if Double(k) == pn {
            pvalue = 1
        } else if Double(k) < pn {
            let ix = binarySearch({ -pmf($0, trials: n, probability: p) }, -d * rerr, Int(pn.rounded(.up)), n)
            let y = n - ix + (d * rerr == pmf(ix, trials: n, probability: p) ? 1 : 0)
            pvalue = cdf(k, trials: n, probability: p) + survival(n - y, trials: n, probability: p)
        } else {
            let ix = binarySearch({ pmf($0, trials: n, probability: p) }, d * rerr, 0, Int(pn.rounded(.down)))
            let y = ix + 1
            pvalue = cdf(y - 1, trials: n, probability: p) + survival(k - 1, trials: n, probability: p)
        }
        return min(1, pvalue)
    }

    /// SciPy's `_binary_search_for_binom_tst`: the i in [lo, hi] with a(i) <= d < a(i+1) for ascending a,
    /// including its `hi = mid - 1` step, so the two agree on every input.
    static func binarySearch(_ a: (Int) -> Double, _ d: Double, _ lo: Int, _ hi: Int) -> Int {
        var lo = lo, hi = hi
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            let value = a(mid)
            if value < d { lo = mid + 1 } else if value > d { hi = mid - 1 } else { return mid }
        }
        return a(lo) <= d ? lo : lo - 1
    }
}

/// McNemar's exact test for two classifiers scored on the same examples (McNemar 1947; the exact form is the
/// conditional binomial test, Fagerland, Lydersen & Laake, BMC Med. Res. Methodol. 13:91, 2013).
public enum McNemar {
    /// The two-sided p-value from the discordant counts: b examples A gets right and B wrong, c the reverse.
    /// Under "equally accurate" each discordant example is a fair coin, so p = binomtest(b, b+c, 0.5).pvalue
    /// (SciPy), and p = 1 when b + c = 0 (the classifiers never disagree).
    public static func exactPValue(b: Int, c: Int) throws -> Double {
        guard b >= 0, c >= 0 else { throw StatisticsError.invalidArgument("McNemar counts must be >= 0, got b = \(b), c = \(c)") }
        if b + c == 0 { return 1 }
        return try Binomial.testPValue(successes: b, trials: b + c, probability: 0.5)
    }
}
