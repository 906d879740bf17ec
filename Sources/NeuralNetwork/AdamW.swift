/// AdamW, Keras 3's form (`keras/src/optimizers/adamw.py`): Adam with decoupled weight decay;
/// defaults lr 0.001, weight_decay 0.004, beta_1 0.9, beta_2 0.999, epsilon 1e-7, amsgrad false.
///
/// Each step first decays every weight, `w = w - w * weight_decay * lr` (`Optimizer._apply_weight_decay`
/// in `keras/src/optimizers/base_optimizer.py`, applied to all variables, biases included, before the
/// update), then takes the Adam step documented on `Adam`.
public final class AdamW: Optimizer {
    public let parameterCount: Int
    public private(set) var iterations = 0
    public var learningRate: Double
    public let beta1: Double
    public let beta2: Double
    public let epsilon: Double
    public let weightDecay: Double
    public let amsgrad: Bool
    private let moments: AdamMoments

    public init(
        parameterCount: Int, learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
        epsilon: Double = 1e-7, weightDecay: Double = 0.004, amsgrad: Bool = false
    ) {
        self.parameterCount = parameterCount
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
        moments = AdamMoments(count: parameterCount, amsgrad: amsgrad)
    }

    public func step(weights w: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>) {
        let decay = Float(weightDecay) * Float(learningRate)
        for i in 0..<parameterCount { w[i] -= w[i] * decay }
        iterations += 1
        moments.update(w, g, count: parameterCount, step: iterations, learningRate: learningRate,
                       beta1: beta1, beta2: beta2, epsilon: epsilon)
    }
}
