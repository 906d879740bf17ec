import ExperimentCompiler
import TestSupport
import XCTest

/// The seed experiment without comments; tests change one line and keep every line number.
let base = """
name: mnist-dense
seed: 42
data:
  dataset: mnist
  preprocess:
    flatten: true
    scale: 255
model:
  layers:
    - dense: 512
      activation: relu
    - dense: 10
      activation: softmax
compile:
  optimizer: rmsprop
  loss: sparse_categorical_crossentropy
  metrics: [accuracy]
fit:
  epochs: 10
  batch_size: 256
  shuffle: true
  validation: test

"""

let source = "experiments/x.yaml"

/// `base` with its line `old` (whole line, exactly once) replaced by `new`.
func edited(_ old: String, _ new: String, file: StaticString = #filePath, line: UInt = #line) -> String {
    var lines = base.components(separatedBy: "\n")
    let hits = lines.indices.filter { lines[$0] == old }
    XCTAssertEqual(hits.count, 1, "line '\(old)' should occur once in the base experiment", file: file, line: line)
    if let i = hits.first { lines[i] = new }
    return lines.joined(separator: "\n")
}

func compile(_ text: String, overrides: [String] = []) throws -> Experiment {
    try Compiler().compile(Array(text.utf8), source: source, overrides: overrides)
}

/// Asserts that `bytes` fail to compile with exactly `expected` (in order).
func assertDiagnostics(_ bytes: [UInt8], overrides: [String] = [], compiler: Compiler = Compiler(),
                       _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
    do {
        let experiment = try compiler.compile(bytes, source: source, overrides: overrides)
        XCTFail("compiled, expected diagnostics: \(expected); got \(experiment)", file: file, line: line)
    } catch {
        XCTAssertNil(diagnosticMismatch(expected: expected, actual: error.diagnostics.map(\.description)), file: file, line: line)
    }
}

func assertDiagnostics(_ text: String, overrides: [String] = [], compiler: Compiler = Compiler(),
                       _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
    assertDiagnostics(Array(text.utf8), overrides: overrides, compiler: compiler, expected, file: file, line: line)
}

/// Shorthand for one change to `base` and its single diagnostic.
func assertError(_ old: String, _ new: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
    assertDiagnostics(edited(old, new, file: file, line: line), [expected], file: file, line: line)
}
