/// Whether a monitored figure should go down or up.
public enum MonitorMode: String, Sendable, Equatable, CaseIterable {
    case auto, min, max

    /// `auto` resolved for `monitor`: max for accuracies, min otherwise. Keras 3 decides by the metric's
    /// direction in EarlyStopping (`loss` down, accuracies up) and by `"acc" in monitor` in ReduceLROnPlateau;
    /// for the names an experiment can monitor (loss, accuracy, top_k_categorical_accuracy and their
    /// `val_` forms) both rules agree with this one.
    public func resolved(for monitor: String) -> MonitorMode {
        guard self == .auto else { return self }
        return monitor.contains("acc") ? .max : .min
    }
}

/// `keras.callbacks.EarlyStopping` with Keras 3's defaults (`keras/src/callbacks/early_stopping.py`).
public struct EarlyStopping: Sendable, Equatable {
    /// Default `val_loss`; any logged name: `loss`, a metric, or their `val_` forms when validation is on.
    public var monitor: String
    public var mode: MonitorMode
    /// Epochs without improvement before stopping; default 0.
    public var patience: Int
    /// The least change that counts as an improvement; default 0.
    public var minDelta: Double
    /// Put back the weights of the best epoch when training ends; default false.
    public var restoreBestWeights: Bool
    /// Epochs (from the start) during which nothing is monitored; default 0.
    public var startFromEpoch: Int
    /// A value the monitor must beat before patience is reset; default none.
    public var baseline: Double?

    public init(monitor: String = "val_loss", mode: MonitorMode = .auto, patience: Int = 0, minDelta: Double = 0,
                restoreBestWeights: Bool = false, startFromEpoch: Int = 0, baseline: Double? = nil) {
        self.monitor = monitor
        self.mode = mode
        self.patience = patience
        self.minDelta = minDelta
        self.restoreBestWeights = restoreBestWeights
        self.startFromEpoch = startFromEpoch
        self.baseline = baseline
    }
}

/// How the learning rate changes during a fit; the optimizer's `learning_rate` is where it starts.
public enum LearningRateSchedule: Sendable, Equatable {
    /// `keras.optimizers.schedules.ExponentialDecay`, per optimizer step:
    /// `lr * decay_rate ^ (step / decay_steps)`, the exponent floored when `staircase`.
    case exponentialDecay(decaySteps: Int, decayRate: Double, staircase: Bool)
    /// `keras.optimizers.schedules.CosineDecay` (no warm-up), per optimizer step:
    /// `lr * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decay_steps) / decay_steps)) + alpha)`.
    case cosineDecay(decaySteps: Int, alpha: Double)
    /// Per epoch, as a `LearningRateScheduler` callback would: `lr * factor ^ floor(epoch / every)`, epochs from 0.
    case stepDecay(every: Int, factor: Double)
    /// `keras.callbacks.ReduceLROnPlateau`.
    case reduceLROnPlateau(ReduceLROnPlateau)

    /// The name under which the experiment file writes it.
    public var name: String {
        switch self {
        case .exponentialDecay: return "exponential_decay"
        case .cosineDecay: return "cosine_decay"
        case .stepDecay: return "step_decay"
        case .reduceLROnPlateau: return "reduce_lr_on_plateau"
        }
    }
}

/// `keras.callbacks.ReduceLROnPlateau` with Keras 3's defaults (`keras/src/callbacks/reduce_lr_on_plateau.py`).
public struct ReduceLROnPlateau: Sendable, Equatable {
    public var monitor: String
    public var mode: MonitorMode
    /// `new_lr = lr * factor`, in (0, 1); default 0.1.
    public var factor: Double
    /// Default 10.
    public var patience: Int
    /// Default 1e-4.
    public var minDelta: Double
    /// Epochs after a reduction during which no waiting is counted; default 0.
    public var cooldown: Int
    /// The rate is never reduced below this; default 0.
    public var minLR: Double

    public init(monitor: String = "val_loss", mode: MonitorMode = .auto, factor: Double = 0.1, patience: Int = 10,
                minDelta: Double = 1e-4, cooldown: Int = 0, minLR: Double = 0) {
        self.monitor = monitor
        self.mode = mode
        self.factor = factor
        self.patience = patience
        self.minDelta = minDelta
        self.cooldown = cooldown
        self.minLR = minLR
    }
}
