import XCTest
@testable import Statistics

/// Power of the paired t-test and the seeds it needs, against SciPy's `nct` and an exhaustive search over
/// n = 2...10,000 in NumPy (scipy_reference.py, `seeds_needed`). Power to 1e-9 relative plus 1e-11 absolute (AS 243's stopping
/// bound, see SpecialFunctionTests); the seed counts must be equal.
final class PowerTests: XCTestCase {
    func testPowerAndSeedsNeededAgainstSciPy() {
        for c in Cases.powers {
            let context = "δ \(c.delta), α \(c.alpha), seed \(c.seed.map(String.init) ?? "fixed")"
            for n in [2, 5, 20, 100] {
                guard let e = SciPy.answer("power \(abs(c.delta)) \(n) \(c.alpha)") else { return }
                assertClose(PairedTPower.power(effectSize: c.delta, pairs: n, alpha: c.alpha), e[0], rel: 1e-9, abs: 1e-11,
                            "power at n \(n), \(context)")
            }
            guard let e = SciPy.answer("seeds_needed \(c.delta) \(c.alpha) 0.8 10000") else { return }
            let expected = e[0] == 0 ? nil : Int(e[0])
            XCTAssertEqual(PairedTPower.seedsNeeded(effectSize: c.delta, alpha: c.alpha), expected, context)
        }
    }

    func testPowerAtZeroEffectIsAlpha() {
        // With no difference the test rejects at its size α.
        XCTAssertEqual(PairedTPower.power(effectSize: 0, pairs: 10, alpha: 0.05), 0.05, accuracy: 1e-12)
        XCTAssertNil(PairedTPower.seedsNeeded(effectSize: 0))
        XCTAssertEqual(PairedTPower.seedsNeeded(effectSize: .infinity), 2)
    }

    func testVerdicts() throws {
        let baseline = [0.9787, 0.9801, 0.9830, 0.9812, 0.9800]
        let worse = try PairedComparison(baseline: baseline, candidate: baseline.map { $0 - 0.05 + 0.001 * sin($0 * 1000) })
        let same = try PairedComparison(baseline: baseline, candidate: [0.9790, 0.9795, 0.9832, 0.9809, 0.9803])
        let better = try PairedComparison(baseline: baseline, candidate: baseline.map { $0 + 0.004 + 0.0002 * cos($0 * 1000) })
        let judged = try Verdict.judgeAll([worse, same, better])
        XCTAssertEqual(judged[0].verdict, .worse)
        XCTAssertEqual(judged[2].verdict, .better)
        guard case .noise(let seeds) = judged[1].verdict else { return XCTFail("\(judged[1])") }
        XCTAssertEqual(seeds, PairedTPower.seedsNeeded(effectSize: same.effectSize))
        XCTAssertGreaterThan(seeds ?? .max, 5)
        // Holm over three: the smallest p is tripled.
        let smallest = [worse, same, better].map(\.pairedTPValue).min()!
        XCTAssertEqual(judged.map(\.adjustedP).min()!, min(1, 3 * smallest), accuracy: 1e-15)
        // For the gap lower is better.
        XCTAssertEqual(Verdict.judge(worse, adjustedP: 0.001, higherIsBetter: false), .better)
        // The sign-flip p cannot reach 0.05 with 5 seeds (its floor is 2/32).
        let bySignFlip = try Verdict.judgeAll([worse], test: .signFlip)
        XCTAssertEqual(bySignFlip[0].adjustedP, 0.0625)
        guard case .noise = bySignFlip[0].verdict else { return XCTFail("\(bySignFlip[0])") }
        let many = try PairedComparison(baseline: Array(repeating: 0, count: 21), candidate: (0..<21).map { Double($0 % 3) })
        XCTAssertThrowsError(try Verdict.judgeAll([many], test: .signFlip)) {
            XCTAssertEqual($0 as? StatisticsError, .tooManyPairsForExactSignFlip(pairs: 21, limit: 20))
        }
        XCTAssertEqual(try Verdict.judgeAll([many])[0].verdict, .better)
    }

    func testSeedsNeededBeyondTheCap() {
        XCTAssertNil(PairedTPower.seedsNeeded(effectSize: 0.02))  // needs ~19,600 seeds
        XCTAssertEqual(PairedTPower.seedsNeeded(effectSize: 0.02, cap: 30_000), PairedTPower.seedsNeeded(effectSize: -0.02, cap: 30_000))
        XCTAssertNil(PairedTPower.seedsNeeded(effectSize: 1, cap: 1))
    }
}
