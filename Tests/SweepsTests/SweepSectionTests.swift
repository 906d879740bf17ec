import ExperimentCompiler
import Sweeps
import XCTest
import YAML

/// The `sweep:` section: versioned with the experiment, checked like the rest, never part of the run's identity.
final class SweepSectionTests: XCTestCase {
    let section = """
        sweep:
          grid:
            compile.optimizer.learning_rate: [0.01, 0.001]
            'model.layers[0].dense': [16, 32]
          random:
            compile.optimizer.beta_1: uniform(0.8, 0.95)
          trials: 2
          seed: 3

        """

    func testSectionExpandsLikeTheCommandLine() throws {
        let p = try plan(base + section)
        XCTAssertEqual(p.runs.count, 8)
        XCTAssertEqual(Array(p.runs[0].overrides.prefix(2)), ["compile.optimizer.learning_rate=0.01", "model.layers[0].dense=16"])
        XCTAssertTrue(p.runs[0].overrides[2].hasPrefix("compile.optimizer.beta_1=0."), p.runs[0].overrides[2])
        let root = try Parser().parse(base + section, source: source)!
        let spec = try XCTUnwrap(try SweepSpec(section: root))
        XCTAssertEqual(spec.seed, 3)
        XCTAssertEqual(spec.trials, 2)
    }

    func testTheSectionIsNotPartOfTheCompiledExperiment() throws {
        let with = try Compiler().compile(Array((base + section).utf8), source: source)
        let without = try Compiler().compile(Array(base.utf8), source: source)
        XCTAssertEqual(with.resolvedJSONText, without.resolvedJSONText)
        XCTAssertFalse(with.resolvedJSONText.contains("\"sweep\""))
        XCTAssertNil(try SweepSpec(section: try Parser().parse(base, source: source)!))
    }

    func testQuotedValuesStayStringsForTheChildRun() throws {
        let p = try plan(base + "sweep:\n  grid:\n    compile.optimizer: [\"adam\", sgd]\n")
        XCTAssertEqual(p.runs.map(\.overrides), [["compile.optimizer=\"adam\""], ["compile.optimizer=sgd"]])
        let long = try plan(base + "sweep:\n  grid:\n    compile.optimizer:\n      - name: sgd\n        momentum: 0.9\n      - {name: adam, amsgrad: true}\n")
        XCTAssertEqual(long.runs.map(\.overrides), [["compile.optimizer={name: sgd, momentum: 0.9}"], ["compile.optimizer={name: adam, amsgrad: true}"]])
        XCTAssertEqual(long.runs[0].experiment.compile.optimizer, .sgd(.init(learningRate: 0.01, momentum: 0.9, nesterov: false)))
        assertSweepDiagnostics(base + "sweep:\n  grid:\n    'model.layers[0].dense': ['10', 8]\n", [
            "sweeps/x.yaml:20:31: error: 'model.layers[0].dense' must be an integer, not a string ('10')",
        ])
    }

    func testMistakesInTheSectionAreReportedAtTheirLines() {
        let text = base + """
            sweep:
              grid:
                compile.optimizer.learnin_rate: [0.1]
                fit.epochs: []
                fit.batch_size: 32
                fit.shuffle: [true, 0]
              random:
                seed: lognormal(1, 2)
              trials: 0
              sed: 1

            """
        assertSweepDiagnostics(text, [
            "sweeps/x.yaml:21:17: error: the grid for 'fit.epochs' has no values; give one or more, such as [0.1, 0.01]",
            "sweeps/x.yaml:22:21: error: the grid for 'fit.batch_size' must be a list of values such as [0.1, 0.01], not an integer",
            "sweeps/x.yaml:25:11: error: unknown distribution 'lognormal' (known: loguniform, uniform, choice)",
            "sweeps/x.yaml:26:11: error: 'sweep.trials' must be at least 1, not 0",
            "sweeps/x.yaml:27:3: error: unknown key 'sed' in 'sweep'; did you mean 'seed'?",
        ])
        // Once the section's own shape is right, each point is compiled and a bad key or value points into it.
        assertSweepDiagnostics(base + "sweep:\n  grid:\n    compile.optimizer.learnin_rate: [0.1]\n    fit.shuffle: [true, 0]\n", [
            "sweeps/x.yaml:20:23: error: unknown key 'learnin_rate' in 'compile.optimizer'; did you mean 'learning_rate'?",
            "sweeps/x.yaml:21:25: error: 'fit.shuffle' must be true or false, not an integer (0)",
        ])
    }
}
