#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The log-gamma function ln Γ(x) for x > 0, from the C library (`lgamma`, C99 7.12.8.3).
public func logGamma(_ x: Double) -> Double { lgamma(x) }

/// The regularized incomplete beta function and the beta distribution (Numerical Recipes, 3rd ed., §6.4).
public enum Beta {
    /// I_x(a, b) = B(x; a, b) / B(a, b), the beta(a, b) CDF at x, for a, b > 0 and 0 <= x <= 1.
    /// Formula: NR §6.4, I_x = x^a (1-x)^b / (a B(a,b)) · CF(x) with the continued fraction (6.4.5)
    /// evaluated by the modified Lentz method (NR §5.2), used directly when x < (a+1)/(a+b+2) and through
    /// I_x(a,b) = 1 - I_{1-x}(b,a) otherwise, where it converges fast.
    public static func regularizedIncomplete(x: Double, a: Double, b: Double) -> Double {
        incomplete(x: x, y: 1 - x, a: a, b: b).lower
    }

    /// I_x(a, b) and 1 - I_x(a, b), each without cancellation. `y` is 1 - x, passed separately so a caller that
    /// knows it more precisely than `1 - x` (Student's t, the binomial) keeps that precision.
    static func incomplete(x: Double, y: Double, a: Double, b: Double) -> (lower: Double, upper: Double) {
        if x <= 0 { return (0, 1) }
        if y <= 0 { return (1, 0) }
        let front = powerTerms(x: x, y: y, a: a, b: b)
        if x < (a + 1) / (a + b + 2) {
            let lower = front * continuedFraction(x: x, a: a, b: b) / a
            return (lower, 1 - lower)
        }
        let upper = front * continuedFraction(x: y, a: b, b: a) / b
        return (1 - upper, upper)
    }

    /// x^a y^b / B(a, b). For a, b >= 10 in Loader's saddle-point form (C. Loader, "Fast and accurate computation
    /// of binomial probabilities", 2000): sqrt(ab / (2π(a+b))) · exp(-bd0(a, (a+b)x) - bd0(b, (a+b)y) - δ(a) - δ(b)
    /// + δ(a+b)), which avoids subtracting logarithms in the thousands; otherwise exp(a ln x + b ln y - ln B(a,b)).
    static func powerTerms(x: Double, y: Double, a: Double, b: Double) -> Double {
        if a >= 10 && b >= 10 {
            let n = a + b
            let exponent = -deviance(a, n * x) - deviance(b, n * y) - stirlingError(a) - stirlingError(b) + stirlingError(n)
            return (a * b / (2 * Double.pi * n)).squareRoot() * exp(exponent)
        }
        return exp(a * log(x) + b * log(y) - logBeta(a, b))
    }

    /// ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a+b).
    static func logBeta(_ a: Double, _ b: Double) -> Double { lgamma(a) + lgamma(b) - lgamma(a + b) }

    /// The continued fraction of NR (6.4.5) by the modified Lentz method (NR §5.2, `betacf`); converges for
    /// x < (a+1)/(a+b+2) in O(sqrt(max(a, b))) terms.
    static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0, d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...100_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }

    /// The beta(a, b) density x^(a-1) (1-x)^(b-1) / B(a, b).
    static func density(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 || x >= 1 { return 0 }
        return powerTerms(x: x, y: 1 - x, a: a, b: b) / (x * (1 - x))
    }

    /// The beta(a, b) quantile: the x in [0, 1] with I_x(a, b) = p (SciPy `beta.ppf(p, a, b)`). Solved by
    /// safeguarded Newton steps on ln I_x - ln p (on ln(1 - I_x) - ln(1 - p) for p > 1/2, so the upper tail keeps
    /// its precision) from NR's `invbetai` starting point (NR §6.14.11), to ~1e-14 relative in x.
    public static func quantile(_ p: Double, a: Double, b: Double) -> Double {
        precondition(p >= 0 && p <= 1 && a > 0 && b > 0, "beta quantile needs 0 <= p <= 1 and a, b > 0")
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        let upper = p > 0.5, target = upper ? log1p(-p) : log(p)
        let f = { (x: Double) -> (Double, Double) in
            let pair = incomplete(x: x, y: 1 - x, a: a, b: b)
            let tail = upper ? pair.upper : pair.lower
            let slope = density(x: x, a: a, b: b) / tail
            return (log(tail) - target, upper ? -slope : slope)
        }
        return Root.newton(f, guess: initialGuess(p, a: a, b: b), low: 0, high: 1, increasing: !upper)
    }

    /// NR §6.14.11 (`invbetai`): a normal approximation for a, b >= 1, else a power-law tail approximation.
    static func initialGuess(_ p: Double, a: Double, b: Double) -> Double {
        var x: Double
        if a >= 1 && b >= 1 {
            let pp = p < 0.5 ? p : 1 - p
            let t = (-2 * log(pp)).squareRoot()
            x = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t
            if p < 0.5 { x = -x }
            let al = (x * x - 3) / 6
            let h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1))
            let w = x * (al + h).squareRoot() / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5.0 / 6 - 2 / (3 * h))
            x = a / (a + b * exp(2 * w))
        } else {
            let lna = log(a / (a + b)), lnb = log(b / (a + b))
            let t = exp(a * lna) / a, u = exp(b * lnb) / b, w = t + u
            x = p < t / w ? pow(a * w * p, 1 / a) : 1 - pow(b * w * (1 - p), 1 / b)
        }
        return x.isFinite && x > 0 && x < 1 ? x : 0.5
    }
}
