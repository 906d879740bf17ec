import XCTest
@testable import Statistics

/// The special functions against SciPy (`Reference/scipy_reference.py`). Tolerance 1e-9 relative unless a test
/// says otherwise: the functions aim at ~1e-13 (Loader's and Lentz's forms keep every digit but those lost to
/// the condition of the problem), SciPy (Boost, Cephes) at ~1e-15, and 1e-9 is far below any error that
/// would change a reported interval or p-value; a wrong continued-fraction term or coefficient is off by
/// 1e-6 or more, which it catches.
final class SpecialFunctionTests: XCTestCase {
    func testLogGammaIsTheCLibrarysAgainstSciPyGammaln() {
        for x in [0.1, 0.5, 3.7, 10.0, 100.5, 10000.0] {
            guard let e = SciPy.answer("lgamma \(x)") else { return }
            assertClose(logGamma(x), e[0], rel: 1e-13, "lgamma(\(x))")
        }
    }

    func testIncompleteBetaAgainstSciPyBetainc() {
        for c in Cases.incompleteBetas {
            guard let e = SciPy.answer("betainc \(c.a) \(c.b) \(c.x)") else { return }
            assertClose(Beta.regularizedIncomplete(x: c.x, a: c.a, b: c.b), e[0], rel: 1e-9, abs: 1e-300,
                        "I_\(c.x)(\(c.a), \(c.b)), seed \(c.seed.map(String.init) ?? "fixed")")
        }
    }

    func testIncompleteBetaEdges() {
        XCTAssertEqual(Beta.regularizedIncomplete(x: 0, a: 2, b: 3), 0)
        XCTAssertEqual(Beta.regularizedIncomplete(x: 1, a: 2, b: 3), 1)
        // I_x(1, 1) = x and I_x(a, 1) = x^a (NR 6.4.1).
        XCTAssertEqual(Beta.regularizedIncomplete(x: 0.37, a: 1, b: 1), 0.37, accuracy: 1e-15)
        assertClose(Beta.regularizedIncomplete(x: 0.6, a: 3.5, b: 1), pow(0.6, 3.5), rel: 1e-13, "x^a")
        XCTAssertEqual(Beta.quantile(0, a: 2, b: 3), 0)
        XCTAssertEqual(Beta.quantile(1, a: 2, b: 3), 1)
    }

    func testBetaQuantileAgainstSciPyBetaPPF() {
        for c in Cases.betaQuantiles {
            guard let e = SciPy.answer("beta_ppf \(c.q) \(c.a) \(c.b)") else { return }
            assertClose(Beta.quantile(c.q, a: c.a, b: c.b), e[0], rel: 1e-9,
                        "beta.ppf(\(c.q), \(c.a), \(c.b)), seed \(c.seed.map(String.init) ?? "fixed")")
        }
    }

    func testStudentTCDFAgainstSciPy() {
        for c in Cases.tCDFs {
            guard let e = SciPy.answer("t_cdf \(c.t) \(c.nu)") else { return }
            assertClose(StudentT.cdf(c.t, degreesOfFreedom: c.nu), e[0], rel: 1e-9,
                        "t.cdf(\(c.t), \(c.nu)), seed \(c.seed.map(String.init) ?? "fixed")")
            assertClose(StudentT.survival(-c.t, degreesOfFreedom: c.nu), e[0], rel: 1e-9, "t.sf(\(-c.t), \(c.nu))")
        }
    }

