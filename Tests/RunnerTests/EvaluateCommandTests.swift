import Foundation
import TestSupport
import XCTest

/// `runner evaluate`: a saved model reloaded gives exactly the test figures its run recorded.
final class EvaluateCommandTests: XCTestCase {
    static let tiny = ["experiments/mnist-dense.yaml", "-q", "--set", "model.layers[0].dense=8", "--set", "fit.epochs=1"]

    /// Trains the tiny seed run (with `overrides`) into `results` and returns its folder.
    static func train(_ results: TemporaryDirectory, _ overrides: [String] = []) throws -> String {
        let r = try RunnerProcess.run(tiny + overrides + ["--results", results.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let latest = results.path + "/mnist-dense/latest"
        return results.path + "/mnist-dense/" + (try FileManager.default.destinationOfSymbolicLink(atPath: latest))
    }

    /// The members of metrics.json's `test` object as written, without whitespace: `"accuracy":0.8636,"loss":0.52...`.
    /// Both files write the shortest text that reads back to the same double, so equal text is equal bits
    /// (JSONSerialization on Linux may round the last digit, so parsed values would prove less).
    static func recordedTestText(_ run: String) throws -> String {
        let text = try String(contentsOfFile: run + "/metrics.json", encoding: .utf8)
        let start = text.range(of: "\"test\": {")!.upperBound
        return String(text[start...].prefix { $0 != "}" }.filter { !$0.isWhitespace && $0 != "\n" })
    }

    /// `runner evaluate --format json`'s members the same way.
    static func evaluatedText(_ stdout: String) -> String {
        String(stdout.drop { $0 != "{" }.dropFirst().prefix { $0 != "}" }.filter { !$0.isWhitespace })
    }

    static func testFigures(_ run: String) throws -> [String: Double] {
        let metrics = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: run + "/metrics.json"))) as! [String: Any]
        return metrics["test"] as! [String: Double]
    }

    func testTheReloadedModelGivesTheRecordedTestFiguresBitForBit() throws {
        // validation: test (the seed's: figures from the last epoch's pass), none and a split (an evaluation after fit).
        for overrides in [[], ["--set", "fit.validation=none"], ["--set", "fit.validation={split: 0.1}"]] {
            let results = TemporaryDirectory("runner-results")
            let run = try Self.train(results, overrides)
            let recorded = try Self.testFigures(run)
            let json = try RunnerProcess.run(["evaluate", run, "--format", "json"])
            XCTAssertEqual(json.status, 0, json.stderr)
            XCTAssertEqual(Self.evaluatedText(json.stdout), try Self.recordedTestText(run), "with \(overrides)")
            XCTAssertTrue(Self.evaluatedText(json.stdout).hasPrefix("\"accuracy\":0."), json.stdout)
            let text = try RunnerProcess.run(["evaluate", run])
            XCTAssertEqual(text.status, 0, text.stderr)
            XCTAssertEqual(text.stdout, "Evaluating \(run) on the test split of mnist (10000 samples)\n"
                + String(format: "40/40 [==============================] - loss: %.4f - accuracy: %.4f\n", recorded["loss"]!, recorded["accuracy"]!))
            XCTAssertEqual(text.stderr, "")
        }
    }

    /// A standardised run keeps its statistics (preprocessing.json): evaluate applies them, without the training
    /// split, and gets the recorded figures bit for bit; predict uses the same statistics.
    func testAStandardisedRunEvaluatesWithItsSavedStatisticsBitForBit() throws {
        let tiny = TinyExperiment(epochs: 2)
        let text = try String(contentsOfFile: tiny.folder.path + "/" + tiny.file, encoding: .utf8)
            .replacingOccurrences(of: "preprocess: {flatten: true, scale: 255}", with: "preprocess: {flatten: true, scale: 255, standardize: true}")
        tiny.folder.write(tiny.file, text)
        let root = tiny.folder.path + "/results"
        XCTAssertEqual(try tiny.run([], results: root).status, 0)
        let run = try tiny.folder(in: root)
        XCTAssertTrue(FileManager.default.fileExists(atPath: run + "/preprocessing.json"))
        // From the experiment's folder, as its dataset is a relative path.
        let json = try RunnerProcess.run(["evaluate", run, "--format", "json"], in: tiny.folder.url)
        XCTAssertEqual(json.status, 0, json.stderr)
        XCTAssertEqual(json.stderr, "")
        XCTAssertEqual(Self.evaluatedText(json.stdout), try Self.recordedTestText(run))
        // An older run folder, without the file: the statistics are fitted again, with a note, to the same figures.
        try FileManager.default.removeItem(atPath: run + "/preprocessing.json")
        let again = try RunnerProcess.run(["evaluate", run, "--format", "json"], in: tiny.folder.url)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stderr, "note: \(run) has no preprocessing.json (written by an earlier runner); "
            + "fitting the standardisation again from the training split\n")
        XCTAssertEqual(Self.evaluatedText(again.stdout), try Self.recordedTestText(run))
    }

    func testOtherDataWithMoreClassesThanTheModelHasOutputsIsRefused() throws {
        let results = TemporaryDirectory("runner-results")
        let run = try Self.train(results)
        let folder = TemporaryDirectory("runner-idx")
        for split in ["train", "t10k"] {
            folder.write("\(split)-images-idx3-ubyte", TinyIDXDataset.idx([20, 28, 28], Array(repeating: 7, count: 20 * 784)))
            folder.write("\(split)-labels-idx1-ubyte", TinyIDXDataset.idx([20], (0..<20).map { UInt8($0) }))
        }
        let r = try RunnerProcess.run(["evaluate", run, "--data", folder.path])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "error: '\(folder.path)' has labels up to 19, the model in \(run) has 10 outputs; "
            + "evaluate it on data with at most 10 classes\n")
    }

    func testEarlyStoppingsRestoredWeightsAreTheSavedOnesAndTheConfusionMatrixAgrees() throws {
        let results = TemporaryDirectory("runner-results")
        let r = try RunnerProcess.run(["experiments/mnist-early-stopping.yaml", "-q", "--set", "model.layers[0].dense=8",
                                       "--set", "fit.epochs=5", "--set", "fit.early_stopping.patience=1",
                                       "--set", "compile.optimizer.learning_rate=0.3", "--results", results.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let run = results.path + "/mnist-early-stopping/latest"
        let metrics = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: run + "/metrics.json"))) as! [String: Any]
        // The validation split's loss rises after epoch 1, so training stops after epoch 2 and epoch 1 is restored
        // (at 0.3: the pool engine's bits, which at 0.05 kept improving until epoch 4).
        XCTAssertEqual(metrics["stopped_epoch"] as? Int, 2, "the setting no longer stops early: \(metrics)")
        XCTAssertEqual(metrics["restored_epoch"] as? Int, 1, "the setting no longer restores an earlier epoch: \(metrics)")
        let recorded = metrics["test"] as! [String: Double]
        let json = try RunnerProcess.run(["evaluate", run, "--format", "json"])
        XCTAssertEqual(Self.evaluatedText(json.stdout), try Self.recordedTestText(run))
        let matrix = metrics["confusion_matrix"] as! [[Int]]
        XCTAssertEqual(matrix.map { $0.reduce(0, +) }, [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], "MNIST's test labels per class")
        XCTAssertEqual(Double((0..<10).map { matrix[$0][$0] }.reduce(0, +)) / 10000, recorded["accuracy"]!, accuracy: 1e-12)
        let perClass = metrics["per_class_accuracy"] as! [Double]
        for c in 0..<10 { XCTAssertEqual(perClass[c], Double(matrix[c][c]) / Double(matrix[c].reduce(0, +)), accuracy: 1e-15) }
    }

    func testOtherDataOfAnotherShapeIsRefused() throws {
        let results = TemporaryDirectory("runner-results")
        let run = try Self.train(results)
        let same = try RunnerProcess.run(["evaluate", run, "--data", "mnist", "--format", "json"])
        XCTAssertEqual(same.stdout, try RunnerProcess.run(["evaluate", run, "--format", "json"]).stdout)
        let folder = TemporaryDirectory("runner-idx")
        let count = 10
        for split in ["train", "t10k"] {
            folder.write("\(split)-images-idx3-ubyte", TinyIDXDataset.idx([count, 10, 10], Array(repeating: 7, count: count * 100)))
            folder.write("\(split)-labels-idx1-ubyte", TinyIDXDataset.idx([count], (0..<count).map { UInt8($0) }))
        }
        let r = try RunnerProcess.run(["evaluate", run, "--data", folder.path])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "error: '\(folder.path)' has 100 features per sample, the model in \(run) takes 784; evaluate it on data of the same shape\n")
    }

    func testAFolderWithoutAModelSaysWhichRunsHaveOne() throws {
        let results = TemporaryDirectory("runner-results")
        let run = try Self.train(results)
        try FileManager.default.removeItem(atPath: run + "/model.safetensors")
        let r = try RunnerProcess.run(["evaluate", run])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "\(run)/model.safetensors: error: no such file; only a completed run has its model "
            + "(run the experiment to completion, or again with --force if it completed before models were saved)\n")
        let notARun = TemporaryDirectory()
        let n = try RunnerProcess.run(["evaluate", notARun.path])
        XCTAssertEqual(n.status, 2)
        XCTAssertEqual(n.stderr, "error: '\(notARun.path)' is not a run folder (it has no resolved.json); run folders are results/<name>/<run-id>/\n")
    }

    func testAModelFromAnotherRunOrADamagedOneIsRefused() throws {
        let results = TemporaryDirectory("runner-results")
        let a = try Self.train(results), b = try Self.train(results, ["--set", "model.layers[0].dense=16"])
        try FileManager.default.removeItem(atPath: b + "/model.safetensors")
        try FileManager.default.copyItem(atPath: a + "/model.safetensors", toPath: b + "/model.safetensors")
        func sha256(_ path: String) throws -> String { String(try Shell.run(["sha256sum", path]).output.prefix(64)) }
        let r = try RunnerProcess.run(["evaluate", b])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "\(b)/model.safetensors: error: does not fit the run's model: it was not trained from \(b)/resolved.json "
            + "(its resolved_sha256 is '\(try sha256(a + "/resolved.json"))', not '\(try sha256(b + "/resolved.json"))'); "
            + "run the experiment again with --force to write it again\n")

        let model = try Data(contentsOf: URL(fileURLWithPath: a + "/model.safetensors"))
        try model.prefix(model.count - 4).write(to: URL(fileURLWithPath: a + "/model.safetensors"))
        let t = try RunnerProcess.run(["predict", a, "--input", "data/mnist/t10k-images-idx3-ubyte.gz"])
        XCTAssertEqual(t.status, 2)
        XCTAssertEqual(t.stdout, "")
        XCTAssertEqual(t.stderr, "\(a)/model.safetensors: error: not a safetensors file this runner can read: tensor 'dense_1.kernel' "
            + "has data_offsets outside the \(model.count - 4 - 8 - Int(model[0]) - 256 * Int(model[1]))-byte data; "
            + "run the experiment again with --force to write it again\n")
    }
}
