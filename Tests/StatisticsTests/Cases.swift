import Foundation
import SeededRandom

/// The inputs every test checks against SciPy: fixed cases (edges, the acceptance case, run-like values) and
/// `Cases.seeds` seeded random ones, each random case tagged with its seed so a failure names it.
enum Cases {
    static let seeds: [UInt64] = Array(1...30)

    static func random(_ seed: UInt64, _ stream: UInt64) -> SeededRandom { SeededRandom(seed: seed, streamNumber: 1000 + stream) }

    /// A log-uniform value in [low, high].
    static func logUniform(_ r: inout SeededRandom, _ low: Double, _ high: Double) -> Double {
        (low.logValue + r.unitDouble() * (high.logValue - low.logValue)).expValue
    }

    static func list(_ values: [Double]) -> String { values.map { "\($0)" }.joined(separator: ",") }

    // MARK: special functions

    static let degreesOfFreedom: [Double] = [1, 2, 3, 4, 4.5, 7, 19, 30, 100, 1000, 9999]
    static let tProbabilities: [Double] = [1e-12, 1e-6, 0.001, 0.025, 0.05, 0.2, 0.4999, 0.6, 0.9, 0.975, 0.995, 1 - 1e-9]

    /// (p, ν, seed) for `StudentT.quantile`.
    static var tQuantiles: [(p: Double, nu: Double, seed: UInt64?)] {
        var cases: [(p: Double, nu: Double, seed: UInt64?)] = []
        for nu in degreesOfFreedom { for p in tProbabilities { cases.append((p, nu, nil)) } }
        for seed in seeds {
            var r = random(seed, 1)
            cases.append((logUniform(&r, 1e-8, 0.5), 1 + Double(r.below(60)) + (r.below(2) == 0 ? 0 : r.unitDouble()), seed))
        }
        return cases
    }

    /// (t, ν, seed) for `StudentT.cdf`.
    static var tCDFs: [(t: Double, nu: Double, seed: UInt64?)] {
        var cases: [(t: Double, nu: Double, seed: UInt64?)] = []
        for nu in degreesOfFreedom { for t in [-40, -5, -2.5, -0.3, 1e-3, 0.7, 3.2, 12] { cases.append((t, nu, nil)) } }
        for seed in seeds {
            var r = random(seed, 2)
            cases.append(((r.unitDouble() - 0.5) * 16, logUniform(&r, 1, 500), seed))
        }
        return cases
    }

