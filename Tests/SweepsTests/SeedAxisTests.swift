import ExperimentCompiler
import Sweeps
import XCTest
import YAML

/// The seed axis: `--seeds N` is the experiment's seed and the N-1 after it, `--seeds 1,5,9` those seeds, innermost.
final class SeedAxisTests: XCTestCase {
    func testACountStartsAtTheExperimentsSeedInsideEveryGridPoint() throws {
        let p = try plan(grid: ["compile.optimizer.learning_rate=0.01,0.001"], seeds: "4")
        XCTAssertEqual(p.runs.map(\.overrides), [
            ["compile.optimizer.learning_rate=0.01", "seed=7"], ["compile.optimizer.learning_rate=0.01", "seed=8"],
            ["compile.optimizer.learning_rate=0.01", "seed=9"], ["compile.optimizer.learning_rate=0.01", "seed=10"],
            ["compile.optimizer.learning_rate=0.001", "seed=7"], ["compile.optimizer.learning_rate=0.001", "seed=8"],
            ["compile.optimizer.learning_rate=0.001", "seed=9"], ["compile.optimizer.learning_rate=0.001", "seed=10"],
        ])
        XCTAssertEqual(p.runs.map(\.experiment.seed), [7, 8, 9, 10, 7, 8, 9, 10])
    }

    func testACountStartsAtAnOverriddenSeedAndSeedsAloneAreASweep() throws {
        let p = try plan(overrides: ["seed=100"], seeds: "3")
        XCTAssertEqual(p.runs.map(\.experiment.seed), [100, 101, 102])
        XCTAssertEqual(p.runs.map(\.overrides), [["seed=100", "seed=100"], ["seed=100", "seed=101"], ["seed=100", "seed=102"]])
    }

    func testAListAndTheFilesSection() throws {
        XCTAssertEqual(try plan(seeds: "1,5,9").runs.map(\.experiment.seed), [1, 5, 9])
        XCTAssertEqual(try plan(base + "sweep:\n  seeds: 2\n").runs.map(\.experiment.seed), [7, 8])
        XCTAssertEqual(try plan(base + "sweep:\n  seeds: [3, 0]\n").runs.map(\.experiment.seed), [3, 0])
        // The command line wins over the file.
        XCTAssertEqual(try plan(base + "sweep:\n  seeds: 2\n", seeds: "3").runs.map(\.experiment.seed), [7, 8, 9])
    }

    func testBadSeedsAreReportedWhereTheyAreWritten() {
        assertSweepDiagnostics(seeds: "0", ["--seeds 0:1:9: error: --seeds must be at least 1, not 0"])
        assertSweepDiagnostics(seeds: "five", [
            "--seeds five:1:9: error: --seeds must be a number of seeds such as 5, or a list of seeds such as 1,5,9, not 'five'",
        ])
        assertSweepDiagnostics(seeds: "1,-2", [
            "--seeds 1,-2:1:9: error: --seeds lists seeds as integers between 0 and 18446744073709551615 separated by commas, "
                + "such as 1,5,9; '-2' is not one",
        ])
        assertSweepDiagnostics(seeds: "4,4", ["--seeds 4,4:1:9: error: --seeds lists the seed 4 twice; list each seed once"])
        assertSweepDiagnostics(base + "sweep:\n  seeds: 0\n", ["sweeps/x.yaml:19:10: error: 'sweep.seeds' must be at least 1, not 0"])
        assertSweepDiagnostics(base + "sweep:\n  seeds: many\n", [
            "sweeps/x.yaml:19:10: error: 'sweep.seeds' must be a number of seeds such as 5, or a list of seeds such as [1, 5, 9], not a string",
        ])
        assertSweepDiagnostics(base + "sweep:\n  seeds: [1, 1]\n", ["sweeps/x.yaml:19:14: error: 'sweep.seeds' lists the seed 1 twice; list each seed once"])
        assertSweepDiagnostics(overrides: ["seed=18446744073709551615"], seeds: "2", [
            "--seeds 2:1:9: error: 2 seeds from the experiment's seed 18446744073709551615 pass the largest seed, 18446744073709551615; "
                + "use a smaller seed or list the seeds",
        ])
    }

    func testSeedsCountIntoTheSweepSizeAndTheSeedIsSweptOnce() {
        assertSweepDiagnostics(grid: ["fit.epochs=1,2,3,4"], seeds: "30000", [
            "--seeds 30000:1:9: error: the sweep has 120000 points (4 x 30000 seeds); a sweep may have at most 100000, "
                + "so use fewer seeds or split it into several sweeps",
        ])
        assertSweepDiagnostics(grid: ["seed=1,2"], seeds: "2", [
            "--grid seed=1,2:1:8: error: 'seed' is swept here and by the seeds (at --seeds 2:1:9); sweep it once",
        ])
    }
}
