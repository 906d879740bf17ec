import ExperimentCompiler
import Foundation
import NeuralNetwork
import Training

/// Keeps a run folder up to date as training goes: the experiment before the first epoch, both history
/// files, `run.json` and the checkpoint after every epoch, `metrics.json`, the model (completed runs) and the
/// final status at the end.
///
/// Every file is replaced atomically, so a run stopped at any instant (Ctrl-C, SIGKILL, a full disk) leaves
/// each file either as it was after the last finished epoch or as it is now, never torn.
public final class RunWriter {
    public let folder: String
    public private(set) var record: RunRecord
    /// The first write that failed while observing events (they cannot throw); training should stop.
    public private(set) var failure: ResultsWriteError?

    public init(folder: String, record: RunRecord) {
        self.folder = folder
        self.record = record
    }

    /// Files left by an earlier attempt that this one will write again; removed first so none is stale.
    static let perAttemptFiles = [HistoryFiles.csvName, HistoryFiles.jsonName, MetricsFile.name, modelName, PreprocessingFile.name,
                                 TestPredictions.fileName]

    /// The trained weights of a completed run, in the safetensors format.
    public static let modelName = "model.safetensors"

    /// Writes the experiment as given, the resolved experiment, what inference will need of the training data
    /// (when there is any) and a `running` record. An attempt from the start removes the checkpoint too; one
    /// that resumes writes the history files of the checkpoint's `history` at once, so the folder agrees with
    /// it. Temporary files a killed process left are removed (the caller holds the run's lock).
    public func start(source: [UInt8], resolvedJSON: String,
                      preprocessing: PreprocessingFile = PreprocessingFile(standardization: nil, classNames: nil),
                      resuming history: History? = nil)
        throws(ResultsWriteError)
    {
        let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter(AtomicFile.isTemporaryName)
        for name in Self.perAttemptFiles + (history == nil ? [Checkpoint.fileName] : []) + leftovers
        where unlink(path(name)) != 0 && errno != ENOENT {
            throw .system(path(name), "remove")
        }
        if let history {
            try AtomicFile.write(HistoryFiles.csv(history), to: path(HistoryFiles.csvName))
            try AtomicFile.write(HistoryFiles.json(history).canonicalText, to: path(HistoryFiles.jsonName))
        }
        try AtomicFile.write(source, to: path("experiment.yaml"))
        try AtomicFile.write(resolvedJSON, to: path("resolved.json"))
        if !preprocessing.isEmpty { try AtomicFile.write(preprocessing.json.canonicalText, to: path(PreprocessingFile.name)) }
        try writeRecord()
    }

    /// Records each finished epoch: the history files, then the checkpoint `checkpoint` builds (timed with its
    /// write, so run.json has the time), then run.json; a failed write is kept in `failure` for the caller to act on.
    public func observe(_ event: TrainingEvent, checkpoint: (() -> Checkpoint)? = nil) {
        guard failure == nil, case let .epochFinished(_, history, seconds) = event else { return }
        record.epochSeconds.append(seconds)
        do throws(ResultsWriteError) {
            try AtomicFile.write(HistoryFiles.csv(history), to: path(HistoryFiles.csvName))
            try AtomicFile.write(HistoryFiles.json(history).canonicalText, to: path(HistoryFiles.jsonName))
            if let checkpoint {
                let start = ContinuousClock.now
                try AtomicFile.write(checkpoint().file.encoded(), to: path(Checkpoint.fileName))
                record.checkpointSeconds.append(start.secondsSince)
            }
            try writeRecord()
        } catch {
            failure = error
        }
    }

    /// Removes the checkpoint of a run that completed or diverged, which nothing will resume.
    public func removeCheckpoint() throws(ResultsWriteError) {
        if unlink(path(Checkpoint.fileName)) != 0 && errno != ENOENT { throw .system(path(Checkpoint.fileName), "remove") }
    }

    /// Writes the trained weights; called before `finish(.completed, ...)`, so a run recorded completed has them.
    /// `beforeRename` is `AtomicFile.write`'s (fault tests).
    public func writeModel(_ model: SafeTensors, beforeRename: (() -> Void)? = nil) throws(ResultsWriteError) {
        try AtomicFile.write(model.encoded(), to: path(Self.modelName), beforeRename: beforeRename)
    }

    /// Writes the test set's predictions (`TestPredictions`); like the model, before `finish(.completed, ...)`.
    public func writePredictions(_ predictions: TestPredictions) throws(ResultsWriteError) {
        try AtomicFile.write(predictions.csv, to: path(TestPredictions.fileName))
    }

    /// Writes `metrics.json` from the trainer's `history` (test figures and the confusion matrix only for a
    /// completed run) and the final record.
    public func finish(_ status: RunStatus, history: History, test: Logs?, confusion: ConfusionMatrix? = nil,
                       error: String? = nil) throws(ResultsWriteError) {
        record.status = status
        record.error = error
        record.finishedAt = Date()
        let completed = status == .completed
        try AtomicFile.write(MetricsFile.json(history: history, test: completed ? test : nil,
                                              confusion: completed ? confusion : nil).canonicalText,
                             to: path(MetricsFile.name))
        try writeRecord()
    }

    /// Marks the run failed when its files cannot all be written; what can still be written, is.
    public func finishFailed(_ error: String) {
        record.status = .failed
        record.error = error
        record.finishedAt = Date()
        try? writeRecord()
    }

    private func writeRecord() throws(ResultsWriteError) {
        try AtomicFile.write(record.json.canonicalText, to: path(RunRecord.fileName))
    }

    private func path(_ name: String) -> String { folder + "/" + name }
}
