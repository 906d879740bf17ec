import Foundation
import Sweeps

/// A compiled sweep handed to Slurm as a job array: the sbatch script written (and submitted with `submit`);
/// the runs themselves happen on the cluster.
public struct SlurmSubmission {
    /// `#SBATCH` options, as `SlurmScript.option` parses them.
    public var options: [(key: String, value: String)]
    public var results: String?
    /// Where to write the script; nil for RESULTS/NAME/slurm/sweep-TIME.sbatch.
    public var script: String?
    public var submit: Bool

    public init(options: [(key: String, value: String)], results: String?, script: String?, submit: Bool) {
        self.options = options
        self.results = results
        self.script = script
        self.submit = submit
    }

    /// Writes the script (and submits it); returns the lines to print.
    public func write(_ plan: SweepPlan, commands: [[String]]) throws(RunnerFailure) -> [String] {
        var printed: [String] = []
        let cwd = FileManager.default.currentDirectoryPath
        let name = plan.runs.first?.experiment.name ?? "sweep"
        let resultsRoot = absolute(results ?? "results", from: cwd)
        let logFolder = resultsRoot + "/" + name + "/slurm"
        let program = try LocalSweep.executablePath()
        let sbatchScript = SlurmScript(
            commands: commands.map { [program] + $0 },  // not --quiet: a task log gets one line per epoch
            options: options,
            jobName: "sweep-\(name)", workingDirectory: cwd, logFolder: logFolder)
        let path = script ?? logFolder + "/sweep-\(Self.timestamp()).sbatch"
        do {
            // Slurm does not create the folder of --output: without it every task fails before it starts.
            try FileManager.default.createDirectory(atPath: logFolder, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: (absolute(path, from: cwd) as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data(sbatchScript.text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw .runFailed("cannot write the Slurm script '\(path)': \(error.localizedDescription)")
        }
        var line = "Sweep of \(name): \(plan.runs.count) runs compiled; Slurm script \(path) (array 0-\(plan.runs.count - 1))"
        if plan.duplicates > 0 { line += "; \(plan.duplicates) more points repeat an experiment and run once" }
        printed.append(line)
        guard submit else {
            printed.append("Submit it with: sbatch \(ShellWords.quoted(path))")
            return printed
        }
        let job = try Self.sbatch(path)
        printed.append("Submitted job array \(job) (\(plan.runs.count) tasks); logs in \(logFolder)/\(job)_<task>.out")
        printed.append("Follow it with: squeue -j \(job)   When it is done: runner compare \(ShellWords.quoted(resultsRoot + "/" + name))")
        return printed
    }

    /// Calls `sbatch --parsable SCRIPT` and returns the job id it prints.
    static func sbatch(_ script: String) throws(RunnerFailure) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sbatch", "--parsable", script]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw .runFailed("cannot start sbatch: \(error.localizedDescription)")
        }
        // sbatch prints a line or two: reading before waiting cannot fill a pipe.
        let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let reason = err.trimmingCharacters(in: .whitespacesAndNewlines)
            if process.terminationStatus == 127 {
                throw .runFailed("sbatch was not found: is this a Slurm login node? The script is written: \(script)")
            }
            throw .runFailed("sbatch refused the script \(script): \(reason.isEmpty ? "exit status \(process.terminationStatus)" : reason)")
        }
        // --parsable prints "JOBID" or "JOBID;CLUSTER".
        return String(out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").first ?? "")
    }

    private func absolute(_ path: String, from cwd: String) -> String {
        path.hasPrefix("/") ? path : cwd + "/" + path
    }

    private static func timestamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date())
    }
}
