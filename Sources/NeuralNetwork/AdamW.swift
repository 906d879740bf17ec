/// AdamW, Keras 3's form (`keras/src/optimizers/adamw.py`): Adam with decoupled weight decay;
/// defaults lr 0.001, weight_decay 0.004, beta_1 0.9, beta_2 0.999, epsilon 1e-7, amsgrad false.
///
/// Each step first decays every weight, `w = w - w * weight_decay * lr` (`Optimizer._apply_weight_decay`
/// in `keras/src/optimizers/base_optimizer.py`, applied to all variables, biases included, before the
/// update), then takes the Adam step documented on `Adam`.
public final class AdamW: Optimizer {
    public let weightDecay: Double
    private let adam: Adam

    public init(
        parameterCount: Int, learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
        epsilon: Double = 1e-7, weightDecay: Double = 0.004, amsgrad: Bool = false
    ) {
        self.weightDecay = weightDecay
        adam = Adam(parameterCount: parameterCount, learningRate: learningRate, beta1: beta1, beta2: beta2,
                    epsilon: epsilon, amsgrad: amsgrad)
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
}
