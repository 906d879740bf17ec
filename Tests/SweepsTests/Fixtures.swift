import ExperimentCompiler
import Sweeps
import TestSupport
import XCTest
import YAML

/// A small experiment every sweep test starts from (line numbers are relied on by the diagnostics).
let base = """
name: sweep-test
seed: 7
data:
  dataset: mnist
  preprocess: {flatten: true, scale: 255}
model:
  layers:
    - dense: 64
      activation: relu
    - dense: 10
      activation: softmax
compile:
  optimizer: adam
  loss: sparse_categorical_crossentropy
  metrics: [accuracy]
fit:
  epochs: 2

"""

let source = "sweeps/x.yaml"

/// SplitMix64 (Steele, Lea & Flood, 2014) kept in the test, because this test target does not depend on
/// SeededRandom: the determinism of expansion is a property of `SweepSpec`, whatever generator it is given.
struct TestGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The spec from `text`'s `sweep:` section merged with command-line arguments, expanded and compiled.
func plan(_ text: String = base, grid: [String] = [], random: [String] = [], trials: Int? = nil, seed: UInt64 = 1,
          overrides: [String] = [], seeds: String? = nil) throws -> SweepPlan {
    let root = try Parser().parse(text, source: source)!
    let fromFile = try SweepSpec(section: root) ?? SweepSpec()
    let spec = fromFile.merging(try SweepSpec(gridArguments: grid, randomArguments: random, trials: trials, seed: nil, seeds: seeds))
    let problems = spec.check()
    if !problems.isEmpty { throw CompileFailure(problems) }
    var generator = TestGenerator(state: seed)
    return try SweepPlan(compiling: Array(text.utf8), source: source, overrides: overrides,
                         points: spec.points(using: &generator), sweepSources: spec.sources, compiler: Compiler(),
                         seeds: spec.seeds)
}

/// Asserts that planning the sweep fails with exactly `expected`, as full diagnostic lines.
func assertSweepDiagnostics(_ text: String = base, grid: [String] = [], random: [String] = [], trials: Int? = nil,
                            overrides: [String] = [], seeds: String? = nil, _ expected: [String],
                            file: StaticString = #filePath, line: UInt = #line) {
    do {
        let p = try plan(text, grid: grid, random: random, trials: trials, overrides: overrides, seeds: seeds)
        XCTFail("planned \(p.runs.count) runs, expected diagnostics: \(expected)", file: file, line: line)
    } catch let failure as CompileFailure {
        XCTAssertNil(diagnosticMismatch(expected: expected, actual: failure.diagnostics.map(\.description)), file: file, line: line)
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: line)
    }
}

/// The learning rate of whichever optimizer the experiment compiled to.
func learningRate(_ e: Experiment) -> Double {
    switch e.compile.optimizer {
    case .sgd(let s): return s.learningRate
    case .rmsprop(let s): return s.learningRate
    case .adam(let s): return s.learningRate
    case .adamw(let s): return s.learningRate
    case .adagrad(let s): return s.learningRate
    }
}
