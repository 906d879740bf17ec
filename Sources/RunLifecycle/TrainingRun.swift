import Datasets
import Foundation
import NeuralNetwork
import RunStore
import Training

/// One experiment trained into its run folder: skipped when that exact run already completed, locked so
/// two processes never train it at once, recorded and checkpointed epoch by epoch whatever way it ends, and
/// resumed from its checkpoint when an earlier attempt stopped (unless `force`).
public struct TrainingRun {
    public var compiled: CompiledExperiment
    public var resultsRoot: String
    public var overrides: [String]
    public var force = false
    public var quiet = false

    public init(compiled: CompiledExperiment, resultsRoot: String, overrides: [String], force: Bool = false, quiet: Bool = false) {
        self.compiled = compiled
        self.resultsRoot = resultsRoot
        self.overrides = overrides
        self.force = force
        self.quiet = quiet
    }

    /// Where the run's files are.
    public enum Outcome: Equatable {
        case trained(folder: String)
        case skipped(folder: String)
    }

    public func execute() throws(RunnerFailure) -> Outcome {
        let experiment = compiled.experiment
        let resolved = experiment.resolvedJSONText
        let place = RunFolder(root: resultsRoot, name: experiment.name, id: RunID(resolvedJSON: resolved, overrides: overrides))
        // Checked before loading any data, so a rerun sweep passes over finished runs in milliseconds.
        let dataDigest = DataDigest.of(experiment)
        if !force, let folder = place.completedFolder(resolvedJSON: resolved, dataDigest: dataDigest) { return skipped(folder) }
        let prepared = try PreparedRun(experiment)
        let lock = try written { () throws(ResultsWriteError) in try place.openLock() }
        if !lock.tryLock() {
            say("Waiting: another runner is training this run (\(place.experimentFolder)/\(place.id))\n")
            try written { () throws(ResultsWriteError) in try lock.lock() }
        }
        // Checked again under the lock: the runner we waited for has finished this very run.
        if !force, let folder = place.completedFolder(resolvedJSON: resolved, dataDigest: dataDigest) { return skipped(folder) }
        let folder = try written { () throws(ResultsWriteError) in try place.prepareFolder() }
        let identity = CheckpointIdentity(resolvedSHA256: SHA256Digest.hex(Array(resolved.utf8)), dataDigest: dataDigest)
        let resumed = force ? nil : resume(folder: folder, trainer: prepared.trainer, identity: identity)
        var record = RunRecord(
            name: experiment.name, runID: String(folder.split(separator: "/").last ?? ""),
            command: CommandLine.arguments, overrides: overrides, threads: BLAS.threadCount, versions: RunnerVersion.all,
            dataDigest: dataDigest)
        record.git = compiled.sourcePath.flatMap(SourceRevision.of(file:))
        if let resumed {
            // Read before `start` replaces run.json: the finished epochs keep their times.
            record.resumedAfterEpoch = resumed.epoch
            let earlier = RunRecord.recordedSeconds(inFolder: folder)
            record.epochSeconds = Array(earlier.epochs.prefix(resumed.epoch))
            record.checkpointSeconds = Array(earlier.checkpoints.prefix(resumed.epoch))
        }
        let writer = RunWriter(folder: folder, record: record)
        try written { () throws(ResultsWriteError) in
            try writer.start(source: compiled.sourceBytes, resolvedJSON: resolved, preprocessing: prepared.preprocessing,
                             resuming: resumed?.history)
        }
        if let resumed { say(Self.resuming(folder, resumed, epochs: experiment.fit.epochs)) }
        try train(prepared, into: writer, identity: identity)
        // `latest` names the last run that completed, so `runner evaluate results/<name>/latest` works after
        // a later run was interrupted, diverged or failed (train throws before this line).
        do { try place.markLatest(folder) } catch { StandardError.write("warning: \(error)") }
        return .trained(folder: folder)
    }

    func failed(_ writer: RunWriter, _ failure: ResultsWriteError) throws(RunnerFailure) -> Never {
        writer.finishFailed(failure.description)
        throw .runFailed(failure.description)
    }

    private func skipped(_ folder: String) -> Outcome {
        say("Already completed: \(folder) (--force trains it again)\n")
        return .skipped(folder: folder)
    }

    func say(_ text: String) { if !quiet { ProgressPrinter.standardOutput(text) } }

    /// A results file that cannot be written fails the run (status 1) with the reason and the fix.
    func written<T>(_ body: () throws(ResultsWriteError) -> T) throws(RunnerFailure) -> T {
        do { return try body() } catch { throw .runFailed(error.description) }
    }
}
