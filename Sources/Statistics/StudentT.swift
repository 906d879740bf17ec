#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Student's t distribution with ν > 0 degrees of freedom (any real ν; the tests cover ν >= 1).
public enum StudentT {
    /// P(T <= t) (SciPy `t.cdf`): with x = ν/(ν+t²), the tail P(T <= -|t|) = I_x(ν/2, 1/2) / 2
    /// (Abramowitz & Stegun 26.7.1 with 26.5.27; NR §6.14.9), computed for either side without cancellation.
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        if t.isNaN { return .nan }
        if t == 0 { return 0.5 }
        let (x, y) = split(t, nu)
        let pair = Beta.incomplete(x: x, y: y, a: nu / 2, b: 0.5)
        return t < 0 ? 0.5 * pair.lower : 0.5 + 0.5 * pair.upper
    }

    /// P(T > t) = P(T <= -t) (SciPy `t.sf`), by symmetry.
    public static func survival(_ t: Double, degreesOfFreedom nu: Double) -> Double { cdf(-t, degreesOfFreedom: nu) }

    /// Two-sided tail P(|T| >= |t|) = I_x(ν/2, 1/2), x = ν/(ν+t²) (the paired t-test's p, SciPy `ttest_rel`).
    public static func twoSidedTail(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        if t == 0 { return 1 }
        let (x, y) = split(t, nu)
        return Beta.incomplete(x: x, y: y, a: nu / 2, b: 0.5).lower
    }

    /// P(|T| < s) = I_{s²/(ν+s²)}(1/2, ν/2) for s >= 0, with its relative precision for small s.
    static func central(_ s: Double, _ nu: Double) -> Double {
        if s == 0 { return 0 }
        let (x, y) = split(s, nu)
        return Beta.incomplete(x: x, y: y, a: nu / 2, b: 0.5).upper
    }

    /// (ν/(ν+t²), t²/(ν+t²)), each computed directly (also when t² overflows).
    static func split(_ t: Double, _ nu: Double) -> (Double, Double) {
        if abs(t) > 1e150 { return ((nu / t) / t, 1) }
        let tt = t * t
        return (nu / (nu + tt), tt / (nu + tt))
    }

    /// The density Γ((ν+1)/2) / (Γ(ν/2) √(νπ)) · (1 + t²/ν)^(-(ν+1)/2).
    public static func density(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        exp(lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * Double.pi) - (nu + 1) / 2 * log1p(t * t / nu))
    }

    /// The quantile t with P(T <= t) = p (SciPy `t.ppf`). Exact for ν = 1 (-cot(πp)) as a start; otherwise
    /// from the Cornish-Fisher expansion about the normal quantile z (Abramowitz & Stegun 26.7.5). Then
    /// safeguarded Newton steps on ln F(t) - ln q in the lower tail, q = min(p, 1-p), with slope f(t)/F(t)
    /// (ln F is concave there, so the steps approach from one side), or for q > 1/4 on ln P(|T| < |t|) -
    /// ln(1 - 2q), which keeps the relative precision of small t; to ~1e-14 relative in t.
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(p >= 0 && p <= 1 && nu > 0, "t quantile needs 0 <= p <= 1 and ν > 0")
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if p > 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
        var guess: Double
        if nu == 1 {
            guess = -1 / tan(Double.pi * p)
        } else {
            let z = Normal.quantile(p), z2 = z * z
            guess = z + z * (z2 + 1) / (4 * nu) + z * ((5 * z2 + 16) * z2 + 3) / (96 * nu * nu)
                + z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / (384 * nu * nu * nu)
            if !(guess < 0) || !guess.isFinite { guess = z }
        }
        if p > 0.25 {
            // Near the centre solve P(|T| < s) = 1 - 2p instead (exact for p in [1/4, 1/2]): F itself would carry
            // an absolute error of ~1e-17, a relative one of 1e-9 in t at p = 0.5 - 1e-8.
            let target = log1p(-2 * p)
            var high = -guess
            while central(high, nu) <= 1 - 2 * p { high *= 2 }
            let f = { (s: Double) -> (Double, Double) in
                let inside = central(s, nu)
                return (log(inside) - target, 2 * density(s, degreesOfFreedom: nu) / inside)
            }
            return -Root.newton(f, guess: -guess, low: 0, high: high, increasing: true)
        }
        // A finite bracket [low, 0] with F(low) < p: widen the start until it lies below the root.
        var low = guess
        while cdf(low, degreesOfFreedom: nu) >= p { low *= 2; if !low.isFinite { return -.infinity } }
        let target = log(p)
        let f = { (t: Double) -> (Double, Double) in
            let tail = cdf(t, degreesOfFreedom: nu)
            return (log(tail) - target, density(t, degreesOfFreedom: nu) / tail)
        }
        return Root.newton(f, guess: guess, low: low, high: 0, increasing: true)
    }
}
