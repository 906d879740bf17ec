import Foundation
import TestSupport
import XCTest

/// Seeds end to end on real runs: `sweep --seeds`, groups in `compare` checked against SciPy, verdicts against a
/// baseline, and McNemar's test in `diff`.
final class SeedsTests: XCTestCase {
    private func json(_ text: String) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] ?? []
    }

    /// The acceptance: a 2-point grid with 4 seeds gives 8 run folders and 2 groups of 4, whose mean and 95% interval
    /// of test accuracy are SciPy's `mean ± t.ppf(0.975, 3) * sd / sqrt(4)` over the runs' metrics.json; against the
    /// default learning rate, 1e-5 for one epoch is `worse`.
    func testTwoPointGridWithFourSeedsGivesEightRunsTwoGroupsAndAWorseVerdict() throws {
        let x = SeedsExperiment()
        let sweep = try x.runner(["sweep", "x.yaml", "--grid", "compile.optimizer.learning_rate=0.001,1e-5", "--seeds", "4", "--jobs", "2"])
        XCTAssertEqual(sweep.status, 0, sweep.stderr)
        let folders = try x.runFolders()
        // Each folder is LABEL-HASH8.
        XCTAssertEqual(folders.map { String($0.dropLast(9)) },
                       ["lr=0.001,seed=1", "lr=0.001,seed=2", "lr=0.001,seed=3", "lr=0.001,seed=4",
                        "lr=1e-5,seed=1", "lr=1e-5,seed=2", "lr=1e-5,seed=3", "lr=1e-5,seed=4"], "\(folders)")
        // Every completed classification run keeps its test predictions: a header and one line per test image.
        for folder in folders {
            let text = try String(contentsOfFile: x.folder.path + "/results/seeds/" + folder + "/test-predictions.csv", encoding: .utf8)
            XCTAssertEqual(text.split(separator: "\n").count, 501, folder)
            XCTAssertTrue(text.hasPrefix("label,predicted\n"), folder)
        }

        let compare = try x.runner(["compare", "--format", "json"])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        XCTAssertEqual(compare.stderr, "")
        let groups = try json(compare.stdout)
        XCTAssertEqual(groups.count, 2)
        for group in groups {
            XCTAssertEqual(group["n"] as? Int, 4)
            let runs = try XCTUnwrap(group["runs"] as? [String])
            let accuracy = try XCTUnwrap(group["test_accuracy"] as? [String: Any])
            let ci = try XCTUnwrap(accuracy["ci95"] as? [Double])
            let mean = try XCTUnwrap(accuracy["mean"] as? Double)
            let sd = try XCTUnwrap(accuracy["sd"] as? Double)
            let reference = try x.python("""
                import json, numpy as np
                from scipy import stats
                a = np.array([json.load(open(f + '/metrics.json'))['test']['accuracy'] for f in [\(runs.map { "'\($0)'" }.joined(separator: ", "))]])
                m, s = a.mean(), a.std(ddof=1)
                h = stats.t.ppf(0.975, 3) * s / np.sqrt(4)
                print(repr(float(m)), repr(float(s)), repr(float(m - h)), repr(float(m + h)))
                """).split(separator: " ").compactMap { Double($0) }
            XCTAssertEqual(reference.count, 4)
            guard reference.count == 4 else { continue }
            XCTAssertEqual(mean, reference[0], accuracy: 1e-9)
            XCTAssertEqual(sd, reference[1], accuracy: 1e-9)
            XCTAssertEqual(ci[0], reference[2], accuracy: 1e-9)
            XCTAssertEqual(ci[1], reference[3], accuracy: 1e-9)
        }

        let baseline = "results/seeds/" + folders[0]
        let verdict = try x.runner(["compare", "--baseline", baseline, "--format", "json"])
        XCTAssertEqual(verdict.status, 0, verdict.stderr)
        let judged = try json(verdict.stdout)
        XCTAssertEqual(judged.first?["baseline"] as? Bool, true)
        let versus = try XCTUnwrap(judged.last?["versus_baseline"] as? [String: Any])
        let accuracy = try XCTUnwrap(versus["test_accuracy"] as? [String: Any])
        XCTAssertEqual(accuracy["verdict"] as? String, "worse", "\(accuracy)")
        XCTAssertEqual(accuracy["matched_seeds"] as? [Int], [1, 2, 3, 4])
        // The paired t-test's p and the sign-flip p, against SciPy on the same run folders.
        let reference = try x.python("""
            import json, numpy as np
            from scipy import stats
            acc = lambda lr, s: json.load(open([f for f in __import__('glob').glob('results/seeds/lr=%s,seed=%d-*' % (lr, s))][0] + '/metrics.json'))['test']['accuracy']
            a = np.array([acc('0.001', s) for s in range(1, 5)]); b = np.array([acc('1e-5', s) for s in range(1, 5)])
            d = b - a
            sf = stats.permutation_test((d,), np.mean, permutation_type='samples', n_resamples=np.inf).pvalue
            print(repr(float(d.mean())), repr(float(stats.ttest_rel(b, a).pvalue)), repr(float(sf)))
            """).split(separator: " ").compactMap { Double($0) }
        XCTAssertEqual(reference.count, 3)
        if reference.count == 3 {
            XCTAssertEqual(try XCTUnwrap(accuracy["difference"] as? Double), reference[0], accuracy: 1e-12)
            XCTAssertEqual(try XCTUnwrap(accuracy["p_t"] as? Double), reference[1], accuracy: 1e-9 * max(reference[1], 1e-300) + 1e-15)
            XCTAssertEqual(try XCTUnwrap(accuracy["p_sign_flip"] as? Double), reference[2], accuracy: 1e-12)
        }

        // The table says the same for people.
        let table = try x.runner(["compare", "--baseline", baseline])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("test_accuracy      4"), table.stdout)
        XCTAssertTrue(table.stdout.contains("  worse\n"), table.stdout)

        // Raising the seeds keeps the runs already made: only seed 5 of each point is trained.
        let more = try x.runner(["sweep", "x.yaml", "--grid", "compile.optimizer.learning_rate=0.001,1e-5", "--seeds", "5", "--dry-run"])
        XCTAssertEqual(more.status, 0, more.stderr)
        XCTAssertEqual(more.stdout.split(separator: "\n").filter { $0.hasSuffix("--set seed=5") }.count, 2)
    }

    /// `fit.validation: test` changes resolved.json (another run folder) but not one number: the validation pass
    /// only evaluates, and the final test figures are the same computation either way (docs/results.md). So every
    /// paired difference is exactly 0 and the verdict must be noise.
    func testASettingWithNoEffectIsNoise() throws {
        let x = SeedsExperiment()
        for extra in [[], ["--set", "fit.validation=test"]] {
            let sweep = try x.runner(["sweep", "x.yaml", "--seeds", "3", "--jobs", "2"] + extra)
            XCTAssertEqual(sweep.status, 0, sweep.stderr)
        }
        let folders = try x.runFolders()
        XCTAssertEqual(folders.count, 6, "\(folders)")
        let baseline = try XCTUnwrap(folders.first { $0.hasPrefix("seed=1-") })
        let r = try x.runner(["compare", "--baseline", "results/seeds/" + baseline])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let verdicts = lines.filter { $0.hasPrefix("seeds  test") && ($0.contains(" test_accuracy ") || $0.contains(" gap (points) ")) }
        XCTAssertEqual(verdicts.count, 2, r.stdout)
        for line in verdicts { XCTAssertTrue(line.hasSuffix("noise (no difference)"), String(line)) }
        XCTAssertTrue(r.stdout.contains("  test_accuracy      3      0.0000  [0.0000, 0.0000]  1.0000    1.0000         1.0000  noise (no difference)\n"), r.stdout)
    }

    /// `runner diff` of two runs prints McNemar's exact p on their test predictions, equal to SciPy's
    /// `binomtest(b, b + c, 0.5)`, and what it means.
    func testDiffPrintsMcNemarsPAndWhatItMeans() throws {
        let x = SeedsExperiment()
        let sweep = try x.runner(["sweep", "x.yaml", "--seeds", "1,2"])
        XCTAssertEqual(sweep.status, 0, sweep.stderr)
        let folders = try x.runFolders().map { "results/seeds/" + $0 }
        XCTAssertEqual(folders.count, 2)
        let r = try x.runner(["diff", folders[0], folders[1]])
        XCTAssertEqual(r.status, 0, r.stderr)
        let reference = try x.python("""
            from scipy import stats
            read = lambda f: [tuple(map(int, l.split(','))) for l in open(f + '/test-predictions.csv').read().split()[1:]]
            a, b = read('\(folders[0])'), read('\(folders[1])')
            onlyA = sum(1 for (l, p), (_, q) in zip(a, b) if p == l and q != l)
            onlyB = sum(1 for (l, p), (_, q) in zip(a, b) if p != l and q == l)
            p = stats.binomtest(onlyA, onlyA + onlyB, 0.5).pvalue if onlyA + onlyB else 1.0
            print(onlyA, onlyB, '%.4f' % p if p >= 0.0001 else '<0.0001', 'in' if p >= 0.05 else 'out')
            """).split(separator: " ").map(String.init)
        XCTAssertEqual(reference.count, 4)
        guard reference.count == 4 else { return }
        let shownP = reference[2].hasPrefix("<") ? "p < 0.0001" : "p = \(reference[2])"
        XCTAssertTrue(r.stdout.contains("""

            Test predictions (McNemar's exact test):
              500 test examples: A right and B wrong on \(reference[0]), B right and A wrong on \(reference[1]); McNemar's exact \(shownP)

            """), r.stdout)
        XCTAssertTrue(r.stdout.contains(reference[3] == "in" ? "  The accuracy difference is within test-set noise (p >= 0.05)" : "beyond test-set noise (p < 0.05)"), r.stdout)
    }
}
