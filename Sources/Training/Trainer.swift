import Datasets
import ExperimentCompiler
import ModelKinds
import NeuralNetwork

/// Why a fit stopped before its last epoch.
public enum TrainingError: Error, Sendable {
    /// The loss of a batch was NaN or infinite; the trainer's `history` holds the epochs finished before it.
    case diverged(epoch: Int, step: Int, loss: Double)
    /// `stop()` was called (an interrupt); the trainer's `history` holds the finished epochs.
    case interrupted(epoch: Int)
}

/// Keras' `fit`, `evaluate` and `predict` over a `Sequential`, with buffers sized once for the batch size.
public final class Trainer {
    public let model: Sequential
    public let metrics: [Metric]
    public let batchSize: Int
    let session: TrainingSession
    private let featureCount: Int
    private let features: UnsafeMutablePointer<Float>
    private let labels: UnsafeMutablePointer<Int32>
    private let stopFlag = StopFlag()
    /// `fit.early_stopping`, applied by every `fit`; nil for none.
    public var earlyStopping: ExperimentCompiler.EarlyStopping?
    /// The last `fit`'s epochs (and its early stop and restore): the one history of a run, which the
    /// `.epochFinished` events hand to every observer.
    public private(set) var history = History()
    /// Where the last `fit` that diverged found the first non-finite values; nil until one does.
    public private(set) var divergence: Divergence?
    /// `fit.learning_rate_schedule`, starting from the optimizer's rate at the start of every `fit`; nil for none.
    public var learningRateSchedule: ExperimentCompiler.LearningRateSchedule?
    /// The running fit's callbacks (the last fit's after it ends), which `fitState()` reads.
    var callbacks: FitCallbacks?
    /// What `restore(_:epochs:)` left for the next fit to go on from.
    var resumed: (history: History, callbacks: CallbackState)?

    public init(
        model: Sequential, loss: Loss, optimizer: (any Optimizer)?, metrics: [Metric], batchSize: Int
    ) throws {
        self.model = model
        self.metrics = metrics
        self.batchSize = batchSize
        featureCount = model.inputWidth
        session = try TrainingSession(model: model, loss: loss, optimizer: optimizer, maxBatchSize: batchSize)
        // Aligned as every engine buffer is: the first product's operand then starts on a cache line whatever
        // malloc returns, so its bits do not depend on where the buffer happens to land.
        features = allocateFloats(batchSize * featureCount).baseAddress!
        labels = .allocate(capacity: batchSize)
    }

    deinit {
        features.deallocate()
        labels.deallocate()
    }

    /// Asks a running `fit` to stop after the current step; safe to call from a signal-handling thread.
    public func stop() { stopFlag.set() }

    /// `stop` as a value another thread may keep (a signal handler), without sharing the trainer itself.
    public var stopRequest: @Sendable () -> Void { { [stopFlag] in stopFlag.set() } }

