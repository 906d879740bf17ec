import Foundation
import Sweeps

extension SweepCommand {
    /// Writes the sbatch script (and submits it with `--submit`); the runs themselves happen on the cluster.
    func writeSlurmScript(_ plan: SweepPlan, commands: [[String]]) throws {
        let cwd = FileManager.default.currentDirectoryPath
        let name = plan.runs.first?.experiment.name ?? "sweep"
        let resultsRoot = absolute(results ?? "results", from: cwd)
        let logFolder = resultsRoot + "/" + name + "/slurm"
        let program = try Self.executablePath()
        let script = SlurmScript(
            commands: commands.map { [program] + $0 + ["--quiet"] },
            options: slurmOptions.compactMap(SlurmScript.option),
            jobName: "sweep-\(name)", workingDirectory: cwd, logFolder: logFolder)
        let path = slurmScript ?? logFolder + "/sweep-\(Self.timestamp()).sbatch"
        do {
            // Slurm does not create the folder of --output: without it every task fails before it starts.
            try FileManager.default.createDirectory(atPath: logFolder, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: (absolute(path, from: cwd) as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data(script.text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw RunnerFailure.runFailed("cannot write the Slurm script '\(path)': \(error.localizedDescription)")
        }
        var line = "Sweep of \(name): \(plan.runs.count) runs compiled; Slurm script \(path) (array 0-\(plan.runs.count - 1))"
        if plan.duplicates > 0 { line += "; \(plan.duplicates) more points repeat an experiment and run once" }
        print(line)
        guard submit else {
            print("Submit it with: sbatch \(ShellWords.quoted(path))")
            return
        }
        let job = try Self.sbatch(path)
        print("Submitted job array \(job) (\(plan.runs.count) tasks); logs in \(logFolder)/\(job)_<task>.out")
        print("Follow it with: squeue -j \(job)   When it is done: runner compare \(ShellWords.quoted(resultsRoot + "/" + name))")
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
