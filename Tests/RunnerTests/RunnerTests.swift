import Foundation
import TestSupport
import XCTest

/// The built `runner` binary: exit statuses, which stream says what, no files written on a mistake.
final class RunnerTests: XCTestCase {
    func testCheckSeedExperiment() throws {
        let r = try RunnerProcess.run(["check", "experiments/mnist-dense.yaml"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        XCTAssertTrue(r.stdout.contains("Total params: 407,050 (1.55 MB)\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("\"learning_rate\": 0.001,"), r.stdout)
    }

    /// Keras' "Simple MNIST convnet": its summary's shapes and 34,826 parameters, plus the FLOPs column.
    func testCheckConvnetShowsKerasShapes() throws {
        let r = try RunnerProcess.run(["check", "experiments/mnist-convnet.yaml"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        XCTAssertTrue(r.stdout.hasPrefix("""
            Model: "mnist-convnet"
            ________________________________________________________________________________
             Layer (type)                      Output Shape            Param #   FLOPs
            ================================================================================
             input                             (None, 28, 28, 1)
             conv2d (Conv2D)                   (None, 26, 26, 32)      320       389,376
             max_pooling2d (MaxPooling2D)      (None, 13, 13, 32)      0         21,632
             conv2d_1 (Conv2D)                 (None, 11, 11, 64)      18,496    4,460,544
             max_pooling2d_1 (MaxPooling2D)    (None, 5, 5, 64)        0         6,400
             flatten (Flatten)                 (None, 1600)            0         0
             dropout (Dropout)                 (None, 1600)            0         0
             dense (Dense)                     (None, 10)              16,010    32,000
            ================================================================================
            Total params: 34,826 (136.04 KB)
            Trainable params: 34,826 (136.04 KB)
            Non-trainable params: 0 (0.00 B)
            FLOPs per example (forward): 4,909,952
            ________________________________________________________________________________

            """), r.stdout)
    }

    /// A shape mistake is a file:line:col error on stderr, status 2, before any data is read.
    func testCheckReportsAShapeMistake() throws {
        let folder = TemporaryDirectory()
        let text = try String(contentsOf: RunnerProcess.packageRoot.appendingPathComponent("experiments/mnist-convnet.yaml"), encoding: .utf8)
        folder.write("bad.yaml", text.replacingOccurrences(of: "    - flatten\n", with: ""))
        let r = try RunnerProcess.run(["check", "bad.yaml"], in: folder.url)
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "bad.yaml:23:7: error: 'model.layers[5].dense' gets images of (5, 5, 64) but a dense layer takes vectors; add '- flatten' before it\n")
    }

    func testCheckJSONPrintsOnlyTheResolvedExperiment() throws {
        let r = try RunnerProcess.run(["check", "experiments/mnist-dense.yaml", "--json", "--set", "fit.epochs=2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("{\n  \"compile\": {\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("    \"epochs\": 2,\n"), r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix("  \"seed\": 42\n}\n"), r.stdout)
    }

    func testEveryExampleExperimentPassesCheck() throws {
        let folder = RunnerProcess.packageRoot.appendingPathComponent("experiments")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertFalse(files.isEmpty)
        for file in files {
            let r = try RunnerProcess.run(["check", "experiments/\(file)"])
            XCTAssertEqual(r.status, 0, "\(file): \(r.stderr)")
            XCTAssertEqual(r.stderr, "", file)
        }
    }

    func testMistakesGoToStderrWithStatus2AndWriteNothing() throws {
        let folder = TemporaryDirectory()
        folder.write("bad.yaml", """
            name: bad
            data: {dataset: mnist}
            model:
              layers:
                - dense: 10
                  activation: rleu
            compile: {optimizer: adam, loss: sparse_categorical_crossentropy}

            """)
        let before = try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted()
        for arguments in [["check", "bad.yaml"], ["bad.yaml"], ["run", "bad.yaml"]] {
            let r = try RunnerProcess.run(arguments, in: folder.url)
            XCTAssertEqual(r.status, 2, "\(arguments)")
            XCTAssertEqual(r.stdout, "", "\(arguments)")
            XCTAssertNil(diagnosticMismatch(expected: [
                "bad.yaml:6:19: error: unknown activation 'rleu'; did you mean 'relu'?",
            ], actual: lines(r.stderr)))
        }
        XCTAssertEqual(try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted(), before)
    }

    func testOverrideMistakeNamesTheArgument() throws {
        let r = try RunnerProcess.run(["check", "experiments/mnist-dense.yaml", "--set", "fit.epochs=0", "--set", "fitt.x=1"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, """
            --set fit.epochs=0:1:18: error: 'fit.epochs' must be between 1 and 2147483647, not 0
            --set fitt.x=1:1:7: error: unknown top-level key 'fitt'; did you mean 'fit'?

            """)
    }

    func testMissingFile() throws {
        let folder = TemporaryDirectory()
        let r = try RunnerProcess.run(["check", "missing.yaml"], in: folder.url)
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "error: cannot read 'missing.yaml': No such file or directory\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    func testUsageErrorsExitWith2() throws {
        let r = try RunnerProcess.run(["check", "experiments/mnist-dense.yaml", "--bogus"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.hasPrefix("Error: Unknown option '--bogus'"), r.stderr)
    }

    func testRunTrainsWithOneProgressLinePerEpochWhenNotATerminal() throws {
        let results = TemporaryDirectory("runner-results")
        let r = try RunnerProcess.run(["experiments/mnist-dense.yaml", "--set", "fit.epochs=1", "--set", "model.layers[0].dense=16",
                                       "--results", results.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.count, 5, r.stdout)
        XCTAssertEqual(lines[0], "Epoch 1/1")
        XCTAssertTrue(lines[1].hasPrefix("235/235 [==============================] - "), lines[1])
        XCTAssertTrue(lines[1].contains("/step - loss: "), lines[1])
        XCTAssertTrue(lines[1].contains(" - accuracy: 0.") && lines[1].contains(" - val_loss: ") && lines[1].contains(" - val_accuracy: 0."), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("Test: loss: "), lines[2])
        XCTAssertTrue(lines[2].contains(" | train accuracy: 0.") && lines[2].hasSuffix(" points"), lines[2])
        XCTAssertEqual(lines[3], "Results: \(results.path)/mnist-dense/epochs=1,dense0=16-" + lines[3].suffix(8))
    }

    func testMNISTIsFoundFromOutsideTheCheckout() throws {
        let elsewhere = TemporaryDirectory("runner-elsewhere")
        let experiment = RunnerProcess.packageRoot.appendingPathComponent("experiments/mnist-dense.yaml").path
        let r = try RunnerProcess.run([experiment, "-q", "--set", "fit.epochs=1", "--set", "model.layers[0].dense=8"], in: elsewhere.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        // The default results root is relative to where the runner is started.
        XCTAssertTrue(FileManager.default.fileExists(atPath: elsewhere.url.appendingPathComponent("results/mnist-dense/latest/metrics.json").path))
    }

    func testQuietRunPrintsNothing() throws {
        let results = TemporaryDirectory("runner-results")
        let r = try RunnerProcess.run(["experiments/mnist-dense.yaml", "-q", "--set", "fit.epochs=1", "--set", "model.layers[0].dense=8",
                                       "--results", results.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "")
    }

    func testDivergedRunExitsWith1AndSaysWhatToDo() throws {
        let results = TemporaryDirectory("runner-results")
        let r = try RunnerProcess.run(["experiments/mnist-dense.yaml", "-q", "--set", "fit.epochs=1",
                                       "--set", "compile.optimizer={name: sgd, learning_rate: 1.0e+30}", "--results", results.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.hasPrefix("error: the loss became "), r.stderr)
        XCTAssertTrue(r.stderr.contains("training diverged; try a lower compile.optimizer.learning_rate (results so far: \(results.path)/mnist-dense/"), r.stderr)
        // `latest` names the last completed run, so a diverged one is found by listing.
        let folders = try FileManager.default.contentsOfDirectory(atPath: results.path + "/mnist-dense").filter { !$0.hasPrefix(".") }
        XCTAssertEqual(folders.count, 1, "\(folders): no latest link without a completed run")
        let run = try String(contentsOfFile: results.path + "/mnist-dense/\(folders.first ?? "")/run.json", encoding: .utf8)
        XCTAssertTrue(run.contains("\"status\": \"diverged\""), run)
    }

    func testMissingDatasetFolderExitsWith2NamingIt() throws {
        let results = TemporaryDirectory("runner-results")
        let r = try RunnerProcess.run(["experiments/mnist-dense.yaml", "--set", "data.dataset=./no/such/folder", "--results", results.path])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: results.path), [], "nothing is written")
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.contains("no/such/folder"), r.stderr)
    }

    func testHelpExplainsWithExamples() throws {
        let root = try RunnerProcess.run(["--help"])
        XCTAssertEqual(root.status, 0)
        XCTAssertEqual(root.stderr, "")
        XCTAssertTrue(root.stdout.contains("  runner check experiments/mnist-dense.yaml\n"), root.stdout)
        XCTAssertTrue(root.stdout.contains("  runner experiments/mnist-dense.yaml --set fit.epochs=2\n"), root.stdout)
        XCTAssertTrue(root.stdout.contains("run (default)"), root.stdout)
        let check = try RunnerProcess.run(["check", "--help"])
        XCTAssertEqual(check.status, 0)
        XCTAssertTrue(check.stdout.contains("  runner check experiments/mnist-dense.yaml --set model.layers[0].dense=256\n"), check.stdout)
        XCTAssertTrue(check.stdout.contains("--set <PATH=VALUE>"), check.stdout)
    }
}
