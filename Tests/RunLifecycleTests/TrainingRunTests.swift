import ExperimentCompiler
import Foundation
import RunLifecycle
import RunStore
import TestSupport
import XCTest

/// The run lifecycle in process, without a subprocess: train into a folder, skip, evaluate, predict, verify.
final class TrainingRunTests: XCTestCase {
    func testATrainedRunHasItsFilesAndTheSameRunAgainIsSkipped() throws {
        let fixture = LifecycleFixture()
        let folder = try fixture.train()
        for name in ["experiment.yaml", "resolved.json", "history.csv", "history.json", "metrics.json", "model.safetensors", "run.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/" + name), name)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/" + PreprocessingFile.name),
                       "nothing to save without standardisation or class names")
        let again = try TrainingRun(compiled: fixture.compiled(), resultsRoot: fixture.results, overrides: [], quiet: true).execute()
        XCTAssertEqual(again, .skipped(folder: folder))
    }

    /// The run id names data by path; run.json's `data_digest` covers the bytes, so an edit in place retrains.
    func testACSVFileEditedInPlaceTrainsAgainIntoTheSameFolder() throws {
        let fixture = LifecycleFixture()
        func write(flip: Bool) -> String {
            var rows = ["a,b,species"]
            for i in 0..<40 { rows.append("\(i % 7),\(flip && i == 3 ? 5 : i % 3),\(i % 2 == 0 ? "cat" : "dog")") }
            return fixture.folder.write("pets.csv", rows.joined(separator: "\n") + "\n")
        }
        let csv = write(flip: false)
        let text = fixture.experimentText(dataset: "{csv: \(csv), label: species, test_fraction: 0.25}")
            .replacingOccurrences(of: "{dense: 10, activation: softmax}", with: "{dense: 2, activation: softmax}")
            .replacingOccurrences(of: "{flatten: true, scale: 255}", with: "{flatten: true}")
        let folder = try fixture.train(text)
        let digest = try XCTUnwrap(RunRecord.recordedDataDigest(inFolder: folder))
        XCTAssertEqual(digest.count, 64)
        let run = { try TrainingRun(compiled: fixture.compiled(text), resultsRoot: fixture.results, overrides: [], quiet: true).execute() }
        XCTAssertEqual(try run(), .skipped(folder: folder))
        _ = write(flip: true)
        XCTAssertEqual(try run(), .trained(folder: folder))
        XCTAssertNotEqual(RunRecord.recordedDataDigest(inFolder: folder), digest)
        XCTAssertEqual(try run(), .skipped(folder: folder))
    }

    func testAnExperimentWithMistakesIsEveryDiagnosticWithStatusTwo() throws {
        let fixture = LifecycleFixture()
        let text = fixture.experimentText().replacingOccurrences(of: "activation: relu", with: "activation: rleu")
        XCTAssertThrowsError(try fixture.compiled(text, overrides: ["fit.epochs=0"])) { error in
            guard case RunnerFailure.experiment(let diagnostics)? = error as? RunnerFailure else { return XCTFail("\(error)") }
            XCTAssertEqual(diagnostics.map(\.description), [
                "\(fixture.folder.path)/tiny.yaml:8:30: error: unknown activation 'rleu'; did you mean 'relu'?",
                "--set fit.epochs=0:1:18: error: 'fit.epochs' must be between 1 and 2147483647, not 0",
            ])
        }
    }

    func testEvaluationOfTheSavedModelIsMetricsJSONsTestFiguresBitForBit() throws {
        let fixture = LifecycleFixture()
        let folder = try fixture.train()
        let evaluation = try SavedModel(folder: folder).evaluate()
        let metrics = try JSONValue(parsing: Data(contentsOf: URL(fileURLWithPath: folder + "/metrics.json")))
        for entry in evaluation.logs.entries {
            XCTAssertEqual(metrics["test"]?[entry.name]?.number, entry.value, entry.name)
        }
        XCTAssertEqual(evaluation.samples, 16)
        XCTAssertEqual(evaluation.steps, 1)
    }

    func testPredictionsOfTheTestImagesGiveMetricsJSONsAccuracy() throws {
        let fixture = LifecycleFixture()
        let folder = try fixture.train()
        let predictions = try SavedModel(folder: folder).predict(input: fixture.folder.path + "/data/t10k-images-idx3-ubyte")
        XCTAssertEqual(predictions.rows, 16)
        let right = (0..<16).filter { row in
            let values = predictions.outputs[(row * 10)..<(row * 10 + 10)]
            return values.firstIndex(of: values.max()!)! - row * 10 == row % 10
        }.count
        let metrics = try fixture.json(folder + "/metrics.json")
        XCTAssertEqual((metrics["test"] as? [String: Any])?["accuracy"] as? Double, Double(right) / 16)
        XCTAssertTrue(predictions.csv.hasPrefix("index,predicted,p0,p1,p2,p3,p4,p5,p6,p7,p8,p9\n0,"))
    }

    func testVerificationTrainsAgainAndFindsEveryFileIdentical() throws {
        let fixture = LifecycleFixture()
        let folder = try fixture.train()
        let (report, _) = try Verification(folder: folder, keep: false, quiet: true).run()
        XCTAssertTrue(report.allIdentical, report.text)
        XCTAssertEqual(report.files, ["experiment.yaml", "history.csv", "history.json", "metrics.json", "model.safetensors", "resolved.json", "test-predictions.csv"])
    }

    func testVerifyingAFolderThatIsNotARunIsAUsageError() {
        let folder = TemporaryDirectory()
        XCTAssertThrowsError(try Verification(folder: folder.path, keep: false, quiet: true).run()) { error in
            guard case RunnerFailure.usage(let text)? = error as? RunnerFailure else { return XCTFail("\(error)") }
            XCTAssertEqual(text, "'\(folder.path)' is not a run folder (it has no resolved.json); run folders are results/<name>/<run-id>/")
        }
    }
}