    /// Trains for `epochs` epochs: a fresh seeded order every epoch (or the data's order when `shuffle` is
    /// off), the last partial batch kept, then a pass over `validation` if given; `learningRateSchedule` and
    /// `earlyStopping` act as Keras' callbacks do (see `FitCallbacks`). Early stopping ends with an
    /// `.earlyStopped` event, a restore of the best weights with `.restoredBestWeights`; both are also in the history.
    /// After `restore(_:epochs:)` the fit goes on after the state's last epoch (and only restores the best
    /// weights when early stopping had already ended it).
    public func fit(
        _ train: BatchSource, validation: BatchSource?, epochs: Int, shuffle: Bool, seed: UInt64,
        observe: (TrainingEvent) -> Void
    ) throws(TrainingError) -> History {
        var order = BatchOrder(count: train.count, batchSize: batchSize, shuffle: shuffle, seed: seed)
        let steps = order.batchCount
        divergence = nil
        guard let optimizer = session.optimizer else { preconditionFailure("an inference trainer (no optimizer) cannot fit") }
        var callbacks: FitCallbacks
        if let resumed {
            history = resumed.history
            callbacks = FitCallbacks(earlyStopping: earlyStopping, schedule: learningRateSchedule, restoring: resumed.callbacks)
        } else {
            history = History()
            callbacks = FitCallbacks(earlyStopping: earlyStopping, schedule: learningRateSchedule, initialRate: optimizer.learningRate)
        }
        resumed = nil
        self.callbacks = callbacks
        observe(.trainingStarted(epochs: epochs, stepsPerEpoch: steps))
        let first = history.epochs.count + 1, last = history.stoppedEpoch == nil ? epochs : 0
        for epoch in first..<max(first, last + 1) {
            observe(.epochStarted(epoch: epoch))
            callbacks.epochStarted(epoch, optimizer: optimizer)
            let start = ContinuousClock.now
            order.prepare(epoch: epoch - 1)
            var tally = Tally(metrics: metrics)
            // Updated in place every step, so reporting a step allocates nothing (observers do not keep it).
            var running = tally.logs
            for step in 1...steps {
                let rows = order.withBatch(step - 1) { batch in
                    BatchGathering.gather(train, indices: batch, images: features, labels: labels)
                    return batch.count
                }
                callbacks.stepStarting(optimizer: optimizer)
                // TrainingSession.trainStep in two halves: a non-finite loss leaves the weights as they were.
                let loss = session.computeGradients(input: features, labels: labels, rows: rows)
                guard loss.isFinite else {
                    divergence = Divergence.locate(in: model, input: features, rows: rows)
                    throw .diverged(epoch: epoch, step: step, loss: loss)
                }
                optimizer.step(model.parameters)
                tally.add(loss: loss, outputs: session.output, width: model.outputWidth, labels: labels, rows: rows)
                tally.write(into: &running)
                observe(.batchFinished(epoch: epoch, step: step, logs: running, elapsedSeconds: start.secondsSince))
                if stopFlag.isSet { throw .interrupted(epoch: epoch) }
            }
            var logs = tally.logs
            if let validation {
                for entry in evaluate(validation).prefixed("val_").entries { logs[entry.name] = entry.value }
            }
            callbacks.epochEnded(logs: &logs, optimizer: optimizer)
            history.append(logs)
            // Decided before the event, so that its observers (a checkpoint) see the epoch's whole state.
            let stop = callbacks.shouldStop(after: epoch, logs: logs, model: model)
            if stop { history.stoppedEpoch = epoch }
            self.callbacks = callbacks
            observe(.epochFinished(epoch: epoch, history: history, seconds: start.secondsSince))
            if stop {
                observe(.earlyStopped(epoch: epoch))
                break
            }
        }
        if let best = callbacks.restoreBestWeights(into: model) {
            history.restoredEpoch = best
            observe(.restoredBestWeights(epoch: best))
        }
        return history
    }

    /// Loss and metrics over all of `data`, in its own order, without training.
    public func evaluate(_ data: BatchSource) -> Logs {
        var tally = Tally(metrics: metrics)
        forEachBatch(of: data) { rows in
            let loss = session.evaluateStep(input: features, labels: labels, rows: rows)
            tally.add(loss: loss, outputs: session.output, width: model.outputWidth, labels: labels, rows: rows)
        }
        return tally.logs
    }

    /// The model's outputs for every sample of `data`, row after row (`data.count` x `model.outputWidth`),
    /// each batch copied straight into the result, which is allocated once at its final size.
    public func predict(_ data: BatchSource) -> [Float] {
        let total = data.count * model.outputWidth
        return [Float](unsafeUninitializedCapacity: total) { outputs, initialized in
            var written = 0
            forEachBatch(of: data) { rows in
                session.predictStep(input: features, rows: rows)
                let batch = session.output
                (outputs.baseAddress! + written).initialize(from: batch.baseAddress!, count: batch.count)
                written += batch.count
            }
            precondition(written == total, "\(written) outputs for \(total)")
            initialized = written
        }
    }

    private func forEachBatch(of data: BatchSource, _ body: (Int) -> Void) {
        data.forEachBatch(size: batchSize, images: features, labels: labels, gathering: BatchGathering.gather, body)
    }
}
