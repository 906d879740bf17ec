#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// δ(x) = ln Γ(x) - ((x - 1/2) ln x - x + ln sqrt(2π)), the error of Stirling's formula (Loader 2000, `stirlerr`):
/// directly for x < 15, where the terms are small, else its asymptotic series 1/(12x) - 1/(360x³) + 1/(1260x⁵)
/// - 1/(1680x⁷) + 1/(1188x⁹) (Abramowitz & Stegun 6.1.41), whose next term is below 1e-17 there.
func stirlingError(_ x: Double) -> Double {
    if x < 15 { return lgamma(x) - ((x - 0.5) * log(x) - x + 0.5 * log(2 * Double.pi)) }
    let xx = x * x
    return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 - 1.0 / 1188 / xx) / xx) / xx) / xx) / x
}

/// bd0(x, m) = x ln(x/m) + m - x, the deviance term of Loader (2000), by its series Σ 2x v^(2j+1)/(2j+1),
/// v = (x-m)/(x+m), when x is near m (where the direct form cancels).
func deviance(_ x: Double, _ m: Double) -> Double {
    if abs(x - m) < 0.1 * (x + m) {
        var v = (x - m) / (x + m)
        var s = (x - m) * v
        var ej = 2 * x * v
        v *= v
        for j in 1..<1000 {
            ej *= v
            let next = s + ej / Double(2 * j + 1)
            if next == s { return next }
            s = next
        }
        return s
    }
    return x * log(x / m) + m - x
}
