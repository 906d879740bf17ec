import ExperimentCompiler
import Foundation
import RunLifecycle
import RunStore
import TestSupport
import Training
import XCTest

/// What inference needs of the training data is saved with the run, so evaluate and predict never fit it again.
final class PreprocessingFileTests: XCTestCase {
    func testStandardisedRunsSaveTheirStatisticsAndPredictUsesThem() throws {
        let fixture = LifecycleFixture()
        let folder = try fixture.train(fixture.experimentText(preprocess: "{flatten: true, scale: 255, standardize: true}"))
        let saved = try XCTUnwrap(try PreprocessingFile.read(folder: folder))
        let statistics = try XCTUnwrap(saved.standardization)
        XCTAssertEqual(statistics.mean.count, 16)
        XCTAssertNil(saved.classNames)
        // The file is canonical JSON of the Float32 values: read back, every value is the same Float.
        let text = try String(contentsOfFile: folder + "/" + PreprocessingFile.name, encoding: .utf8)
        XCTAssertEqual(text, saved.json.canonicalText)

        let input = fixture.folder.path + "/data/t10k-images-idx3-ubyte"
        let withSaved = try SavedModel(folder: folder).predict(input: input)
        // A folder from before the file existed: the statistics are fitted again from the training split, the same numbers.
        try FileManager.default.removeItem(atPath: folder + "/" + PreprocessingFile.name)
        let refitted = try SavedModel(folder: folder).predict(input: input)
        XCTAssertEqual(withSaved.outputs, refitted.outputs)
        try assertEqualFigures(try SavedModel(folder: folder).evaluate().logs, try testFigures(folder), "fitted again")
    }

    func testEvaluatingAStandardisedRunWithItsSavedStatisticsGivesMetricsJSONsFigures() throws {
        let fixture = LifecycleFixture()
        let folder = try fixture.train(fixture.experimentText(preprocess: "{flatten: true, scale: 255, standardize: true}"))
        XCTAssertNotNil(try PreprocessingFile.read(folder: folder))
        try assertEqualFigures(try SavedModel(folder: folder).evaluate().logs, try testFigures(folder), "saved statistics")
    }

    /// Equal figures, bit for bit, as `EvaluateCommandTests` checks them through the executable. (They once
    /// seemed a unit in the last place apart in process: that was Foundation's JSON reader misreading
    /// metrics.json, which `FastJSON` now reads exactly.)
    private func assertEqualFigures(_ actual: Logs, _ expected: Logs, _ message: String, line: UInt = #line) throws {
        XCTAssertEqual(actual.entries.map(\.name), expected.entries.map(\.name), message, line: line)
        for (a, b) in zip(actual.entries, expected.entries) {
            XCTAssertEqual(a.value, b.value, "\(message): \(a.name)", line: line)
        }
    }

    /// metrics.json's test figures, in the order evaluation reports them.
    private func testFigures(_ folder: String) throws -> Logs {
        let metrics = try JSONValue(parsing: Data(contentsOf: URL(fileURLWithPath: folder + "/metrics.json")))
        return Logs(["loss", "accuracy"].map { ($0, metrics["test"]?[$0]?.number ?? .nan) })
    }

    func testACSVDatasetSavesItsClassNames() throws {
        let fixture = LifecycleFixture()
        var rows = ["x,y,species"]
        for i in 0..<40 { rows.append("\(i % 7),\(i % 3),\(i % 2 == 0 ? "cat" : "dog")") }
        let csv = fixture.folder.write("pets.csv", rows.joined(separator: "\n") + "\n")
        let text = fixture.experimentText(preprocess: "{flatten: true, standardize: true}",
                                          dataset: "{csv: \(csv), label: species, test_fraction: 0.25}")
            .replacingOccurrences(of: "{dense: 10, activation: softmax}", with: "{dense: 2, activation: softmax}")
        let folder = try fixture.train(text)
        let saved = try XCTUnwrap(try PreprocessingFile.read(folder: folder))
        XCTAssertEqual(saved.classNames, ["cat", "dog"])
        XCTAssertEqual(saved.standardization?.mean.count, 2)
    }

    func testStatisticsOfAnotherWidthOrAZeroDivisorAreADamagedFileNotACrash() throws {
        let fixture = LifecycleFixture()
        let folder = try fixture.train(fixture.experimentText(preprocess: "{flatten: true, scale: 255, standardize: true}"))
        let path = folder + "/" + PreprocessingFile.name
        let cases: [(String, String)] = [
            ("{\"standardization\": {\"mean\": [0, 0], \"std\": [1, 1]}}\n",
             "\(path): error: its statistics are for 2 features, the model takes 16; the file is damaged: run the experiment again with --force to rewrite the run folder"),
            ("{\"standardization\": {\"mean\": [\(Array(repeating: "0", count: 16).joined(separator: ", "))], \"std\": [\(Array(repeating: "1", count: 15).joined(separator: ", ")), 0]}}\n",
             "\(path): error: standardization.std[15] is 0.0, not a positive number; the file is damaged: run the experiment again with --force to rewrite the run folder"),
        ]
        for (text, message) in cases {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try SavedModel(folder: folder)) { error in
                guard case RunnerFailure.located(let found)? = error as? RunnerFailure else { return XCTFail("\(error)") }
                XCTAssertEqual(found, message)
            }
        }
    }

    func testADamagedFileIsNamedWithWhatIsWrong() throws {
        let folder = TemporaryDirectory()
        folder.write(PreprocessingFile.name, "{\"standardization\": {\"mean\": [1, 2], \"std\": [1]}}\n")
        XCTAssertThrowsError(try PreprocessingFile.read(folder: folder.path)) { error in
            XCTAssertEqual("\(error)", "\(folder.path)/preprocessing.json: error: 'standardization' needs lists 'mean' and 'std' of the same length; the file is damaged: run the experiment again with --force to rewrite the run folder")
        }
    }
}
