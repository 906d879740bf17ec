import Foundation
import TestSupport
import XCTest

/// `runner compare` on run folders written in the agreed format: whole outputs, streams, exit statuses.
final class CompareCommandTests: XCTestCase {
    /// Three learning rates, as the README's shell loop leaves them; the smallest was interrupted.
    private func threeRuns() -> TemporaryDirectory {
        let root = TemporaryDirectory()
        let results = root.url.appendingPathComponent("results")
        var a = RunFolderFixture(runID: "lr=0.01-1a2b3c4d")
        a.learningRate = 0.01
        a.epochs = [[0.88, 0.45, 0.93, 0.25], [0.94, 0.2, 0.92, 0.27]]
        a.test = (0.92, 0.27)
        a.write(under: results)
        RunFolderFixture(runID: "lr=0.001-5e6f7a8b").write(under: results)
        var c = RunFolderFixture(runID: "lr=0.0001-9c0d1e2f")
        (c.learningRate, c.status, c.epochs) = (0.0001, "interrupted", [[0.8, 0.7, 0.85, 0.6]])
        c.write(under: results)
        return root
    }

    func testTableShowsTheDifferingSettingAndNeverAnUnfinishedRunAsFinished() throws {
        let root = threeRuns()
        let r = try RunnerProcess.run(["compare"], in: root.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdout, """
            name         run                 learning_rate  epochs  train_accuracy  test_accuracy   gap  best_epoch  status
            mnist-dense  lr=0.0001-9c0d1e2f         0.0001     1/2          0.8000              -     -           1  interrupted
            mnist-dense  lr=0.001-5e6f7a8b           0.001       2          0.9600         0.9550  0.50           2  completed
            mnist-dense  lr=0.01-1a2b3c4d             0.01       2          0.9400         0.9200  2.00           1  completed

            """)
    }

    func testMarkdownSortedNumerically() throws {
        let root = threeRuns()
        let r = try RunnerProcess.run(["compare", "results/mnist-dense", "--format", "markdown", "--sort", "gap"], in: root.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, """
            | name        | run                | learning_rate | epochs | train_accuracy | test_accuracy |  gap | best_epoch | status      |
            | ----------- | ------------------ | ------------: | -----: | -------------: | ------------: | ---: | ---------: | ----------- |
            | mnist-dense | lr=0.001-5e6f7a8b  |         0.001 |      2 |         0.9600 |        0.9550 | 0.50 |          2 | completed   |
            | mnist-dense | lr=0.01-1a2b3c4d   |          0.01 |      2 |         0.9400 |        0.9200 | 2.00 |          1 | completed   |
            | mnist-dense | lr=0.0001-9c0d1e2f |        0.0001 |    1/2 |         0.8000 |             - |    - |          1 | interrupted |

            """)
    }

    func testCSVUsesFullKeyPathsAndEmptyFieldsForMissingValues() throws {
        let root = threeRuns()
        let r = try RunnerProcess.run(["compare", "--format", "csv", "--sort", "compile.optimizer.learning_rate"], in: root.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, """
            name,run,compile.optimizer.learning_rate,epochs,train_accuracy,test_accuracy,gap_points,best_epoch,status
            mnist-dense,lr=0.0001-9c0d1e2f,0.0001,1/2,0.8000,,,1,interrupted
            mnist-dense,lr=0.001-5e6f7a8b,0.001,2,0.9600,0.9550,0.50,2,completed
            mnist-dense,lr=0.01-1a2b3c4d,0.01,2,0.9400,0.9200,2.00,1,completed

            """)
    }

    func testJSONIsAnArrayOfObjects() throws {
        let root = threeRuns()
        let r = try RunnerProcess.run(["compare", "results/mnist-dense/lr=0.0001-9c0d1e2f", "--format", "json"], in: root.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, """
            [
              {
                "best_epoch": 1,
                "epochs": 1,
                "gap_points": null,
                "name": "mnist-dense",
                "run": "lr=0.0001-9c0d1e2f",
                "status": "interrupted",
                "test_accuracy": null,
                "train_accuracy": 0.8
              }
            ]

            """)
    }

