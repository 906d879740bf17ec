import XCTest
@testable import Statistics

/// Summaries and intervals against SciPy's `t.interval` and `binomtest(...).proportion_ci(method='exact')`.
/// Tolerance 1e-9 relative: the interval's ends are mean ± a half-width near 1e-3 of it for accuracies, so
/// 1e-9 of the end is ~1e-6 of the half-width, and an error in t.ppf of 1e-6 (a wrong degrees of freedom is
/// ~10%) fails it.
final class SummaryTests: XCTestCase {
    /// Issue 13's acceptance: 4 values, ci95 = mean ± t.ppf(0.975, 3) · sd / √4, to 1e-9 of SciPy's formula.
    func testAcceptanceFourSeedsInterval() throws {
        let summary = try Summary(Cases.acceptance)
        guard let t = SciPy.answer("t_ppf 0.975 3.0"), let e = SciPy.answer(Cases.summaryQuery(Cases.acceptance)) else { return }
        let sd = try XCTUnwrap(summary.standardDeviation)
        let interval = try XCTUnwrap(summary.studentTInterval(level: 0.95))
        XCTAssertEqual(summary.n, 4)
        assertClose(summary.mean, e[1], rel: 1e-12, "mean")
        assertClose(sd, e[2], rel: 1e-12, "sd")
        // SciPy's t.ppf(0.975, 3) · sd / sqrt(4) about the mean, both ends.
        assertClose(interval.low, e[1] - t[0] * e[2] / 2, rel: 1e-9, "ci95 low")
        assertClose(interval.high, e[1] + t[0] * e[2] / 2, rel: 1e-9, "ci95 high")
        assertClose(interval.low, e[3], rel: 1e-9, "t.interval low")
        assertClose(interval.high, e[4], rel: 1e-9, "t.interval high")
        XCTAssertEqual(interval.method, .studentT(degreesOfFreedom: 3))
        // The tolerance can fail: z = 1.96 instead of t (Aim's interval) is 38% narrower.
        XCTAssertGreaterThan(abs((summary.mean + 1.96 * sd / 2) - e[4]), 1e-9 * e[4])
    }

    func testSummariesAgainstSciPyTInterval() throws {
        for c in Cases.samples {
            let context = "\(c.values.count) values, seed \(c.seed.map(String.init) ?? "fixed")"
            guard let e = SciPy.answer(Cases.summaryQuery(c.values)) else { return }
            let summary = try Summary(c.values)
            let interval = try XCTUnwrap(summary.studentTInterval())
            XCTAssertEqual(Double(summary.n), e[0], context)
            assertClose(summary.mean, e[1], rel: 1e-12, abs: 1e-15, "mean, \(context)")
            assertClose(summary.standardDeviation!, e[2], rel: 1e-10, "sd, \(context)")
            assertClose(interval.low, e[3], rel: 1e-9, abs: 1e-12, "low, \(context)")
            assertClose(interval.high, e[4], rel: 1e-9, abs: 1e-12, "high, \(context)")
        }
    }

    func testOneValueHasNoTIntervalButAClopperPearsonOne() throws {
        let summary = try Summary([0.9812])
        XCTAssertEqual(summary.n, 1)
        XCTAssertNil(summary.standardDeviation)
        XCTAssertNil(summary.studentTInterval())
        XCTAssertThrowsError(try Summary([]))
        let interval = try ConfidenceInterval.clopperPearsonExact(successes: 9812, trials: 10_000)
        XCTAssertEqual(interval.method, .clopperPearsonExact(successes: 9812, trials: 10_000))
        XCTAssertLessThan(interval.low, 0.9812)
        XCTAssertGreaterThan(interval.high, 0.9812)
    }

    /// Against both of SciPy's computations of the same bounds: `binomtest().proportion_ci` finds them with
    /// `brentq` (xtol 2e-12 absolute, so 1e-9 relative plus 4e-12 absolute), and `beta.ppf` / `beta.isf`
    /// (Boost, to 1e-9 relative).
    func testClopperPearsonAgainstSciPyBinomtest() throws {
        for c in Cases.binomials where c.n <= 10_000 {
            let context = "\(c.k) of \(c.n), seed \(c.seed.map(String.init) ?? "fixed")"
            guard let e = SciPy.answer("clopper_pearson \(c.k) \(c.n) 0.95") else { return }
            let interval = try ConfidenceInterval.clopperPearsonExact(successes: c.k, trials: c.n, level: 0.95)
            assertClose(interval.low, e[0], rel: 1e-9, abs: 4e-12, "proportion_ci low, \(context)")
            assertClose(interval.high, e[1], rel: 1e-9, abs: 4e-12, "proportion_ci high, \(context)")
            assertClose(interval.low, e[2], rel: 1e-9, "beta.ppf low, \(context)")
            assertClose(interval.high, e[3], rel: 1e-9, "beta.isf high, \(context)")
        }
        XCTAssertThrowsError(try ConfidenceInterval.clopperPearsonExact(successes: 11, trials: 10))
    }
}
