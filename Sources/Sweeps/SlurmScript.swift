/// An sbatch script running a sweep as one Slurm job array: array task `i` runs the sweep's run `i`.
///
/// Slurm starts every task with the same script and tells it its index in `SLURM_ARRAY_TASK_ID`
/// (https://slurm.schedmd.com/job_array.html); the script picks that task's command with `case`.
/// Each task gets `OPENBLAS_NUM_THREADS` from the CPUs Slurm gave it (`--cpus-per-task`, default 1),
/// so a task never runs more BLAS threads than it has cores.
public struct SlurmScript: Sendable {
    /// Each run's full command line, its program first.
    public var commands: [[String]]
    /// `KEY=VALUE` pairs from `--slurm-opt`, written as `#SBATCH --KEY=VALUE` in the order given.
    public var options: [(key: String, value: String)]
    public var jobName: String
    /// Where tasks start (`--chdir`): relative paths in the commands are read from here.
    public var workingDirectory: String
    /// Each task's stdout and stderr go to `<logFolder>/<job id>_<task index>.out`.
    public var logFolder: String

    public init(commands: [[String]], options: [(key: String, value: String)], jobName: String,
                workingDirectory: String, logFolder: String) {
        self.commands = commands
        self.options = options
        self.jobName = jobName
        self.workingDirectory = workingDirectory
        self.logFolder = logFolder
    }

    /// Options `--slurm-opt` takes as KEY=VALUE: a name of letters, digits and '-'; the value on one line.
    public static func option(_ argument: String) -> (key: String, value: String)? {
        guard let eq = argument.firstIndex(of: "="), eq != argument.startIndex else { return nil }
        var key = String(argument[..<eq])
        if key.hasPrefix("--") { key.removeFirst(2) }
        let value = String(argument[argument.index(after: eq)...])
        guard !key.isEmpty, key.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }),
              !value.contains("\n") else { return nil }
        return (key, value)
    }

    /// The script's text. `--slurm-opt` settings for job-name, array, output or chdir replace the defaults.
    public var text: String {
        let given = Set(options.map(\.key))
        var lines = ["#!/bin/bash"]
        let defaults: [(String, String)] = [
            ("job-name", jobName),
            ("array", commands.isEmpty ? "0-0" : "0-\(commands.count - 1)"),
            ("output", "\(logFolder)/%A_%a.out"),
            ("chdir", workingDirectory),
        ]
        for (key, value) in defaults where !given.contains(key) { lines.append("#SBATCH --\(key)=\(value)") }
        for (key, value) in options { lines.append("#SBATCH --\(key)=\(value)") }
        lines += [
            "# Written by runner sweep: one array task per run; resubmitting runs only the runs not yet completed.",
            "set -eu",
            "export OPENBLAS_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"",
            "case \"${SLURM_ARRAY_TASK_ID:?run this script with sbatch}\" in",
        ]
        for (i, command) in commands.enumerated() {
            lines.append("  \(i)) exec \(ShellWords.line(command)) ;;")
        }
        lines += [
            "  *) echo \"no run for array task $SLURM_ARRAY_TASK_ID (this sweep has \(commands.count))\" >&2; exit 2 ;;",
            "esac",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
