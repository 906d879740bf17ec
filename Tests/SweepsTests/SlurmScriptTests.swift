import Sweeps
import XCTest

/// The sbatch script: one array task per run, options passed through, commands quoted for sh.
final class SlurmScriptTests: XCTestCase {
    func testScriptRunsTaskIByCase() {
        let script = SlurmScript(
            commands: [["/opt/runner", "x.yaml", "--set", "model.layers[0].dense=16"], ["/opt/runner", "x.yaml", "--set", "name=it's"]],
            options: [(key: "partition", value: "cpu"), (key: "time", value: "00:10:00")],
            jobName: "sweep-x", workingDirectory: "/home/me/work", logFolder: "/home/me/work/results/x/slurm")
        XCTAssertEqual(script.text, """
            #!/bin/bash
            #SBATCH --job-name=sweep-x
            #SBATCH --array=0-1
            #SBATCH --output=/home/me/work/results/x/slurm/%A_%a.out
            #SBATCH --chdir=/home/me/work
            #SBATCH --partition=cpu
            #SBATCH --time=00:10:00
            # Written by runner sweep: one array task per run; resubmitting runs only the runs not yet completed.
            set -eu
            export OPENBLAS_NUM_THREADS="${SLURM_CPUS_PER_TASK:-1}"
            case "${SLURM_ARRAY_TASK_ID:?run this script with sbatch}" in
              0) exec /opt/runner x.yaml --set 'model.layers[0].dense=16' ;;
              1) exec /opt/runner x.yaml --set 'name=it'\\''s' ;;
              *) echo "no run for array task $SLURM_ARRAY_TASK_ID (this sweep has 2)" >&2; exit 2 ;;
            esac

            """)
    }

    func testGivenOptionsReplaceTheDefaults() {
        let script = SlurmScript(commands: [["r"]], options: [(key: "output", value: "/logs/%j.out")],
                                 jobName: "j", workingDirectory: "/w", logFolder: "/l")
        XCTAssertFalse(script.text.contains("/l/%A_%a.out"))
        XCTAssertTrue(script.text.contains("#SBATCH --output=/logs/%j.out\n"))
    }

    func testOptionArguments() {
        XCTAssertEqual(SlurmScript.option("cpus-per-task=2")?.key, "cpus-per-task")
        XCTAssertEqual(SlurmScript.option("--time=1:00:00")?.value, "1:00:00")
        XCTAssertNil(SlurmScript.option("partition"))
        XCTAssertNil(SlurmScript.option("=cpu"))
        XCTAssertNil(SlurmScript.option("bad key=1"))
    }

    func testShellQuoting() {
        XCTAssertEqual(ShellWords.line(["runner", "x.yaml", "--set", "fit.epochs=2"]), "runner x.yaml --set fit.epochs=2")
        XCTAssertEqual(ShellWords.quoted("compile.optimizer={name: sgd}"), "'compile.optimizer={name: sgd}'")
        XCTAssertEqual(ShellWords.quoted(""), "''")
        XCTAssertEqual(ShellWords.quoted("a'b"), "'a'\\''b'")
    }
}
