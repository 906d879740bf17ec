import ExperimentCompiler

/// Keras 3's `EarlyStopping.on_epoch_end` (`keras/src/callbacks/early_stopping.py`) as a pure rule over
/// each epoch's logs, so it can be checked against a recorded history.
///
/// With `e` the 0-based epoch: nothing happens while the monitor is missing or `e < start_from_epoch`.
/// Otherwise `wait` grows by one; an improvement (`current - min_delta < best` for min, `current + min_delta
/// > best` for max; the first monitored epoch always improves) makes `current` the best and resets `wait` only
/// if it also improves on `baseline` (when given), and ends the epoch's check. Without an improvement,
/// training stops once `wait >= patience` and `e > 0`. With `restore_best_weights` the best epoch's weights
/// are kept (the first monitored epoch's, before any improvement) and put back when training ends, whether or
/// not it stopped early, as Keras 3's `on_train_end` does.
public struct EarlyStoppingRule: Sendable, Equatable {
    public let spec: EarlyStopping
    /// `spec.mode` with `auto` resolved for the monitor.
    public let mode: MonitorMode
    public private(set) var wait = 0
    public private(set) var best: Double?
    /// The best epoch so far (1-based), the one whose weights a restore brings back.
    public private(set) var bestEpoch: Int?
    /// The epoch (1-based) after which the rule stopped training.
    public private(set) var stoppedEpoch: Int?

    /// What to do after an epoch.
    public struct Decision: Sendable, Equatable {
        /// Keep a copy of the current weights (they are the best so far).
        public var keepWeights = false
        public var stop = false
    }

    public init(_ spec: EarlyStopping) {
        self.spec = spec
        mode = spec.mode.resolved(for: spec.monitor)
    }

    /// What the rule has seen so far, as a checkpoint keeps it.
    public struct Progress: Sendable, Equatable {
        public var wait: Int
        public var best: Double?
        public var bestEpoch: Int?
        public var stoppedEpoch: Int?

        public init(wait: Int, best: Double?, bestEpoch: Int?, stoppedEpoch: Int?) {
            self.wait = wait
            self.best = best
            self.bestEpoch = bestEpoch
            self.stoppedEpoch = stoppedEpoch
        }
    }

    public var progress: Progress { Progress(wait: wait, best: best, bestEpoch: bestEpoch, stoppedEpoch: stoppedEpoch) }

    /// The rule for `spec` as it was when it reported `progress`.
    public init(_ spec: EarlyStopping, progress: Progress) {
        self.init(spec)
        (wait, best, bestEpoch, stoppedEpoch) = (progress.wait, progress.best, progress.bestEpoch, progress.stoppedEpoch)
    }

    /// Applies the rule to epoch `epoch` (1-based) and its logs.
    public mutating func observe(epoch: Int, logs: Logs) -> Decision {
        let e = epoch - 1
        var decision = Decision()
        guard let current = logs[spec.monitor], e >= spec.startFromEpoch else { return decision }
        if spec.restoreBestWeights && bestEpoch == nil {
            decision.keepWeights = true
            bestEpoch = epoch
        }
        wait += 1
        if improves(current, on: best) {
            best = current
            bestEpoch = epoch
            decision.keepWeights = spec.restoreBestWeights
            if spec.baseline == nil || improves(current, on: spec.baseline) { wait = 0 }
            return decision
        }
        if wait >= spec.patience && e > 0 {
            stoppedEpoch = epoch
            decision.stop = true
        }
        return decision
    }

    private func improves(_ value: Double, on reference: Double?) -> Bool {
        guard let reference else { return true }
        let delta = abs(spec.minDelta)
        return mode == .max ? value - delta > reference : value + delta < reference
    }
}
