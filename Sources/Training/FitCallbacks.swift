import ExperimentCompiler
import NeuralNetwork

/// The callbacks of one fit (early stopping, a learning-rate schedule), with their state, driven by the loop.
///
/// `learning_rate` joins an epoch's logs (after the `val_` entries, as Keras' callbacks add it) whenever a
/// schedule is set: the rate of the epoch's last step, before any plateau reduction. Without a schedule the
/// rate never changes and is not logged, as in Keras.
struct FitCallbacks {
    let schedule: ExperimentCompiler.LearningRateSchedule?
    let initialRate: Double
    var earlyStopping: EarlyStoppingRule?
    var plateau: ReduceLROnPlateauRule?
    var bestWeights: [Float]?
    /// The best epoch's layer state (batch normalization's moving statistics), kept and restored with its weights
    /// as Keras' `get_weights()` holds both.
    var bestState: [WeightTensor]?

    init(earlyStopping: EarlyStopping?, schedule: ExperimentCompiler.LearningRateSchedule?, initialRate: Double) {
        self.schedule = schedule
        self.initialRate = initialRate
        self.earlyStopping = earlyStopping.map(EarlyStoppingRule.init)
        if case .reduceLROnPlateau(let spec)? = schedule { plateau = ReduceLROnPlateauRule(spec) }
    }

    /// The callbacks as they were when they gave `state` (the trainer has checked that it fits them).
    init(earlyStopping: EarlyStopping?, schedule: ExperimentCompiler.LearningRateSchedule?, restoring state: CallbackState) {
        self.init(earlyStopping: earlyStopping, schedule: schedule, initialRate: state.initialRate)
        if let spec = earlyStopping, let progress = state.earlyStopping { self.earlyStopping = EarlyStoppingRule(spec, progress: progress) }
        if case .reduceLROnPlateau(let spec)? = schedule, let progress = state.plateau { plateau = ReduceLROnPlateauRule(spec, progress: progress) }
        bestWeights = state.bestWeights
        bestState = state.bestState
    }

    var state: CallbackState {
        CallbackState(initialRate: initialRate, earlyStopping: earlyStopping?.progress, plateau: plateau?.progress, bestWeights: bestWeights,
                      bestState: bestState)
    }

    /// A step decay sets the epoch's rate (`epoch` from 1).
    func epochStarted(_ epoch: Int, optimizer: any Optimizer) {
        if let rate = schedule?.rate(initial: initialRate, epoch: epoch - 1) { optimizer.learningRate = rate }
    }

    /// A per-step schedule sets the rate of the coming update from the optimizer's step count.
    @inline(__always)
    func stepStarting(optimizer: any Optimizer) {
        guard let schedule, schedule.isPerStep else { return }
        optimizer.learningRate = schedule.rate(initial: initialRate, step: optimizer.iterations)!
    }

    /// Adds `learning_rate` to the logs; the plateau rule may lower the rate for the next epoch.
    mutating func epochEnded(logs: inout Logs, optimizer: any Optimizer) {
        guard schedule != nil else { return }
        logs["learning_rate"] = optimizer.learningRate
        if plateau != nil { optimizer.learningRate = plateau!.observe(logs: logs, rate: optimizer.learningRate) }
    }

    /// Applies early stopping to the recorded epoch; true when training should stop.
    mutating func shouldStop(after epoch: Int, logs: Logs, model: Sequential) -> Bool {
        guard earlyStopping != nil else { return false }
        let decision = earlyStopping!.observe(epoch: epoch, logs: logs)
        if decision.keepWeights {
            bestWeights = Array(model.parameters.values)
            bestState = model.stateTensors
        }
        return decision.stop
    }

    /// Puts back the best epoch's weights when early stopping asks for it; returns that epoch.
    func restoreBestWeights(into model: Sequential) -> Int? {
        guard let bestWeights, let epoch = earlyStopping?.bestEpoch else { return nil }
        _ = model.parameters.values.update(fromContentsOf: bestWeights)
        if let bestState {
            do { try model.loadState(bestState) } catch { preconditionFailure("the model's own state: \(error)") }
        }
        return epoch
    }
}
