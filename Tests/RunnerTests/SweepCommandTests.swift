import Foundation
import TestSupport
import XCTest

/// `runner sweep` as a user calls it: what it prints, its exit status, and that a bad sweep runs nothing.
final class SweepCommandTests: XCTestCase {
    let experiment = """
        name: sweep-cli
        seed: 3
        data:
          dataset: DATASET
          preprocess: {flatten: true, scale: 255}
        model:
          layers:
            - {dense: 8, activation: linear}
            - {dense: 10, activation: softmax}
        compile:
          optimizer: sgd
          loss: sparse_categorical_crossentropy
          metrics: [accuracy]
        fit:
          epochs: 1
          batch_size: 32

        """

    /// A folder with `x.yaml` on `dataset` (a tiny IDX folder written beside it when `tiny`).
    func folder(tiny: Bool = false) -> TemporaryDirectory {
        let folder = TemporaryDirectory("runner-sweep")
        if tiny { writeTinyIDX(in: folder) }
        folder.write("x.yaml", experiment.replacingOccurrences(of: "DATASET", with: tiny ? "./tiny" : "mnist"))
        return folder
    }

    var program: String { RunnerProcess.executable()?.path ?? "runner" }

    func testDryRunPrintsOneCompleteCommandPerRunAndWritesNothing() throws {
        let folder = self.folder()
        let r = try RunnerProcess.run(["sweep", "x.yaml", "--set", "fit.epochs=2", "--grid", "compile.optimizer.learning_rate=0.1,0.01",
                                       "--grid", "model.layers[0].dense=16,32", "--dry-run"], in: folder.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdout, """
            \(program) x.yaml --set fit.epochs=2 --set compile.optimizer.learning_rate=0.1 --set 'model.layers[0].dense=16'
            \(program) x.yaml --set fit.epochs=2 --set compile.optimizer.learning_rate=0.1 --set 'model.layers[0].dense=32'
            \(program) x.yaml --set fit.epochs=2 --set compile.optimizer.learning_rate=0.01 --set 'model.layers[0].dense=16'
            \(program) x.yaml --set fit.epochs=2 --set compile.optimizer.learning_rate=0.01 --set 'model.layers[0].dense=32'

            """)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["x.yaml"])
    }

    /// `--seeds 3` runs every point with the file's seed (3) and the two after it, innermost; `--slurm` gets the
    /// same commands as array tasks.
    func testSeedsRunEveryPointWithTheExperimentsSeedAndTheOnesAfterItHereAndOnSlurm() throws {
        let folder = self.folder()
        let r = try RunnerProcess.run(["sweep", "x.yaml", "--grid", "fit.epochs=1,2", "--seeds", "3", "--dry-run"], in: folder.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, """
            \(program) x.yaml --set fit.epochs=1 --set seed=3
            \(program) x.yaml --set fit.epochs=1 --set seed=4
            \(program) x.yaml --set fit.epochs=1 --set seed=5
            \(program) x.yaml --set fit.epochs=2 --set seed=3
            \(program) x.yaml --set fit.epochs=2 --set seed=4
            \(program) x.yaml --set fit.epochs=2 --set seed=5

            """)
        let slurm = try RunnerProcess.run(["sweep", "x.yaml", "--seeds", "7,9", "--slurm", "--slurm-script", "s.sbatch"], in: folder.url)
        XCTAssertEqual(slurm.status, 0, slurm.stderr)
        XCTAssertTrue(slurm.stdout.hasPrefix("Sweep of sweep-cli: 2 runs compiled; Slurm script s.sbatch (array 0-1)\n"), slurm.stdout)
        let script = try String(contentsOfFile: folder.path + "/s.sbatch", encoding: .utf8)
        XCTAssertTrue(script.contains("x.yaml --set seed=7 ;;") && script.contains("x.yaml --set seed=9 ;;"), script)
        let bad = try RunnerProcess.run(["sweep", "x.yaml", "--seeds", "0"], in: folder.url)
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.stderr, "--seeds 0:1:9: error: --seeds must be at least 1, not 0\n")
    }

    func testBadSpecsExitWith2ListingEveryMistakeAndRunNothing() throws {
        let folder = self.folder(tiny: true)
        let r = try RunnerProcess.run(["sweep", "x.yaml", "--grid", "compile.optimizer.learnin_rate=0.1,0.01", "--grid", "fit.epochs=",
                                       "--random", "fit.batch_size=logunif(1,2)", "--trials", "0"], in: folder.url)
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertNil(diagnosticMismatch(expected: [
            "--grid fit.epochs=:1:19: error: the grid for 'fit.epochs' has no values; give one or more separated by commas, such as fit.epochs=1,2",
            "--random fit.batch_size=logunif(1,2):1:25: error: unknown distribution 'logunif'; did you mean 'loguniform'?",
            "--trials 0:1:10: error: --trials must be at least 1, not 0",
        ], actual: lines(r.stderr)))
        // With the spec itself right, every point is compiled before anything runs: the unknown path stops it.
        let unknown = try RunnerProcess.run(["sweep", "x.yaml", "--grid", "compile.optimizer.learnin_rate=0.1,0.01", "--grid", "fit.epochs=1,0"],
                                            in: folder.url)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.stdout, "")
        XCTAssertNil(diagnosticMismatch(expected: [
            "--grid compile.optimizer.learnin_rate=0.1,0.01:1:26: error: unknown key 'learnin_rate' in 'compile.optimizer'; did you mean 'learning_rate'?",
            "--grid fit.epochs=1,0:1:21: error: 'fit.epochs' must be between 1 and 2147483647, not 0",
        ], actual: lines(unknown.stderr)))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["tiny", "x.yaml"])
    }

    func testRandomSearchIsTheSameForTheSameSeed() throws {
        let folder = self.folder()
        func draws(_ seed: String) throws -> [String] {
            let r = try RunnerProcess.run(["sweep", "x.yaml", "--random", "compile.optimizer.learning_rate=loguniform(1e-4,1e-1)",
                                           "--trials", "5", "--seed", seed, "--dry-run"], in: folder.url)
            XCTAssertEqual(r.status, 0, r.stderr)
            return lines(r.stdout)
        }
        let first = try draws("11")
        XCTAssertEqual(first.count, 5)
        XCTAssertEqual(try draws("11"), first)
        XCTAssertNotEqual(try draws("12"), first)
        for line in first {
            let rate = Double(line.components(separatedBy: "learning_rate=").last!)!
            XCTAssertTrue((1e-4...1e-1).contains(rate), line)
        }
    }

    func testLocalSweepFinishesTheOtherRunsWhenOneDiverges() throws {
        let folder = self.folder(tiny: true)
        let r = try RunnerProcess.run(["sweep", "x.yaml", "--grid", "compile.optimizer.learning_rate=0.01,1.0e+30",
                                       "--grid", "fit.batch_size=16,32", "--jobs", "2"], in: folder.url)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        let out = lines(r.stdout)
        XCTAssertEqual(out.first, "Sweep of sweep-cli: 4 runs compiled; 4 to run, 2 at a time, 1 BLAS thread each.", r.stdout)
        XCTAssertEqual(out.filter { $0.contains("] done compile.optimizer.learning_rate=0.01,") }.count, 2, r.stdout)
        let failed = out.filter { $0.contains("] FAILED compile.optimizer.learning_rate=1.0e+30,") }
        XCTAssertEqual(failed.count, 2, r.stdout)
        XCTAssertTrue(failed.allSatisfy { $0.contains("(exit status 1): error: the loss became ") && $0.contains("try a lower compile.optimizer.learning_rate (results so far: results/sweep-cli/lr=1.0e+30,batch=") }, r.stdout)
        XCTAssertEqual(r.stderr, """
            error: 2 of 4 runs failed: compile.optimizer.learning_rate=1.0e+30,fit.batch_size=16; compile.optimizer.learning_rate=1.0e+30,fit.batch_size=32

            """)
    }

    /// The header comes first, then what is already completed; each start line has its own number.
    func testLocalSweepPrintsItsHeaderFirstAndNumbersEachStart() throws {
        let folder = self.folder(tiny: true)
        XCTAssertEqual(try RunnerProcess.run(["sweep", "x.yaml", "--grid", "fit.epochs=1"], in: folder.url).status, 0)
        let r = try RunnerProcess.run(["sweep", "x.yaml", "--grid", "fit.epochs=1,2,3", "--jobs", "1"], in: folder.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertEqual(r.stderr, "")
        let out = lines(r.stdout)
        XCTAssertGreaterThan(out.count, 6, r.stdout)
        XCTAssertEqual(out[0], "Sweep of sweep-cli: 3 runs compiled; 2 to run, 1 at a time, \(out[0].contains("2 BLAS threads") ? "2 BLAS threads" : "1 BLAS thread") each.", r.stdout)
        XCTAssertTrue(out[1].hasPrefix("[1/3] already completed fit.epochs=1: results/sweep-cli/epochs=1-"), r.stdout)
        XCTAssertEqual(out[2], "started fit.epochs=2 (run 2 of 3)", r.stdout)
        XCTAssertTrue(out[3].hasPrefix("[2/3] done fit.epochs=2 ("), r.stdout)
        XCTAssertEqual(out[4], "started fit.epochs=3 (run 3 of 3)", r.stdout)
        XCTAssertTrue(out[5].hasPrefix("[3/3] done fit.epochs=3 ("), r.stdout)
    }

    func testSlurmWritesAJobArrayScript() throws {
        let folder = self.folder()
        let r = try RunnerProcess.run(["sweep", "x.yaml", "--grid", "fit.epochs=1,2,3", "--slurm", "--slurm-opt", "partition=debug",
                                       "--slurm-script", "sweep.sbatch"], in: folder.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(lines(r.stdout), [
            "Sweep of sweep-cli: 3 runs compiled; Slurm script sweep.sbatch (array 0-2)",
            "Submit it with: sbatch sweep.sbatch",
        ])
        let script = try String(contentsOfFile: folder.path + "/sweep.sbatch", encoding: .utf8)
        XCTAssertTrue(script.contains("#SBATCH --array=0-2\n#SBATCH --output=\(folder.url.resolvingSymlinksInPath().path)/results/sweep-cli/slurm/%A_%a.out\n") ||
                      script.contains("#SBATCH --array=0-2\n#SBATCH --output=\(folder.path)/results/sweep-cli/slurm/%A_%a.out\n"), script)
        XCTAssertTrue(script.contains("#SBATCH --partition=debug\n"), script)
        // Not --quiet: a task's log (stdout is a file there) gets one line per epoch.
        XCTAssertTrue(script.contains("  2) exec \(program) x.yaml --set fit.epochs=3 ;;\n"), script)
        XCTAssertFalse(script.contains("--quiet"), script)
    }

    func testUsageMistakesExitWith2() throws {
        let folder = self.folder()
        let submit = try RunnerProcess.run(["sweep", "x.yaml", "--grid", "fit.epochs=1,2", "--submit"], in: folder.url)
        XCTAssertEqual(submit.status, 2)
        XCTAssertTrue(submit.stderr.contains("--submit, --slurm-opt and --slurm-script need --slurm"), submit.stderr)
        let nothing = try RunnerProcess.run(["sweep", "x.yaml"], in: folder.url)
        XCTAssertEqual(nothing.status, 2)
        XCTAssertEqual(nothing.stderr, "error: nothing to sweep: give --grid PATH=V1,V2,..., --random PATH=SPEC --trials N, --seeds N, or a 'sweep:' section in x.yaml\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["x.yaml"])
    }

    /// 200 training and 50 test images of 4x4 random pixels, labels 0-9, in `tiny/`: a run takes milliseconds.
    func writeTinyIDX(in folder: TemporaryDirectory) {
        var state: UInt64 = 12345
        func byte() -> UInt8 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        for (prefix, count) in [("train", 200), ("t10k", 50)] {
            folder.write("tiny/\(prefix)-images-idx3-ubyte", TinyIDXDataset.idx([count, 4, 4], (0..<count * 16).map { _ in byte() }))
            folder.write("tiny/\(prefix)-labels-idx1-ubyte", TinyIDXDataset.idx([count], (0..<count).map { _ in byte() % 10 }))
        }
    }
}

/// The `sweep:` section is checked with the rest of the file by every command that compiles it.
final class SweepSectionCheckTests: XCTestCase {
    func testCheckReportsMistakesInTheSweepSectionWithTheRest() throws {
        let folder = TemporaryDirectory()
        let seed = try String(contentsOf: RunnerProcess.packageRoot.appendingPathComponent("experiments/mnist-dense.yaml"), encoding: .utf8)
        folder.write("sweep.yaml", seed.replacingOccurrences(of: "epochs: 10", with: "epochs: 0")
            + "sweep:\n  grid:\n    compile.optimizer.learning_rate: []\n  trials: 0\n")
        let r = try RunnerProcess.run(["check", "sweep.yaml"], in: folder.url)
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, """
            sweep.yaml:24:11: error: 'fit.epochs' must be between 1 and 2147483647, not 0
            sweep.yaml:30:38: error: the grid for 'compile.optimizer.learning_rate' has no values; give one or more, such as [0.1, 0.01]
            sweep.yaml:31:11: error: 'sweep.trials' must be at least 1, not 0

            """)
    }
}
