import Foundation
import TestSupport
import XCTest

/// `runner compare` over seed groups on run folders in the agreed format: whole outputs, streams, exit statuses.
/// The figures are checked against SciPy in `testGroupFiguresMatchSciPy`.
final class CompareGroupsTests: XCTestCase {
    /// Writes `fixture` with `seed` in its resolved.json and, when `correct` is given, a confusion matrix of 1,000
    /// test examples with that many right (as a completed classification run's metrics.json has).
    private func write(_ fixture: RunFolderFixture, seed: Int, correct: Int? = nil, under results: URL) {
        let folder = fixture.write(under: results)
        let resolved = folder.appendingPathComponent("resolved.json")
        let text = try! String(contentsOf: resolved, encoding: .utf8).replacingOccurrences(of: "\"seed\": 42", with: "\"seed\": \(seed)")
        try! Data(text.utf8).write(to: resolved)
        if let correct {
            let metrics = folder.appendingPathComponent("metrics.json")
            let old = try! String(contentsOf: metrics, encoding: .utf8)
            let matrix = "  \"confusion_matrix\": [[\(correct / 2), \(500 - correct / 2)], [\(500 - (correct - correct / 2)), \(correct - correct / 2)]],\n"
            try! Data(old.replacingOccurrences(of: "{\n  \"best_epoch\"", with: "{\n" + matrix + "  \"best_epoch\"").utf8).write(to: metrics)
        }
    }

    /// Two learning rates with seeds 42, 43, 44 and a third with seed 45 alone; the last epoch's train accuracy is 0.96.
    private func groups() -> TemporaryDirectory {
        let root = TemporaryDirectory()
        let results = root.url.appendingPathComponent("results")
        for (seed, accuracy) in [(42, 0.955), (43, 0.96), (44, 0.95)] {
            var run = RunFolderFixture(runID: "lr=0.001,seed=\(seed)-0000000\(seed - 40)")
            run.test = (accuracy, 0.14)
            write(run, seed: seed, under: results)
        }
        for (seed, accuracy) in [(42, 0.92), (43, 0.935), (44, 0.925)] {
            var run = RunFolderFixture(runID: "lr=0.01,seed=\(seed)-1000000\(seed - 40)")
            (run.learningRate, run.test) = (0.01, (accuracy, 0.2))
            write(run, seed: seed, under: results)
        }
        var single = RunFolderFixture(runID: "lr=0.1,seed=45-20000005")
        (single.learningRate, single.test) = (0.1, (0.9, 0.3))
        write(single, seed: 45, correct: 900, under: results)
        return root
    }

    func testOneRowPerGroupWithMeanSdAndInterval() throws {
        let root = groups()
        let r = try RunnerProcess.run(["compare"], in: root.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdout, """
            name         learning_rate  n  test_accuracy      sd             95% CI   gap    sd         95% CI
            mnist-dense          0.001  3         0.9550  0.0050   [0.9426, 0.9674]  0.50  0.50  [-0.74, 1.74]
            mnist-dense           0.01  3         0.9267  0.0076   [0.9077, 0.9456]  3.33  0.76   [1.44, 5.23]
            mnist-dense            0.1  1         0.9000       -  [0.8797, 0.9179]*  6.00     -              -

            * n = 1: the Clopper-Pearson exact interval of the test accuracy from its test-set counts; an interval over seeds needs 2 runs or more.

            """)
    }

    func testBaselineVerdictsAndNoMatchedSeeds() throws {
        let root = groups()
        let r = try RunnerProcess.run(["compare", "--baseline", "results/mnist-dense/lr=0.001,seed=42-00000002", "--sort", "-test_accuracy"],
                                      in: root.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdout, """
            name         learning_rate  n  test_accuracy      sd             95% CI   gap    sd         95% CI
            mnist-dense          0.001  3         0.9550  0.0050   [0.9426, 0.9674]  0.50  0.50  [-0.74, 1.74]
            mnist-dense           0.01  3         0.9267  0.0076   [0.9077, 0.9456]  3.33  0.76   [1.44, 5.23]
            mnist-dense            0.1  1         0.9000       -  [0.8797, 0.9179]*  6.00     -              -

            * n = 1: the Clopper-Pearson exact interval of the test accuracy from its test-set counts; an interval over seeds needs 2 runs or more.

            Against the baseline mnist-dense compile.optimizer.learning_rate=0.001 (3 runs): candidate - baseline on matched seeds, 95% t interval; verdict at 0.05 by the paired t-test after Holm across 1 group; exact sign-flip p beside it.
            name         learning_rate  metric         seeds  difference              95% CI       p  p (Holm)  p (sign-flip)  verdict
            mnist-dense  0.01           test_accuracy      3     -0.0283  [-0.0427, -0.0140]  0.0136    0.0136         0.2500  worse
            mnist-dense  0.01           gap (points)       3       +2.83        [1.40, 4.27]  0.0136    0.0136         0.2500  worse
            mnist-dense  0.1            test_accuracy      0           -                   -       -         -              -  no matched seeds
            mnist-dense  0.1            gap (points)       0           -                   -       -         -              -  no matched seeds

            """)
    }

