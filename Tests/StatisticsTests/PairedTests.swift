import XCTest
@testable import Statistics

/// The paired comparison, sign-flip test, Holm, the binomial test and McNemar against SciPy. Tolerance 1e-9
/// relative for intervals and p-values (see SpecialFunctionTests); the sign-flip p is a count over 2^n
/// patterns, so it must be equal up to the rounding of count / 2^n (1e-15 relative).
final class PairedTests: XCTestCase {
    /// Against SciPy's `t.interval` on the differences, `ttest_rel(candidate, baseline)` and
    /// `permutation_test((d,), mean, permutation_type='samples', n_resamples=inf)`.
    func testPairedComparisonsAgainstSciPy() throws {
        for c in Cases.pairs {
            let context = "\(c.baseline.count) pairs, seed \(c.seed.map(String.init) ?? "fixed")"
            guard let e = SciPy.answer(Cases.pairedQuery(c.baseline, c.candidate)) else { return }
            let paired = try PairedComparison(baseline: c.baseline, candidate: c.candidate)
            assertClose(paired.difference.mean, e[0], rel: 1e-9, abs: 1e-17, "mean difference, \(context)")
            assertClose(paired.difference.standardDeviation!, e[1], rel: 1e-9, "sd of differences, \(context)")
            assertClose(paired.interval.low, e[2], rel: 1e-9, abs: 1e-15, "low, \(context)")
            assertClose(paired.interval.high, e[3], rel: 1e-9, abs: 1e-15, "high, \(context)")
            assertClose(paired.pairedTPValue, e[4], rel: 1e-9, "ttest_rel p, \(context)")
            assertClose(try XCTUnwrap(paired.signFlipPValue), e[5], rel: 1e-15, "permutation_test p, \(context)")
        }
    }

    func testSignFlipEdges() throws {
        // All differences of one sign: only the observed pattern and its mirror reach |mean|: p = 2/2^n.
        XCTAssertEqual(try SignFlip.exactPValue(differences: [1, 2, 3, 4, 5]), 2.0 / 32)
        XCTAssertEqual(try SignFlip.exactPValue(differences: [0, 0, 0]), 1)
        XCTAssertEqual(try SignFlip.exactPValue(differences: [0.0001]), 1)
        XCTAssertThrowsError(try SignFlip.exactPValue(differences: Array(repeating: 0.1, count: 21))) {
            XCTAssertEqual($0 as? StatisticsError, .tooManyPairsForExactSignFlip(pairs: 21, limit: 20))
        }
        let paired = try PairedComparison(baseline: Array(repeating: 0, count: 21), candidate: (0..<21).map { Double($0) })
        XCTAssertNil(paired.signFlipPValue)
    }

    /// 16 pairs (65,536 patterns) against SciPy, and 20 pairs in well under a second.
    func testSignFlipAtSixteenAgainstSciPyAndTwentyIsFast() throws {
        let d16 = (0..<16).map { Double(($0 * 37) % 11) / 10_000 - 0.0003 }
        guard let e = SciPy.answer("signflip \(Cases.list(d16))") else { return }
        assertClose(try SignFlip.exactPValue(differences: d16), e[0], rel: 1e-15, "16 pairs")
        let d20 = (0..<20).map { Double(($0 * 37) % 13) / 10_000 - 0.0004 }
        let start = Date()
        let p = try SignFlip.exactPValue(differences: d20)
        XCTAssertLessThan(Date().timeIntervalSince(start), 1, "2^20 sign patterns")
        XCTAssertGreaterThan(p, 0)
        XCTAssertLessThanOrEqual(p, 1)
    }

    func testPairedInputErrors() {
        XCTAssertThrowsError(try PairedComparison(baseline: [1, 2], candidate: [1])) {
            XCTAssertEqual($0 as? StatisticsError, .mismatchedPairs(baseline: 2, candidate: 1))
        }
        XCTAssertThrowsError(try PairedComparison(baseline: [1], candidate: [2])) {
            XCTAssertEqual($0 as? StatisticsError, .tooFewValues(needed: 2, got: 1))
        }
    }

    func testIdenticalAndConstantDifferences() throws {
        let same = try PairedComparison(baseline: [0.98, 0.97], candidate: [0.98, 0.97])
        XCTAssertEqual(same.pairedTPValue, 1)
        XCTAssertEqual(same.signFlipPValue, 1)
        let shifted = try PairedComparison(baseline: [1, 2, 3], candidate: [2, 3, 4])
        XCTAssertEqual(shifted.tStatistic, .infinity)
        XCTAssertEqual(shifted.pairedTPValue, 0)  // SciPy's ttest_rel: t = inf, p = 0
    }

    /// SciPy has no Holm; the reference is the formula written out in NumPy (scipy_reference.py, `holm`).
    func testHolmAgainstNumPyFormula() {
        for c in Cases.holmFamilies {
            guard let e = SciPy.answer("holm \(Cases.list(c.p))") else { return }
            let adjusted = Holm.adjust(c.p)
            XCTAssertEqual(adjusted.count, e.count)
            for (a, x) in zip(adjusted, e) {
                assertClose(a, x, rel: 1e-15, "Holm of \(c.p), seed \(c.seed.map(String.init) ?? "fixed")")
            }
        }
        // Worked by hand: sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04 -> max so far.
        XCTAssertEqual(Holm.adjust([0.01, 0.04, 0.03, 0.005]), [0.03, 0.06, 0.06, 0.02])
        XCTAssertEqual(Holm.adjust([]), [])
    }

    func testBinomialTestAgainstSciPyBinomtest() throws {
        for c in Cases.binomialTests {
            guard let e = SciPy.answer("binomtest \(c.k) \(c.n) \(c.p)") else { return }
            assertClose(try Binomial.testPValue(successes: c.k, trials: c.n, probability: c.p), e[0], rel: 1e-9,
                        "binomtest(\(c.k), \(c.n), \(c.p)), seed \(c.seed.map(String.init) ?? "fixed")")
        }
        XCTAssertThrowsError(try Binomial.testPValue(successes: 4, trials: 3))
    }

    func testMcNemarAgainstSciPyBinomtest() throws {
        for c in Cases.mcNemars {
            guard let e = SciPy.answer("mcnemar \(c.b) \(c.c)") else { return }
            assertClose(try McNemar.exactPValue(b: c.b, c: c.c), e[0], rel: 1e-9,
                        "McNemar b \(c.b) c \(c.c), seed \(c.seed.map(String.init) ?? "fixed")")
        }
        XCTAssertEqual(try McNemar.exactPValue(b: 0, c: 0), 1)
        // By hand: b = 0, c = 5 -> 2 · 0.5^5 = 0.0625.
        XCTAssertEqual(try McNemar.exactPValue(b: 0, c: 5), 0.0625, accuracy: 1e-16)
    }
}
