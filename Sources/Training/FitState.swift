import NeuralNetwork
import SeededRandom

/// Everything a fit holds between two epochs, so that one resumed from it ends exactly as one that never
/// stopped: the weights, the optimizer's state, each dropout layer's stream, the callbacks' state and the
/// history. The batch order is not in it: epoch e's order is a pure function of (seed, e) (`BatchOrder`),
/// drawn again on resume, and the weights' initialisation is replaced by the weights themselves.
public struct FitState: Sendable, Equatable {
    /// The finished epochs' logs; `stoppedEpoch` set when early stopping ended the fit after the last of them.
    public var history: History
    /// The model's parameter buffer (`Parameters.values`), layers in order.
    public var weights: [Float]
    /// Every layer's non-trainable state (`Sequential.stateTensors`: batch normalization's moving statistics),
    /// which is not in the parameter buffer.
    public var layerState: [WeightTensor]
    public var optimizer: OptimizerState
    /// One per dropout layer, in layer order (`Sequential.dropoutStreams`).
    public var dropoutStreams: [SeededRandom]
    public var callbacks: CallbackState

    /// Finished epochs: the fit goes on with epoch `epoch + 1`.
    public var epoch: Int { history.epochs.count }

    public init(history: History, weights: [Float], layerState: [WeightTensor] = [], optimizer: OptimizerState,
                dropoutStreams: [SeededRandom], callbacks: CallbackState) {
        self.history = history
        self.weights = weights
        self.layerState = layerState
        self.optimizer = optimizer
        self.dropoutStreams = dropoutStreams
        self.callbacks = callbacks
    }
}

/// The state of a fit's callbacks (`FitCallbacks`).
public struct CallbackState: Sendable, Equatable {
    /// The optimizer's rate when the fit started, from which every schedule computes.
    public var initialRate: Double
    public var earlyStopping: EarlyStoppingRule.Progress?
    public var plateau: ReduceLROnPlateauRule.Progress?
    /// The weights early stopping keeps to restore at the end (`restore_best_weights`).
    public var bestWeights: [Float]?
    /// The layer state of the best epoch (`Sequential.stateTensors`), kept with `bestWeights`.
    public var bestState: [WeightTensor]?

    public init(initialRate: Double, earlyStopping: EarlyStoppingRule.Progress?, plateau: ReduceLROnPlateauRule.Progress?,
                bestWeights: [Float]?, bestState: [WeightTensor]? = nil) {
        self.initialRate = initialRate
        self.earlyStopping = earlyStopping
        self.plateau = plateau
        self.bestWeights = bestWeights
        // Empty for a model without layer state, so that a state read back from a checkpoint compares equal.
        self.bestState = bestState ?? (bestWeights == nil ? nil : [])
    }
}

/// Why a saved fit state does not fit this trainer's model, optimizer or callbacks.
public enum FitStateError: Error, Equatable, Sendable, CustomStringConvertible {
    case weights(expected: Int, found: Int)
    case layerState(WeightLoadError)
    case optimizer(OptimizerStateError)
    case dropoutStreams(expected: Int, found: Int)
    case callbacks(String)
    case epochs(found: Int, limit: Int)

    public var description: String {
        switch self {
        case let .weights(expected, found): return "it holds \(found) weights, the model has \(expected)"
        case .layerState(let error): return "its layer state does not fit the model: \(error)"
        case .optimizer(let error): return error.description
        case let .dropoutStreams(expected, found): return "it holds \(found) dropout streams, the model has \(expected) dropout layers"
        case .callbacks(let reason): return reason
        case let .epochs(found, limit): return "it holds \(found) finished epochs, more than the \(limit) the experiment trains"
        }
    }
}

extension Trainer {
    /// Checks `state` against the model, the optimizer and the callbacks, then puts back its weights,
    /// optimizer state and dropout streams; the next `fit` goes on from its history and callback state
    /// instead of starting over. A state that does not fit changes nothing.
    public func restore(_ state: FitState, epochs: Int) throws(FitStateError) {
        let count = model.parameterCount
        guard state.weights.count == count else { throw .weights(expected: count, found: state.weights.count) }
        // Checked on the model's own state first, so that a misfit changes nothing.
        let current = model.stateTensors
        do { try model.loadState(state.layerState) } catch { throw .layerState(error) }
        do { try model.loadState(current) } catch { preconditionFailure("the model's own state: \(error)") }
        let dropouts = model.dropoutStreams.count
        guard state.dropoutStreams.count == dropouts else { throw .dropoutStreams(expected: dropouts, found: state.dropoutStreams.count) }
        guard state.epoch <= epochs else { throw .epochs(found: state.epoch, limit: epochs) }
        let callbacks = state.callbacks
        guard (callbacks.earlyStopping != nil) == (earlyStopping != nil) else {
            throw .callbacks(earlyStopping == nil ? "it has early stopping's state, and the experiment no early stopping"
                : "it has no state of the experiment's early stopping")
        }
        let plateau: Bool
        if case .reduceLROnPlateau? = learningRateSchedule { plateau = true } else { plateau = false }
        guard (callbacks.plateau != nil) == plateau else {
            throw .callbacks(plateau ? "it has no state of the experiment's reduce_lr_on_plateau" : "it has reduce_lr_on_plateau's state, and the experiment none")
        }
        if let best = callbacks.bestWeights, best.count != count {
            throw .callbacks("its best weights are \(best.count) values, the model has \(count) parameters")
        }
        if callbacks.bestWeights != nil {
            // Checked on the model's own state, as the layer state above.
            do { try model.loadState(callbacks.bestState ?? []) } catch { throw .callbacks("its best epoch's layer state does not fit the model: \(error)") }
            do { try model.loadState(current) } catch { preconditionFailure("the model's own state: \(error)") }
        }
        guard let optimizer = session.optimizer else { preconditionFailure("an inference trainer (no optimizer) cannot resume a fit") }
        do { try optimizer.restore(state.optimizer) } catch { throw .optimizer(error) }
        _ = model.parameters.values.update(fromContentsOf: state.weights)
        do { try model.loadState(state.layerState) } catch { preconditionFailure("checked above: \(error)") }
        _ = model.restoreDropoutStreams(state.dropoutStreams)
        resumed = (state.history, callbacks)
    }

    /// The fit's state after its last finished epoch; call it from an `.epochFinished` observer, where the
    /// weights, the optimizer and the callbacks are exactly those the next epoch starts from.
    public func fitState() -> FitState {
        guard let callbacks, let optimizer = session.optimizer else { preconditionFailure("fitState() outside a fit") }
        return FitState(history: history, weights: Array(model.parameters.values), layerState: model.stateTensors, optimizer: optimizer.state,
                        dropoutStreams: model.dropoutStreams, callbacks: callbacks.state)
    }
}