    func testCSVCarriesEveryDigit() throws {
        let root = groups()
        let r = try RunnerProcess.run(["compare", "--format", "csv", "--baseline", "results/mnist-dense/lr=0.001,seed=43-00000003"],
                                      in: root.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, """
            name,compile.optimizer.learning_rate,n,runs,test_accuracy.mean,test_accuracy.sd,test_accuracy.ci95_low,test_accuracy.ci95_high,test_accuracy.ci95_method,gap.mean,gap.sd,gap.ci95_low,gap.ci95_high,gap.ci95_method,test_accuracy.vs_baseline.matched_seeds,test_accuracy.vs_baseline.difference,test_accuracy.vs_baseline.ci95_low,test_accuracy.vs_baseline.ci95_high,test_accuracy.vs_baseline.p_t,test_accuracy.vs_baseline.p_holm,test_accuracy.vs_baseline.p_sign_flip,test_accuracy.vs_baseline.verdict,test_accuracy.vs_baseline.seeds_needed,gap.vs_baseline.matched_seeds,gap.vs_baseline.difference,gap.vs_baseline.ci95_low,gap.vs_baseline.ci95_high,gap.vs_baseline.p_t,gap.vs_baseline.p_holm,gap.vs_baseline.p_sign_flip,gap.vs_baseline.verdict,gap.vs_baseline.seeds_needed
            mnist-dense,0.001,3,"results/mnist-dense/lr=0.001,seed=42-00000002 results/mnist-dense/lr=0.001,seed=43-00000003 results/mnist-dense/lr=0.001,seed=44-00000004",0.9550000000000001,0.0050000000000000044,0.9425793114412484,0.9674206885587517,student_t,0.5000000000000004,0.5000000000000004,-0.7420688558751656,1.7420688558751665,student_t,,,,,,,,,,,,,,,,,,
            mnist-dense,0.01,3,"results/mnist-dense/lr=0.01,seed=42-10000002 results/mnist-dense/lr=0.01,seed=43-10000003 results/mnist-dense/lr=0.01,seed=44-10000004",0.9266666666666667,0.00763762615825974,0.9076937514986829,0.9456395818346506,student_t,3.333333333333325,0.763762615825974,1.4360418165349436,5.230624850131706,student_t,3,-0.02833333333333325,-0.0426755090991648,-0.013991157567501696,0.013559949584379014,0.013559949584379014,0.25,worse,,3,2.833333333333325,1.3991157567501697,4.26755090991648,0.013559949584379026,0.013559949584379026,0.25,worse,
            mnist-dense,0.1,1,"results/mnist-dense/lr=0.1,seed=45-20000005",0.9,,0.8797120634813074,0.9178946656444135,clopper_pearson,5.999999999999995,,,,,0,,,,,,,,,0,,,,,,,,

            """)
    }

