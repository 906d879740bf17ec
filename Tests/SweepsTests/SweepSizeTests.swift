import ExperimentCompiler
import Sweeps
import XCTest
import YAML

/// How big a sweep may be, and how fast its points compile.
final class SweepSizeTests: XCTestCase {
    /// 100 x 100 grid points, each compiled; the time is printed (no assertion on it: machines differ).
    func testTenThousandPointsCompile() throws {
        let epochs = (1...100).map(String.init).joined(separator: ",")
        let units = (1...100).map(String.init).joined(separator: ",")
        let start = ContinuousClock.now
        let compiled = try plan(grid: ["fit.epochs=\(epochs)", "model.layers[0].dense=\(units)"])
        print("10,000 sweep points compiled in \(ContinuousClock.now - start)")
        XCTAssertEqual(compiled.runs.count, 10_000)
        XCTAssertEqual(compiled.runs.last?.overrides, ["fit.epochs=100", "model.layers[0].dense=100"])
        XCTAssertEqual(compiled.runs.last?.experiment.fit.epochs, 100)
    }

    /// 10^12 trials are refused by counting, before anything is drawn or expanded.
    func testAbsurdTrialsAreRefusedAtTheTrialsBeforeExpanding() {
        assertSweepDiagnostics(random: ["compile.optimizer.learning_rate=loguniform(1e-4,1e-1)"], trials: 1_000_000_000_000, [
            "--trials 1000000000000:1:10: error: the sweep has 1000000000000 points (1000000000000 trials); a sweep may have "
                + "at most 100000, so draw fewer trials or split it into several sweeps",
        ])
        let file = base + "sweep:\n  random:\n    fit.batch_size: choice(32, 64)\n  trials: 200000\n"
        assertSweepDiagnostics(file, [
            "sweeps/x.yaml:21:11: error: the sweep has 200000 points (200000 trials); a sweep may have at most 100000, "
                + "so draw fewer trials or split it into several sweeps",
        ])
    }

    /// The grid is reported at the axis whose values carry the product over the limit.
    func testAGridOverTheLimitIsRefusedAtTheAxisThatCrossesIt() {
        let values = "[" + (1...400).map(String.init).joined(separator: ", ") + "]"
        let file = base + "sweep:\n  grid:\n    fit.epochs: \(values)\n    fit.batch_size: \(values)\n"
        assertSweepDiagnostics(file, [
            "sweeps/x.yaml:21:5: error: the sweep has 160000 points (400 x 400); a sweep may have at most 100000, "
                + "so give 'fit.batch_size' fewer values or split it into several sweeps",
        ])
        let ten = (1...10).map(String.init).joined(separator: ",")
        assertSweepDiagnostics(grid: ["fit.epochs=\(ten)", "fit.batch_size=\(ten)"], random: ["seed=choice(1,2)"], trials: 2000, [
            "--trials 2000:1:10: error: the sweep has 200000 points (10 x 10 x 2000 trials); a sweep may have at most 100000, "
                + "so draw fewer trials or split it into several sweeps",
        ])
    }

    /// A count past Int.max is said to be so, not wrapped.
    func testACountThatOverflowsIsRefusedNotWrapped() throws {
        let spec = try SweepSpec(gridArguments: ["fit.epochs=1,2"], randomArguments: ["seed=choice(1,2)"], trials: Int.max, seed: nil)
        XCTAssertNil(spec.pointCount)
        XCTAssertEqual(spec.check().map(\.description), [
            "--trials 9223372036854775807:1:10: error: the sweep has more than 9223372036854775807 points (2 x 9223372036854775807 trials); "
                + "a sweep may have at most 100000, so draw fewer trials or split it into several sweeps",
        ])
    }

    func testExactlyTheLimitIsAccepted() throws {
        let spec = try SweepSpec(gridArguments: ["fit.epochs=1,2,3,4"], randomArguments: ["seed=choice(1,2)"], trials: 25_000, seed: nil)
        XCTAssertEqual(spec.pointCount, SweepSpec.maximumPointCount)
        XCTAssertEqual(spec.check().map(\.description), [])
    }
}
