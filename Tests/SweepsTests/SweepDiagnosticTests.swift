import ExperimentCompiler
import Sweeps
import XCTest

/// Bad sweep specs are reported like any compiler error: whole lines, marked where the sweep wrote them.
final class SweepDiagnosticTests: XCTestCase {
    func testUnknownPathPointsAtTheKeyInTheGridArgument() {
        assertSweepDiagnostics(grid: ["compile.optimizer.learnin_rate=0.1,0.01"], [
            "--grid compile.optimizer.learnin_rate=0.1,0.01:1:26: error: unknown key 'learnin_rate' in 'compile.optimizer'; did you mean 'learning_rate'?",
        ])
        assertSweepDiagnostics(grid: ["fitt.epochs=1,2"], [
            "--grid fitt.epochs=1,2:1:8: error: unknown top-level key 'fitt'; did you mean 'fit'?",
        ])
        assertSweepDiagnostics(random: ["model.layers[3].dense=choice(8,16)"], trials: 2, [
            "--random model.layers[3].dense=choice(8,16):1:22: error: index 3 is past the end of 'model.layers', which has 2 items (indices start at 0)",
        ])
    }

    func testABadValueIsReportedOnceAtItsPlaceInTheList() {
        assertSweepDiagnostics(grid: ["fit.epochs=1,0", "fit.batch_size=32,64"], [
            "--grid fit.epochs=1,0:1:21: error: 'fit.epochs' must be between 1 and 2147483647, not 0",
        ])
    }

    func testEmptyList() {
        assertSweepDiagnostics(grid: ["fit.epochs="], [
            "--grid fit.epochs=:1:19: error: the grid for 'fit.epochs' has no values; give one or more separated by commas, such as fit.epochs=1,2",
        ])
        assertSweepDiagnostics(grid: ["fit.epochs=1,,2"], [
            "--grid fit.epochs=1,,2:1:21: error: empty value in the grid for 'fit.epochs'; remove the extra comma, or write null for a null value",
        ])
        assertSweepDiagnostics(random: ["fit.epochs=choice()"], trials: 1, [
            "--random fit.epochs=choice():1:21: error: choice() for 'fit.epochs' has no values; give one or more, such as choice(64,128,256)",
        ])
    }

    func testBadDistribution() {
        assertSweepDiagnostics(random: ["compile.optimizer.learning_rate=logunif(1e-4,1e-1)"], trials: 2, [
            "--random compile.optimizer.learning_rate=logunif(1e-4,1e-1):1:42: error: unknown distribution 'logunif'; did you mean 'loguniform'?",
        ])
        assertSweepDiagnostics(random: ["compile.optimizer.learning_rate=loguniform(0,1e-1)", "fit.epochs=uniform(2,1)",
                                        "fit.batch_size=uniform(1,x)", "seed=normal"], trials: 2, [
            "--random compile.optimizer.learning_rate=loguniform(0,1e-1):1:53: error: loguniform needs bounds greater than 0 (it draws their logarithms), not 0",
            "--random fit.epochs=uniform(2,1):1:21: error: uniform needs low < high, not 2 and 1",
            "--random fit.batch_size=uniform(1,x):1:35: error: uniform's bounds must be finite numbers, not a string ('x')",
            "--random seed=normal:1:15: error: expected a distribution such as loguniform(1e-4,1e-1), uniform(0.1,0.5) or choice(64,128,256), not 'normal'",
        ])
    }

    func testZeroTrials() {
        assertSweepDiagnostics(random: ["fit.batch_size=choice(32,64)"], trials: 0, [
            "--trials 0:1:10: error: --trials must be at least 1, not 0",
        ])
        assertSweepDiagnostics(random: ["fit.batch_size=choice(32,64)"], [
            "--random fit.batch_size=choice(32,64):1:25: error: a random search needs a number of trials: add --trials N (or 'trials: N' under 'sweep:')",
        ])
    }

    func testWholeSpecMistakes() {
        assertSweepDiagnostics(grid: ["fit.epochs=1,2", "fit.epochs=3"], [
            "--grid fit.epochs=3:1:8: error: 'fit.epochs' is swept twice (first at --grid fit.epochs=1,2:1:8); sweep each path once",
        ])
        assertSweepDiagnostics(grid: ["fit.epochs=1,2"], trials: 3, [
            "--trials 3:1:10: error: trials are draws of random values, but nothing is random: add --random PATH=DISTRIBUTION (or 'random:' under 'sweep:')",
        ])
        // A drawn number that the path does not take is reported at the distribution.
        assertSweepDiagnostics(random: ["fit.epochs=uniform(1,5)"], trials: 1, [
            "--random fit.epochs=uniform(1,5):1:21: error: 'fit.epochs' must be an integer, not a number (3.266)",
        ])
    }

    func testMalformedArgumentsAndTheFilesOwnMistakesOnce() {
        assertSweepDiagnostics(grid: ["fit.epochs", "model.layers[x]=1"], [
            "--grid fit.epochs:1:8: error: expected PATH=VALUES, such as --grid compile.optimizer.learning_rate=0.1,0.01",
            "--grid model.layers[x]=1:1:20: error: malformed path 'model.layers[x]': expected a list index such as [0]; write keys separated by '.' and list items as [N], such as model.layers[0].dense",
        ])
        // The file's mistake is the same at all four points: it is listed once, before the sweep's.
        assertSweepDiagnostics(base.replacingOccurrences(of: "activation: relu", with: "activation: rleu"),
                               grid: ["fit.epochs=1,2", "fit.batch_size=8,0"], [
            "sweeps/x.yaml:9:19: error: unknown activation 'rleu'; did you mean 'relu'?",
            "--grid fit.batch_size=8,0:1:25: error: 'fit.batch_size' must be between 1 and 2147483647, not 0",
        ])
    }
}
