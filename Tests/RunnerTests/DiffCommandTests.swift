import Foundation
import TestSupport
import XCTest

/// `runner diff RUN_A RUN_B` on run folders written in the agreed format.
final class DiffCommandTests: XCTestCase {
    private let a = "results/mnist-dense/5e6f7a8b", b = "results/mnist-dense/lr=0.01,units=256-1a2b3c4d"

    private func twoRuns(bStatus: String = "completed") -> TemporaryDirectory {
        let root = TemporaryDirectory()
        let results = root.url.appendingPathComponent("results")
        RunFolderFixture(runID: "5e6f7a8b").write(under: results)
        var b = RunFolderFixture(runID: "lr=0.01,units=256-1a2b3c4d")
        (b.learningRate, b.units, b.status) = (0.01, 256, bStatus)
        b.epochs = [[0.88, 0.45, 0.93, 0.25], [0.94, 0.2, 0.92, 0.27], [0.95, 0.18, 0.93, 0.26]]
        (b.plannedEpochs, b.test) = (3, (0.93, 0.26))
        b.write(under: results)
        return root
    }

    func testConfigurationMetricsAndHistory() throws {
        let root = twoRuns()
        let r = try RunnerProcess.run(["diff", a, b, "--history"], in: root.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdout, """
            A: results/mnist-dense/5e6f7a8b (completed)
            B: results/mnist-dense/lr=0.01,units=256-1a2b3c4d (completed)

            Configuration:
              compile.optimizer.learning_rate: 0.001 -> 0.01
              fit.epochs: 2 -> 3
              model.layers[0].dense.units: 512 -> 256

            Metrics:
            metric                      A       B   change
            best_epoch.epoch            2       1       -1
            best_epoch.value       0.1100  0.2500  +0.1400
            epochs                      2       3       +1
            gap.accuracy (points)    0.50    2.00    +1.50
            test.accuracy          0.9550  0.9300  -0.0250
            test.loss              0.1400  0.2600  +0.1200
            train.accuracy         0.9600  0.9500  -0.0100
            train.loss             0.1300  0.1800  +0.0500

            History:
            epoch  accuracy (A)  accuracy (B)  loss (A)  loss (B)  val_accuracy (A)  val_accuracy (B)  val_loss (A)  val_loss (B)
                1        0.9000        0.8800    0.3500    0.4500            0.9400            0.9300        0.2000        0.2500
                2        0.9600        0.9400    0.1300    0.2000            0.9650            0.9200        0.1100        0.2700
                3             -        0.9500         -    0.1800                 -            0.9300             -        0.2600

            """)
    }

    func testInterruptedRunShowsNoTestFigures() throws {
        let root = twoRuns(bStatus: "interrupted")
        let r = try RunnerProcess.run(["diff", a, b, "--format", "csv"], in: root.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, """
            metric,a,b,change
            best_epoch.epoch,2,1,-1
            best_epoch.value,0.1100,0.2500,+0.1400
            epochs,2,3,+1
            gap.accuracy (points),0.50,,
            test.accuracy,0.9550,,
            test.loss,0.1400,,
            train.accuracy,0.9600,0.9500,-0.0100
            train.loss,0.1300,0.1800,+0.0500

            """)
    }

    func testIdenticalConfigurationsSaySo() throws {
        let root = twoRuns()
        let r = try RunnerProcess.run(["diff", a, a, "--format", "markdown"], in: root.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, """
            - A: `results/mnist-dense/5e6f7a8b` (completed)
            - B: `results/mnist-dense/5e6f7a8b` (completed)

            ## Configuration

            Identical.

            ## Metrics

            | metric                |      A |      B | change |
            | --------------------- | -----: | -----: | -----: |
            | best_epoch.epoch      |      2 |      2 |      0 |
            | best_epoch.value      | 0.1100 | 0.1100 | 0.0000 |
            | epochs                |      2 |      2 |      0 |
            | gap.accuracy (points) |   0.50 |   0.50 |   0.00 |
            | test.accuracy         | 0.9550 | 0.9550 | 0.0000 |
            | test.loss             | 0.1400 | 0.1400 | 0.0000 |
            | train.accuracy        | 0.9600 | 0.9600 | 0.0000 |
            | train.loss            | 0.1300 | 0.1300 | 0.0000 |

            """)
    }

    func testJSONCarriesTheChangesAsValues() throws {
        let root = twoRuns()
        let r = try RunnerProcess.run(["diff", a, b, "--format", "json"], in: root.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("""
            {
              "a": {
                "path": "results/mnist-dense/5e6f7a8b",
                "run_id": "5e6f7a8b",
                "status": "completed"
              },
            """), r.stdout)
        XCTAssertTrue(r.stdout.contains("""
                {
                  "a": 0.001,
                  "b": 0.01,
                  "path": "compile.optimizer.learning_rate"
                },
            """), r.stdout)
        XCTAssertTrue(r.stdout.contains("""
                {
                  "a": 0.955,
                  "b": 0.93,
                  "change": -0.025,
                  "metric": "test.accuracy"
                },
            """), r.stdout)
    }

    func testReadErrors() throws {
        let root = twoRuns()
        root.write("notes/readme.txt", "x")
        try Data("epoch,accuracy,loss,val_accuracy,val_loss\n0,0.9,0.35\n".utf8).write(to: root.url.appendingPathComponent("\(b)/history.csv"))
        let before = try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted()
        let cases: [([String], String)] = [
            (["diff", a, b], "\(b)/history.csv: error: line 2: 3 fields, but the header has 5; "
                + "the history is damaged: run the experiment again with --force to rewrite the run folder"),
            (["diff", a, "results/mnist-dense"], "results/mnist-dense: error: not a run folder (it has no resolved.json and run.json); "
                + "a run folder results/NAME/RUN_ID holds experiment.yaml, resolved.json, history.csv, history.json, metrics.json and run.json"),
            (["diff", "gone", a], "gone: error: no such file or folder; give a run folder (results/NAME/RUN_ID) or a folder holding run folders"),
        ]
        for (arguments, message) in cases {
            let r = try RunnerProcess.run(arguments, in: root.url)
            XCTAssertEqual(r.status, 2, "\(arguments)")
            XCTAssertEqual(r.stdout, "", "\(arguments)")
            XCTAssertEqual(r.stderr, message + "\n")
        }
        let r = try RunnerProcess.run(["diff", a], in: root.url)
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.hasPrefix("Error: Missing expected argument '<run-b>'\n"), r.stderr)
        XCTAssertEqual(try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted(), before)
    }
}