    func testUnknownSortColumnListsTheColumns() throws {
        let root = threeRuns()
        let r = try RunnerProcess.run(["compare", "--sort", "accuracy"], in: root.url)
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "error: unknown column 'accuracy' for --sort; the columns are: name, run, learning_rate, epochs, "
                        + "train_accuracy, test_accuracy, gap, best_epoch, status\n")
    }

    func testUnknownFormat() throws {
        let root = threeRuns()
        let r = try RunnerProcess.run(["compare", "--format", "html"], in: root.url)
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.hasPrefix("Error: The value 'html' is invalid for '--format <format>'"), r.stderr)
    }

    func testReadErrorsNameThePathAndTouchNothing() throws {
        let root = threeRuns()
        root.write("notes/readme.txt", "x")
        try Data("epoch,accuracy,loss,val_accuracy,val_loss\n0,0.9,0.35,0.94,0.2\n1,0.96,abc,0.955,0.14\n".utf8)
            .write(to: root.url.appendingPathComponent("results/mnist-dense/lr=0.001-5e6f7a8b/history.csv"))
        let before = try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted()
        // A damaged run folder is named on stderr and left out; the rest prints, status 0.
        let damaged = try RunnerProcess.run(["compare", "results"], in: root.url)
        XCTAssertEqual(damaged.status, 0, damaged.stderr)
        XCTAssertEqual(damaged.stderr, "results/mnist-dense/lr=0.001-5e6f7a8b/history.csv: warning: line 3: 'abc' in column loss is not a number; "
            + "the history is damaged: run the experiment again with --force to rewrite the run folder (left out)\n")
        XCTAssertEqual(damaged.stdout, """
            name         run                 learning_rate  epochs  train_accuracy  test_accuracy   gap  best_epoch  status
            mnist-dense  lr=0.0001-9c0d1e2f         0.0001     1/2          0.8000              -     -           1  interrupted
            mnist-dense  lr=0.01-1a2b3c4d             0.01       2          0.9400         0.9200  2.00           1  completed

            """)
        let cases: [([String], String)] = [
            (["compare", "results/mnist-dense/lr=0.001-5e6f7a8b"], "results/mnist-dense/lr=0.001-5e6f7a8b/history.csv: warning: line 3: 'abc' in column loss is not a number; "
                + "the history is damaged: run the experiment again with --force to rewrite the run folder (left out)\nerror: no run folder could be read"),
            (["compare", "nowhere"], "nowhere: error: no such file or folder; give a run folder (results/NAME/RUN_ID) or a folder holding run folders"),
            (["compare", "notes"], "notes: error: no run folders found under this folder; run an experiment first (runner EXP.yaml), "
                + "or give the --results folder it wrote to"),
            (["compare", "notes/readme.txt"], "notes/readme.txt: error: not a run folder (it has no resolved.json and run.json); a run folder "
                + "results/NAME/RUN_ID holds experiment.yaml, resolved.json, history.csv, history.json, metrics.json and run.json"),
        ]
        for (arguments, message) in cases {
            let r = try RunnerProcess.run(arguments, in: root.url)
            XCTAssertEqual(r.status, 2, "\(arguments)")
            XCTAssertEqual(r.stdout, "", "\(arguments)")
            XCTAssertEqual(r.stderr, message + "\n")
        }
        XCTAssertEqual(try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted(), before)
    }
}

/// `--no-settings`: runs of different experiments, compared on their figures alone.
final class CompareWithoutSettingsTests: XCTestCase {
    func testNoSettingsLeavesOnlyTheFixedColumns() throws {
        let root = TemporaryDirectory()
        let results = root.url.appendingPathComponent("results")
        var a = RunFolderFixture(runID: "lr=0.01-1a2b3c4d")
        a.learningRate = 0.01
        a.write(under: results)
        RunFolderFixture(runID: "5e6f7a8b").write(under: results)
        let r = try RunnerProcess.run(["compare", "--no-settings", "--format", "csv"], in: root.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout.split(separator: "\n").first, "name,run,epochs,train_accuracy,test_accuracy,gap_points,best_epoch,status")
        let full = try RunnerProcess.run(["compare", "--format", "csv"], in: root.url)
        XCTAssertTrue(full.stdout.hasPrefix("name,run,compile.optimizer.learning_rate,"), full.stdout)
    }
}
