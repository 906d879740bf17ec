import ModelKinds

/// AdamW, Keras 3's form (`keras/src/optimizers/adamw.py`; defaults: `AdamWSettings`): Adam with decoupled
/// weight decay.
///
/// Each step first decays every weight, `w = w - w * weight_decay * lr` (`Optimizer._apply_weight_decay`
/// in `keras/src/optimizers/base_optimizer.py`, applied to all variables, biases included, before the
/// update), then takes the Adam step documented on `Adam`.
public final class AdamW: Optimizer {
    public let weightDecay: Double
    private let adam: Adam

    public init(parameterCount: Int, settings: AdamWSettings) {
        weightDecay = settings.weightDecay
        adam = Adam(parameterCount: parameterCount, settings: settings.adam)
    }

    public var parameterCount: Int { adam.parameterCount }
    public var iterations: Int { adam.iterations }
    public var learningRate: Double {
        get { adam.learningRate }
        set { adam.learningRate = newValue }
    }

    public func step(weights w: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>) {
        let decay = Float(weightDecay) * Float(learningRate)
        for i in 0..<parameterCount { w[i] -= w[i] * decay }
        adam.step(weights: w, gradients: g)
    }

    public var state: OptimizerState { adam.state }

    public func restore(_ state: OptimizerState) throws(OptimizerStateError) { try adam.restore(state) }
}