    /// (a, b, x, seed) for `Beta.regularizedIncomplete`, x near the bulk of the distribution.
    static var incompleteBetas: [(a: Double, b: Double, x: Double, seed: UInt64?)] {
        var cases: [(a: Double, b: Double, x: Double, seed: UInt64?)] = [
            (0.5, 0.5, 0.3, nil), (1, 1, 0.77, nil), (2, 3, 0.01, nil), (0.5, 5, 0.999, nil), (10, 10, 0.5, nil),
            (50, 2000, 0.02, nil), (9812, 189, 0.9805, nil), (5000, 0.5, 0.9999, nil), (0.5, 4999.5, 2e-5, nil),
        ]
        for seed in seeds {
            var r = random(seed, 3)
            let a = logUniform(&r, 0.5, 5000), b = logUniform(&r, 0.5, 5000)
            let mean = a / (a + b), sd = (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
            let x = min(max(mean + (r.unitDouble() - 0.5) * 6 * sd, 1e-12), 1 - 1e-12)
            cases.append((a, b, x, seed))
        }
        return cases
    }

    /// (q, a, b, seed) for `Beta.quantile`.
    static var betaQuantiles: [(q: Double, a: Double, b: Double, seed: UInt64?)] {
        var cases: [(q: Double, a: Double, b: Double, seed: UInt64?)] = [
            (0.025, 1, 10000, nil), (0.975, 9813, 188, nil), (0.025, 9812, 189, nil), (0.5, 0.5, 0.5, nil),
            (1e-9, 3, 4, nil), (0.999999, 3, 4, nil), (0.3, 0.7, 20, nil), (0.9, 200, 0.6, nil),
        ]
        for seed in seeds {
            var r = random(seed, 4)
            cases.append((logUniform(&r, 1e-6, 0.999), logUniform(&r, 0.5, 10000), logUniform(&r, 0.5, 10000), seed))
        }
        return cases
    }

    static let normalPoints: [Double] = [-37, -20, -8, -3, -1, -1e-8, 0, 0.5, 2, 6]
    static let normalProbabilities: [Double] = [1e-300, 1e-20, 1e-5, 0.02, 0.02425, 0.1, 0.4, 0.5, 0.7, 0.99, 1 - 1e-12]

    /// (k, n, p) for the binomial pmf, cdf and sf.
    static var binomials: [(k: Int, n: Int, p: Double, seed: UInt64?)] {
        var cases: [(k: Int, n: Int, p: Double, seed: UInt64?)] = [
            (0, 1, 0.5, nil), (1, 1, 0.3, nil), (3, 10, 0.5, nil), (0, 100, 0.02, nil), (100, 100, 0.98, nil),
            (9812, 10000, 0.98, nil), (9700, 10000, 0.98, nil), (150, 10000, 0.02, nil), (57, 200, 0.3, nil),
        ]
        for seed in seeds {
            var r = random(seed, 5)
            let n = 1 + r.below(2000), p = r.unitDouble()
            let mean = Double(n) * p, sd = (Double(n) * p * (1 - p)).squareRoot()
            let k = min(n, max(0, Int((mean + (r.unitDouble() - 0.5) * 8 * sd).rounded())))
            cases.append((k, n, p, seed))
        }
        return cases
    }

    /// (k, n, p) for the exact binomial test.
    static var binomialTests: [(k: Int, n: Int, p: Double, seed: UInt64?)] {
        var cases: [(k: Int, n: Int, p: Double, seed: UInt64?)] = [
            (3, 15, 0.1, nil), (0, 10, 0.5, nil), (10, 10, 0.5, nil), (5, 10, 0.5, nil), (7, 21, 0.3, nil),
            (682, 925, 0.75, nil), (2, 3, 0.5, nil), (9812, 10000, 0.98, nil), (0, 1, 0.5, nil), (1, 1, 0.5, nil),
        ]
        for seed in seeds {
            var r = random(seed, 6)
            let n = 1 + r.below(500), p = [0.5, 0.1, 0.9, r.unitDouble()][r.below(4)]
            cases.append((r.below(n + 1), n, p, seed))
        }
        return cases
    }

    /// (b, c) discordant counts for McNemar.
    static var mcNemars: [(b: Int, c: Int, seed: UInt64?)] {
        var cases: [(b: Int, c: Int, seed: UInt64?)] = [(0, 0, nil), (0, 1, nil), (5, 5, nil), (12, 30, nil), (101, 143, nil), (1, 40, nil)]
        for seed in seeds {
            var r = random(seed, 7)
            let total = r.below(400)
            let b = r.below(total + 1)
            cases.append((b, total - b, seed))
        }
        return cases
    }

    /// (t, ν, δ) for the noncentral t CDF.
    static var noncentralTs: [(t: Double, nu: Double, ncp: Double, seed: UInt64?)] {
        var cases: [(t: Double, nu: Double, ncp: Double, seed: UInt64?)] = []
        let points: [(Double, Double)] = [(-3, 0.5), (-1, -2), (0.4, 3), (2.1, 1.5), (4, 10), (12.7, 2.5), (1.96, 0), (0, 1)]
        for nu in [1.0, 2, 5, 30, 500] { for (t, ncp) in points { cases.append((t, nu, ncp, nil)) } }
        for seed in seeds {
            var r = random(seed, 8)
            cases.append(((r.unitDouble() - 0.3) * 10, logUniform(&r, 1, 1000), (r.unitDouble() - 0.2) * 12, seed))
        }
        return cases
    }

    // MARK: samples

    /// The acceptance case: 4 seeds of test accuracy.
    static let acceptance: [Double] = [0.9787, 0.9801, 0.9830, 0.9812]

    /// Samples for `Summary`: run-like accuracies and seeded random ones of 2-30 values.
    static var samples: [(values: [Double], seed: UInt64?)] {
        var cases: [(values: [Double], seed: UInt64?)] = [(acceptance, nil), ([1, 2], nil), ([0.5, 0.5, 0.5001], nil), ([-3, 7, 2.5, 1e3, 4], nil)]
        for seed in seeds {
            var r = random(seed, 9)
            let n = 2 + r.below(29), center = r.unitDouble(), spread = logUniform(&r, 1e-4, 10)
            cases.append(((0..<n).map { _ in center + spread * r.normal() }, seed))
        }
        return cases
    }

    /// (baseline, candidate) pairs over the same seeds, 2-12 pairs (SciPy enumerates the 2^n sign patterns).
    static var pairs: [(baseline: [Double], candidate: [Double], seed: UInt64?)] {
        var cases: [(baseline: [Double], candidate: [Double], seed: UInt64?)] = [
            (acceptance, [0.9790, 0.9811, 0.9829, 0.9822], nil),
            ([0.97, 0.98], [0.99, 0.985], nil),
            // Accuracies on a 1/10,000 grid: many sign patterns tie exactly, which SciPy's tolerance γ counts.
            ([0.9787, 0.9801, 0.9830, 0.9812, 0.9800, 0.9795], [0.9797, 0.9811, 0.9820, 0.9822, 0.9810, 0.9805], nil),
            ([0.5, 0.6, 0.7, 0.8, 0.9], [0.6, 0.7, 0.8, 0.9, 1.0], nil),
        ]
        for seed in seeds {
            var r = random(seed, 10)
            let n = 2 + r.below(11), shift = (r.unitDouble() - 0.5) * 0.01
            let baseline = (0..<n).map { _ in 0.98 + 0.002 * r.normal() }
            // Half the cases on the 1/10,000 grid of test accuracies, half continuous.
            let grid = r.below(2) == 0
            let candidate = baseline.map { b in
                let c = b + shift + 0.002 * r.normal()
                return grid ? (c * 10_000).rounded() / 10_000 : c
            }
            cases.append((grid ? baseline.map { ($0 * 10_000).rounded() / 10_000 } : baseline, candidate, seed))
        }
        return cases
    }

    /// p-value families for Holm, ties and values near 1 included.
    static var holmFamilies: [(p: [Double], seed: UInt64?)] {
        var cases: [(p: [Double], seed: UInt64?)] = [
            ([0.01, 0.04, 0.03, 0.005], nil), ([0.5], nil), ([0.02, 0.02, 0.02], nil), ([0.9, 0.01, 0.6, 0.3, 0.04], nil),
        ]
        for seed in seeds {
            var r = random(seed, 11)
            let m = 1 + r.below(12)
            var p = (0..<m).map { _ in logUniform(&r, 1e-6, 1) }
            if m > 2 { p[1] = p[0] }
            cases.append((p, seed))
        }
        return cases
    }

    /// (δ, α) for the seeds needed for 80% power.
    static var powers: [(delta: Double, alpha: Double, seed: UInt64?)] {
        var cases: [(delta: Double, alpha: Double, seed: UInt64?)] = [
            (0.5, 0.05, nil), (1, 0.05, nil), (2, 0.05, nil), (5, 0.05, nil), (0.2, 0.05, nil), (0.03, 0.05, nil),
            (0.02, 0.05, nil), (-0.7, 0.05, nil), (0.8, 0.01, nil), (40, 0.05, nil),
        ]
        for seed in seeds.prefix(12) {
            var r = random(seed, 12)
            cases.append((logUniform(&r, 0.05, 4), 0.05, seed))
        }
        return cases
    }

    static func summaryQuery(_ values: [Double]) -> String { "summary 0.95 \(list(values))" }
    static func pairedQuery(_ baseline: [Double], _ candidate: [Double]) -> String { "paired 0.95 \(list(baseline)) \(list(candidate))" }

    /// Every query the tests ask, for one SciPy run.
    static var allQueries: [String] {
        var q: [String] = []
        q += tQuantiles.map { "t_ppf \($0.p) \($0.nu)" }
        q += tCDFs.map { "t_cdf \($0.t) \($0.nu)" }
        q += incompleteBetas.map { "betainc \($0.a) \($0.b) \($0.x)" }
        q += betaQuantiles.map { "beta_ppf \($0.q) \($0.a) \($0.b)" }
        q += normalPoints.map { "norm_cdf \($0)" } + normalProbabilities.map { "norm_ppf \($0)" }
        q += binomials.flatMap { c in ["binom_pmf", "binom_cdf", "binom_sf"].map { kind in "\(kind) \(c.k) \(c.n) \(c.p)" } }
        q += binomialTests.map { "binomtest \($0.k) \($0.n) \($0.p)" }
        q += mcNemars.map { "mcnemar \($0.b) \($0.c)" }
        q += binomials.filter { $0.n <= 10_000 }.map { "clopper_pearson \($0.k) \($0.n) 0.95" }
        q += noncentralTs.map { "nct_cdf \($0.t) \($0.nu) \($0.ncp)" }
        q += samples.map { summaryQuery($0.values) }
        q += pairs.map { pairedQuery($0.baseline, $0.candidate) }
        q += holmFamilies.map { "holm \(list($0.p))" }
        q += powers.flatMap { c in [2, 5, 20, 100].map { "power \(abs(c.delta)) \($0) \(c.alpha)" } + ["seeds_needed \(c.delta) \(c.alpha) 0.8 10000"] }
        q += ["t_ppf 0.975 3.0", "lgamma 0.1", "lgamma 0.5", "lgamma 3.7", "lgamma 10.0", "lgamma 100.5", "lgamma 10000.0"]
        return q
    }
}

private extension Double {
    var logValue: Double { Foundation.log(self) }
    var expValue: Double { Foundation.exp(self) }
}
