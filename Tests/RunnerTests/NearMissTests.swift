import Foundation
import TestSupport
import XCTest

/// What a new user types by mistake, answered with what they meant (issue 18): exact stderr, status 2.
final class NearMissTests: XCTestCase {
    func testHydraStyleOverrideSuggestsSet() throws {
        let r = try RunnerProcess.run(["experiments/mnist-dense.yaml", "fit.epochs=2"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "error: unexpected argument 'fit.epochs=2'; did you mean --set fit.epochs=2?\n")
        let two = try RunnerProcess.run(["check", "experiments/mnist-dense.yaml", "fit.epochs=2", "model.layers[0].dense=8"])
        XCTAssertEqual(two.status, 2)
        XCTAssertEqual(two.stderr, """
            error: unexpected argument 'fit.epochs=2'; did you mean --set fit.epochs=2?
            error: unexpected argument 'model.layers[0].dense=8'; did you mean --set model.layers[0].dense=8?

            """)
    }

    func testMisspeltCommandSuggestsTheCommand() throws {
        let r = try RunnerProcess.run(["chek", "experiments/mnist-dense.yaml"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "error: unknown command 'chek'; did you mean 'check'?\n")
    }

    func testVersion() throws {
        let r = try RunnerProcess.run(["--version"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdout, "0.4.0\n")
    }

    func testNegativeIndexWithASpaceSaysTheRange() throws {
        let r = try RunnerProcess.run(["data", "show", "mnist", "--index", "-1"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "error: index -1 is out of range: the train split of mnist has 60000 samples, give --index 0...59999\n")
        let large = try RunnerProcess.run(["data", "show", "mnist", "--index", "60000"])
        XCTAssertEqual(large.status, 2)
        XCTAssertEqual(large.stderr, "error: index 60000 is out of range: the train split of mnist has 60000 samples, give --index 0...59999\n")
    }

    /// `check` reads an IDX folder's headers, so a missing folder fails it at `dataset:`, once; before, check
    /// passed and the run failed with `error: PATH: error: ...`.
    func testCheckReportsAMissingIDXFolderAtItsLine() throws {
        let folder = TemporaryDirectory()
        folder.write("e.yaml", """
            name: e
            data:
              dataset: ./nowhere/
            model:
              layers:
                - dense: 10
                  activation: softmax
            compile: {optimizer: adam, loss: sparse_categorical_crossentropy}

            """)
        // The loader names the folder as it looked for it: from the current directory.
        let expected = "e.yaml:3:12: error: \(folder.path)/./nowhere/: dataset folder not found; give a folder holding train-images-idx3-ubyte, "
            + "train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each may be .gz)\n"
        for arguments in [["check", "e.yaml"], ["e.yaml"]] {
            let r = try RunnerProcess.run(arguments, in: folder.url)
            XCTAssertEqual(r.status, 2, "\(arguments)")
            XCTAssertEqual(r.stdout, "", "\(arguments)")
            XCTAssertEqual(r.stderr, expected, "\(arguments)")
        }
        folder.write("f.yaml", """
            name: f
            data:
              dataset: {idx_folder: ./empty}
            model:
              layers:
                - dense: 10
                  activation: softmax
            compile: {optimizer: adam, loss: sparse_categorical_crossentropy}

            """)
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let empty = try RunnerProcess.run(["check", "f.yaml"], in: folder.url)
        XCTAssertEqual(empty.status, 2)
        XCTAssertEqual(empty.stderr, "f.yaml:3:25: error: \(folder.path)/./empty: missing the training images file: none of train-images-idx3-ubyte, "
            + "train-images-idx3-ubyte.gz exists in this folder; put the IDX file there (plain or gzipped)\n")
    }

    /// A data error found while loading (here a truncated file, which the headers do not show) says `error:` once.
    func testDataErrorAtRunTimeSaysErrorOnce() throws {
        let tiny = TinyExperiment(epochs: 1)
        let labels = tiny.folder.url.appendingPathComponent("data/t10k-images-idx3-ubyte")
        let path = FileManager.default.fileExists(atPath: labels.path) ? labels : labels.appendingPathExtension("gz")
        var bytes = try Data(contentsOf: path)
        bytes.removeLast(3)
        try bytes.write(to: path)
        let results = TemporaryDirectory("runner-results")
        let r = try tiny.run([], results: results.path)
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix(tiny.folder.path + "/./data/t10k-images-idx3-ubyte: error: truncated IDX file"), r.stderr)
        XCTAssertEqual(r.stderr.components(separatedBy: "error:").count, 2, r.stderr)
    }

    /// `latest` names the last completed run: an interrupted later run leaves it where it was.
    func testLatestNamesTheLastCompletedRunNotAnInterruptedOne() throws {
        let tiny = TinyExperiment(epochs: 2)
        let results = TemporaryDirectory("runner-results")
        XCTAssertEqual(try tiny.run([], results: results.path).status, 0)
        let latest = results.path + "/tiny/latest"
        let completed = try FileManager.default.destinationOfSymbolicLink(atPath: latest)
        let interrupted = try tiny.run(["--set", "fit.epochs=3"], results: results.path, environment: ["RUNNER_TEST_SIGNAL": "INT@2"])
        XCTAssertEqual(interrupted.status, 130, interrupted.stderr)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: latest), completed)
        let evaluate = try RunnerProcess.run(["evaluate", latest], in: tiny.folder.url)
        XCTAssertEqual(evaluate.status, 0, evaluate.stderr)
        let finished = try tiny.run(["--set", "fit.epochs=3"], results: results.path)
        XCTAssertEqual(finished.status, 0, finished.stderr)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: latest), "epochs=3-" + (try FileManager.default.destinationOfSymbolicLink(atPath: latest)).suffix(8))
    }
}
