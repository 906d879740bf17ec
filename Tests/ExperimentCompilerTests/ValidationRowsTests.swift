import Datasets
import ExperimentCompiler
import ModelKinds
import XCTest
import YAML

/// A `validation_split` that leaves no training (or no validation) row is refused by `check`, as `run` refuses it.
final class ValidationRowsTests: XCTestCase {
    func testASplitLeavingNoTrainingRowOfMNISTIsRefusedAtTheFraction() {
        assertError("  validation: test", "  validation_split: 0.99999",
                    "experiments/x.yaml:22:21: error: 'fit.validation_split' is 0.99999, which leaves 0 of mnist's 60000 training rows "
                    + "for training (floor(60000 x (1 - 0.99999)), as Keras) and 60000 for validation; each side needs at least one row, "
                    + "so give a smaller fraction")
    }

    /// 60000 x (1 - 0.99998) is 1.2000000000043; 60000 x (1 - 0.999983) is 1.0199999999999818; 0.9999834 leaves 0.996.
    func testTheBoundaryFollowsKerasFloor() throws {
        let split = edited("  validation: test", "  validation_split: 0.5")
        for fraction in ["0.99998", "0.999983", "1e-10", "0.5"] {
            XCTAssertNoThrow(try compile(split, overrides: ["fit.validation_split=\(fraction)"]), fraction)
        }
        XCTAssertEqual(Compiler.validationBoundary(count: 60_000, fraction: 0.999983), 1)
        XCTAssertNil(Compiler.validationBoundary(count: 60_000, fraction: 0.9999834))
        assertDiagnostics(split, overrides: ["fit.validation_split=0.9999834"], [
            "--set fit.validation_split=0.9999834:1:28: error: 'fit.validation_split' is 0.9999834, which leaves 0 of mnist's 60000 "
                + "training rows for training (floor(60000 x (1 - 0.9999834)), as Keras) and 60000 for validation; each side needs "
                + "at least one row, so give a smaller fraction",
        ])
    }

    /// 1 - 1e-17 is 1 in double precision: every row trains and none validates.
    func testASplitLeavingNoValidationRowIsRefusedToo() {
        assertDiagnostics(base, overrides: ["fit.validation={split: 1e-17}"], [
            "--set fit.validation={split: 1e-17}:1:30: error: 'fit.validation.split' is 1e-17, which leaves 60000 of mnist's 60000 "
                + "training rows for training (floor(60000 x (1 - 1e-17)), as Keras) and 0 for validation; each side needs at least "
                + "one row, so give a larger fraction",
        ])
    }

    /// A CSV's training rows are what its probe counted (after a test_fraction split).
    func testATinyCSVIsCheckedWithTheRowsItsProbeCounted() {
        let compiler = Compiler(csvProbe: { _ in .shape(DatasetShape(features: 4, classes: 3), trainingRows: 3) })
        let text = edited("  dataset: mnist", "  dataset: {csv: data/tiny.csv, label: species, test_fraction: 0.25}")
            .replacingOccurrences(of: "    - dense: 10", with: "    - dense: 3")
            .replacingOccurrences(of: "  validation: test", with: "  validation_split: 0.7")
        assertDiagnostics(text, compiler: compiler, [
            "experiments/x.yaml:22:21: error: 'fit.validation_split' is 0.7, which leaves 0 of data/tiny.csv's 3 training rows for "
                + "training (floor(3 x (1 - 0.7)), as Keras) and 3 for validation; each side needs at least one row, so give a smaller fraction",
        ])
        XCTAssertNoThrow(try compiler.compile(Array(text.replacingOccurrences(of: "0.7", with: "0.6").utf8), source: source))
        // Without a count (a probe that only knows the shape), the run's loader is left to judge.
        let shapeOnly = Compiler(csvProbe: { _ in .shape(DatasetShape(features: 4, classes: 3)) })
        XCTAssertNoThrow(try shapeOnly.compile(Array(text.utf8), source: source))
    }

    /// An IDX folder's training rows are its training images' count, which its probe reads from the header.
    func testASmallIDXFolderIsCheckedWithTheRowsItsHeaderDeclares() {
        let compiler = Compiler(idxFolderShape: { _ in .shape(DatasetShape(features: 784, classes: 10), trainingRows: 64) })
        let text = edited("  dataset: mnist", "  dataset: {idx_folder: ./data}")
            .replacingOccurrences(of: "  validation: test", with: "  validation_split: 0.99")
        assertDiagnostics(text, compiler: compiler, [
            "experiments/x.yaml:22:21: error: 'fit.validation_split' is 0.99, which leaves 0 of ./data's 64 training rows for "
                + "training (floor(64 x (1 - 0.99)), as Keras) and 64 for validation; each side needs at least one row, so give a smaller fraction",
        ])
        XCTAssertNoThrow(try compiler.compile(Array(text.replacingOccurrences(of: "0.99", with: "0.98").utf8), source: source))
    }
}

/// `check` and `run` agree: the compiler's boundary is the loader's, on every count and fraction tried.
final class ValidationRowsAgreementTests: XCTestCase {
    func testTheCompilersBoundaryIsValidationSplitsOnEdgesAndSeededDraws() {
        var state: UInt64 = 17
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var cases: [(Int, Double)] = []
        for count in [1, 2, 3, 7, 10, 60_000] {
            for k in 0...count where count <= 10 || k % 997 == 0 || k >= count - 3 {
                let f = 1 - Double(k) / Double(count)
                cases += [(count, f), (count, f.nextUp), (count, f.nextDown)]
            }
            cases += [(count, 1e-17), (count, 1e-10), (count, 0.99999), (count, 0.9999834)]
        }
        for _ in 0..<20_000 {
            cases.append((Int(next() % 100_000) + 1, Double(next() >> 11) * 0x1.0p-53))
        }
        for (count, fraction) in cases where fraction > 0 && fraction < 1 {
            let loader = try? ValidationSplit.boundary(count: count, fraction: fraction)
            XCTAssertEqual(Compiler.validationBoundary(count: count, fraction: fraction), loader,
                           "count \(count), fraction \(fraction) (seed 17)")
        }
    }
}
