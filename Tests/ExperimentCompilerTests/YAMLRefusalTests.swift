import ExperimentCompiler
import XCTest

/// Refusals of the YAML layer reach the user as diagnostics of the same form.
final class YAMLRefusalTests: XCTestCase {
    func testDuplicateKey() {
        assertError("  shuffle: true", "  epochs: 3",
                    "experiments/x.yaml:21:3: error: duplicate key 'epochs' (first defined at line 19, column 3)")
    }

    func testSecondDocument() {
        assertDiagnostics(base + "---\nname: other\n", ["experiments/x.yaml:23:1: error: a second document starts here; an experiment file holds exactly one"])
    }

    func testInvalidUTF8() {
        var bytes = Array(edited("name: mnist-dense", "name: mnist").utf8)
        bytes.insert(0xFF, at: 11)
        assertDiagnostics(bytes, ["experiments/x.yaml:1:12: error: invalid UTF-8 (invalid leading UTF-8 octet 0xFF); save the file as UTF-8"])
    }

    func testSyntaxErrorKeepsLibyamlPosition() {
        assertError("  metrics: [accuracy]", "  metrics: [accuracy",
                    "experiments/x.yaml:18:4: error: did not find expected ',' or ']' (while parsing a flow sequence from line 17, column 12)")
    }
}
