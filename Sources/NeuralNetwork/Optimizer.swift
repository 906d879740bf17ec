/// An optimizer and its hyperparameters, with Keras 3's defaults (`keras/src/optimizers/*.py`).
public enum OptimizerConfig: Sendable, Equatable {
    case sgd(learningRate: Double = 0.01, momentum: Double = 0, nesterov: Bool = false)
    case rmsprop(learningRate: Double = 0.001, rho: Double = 0.9, momentum: Double = 0, epsilon: Double = 1e-7,
                 centered: Bool = false)
    case adam(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7,
              amsgrad: Bool = false)
    case adamw(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7,
               weightDecay: Double = 0.004, amsgrad: Bool = false)
    case adagrad(learningRate: Double = 0.001, initialAccumulatorValue: Double = 0.1, epsilon: Double = 1e-7)

    /// The learning rate, whichever the optimizer.
    public var learningRate: Double {
        switch self {
        case let .sgd(lr, _, _), let .rmsprop(lr, _, _, _, _), let .adam(lr, _, _, _, _),
             let .adamw(lr, _, _, _, _, _), let .adagrad(lr, _, _):
            return lr
        }
    }
}

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
}

extension Optimizer {
    /// One step on a model's parameters.
    public func step(_ parameters: Parameters) {
        precondition(parameters.count == parameterCount,
                     "optimizer sized for \(parameterCount) parameters was given \(parameters.count)")
        step(weights: parameters.values.baseAddress!, gradients: parameters.gradients.baseAddress!)
    }
}

/// The optimizer `config` describes, with its state (momenta, accumulators) sized for `parameterCount`.
public func makeOptimizer(_ config: OptimizerConfig, parameterCount: Int) -> any Optimizer {
    switch config {
    case let .sgd(lr, momentum, nesterov):
        return SGD(parameterCount: parameterCount, learningRate: lr, momentum: momentum, nesterov: nesterov)
    case let .rmsprop(lr, rho, momentum, epsilon, centered):
        return RMSprop(parameterCount: parameterCount, learningRate: lr, rho: rho, momentum: momentum,
                       epsilon: epsilon, centered: centered)
    case let .adam(lr, beta1, beta2, epsilon, amsgrad):
        return Adam(parameterCount: parameterCount, learningRate: lr, beta1: beta1, beta2: beta2,
                    epsilon: epsilon, amsgrad: amsgrad)
    case let .adamw(lr, beta1, beta2, epsilon, weightDecay, amsgrad):
        return AdamW(parameterCount: parameterCount, learningRate: lr, beta1: beta1, beta2: beta2,
                     epsilon: epsilon, weightDecay: weightDecay, amsgrad: amsgrad)
    case let .adagrad(lr, initial, epsilon):
        return Adagrad(parameterCount: parameterCount, learningRate: lr, initialAccumulatorValue: initial,
                       epsilon: epsilon)
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