    /// The groups' figures against SciPy on the same run folders.
    func testGroupFiguresMatchSciPy() throws {
        let root = groups()
        let r = try RunnerProcess.run(["compare", "--format", "json", "--baseline", "results/mnist-dense/lr=0.001,seed=42-00000002"], in: root.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        let groups = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(groups.map { $0["n"] as? Int }, [3, 3, 1])
        let script = """
            import json, glob, numpy as np
            from scipy import stats
            acc = lambda g: np.array([json.load(open(f + '/metrics.json'))['test']['accuracy'] for f in sorted(glob.glob('results/mnist-dense/' + g))])
            a, b = acc('lr=0.001,*'), acc('lr=0.01,*')
            out = []
            for x in (a, b):
                lo, hi = stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=x.std(ddof=1) / np.sqrt(len(x)))
                out += [x.mean(), x.std(ddof=1), lo, hi]
            ci = stats.binomtest(900, 1000).proportion_ci(0.95, method='exact')
            out += [ci.low, ci.high, stats.ttest_rel(b, a).pvalue]
            out += [stats.permutation_test((b - a,), np.mean, permutation_type='samples', n_resamples=np.inf).pvalue]
            print(' '.join(repr(float(v)) for v in out))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        process.currentDirectoryURL = root.url
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let reference = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        process.waitUntilExit()
        XCTAssertEqual(reference.count, 12)
        guard reference.count == 12 else { return }
        func figures(_ group: [String: Any]) -> [Double] {
            let m = group["test_accuracy"] as? [String: Any] ?? [:]
            return [m["mean"] as? Double ?? .nan, m["sd"] as? Double ?? .nan] + (m["ci95"] as? [Double] ?? [.nan, .nan])
        }
        let shown = figures(groups[0]) + figures(groups[1]) + Array(figures(groups[2]).suffix(2))
        for (x, y) in zip(shown, reference.prefix(10)) { XCTAssertEqual(x, y, accuracy: 1e-9, "\(shown) vs \(reference)") }
        let versus = (groups[1]["versus_baseline"] as? [String: Any])?["test_accuracy"] as? [String: Any] ?? [:]
        XCTAssertEqual(versus["p_t"] as? Double ?? .nan, reference[10], accuracy: 1e-9 * reference[10])
        XCTAssertEqual(versus["p_sign_flip"] as? Double ?? .nan, reference[11], accuracy: 1e-12)
        XCTAssertEqual((groups[2]["test_accuracy"] as? [String: Any])?["ci95_method"] as? String, "clopper_pearson")
    }

    /// A damaged run folder is named on stderr and left out; the rest prints and the status is 0.
    func testADamagedRunFolderIsNamedAndLeftOut() throws {
        let root = groups()
        try Data("{\"epochs\": ".utf8).write(to: root.url.appendingPathComponent("results/mnist-dense/lr=0.01,seed=43-10000003/metrics.json"))
        let r = try RunnerProcess.run(["compare", "--runs", "--sort", "-test_accuracy"], in: root.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "results/mnist-dense/lr=0.01,seed=43-10000003/metrics.json: warning: not valid JSON (line 1, column 12: "
            + "unexpected end of file during JSON parse); the file is damaged: run the experiment again with --force to rewrite the run folder (left out)\n")
        XCTAssertEqual(r.stdout, """
            name         run                        learning_rate  seed  epochs  train_accuracy  test_accuracy   gap  best_epoch  status
            mnist-dense  lr=0.001,seed=43-00000003          0.001    43       2          0.9600         0.9600  0.00           2  completed
            mnist-dense  lr=0.001,seed=42-00000002          0.001    42       2          0.9600         0.9550  0.50           2  completed
            mnist-dense  lr=0.001,seed=44-00000004          0.001    44       2          0.9600         0.9500  1.00           2  completed
            mnist-dense  lr=0.01,seed=44-10000004            0.01    44       2          0.9600         0.9250  3.50           2  completed
            mnist-dense  lr=0.01,seed=42-10000002            0.01    42       2          0.9600         0.9200  4.00           2  completed
            mnist-dense  lr=0.1,seed=45-20000005              0.1    45       2          0.9600         0.9000  6.00           2  completed

            """)
    }

    func testUnknownBaselineAndMetricAreUsageErrors() throws {
        let root = groups()
        let baseline = try RunnerProcess.run(["compare", "--baseline", "results/elsewhere"], in: root.url)
        XCTAssertEqual(baseline.status, 2)
        XCTAssertEqual(baseline.stdout, "")
        XCTAssertEqual(baseline.stderr, "error: --baseline 'results/elsewhere' is not one of the runs compared; give one of their run folders\n")
        let metric = try RunnerProcess.run(["compare", "--metric", "test.los"], in: root.url)
        XCTAssertEqual(metric.status, 2)
        XCTAssertEqual(metric.stderr, "error: unknown metric 'test.los' for --metric; the completed runs' metrics.json have: "
            + "best_epoch.epoch, best_epoch.value, epochs, gap.accuracy, test.accuracy, test.loss, train.accuracy, train.loss\n")
        let both = try RunnerProcess.run(["compare", "--runs", "--baseline", "results/elsewhere"], in: root.url)
        XCTAssertEqual(both.status, 2)
        XCTAssertTrue(both.stderr.hasPrefix("Error: --baseline and --metric work on groups of seeds; leave out --runs\n"), both.stderr)
    }
}