    /// Quantiles to 1e-9 relative plus 1e-12 absolute across ν = 1 to 9999 and p from 1e-12 to 1 - 1e-9; the
    /// acceptance case's t.ppf(0.975, 3) = 3.18244630528371 to 1e-12. The absolute part is SciPy's: near p = 1/2,
    /// where t is small, its t.ppf is off by ~4e-13 (t.ppf(0.4999, 4) by 1.6e-9 relative against the closed-form
    /// ν = 4 CDF solved by brentq; ours by 2.4e-13), so relative error alone would fail SciPy, not us. Closed
    /// forms check those points: ν = 2 is t = (2p-1)/sqrt(2p(1-p)) and ν = 4 is solved below.
    func testStudentTQuantileAgainstSciPy() {
        for c in Cases.tQuantiles {
            guard let e = SciPy.answer("t_ppf \(c.p) \(c.nu)") else { return }
            let t = StudentT.quantile(c.p, degreesOfFreedom: c.nu)
            assertClose(t, e[0], rel: 1e-9, abs: 1e-12, "t.ppf(\(c.p), \(c.nu)), seed \(c.seed.map(String.init) ?? "fixed")")
            // Inverse of the CDF to the precision of the CDF: F(t) = p, relative to the smaller tail.
            let tail = min(c.p, 1 - c.p)
            assertClose(c.p < 0.5 ? StudentT.cdf(t, degreesOfFreedom: c.nu) : StudentT.survival(t, degreesOfFreedom: c.nu),
                        tail, rel: 1e-12, "F(t.ppf(\(c.p), \(c.nu)))")
        }
        guard let e = SciPy.answer("t_ppf 0.975 3.0") else { return }
        assertClose(StudentT.quantile(0.975, degreesOfFreedom: 3), e[0], rel: 1e-12, "t.ppf(0.975, 3)")
        XCTAssertEqual(StudentT.quantile(0.5, degreesOfFreedom: 3), 0)
        // Closed forms, to 1e-12 relative: ν = 2 as above, and ν = 4, where F(t) - 1/2 = (3/8) u (1 - u²/12) with
        // u = t / sqrt(1 + t²/4) (A&S 26.7.3); at p = 0.4999 brentq on it in Python gives -0.0002666666706172547.
        for p in [1e-9, 0.001, 0.3, 0.4999, 0.7, 0.999] {
            assertClose(StudentT.quantile(p, degreesOfFreedom: 2), (2 * p - 1) / (2 * p * (1 - p)).squareRoot(), rel: 1e-12, "ν = 2, p \(p)")
        }
        assertClose(StudentT.quantile(0.4999, degreesOfFreedom: 4), -0.0002666666706172547, rel: 1e-12, "ν = 4, p 0.4999")
        for p in [0.01, 0.2, 0.4999, 0.49999999, 0.6] {
            let t = StudentT.quantile(p, degreesOfFreedom: 4), u = t / (1 + t * t / 4).squareRoot()
            assertClose(3.0 / 8 * u * (1 - u * u / 12), p - 0.5, rel: 1e-12, "ν = 4 closed form at p \(p)")
        }
        // ν = 1 is the Cauchy distribution: t.ppf(0.75, 1) = tan(π/4) = 1.
        XCTAssertEqual(StudentT.quantile(0.75, degreesOfFreedom: 1), 1, accuracy: 1e-15)
    }

    func testNormalAgainstSciPy() {
        for x in Cases.normalPoints {
            guard let e = SciPy.answer("norm_cdf \(x)") else { return }
            assertClose(Normal.cdf(x), e[0], rel: 1e-12, "norm.cdf(\(x))")
        }
        for p in Cases.normalProbabilities {
            guard let e = SciPy.answer("norm_ppf \(p)") else { return }
            // 1e-12: one Halley step on erfc takes Acklam's 1.15e-9 to the limit of erfc (at p = 0.5 both are 0).
            assertClose(Normal.quantile(p), e[0], rel: 1e-12, abs: 1e-300, "norm.ppf(\(p))")
        }
    }

    /// The pmf to 1e-12 relative (Loader's form is accurate to a few ulps, as is Boost's), cdf and sf to 1e-9.
    func testBinomialAgainstSciPy() {
        for c in Cases.binomials {
            let context = "(k \(c.k), n \(c.n), p \(c.p)), seed \(c.seed.map(String.init) ?? "fixed")"
            guard let pmf = SciPy.answer("binom_pmf \(c.k) \(c.n) \(c.p)"), let cdf = SciPy.answer("binom_cdf \(c.k) \(c.n) \(c.p)"),
                  let sf = SciPy.answer("binom_sf \(c.k) \(c.n) \(c.p)") else { return }
            assertClose(Binomial.pmf(c.k, trials: c.n, probability: c.p), pmf[0], rel: 1e-12, abs: 1e-300, "binom.pmf \(context)")
            assertClose(Binomial.cdf(c.k, trials: c.n, probability: c.p), cdf[0], rel: 1e-9, abs: 1e-300, "binom.cdf \(context)")
            assertClose(Binomial.survival(c.k, trials: c.n, probability: c.p), sf[0], rel: 1e-9, abs: 1e-300, "binom.sf \(context)")
        }
    }

    /// AS 243 stops when its error bound falls below 1e-12 (absolute), so: 1e-9 relative plus 1e-11 absolute,
    /// which still catches a wrong Poisson weight (an error of ~1e-3) anywhere the CDF is not tiny.
    func testNoncentralTCDFAgainstSciPyNct() {
        for c in Cases.noncentralTs {
            guard let e = SciPy.answer("nct_cdf \(c.t) \(c.nu) \(c.ncp)") else { return }
            assertClose(NoncentralT.cdf(c.t, degreesOfFreedom: c.nu, noncentrality: c.ncp), e[0], rel: 1e-9, abs: 1e-11,
                        "nct.cdf(\(c.t), \(c.nu), \(c.ncp)), seed \(c.seed.map(String.init) ?? "fixed")")
        }
    }
}
