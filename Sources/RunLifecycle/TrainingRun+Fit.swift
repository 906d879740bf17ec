import Datasets
import Foundation
import NeuralNetwork
import RunStore
import Training

extension TrainingRun {
    /// Fits `prepared` into `writer`'s folder (checkpointing every epoch), then evaluates, saves the model and
    /// the predictions and records the end; every way it stops is recorded and becomes a `RunnerFailure`.
    func train(_ prepared: PreparedRun, into writer: RunWriter, identity: CheckpointIdentity) throws(RunnerFailure) {
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
}
