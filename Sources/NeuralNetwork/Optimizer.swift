import ModelKinds

/// Updates a flat parameter buffer from its flat gradient buffer, one loop over all of it per step.
///
/// Arithmetic is in Float, as Keras' float32 variables; per-step scalars (Adam's bias correction)
/// are formed in Double and rounded once.
public protocol Optimizer: AnyObject {
    /// The number of parameters the optimizer's state was sized for.
    var parameterCount: Int { get }
    /// Steps taken so far (Keras' `optimizer.iterations`).
    var iterations: Int { get }
    /// May be changed between steps (a schedule, say).
    var learningRate: Double { get set }

    /// One step: `weights` and `gradients` hold `parameterCount` values each.
    func step(weights: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>)

    /// Its step count, rate and slot buffers, for a checkpoint.
    var state: OptimizerState { get }
    /// Takes back a `state` an optimizer of the same kind and settings gave; a state that does not fit
    /// changes nothing.
    func restore(_ state: OptimizerState) throws(OptimizerStateError)
}

extension Optimizer {
    /// One step on a model's parameters.
    public func step(_ parameters: Parameters) {
        precondition(parameters.count == parameterCount,
                     "optimizer sized for \(parameterCount) parameters was given \(parameters.count)")
        step(weights: parameters.values.baseAddress!, gradients: parameters.gradients.baseAddress!)
    }
}

/// The optimizer `spec` describes, with its state (momenta, accumulators) sized for `parameterCount`.
public func makeOptimizer(_ spec: OptimizerSpec, parameterCount: Int) -> any Optimizer {
    switch spec {
    case .sgd(let settings): return SGD(parameterCount: parameterCount, settings: settings)
    case .rmsprop(let settings): return RMSprop(parameterCount: parameterCount, settings: settings)
    case .adam(let settings): return Adam(parameterCount: parameterCount, settings: settings)
    case .adamw(let settings): return AdamW(parameterCount: parameterCount, settings: settings)
    case .adagrad(let settings): return Adagrad(parameterCount: parameterCount, settings: settings)
    }
}

/// Optimizer state: one zero-filled (or `value`-filled) Float buffer per parameter.
final class OptimizerSlots {
    let pointer: UnsafeMutablePointer<Float>

    init(count: Int, value: Float = 0) {
        pointer = allocateFloats(count).baseAddress!
        pointer.initialize(repeating: value, count: count)
    }

    deinit { pointer.deallocate() }
}
