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

    private func train(_ prepared: PreparedRun, into writer: RunWriter, identity: CheckpointIdentity) throws(RunnerFailure) {
        let (sources, trainer) = (prepared.sources, prepared.trainer)
        let fit = compiled.experiment.fit
        let printer = quiet ? nil : ProgressPrinter(live: isatty(STDOUT_FILENO) != 0, columns: ProgressPrinter.terminalColumns())
        let signals = InterruptSignals(onSignal: trainer.stopRequest)
        let fault = FaultInjection.fromEnvironment
        let history: History
        do {
            history = try trainer.fit(sources.train, validation: sources.validation, epochs: fit.epochs,
                                      shuffle: fit.shuffle, seed: compiled.experiment.seed) { event in
                printer?.observe(event)
                writer.observe(event) { identity.checkpoint(of: trainer.fitState()) }
                if case .epochFinished(let epoch, _, _) = event, writer.failure == nil {
                    fault?.checkpointWritten(epoch: epoch, signals: signals)
                }
                if writer.failure != nil { trainer.stop() }
                fault?.observe(event, signals: signals)
            }
        } catch {
            // The message that follows goes to stderr: it must not continue the bar's line.
            printer?.endLine()
            if let failure = writer.failure { try failed(writer, failure) }
            switch error {
            case let .diverged(epoch, step, loss):
                let message = "the loss became \(loss) at epoch \(epoch), step \(step): training diverged; "
                    + "try a lower compile.optimizer.learning_rate"
                let layer = trainer.divergence.map { "; \($0)" } ?? ""
                try written { () throws(ResultsWriteError) in try writer.finish(.diverged, history: trainer.history, test: nil, error: message + layer) }
                // Resuming would only diverge again, bit for bit.
                removeCheckpoint(writer)
                throw .runFailed(message + " (results so far: \(writer.folder))" + layer)
            case .interrupted:
                try written { () throws(ResultsWriteError) in try writer.finish(.interrupted, history: trainer.history, test: nil) }
                let kept = trainer.history.epochs.count
                throw .interrupted(signal: signals.received ?? SIGINT, detail: "\(kept) finished epoch\(kept == 1 ? "" : "s") kept in "
                    + "\(writer.folder); run the same command again to "
                    + (kept == 0 ? "train it from the start" : "resume it at epoch \(kept + 1)"))
            }
        }
        // With `validation: test` the final weights' epoch (the last, or the one early stopping restored)
        // already evaluated the test set.
        let test = fit.validation == .test && history.final != nil
            ? history.final!.unprefixed("val_") : trainer.evaluate(sources.test)
        let predictions = testPredictions(trainer, sources.test)
        let confusion = predictions.map { ConfusionMatrix($0, width: trainer.model.outputWidth) }
        // Only a completed run keeps its model: a diverged one's weights are not finite, an interrupted one's
        // stopped mid-epoch and match no figure on record. Written before the status says `completed`, so a
        // completed run always has it; `RunWriter.start` removes an earlier attempt's.
        let model = SavedModel.file(of: trainer.model, resolvedJSON: compiled.experiment.resolvedJSONText)
        do {
            try writer.writeModel(model, beforeRename: fault?.duringModelWrite(signals: signals))
            if let predictions { try writer.writePredictions(predictions) }
        } catch {
            try failed(writer, error)
        }
        try written { () throws(ResultsWriteError) in try writer.finish(.completed, history: history, test: test, confusion: confusion) }
        removeCheckpoint(writer)
        say(ProgressPrinter.summary(test: test, history: history,
                                    columns: isatty(STDOUT_FILENO) != 0 ? ProgressPrinter.terminalColumns() : nil))
        say("Results: \(writer.folder)\n")
    }

    /// The test set's predicted classes under the final weights (one `predict`, for the predictions file and
    /// the confusion matrix), for a classification run (a categorical cross-entropy over two or more outputs);
    /// nil otherwise.
    private func testPredictions(_ trainer: Trainer, _ test: BatchSource) -> TestPredictions? {
        let kind = compiled.experiment.compile.loss.kind
        guard kind == .sparseCategoricalCrossentropy || kind == .categoricalCrossentropy, trainer.model.outputWidth >= 2
        else { return nil }
        let labels = (0..<test.count).map { Int(test.split.label($0)) }
        return TestPredictions(outputs: trainer.predict(test), width: trainer.model.outputWidth, labels: labels)
    }

    private func failed(_ writer: RunWriter, _ failure: ResultsWriteError) throws(RunnerFailure) -> Never {
        writer.finishFailed(failure.description)
        throw .runFailed(failure.description)
    }

    private func skipped(_ folder: String) -> Outcome {
        say("Already completed: \(folder) (--force trains it again)\n")
        return .skipped(folder: folder)
    }

    private func say(_ text: String) { if !quiet { ProgressPrinter.standardOutput(text) } }

    /// A results file that cannot be written fails the run (status 1) with the reason and the fix.
    private func written<T>(_ body: () throws(ResultsWriteError) -> T) throws(RunnerFailure) -> T {
        do { return try body() } catch { throw .runFailed(error.description) }
    }
}
