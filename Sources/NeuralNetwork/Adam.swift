/// Adam, Keras 3's form (`keras/src/optimizers/adam.py`); defaults lr 0.001, beta_1 0.9, beta_2 0.999,
/// epsilon 1e-7, amsgrad false.
///
/// At step t (1-based): `alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)`,
/// `m = m + (g - m) * (1 - beta_1)`, `v = v + (g^2 - v) * (1 - beta_2)`,
/// amsgrad: `vhat = max(vhat, v)` used in place of v; `w = w - alpha * m / (sqrt(v) + eps)`.
/// Epsilon is outside the square root and unscaled by the bias correction ("epsilon hat" of Kingma & Ba).
public final class Adam: Optimizer {
    public let parameterCount: Int
    public private(set) var iterations = 0
    public var learningRate: Double
    public let beta1: Double
    public let beta2: Double
    public let epsilon: Double
    public let amsgrad: Bool
    private let moments: AdamMoments

    public init(
        parameterCount: Int, learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
        epsilon: Double = 1e-7, amsgrad: Bool = false
    ) {
        self.parameterCount = parameterCount
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.amsgrad = amsgrad
        moments = AdamMoments(count: parameterCount, amsgrad: amsgrad)
    }

    public func step(weights w: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>) {
        iterations += 1
        moments.update(w, g, count: parameterCount, step: iterations, learningRate: learningRate,
                       beta1: beta1, beta2: beta2, epsilon: epsilon)
    }
}

/// Adam's first and second moments (and AMSGrad's running maximum), shared by Adam and AdamW.
final class AdamMoments {
    private let m: OptimizerSlots
    private let v: OptimizerSlots
    private let vMax: OptimizerSlots?

    init(count: Int, amsgrad: Bool) {
        m = OptimizerSlots(count: count)
        v = OptimizerSlots(count: count)
        vMax = amsgrad ? OptimizerSlots(count: count) : nil
    }

    func update(
        _ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, count n: Int, step t: Int,
        learningRate: Double, beta1: Double, beta2: Double, epsilon: Double
    ) {
        let alpha = Float(learningRate * (1 - pow(beta2, t)).squareRoot() / (1 - pow(beta1, t)))
        let c1 = Float(1 - beta1), c2 = Float(1 - beta2), eps = Float(epsilon)
        let m = m.pointer, v = v.pointer
        if let vMax = vMax?.pointer {
            for i in 0..<n {
                let gi = g[i]
                let mi = m[i] + (gi - m[i]) * c1, vi = v[i] + (gi * gi - v[i]) * c2
                m[i] = mi
                v[i] = vi
                let vh = max(vMax[i], vi)
                vMax[i] = vh
                w[i] -= alpha * mi / (vh.squareRoot() + eps)
            }
        } else {
            for i in 0..<n {
                let gi = g[i]
                let mi = m[i] + (gi - m[i]) * c1, vi = v[i] + (gi * gi - v[i]) * c2
                m[i] = mi
                v[i] = vi
                w[i] -= alpha * mi / (vi.squareRoot() + eps)
            }
        }
    }
}

/// `x^n` by repeated squaring, exact in the integer step count and free of libm.
func pow(_ x: Double, _ n: Int) -> Double {
    var result = 1.0, base = x, e = n
    while e > 0 {
        if e & 1 == 1 { result *= base }
        base *= base
        e >>= 1
    }
    return result
}
