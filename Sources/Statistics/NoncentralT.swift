#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The noncentral t distribution with ν degrees of freedom and noncentrality δ.
public enum NoncentralT {
    /// P(T <= t) (SciPy `nct.cdf`). For t >= 0 the series of R. V. Lenth's Algorithm AS 243 (Applied Statistics
    /// 38:185-189, 1989): F = Φ(-δ) + ½ Σ_j (p_j I_x(j+½, ν/2) + (δ/√2) q_j I_x(j+1, ν/2)), x = t²/(ν+t²),
    /// p_j = e^(-λ) λ^j / j!, q_j = e^(-λ) λ^j / Γ(j+3/2), λ = δ²/2; summed outward from the Poisson mode
    /// j = ⌊λ⌋ as W. Benton and K. Krishnamoorthy do (Computational Statistics & Data Analysis 43:249-267, 2003),
    /// so a large δ does not underflow AS 243's first weight e^(-λ) (AS 243 itself gives up at δ > 37.6), with
    /// I_x(a+1, b) = I_x(a, b) - x^a (1-x)^b / (a B(a, b)) stepping the incomplete betas (NR 6.4.1 recurrence).
    /// Each direction stops once, well past the mode, a term is below 1e-18 of the sum. For t < 0: 1 - P(T' <= -t), T' of noncentrality -δ.
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double, noncentrality delta: Double) -> Double {
        if delta == 0 { return StudentT.cdf(t, degreesOfFreedom: nu) }
        if t.isNaN || delta.isNaN { return .nan }
        if t.isInfinite { return t < 0 ? 0 : 1 }
        if t < 0 { return max(0, 1 - cdf(-t, degreesOfFreedom: nu, noncentrality: -delta)) }
        let tail = Normal.cdf(-delta)
        if t == 0 { return tail }
        let (y, x) = StudentT.split(t, nu)  // x = t²/(ν+t²), y = 1 - x
        let b = nu / 2, lambda = delta * delta / 2
        if x == 0 { return tail }
        if lambda == 0 { return StudentT.cdf(t, degreesOfFreedom: nu) }
        let k = (lambda).rounded(.down)
        // The mode's weights and incomplete betas, then steps forward (j > k) and backward (j < k).
        let pk = exp(-lambda + k * log(lambda) - lgamma(k + 1))
        let qk = exp(-lambda + k * log(lambda) - lgamma(k + 1.5))
        let ia = Beta.incomplete(x: x, y: y, a: k + 0.5, b: b).lower
        let ic = Beta.incomplete(x: x, y: y, a: k + 1, b: b).lower
        // g(a) = x^a y^b / (a B(a, b)) = I_x(a, b) - I_x(a+1, b).
        let ga = Beta.powerTerms(x: x, y: y, a: k + 0.5, b: b) / (k + 0.5)
        let gc = Beta.powerTerms(x: x, y: y, a: k + 1, b: b) / (k + 1)
        let r = delta / 2.0.squareRoot()
        var sum = pk * ia + r * qk * ic
        // Forward: j = k+1, k+2, ...
        var p = pk, q = qk, iaF = ia, icF = ic, gaF = ga, gcF = gc
        var j = k
        while true {
            iaF -= gaF; icF -= gcF
            gaF *= x * (j + 0.5 + b) / (j + 1.5)
            gcF *= x * (j + 1 + b) / (j + 2)
            j += 1
            p *= lambda / j; q *= lambda / (j + 0.5)
            let term = p * iaF + r * q * icF
            sum += term
            // Past the mode the terms fall at least geometrically: stop once they no longer count.
            if (abs(term) <= 1e-18 * abs(sum) && p <= 1e-3 * pk) || j > k + 100_000 { break }
        }
        // Backward: j = k-1, ..., 0; g(a-1) = g(a) · a / (x (a-1+b)).
        p = pk; q = qk; var iaB = ia, icB = ic, gaB = ga, gcB = gc
        j = k
        while j >= 1 {
            gaB *= (j + 0.5) / (x * (j - 0.5 + b))
            gcB *= (j + 1) / (x * (j + b))
            iaB += gaB; icB += gcB
            p *= j / lambda; q *= (j + 0.5) / lambda
            j -= 1
            let term = p * iaB + r * q * icB
            sum += term
            if abs(term) <= 1e-18 * abs(sum) && p <= 1e-3 * pk { break }
        }
        return min(1, max(0, tail + 0.5 * sum))
    }
}

/// Power of the two-sided paired t-test, and the number of pairs (seeds) it takes.
public enum PairedTPower {
    /// The probability that the two-sided paired t-test at `alpha` rejects with n pairs when the mean difference
    /// is δ standard deviations of the differences (δ = mean diff / sd diff): with ν = n-1, c = t.ppf(1-α/2, ν)
    /// and noncentrality δ√n, power = 1 - nct.cdf(c, ν, δ√n) + nct.cdf(-c, ν, δ√n) (Cohen, Statistical Power
    /// Analysis, 1988, §2.5; the noncentral t as in SciPy `nct`).
    public static func power(effectSize delta: Double, pairs n: Int, alpha: Double = 0.05) -> Double {
        precondition(n >= 2 && alpha > 0 && alpha < 1, "power needs n >= 2 pairs and 0 < alpha < 1")
        if delta.isInfinite { return 1 }
        let nu = Double(n - 1)
        let c = -StudentT.quantile(alpha / 2, degreesOfFreedom: nu)
        let ncp = delta * Double(n).squareRoot()
        return 1 - NoncentralT.cdf(c, degreesOfFreedom: nu, noncentrality: ncp)
            + NoncentralT.cdf(-c, degreesOfFreedom: nu, noncentrality: ncp)
    }

    /// The smallest n >= 2 whose `power(effectSize:pairs:alpha:)` is at least `target` (0.8); nil when n = `cap`
    /// (`StatisticsLimits.seedsNeededCap`, 10,000) does not reach it, which includes δ = 0. Only |δ| matters.
    /// Power grows with n (the noncentrality δ√n rises and the critical value falls), so a bisection over
    /// [2, cap] finds it in ~14 evaluations; the tests check it against SciPy's power at every n from 2 on.
    public static func seedsNeeded(effectSize delta: Double, alpha: Double = 0.05, power target: Double = 0.8,
                                   cap: Int = StatisticsLimits.seedsNeededCap) -> Int? {
        if delta == 0 || delta.isNaN || cap < 2 { return nil }
        let reaches = { (n: Int) in power(effectSize: abs(delta), pairs: n, alpha: alpha) >= target }
        if reaches(2) { return 2 }
        if !reaches(cap) { return nil }
        var low = 2, high = cap  // reaches(low) is false, reaches(high) is true
        while high - low > 1 {
            let mid = low + (high - low) / 2
            if reaches(mid) { high = mid } else { low = mid }
        }
        return high
    }
}
