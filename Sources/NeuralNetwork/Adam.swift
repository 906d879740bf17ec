import ModelKinds

/// Adam, Keras 3's form (`keras/src/optimizers/adam.py`; defaults: `AdamSettings`).
///
/// At step t (1-based): `alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)`,
/// `m = m + (g - m) * (1 - beta_1)`, `v = v + (g^2 - v) * (1 - beta_2)`,
/// amsgrad: `vhat = max(vhat, v)` used in place of v; `w = w - alpha * m / (sqrt(v) + eps)`.
/// Epsilon is outside the square root and unscaled by the bias correction ("epsilon hat" of Kingma & Ba).
public final class Adam: SlottedOptimizer {
    public let parameterCount: Int
    public internal(set) var iterations = 0
    public var learningRate: Double
    public let beta1: Double
    public let beta2: Double
    public let epsilon: Double
    public let amsgrad: Bool
    private let moments: AdamMoments

    public init(parameterCount: Int, settings: AdamSettings) {
        self.parameterCount = parameterCount
        learningRate = settings.learningRate
        beta1 = settings.beta1
        beta2 = settings.beta2
        epsilon = settings.epsilon
        amsgrad = settings.amsgrad
        moments = AdamMoments(count: parameterCount, amsgrad: settings.amsgrad)
    }

    public func step(weights w: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>) {
        iterations += 1
        moments.update(w, g, count: parameterCount, step: iterations, learningRate: learningRate,
                       beta1: beta1, beta2: beta2, epsilon: epsilon)
    }

    var slotTable: [(String, OptimizerSlots)] { moments.table }
}

/// Adam's first and second moments (and AMSGrad's running maximum); AdamW reaches them through `Adam`.
final class AdamMoments {
    private let m: OptimizerSlots
    private let v: OptimizerSlots
    private let vMax: OptimizerSlots?

    init(count: Int, amsgrad: Bool) {
        m = OptimizerSlots(count: count)
        v = OptimizerSlots(count: count)
        vMax = amsgrad ? OptimizerSlots(count: count) : nil
    }

    /// The buffers by the names a checkpoint gives them (Keras' `momentums`, `velocities`, `velocity_hats`).
    var table: [(String, OptimizerSlots)] { [("m", m), ("v", v)] + (vMax.map { [("v_max", $0)] } ?? []) }

    func update(
        _ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, count n: Int, step t: Int,
        learningRate: Double, beta1: Double, beta2: Double, epsilon: Double
    ) {
        let alpha = Float(learningRate * (1 - pow(beta2, t)).squareRoot() / (1 - pow(beta1, t)))
        forEachLane(n, AdamKernel(
            w: w, g: g, m: m.pointer, v: v.pointer, vMax: vMax?.pointer, alpha: alpha,
            oneMinusBeta1: Float(1 - beta1), oneMinusBeta2: Float(1 - beta2), eps: Float(epsilon)))
    }
}

private struct AdamKernel: LaneKernel {
    let w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>
    let m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>, vMax: UnsafeMutablePointer<Float>?
    let alpha: Float, oneMinusBeta1: Float, oneMinusBeta2: Float, eps: Float

    @inline(__always)
    func apply<V: FloatLanes>(_: V.Type, at i: Int) {
        let gi = V.load(g, i), mOld = V.load(m, i), vOld = V.load(v, i)
        let mi = mOld + (gi - mOld) * V.splat(oneMinusBeta1)
        var vi = vOld + (gi * gi - vOld) * V.splat(oneMinusBeta2)
        mi.store(m, i)
        vi.store(v, i)
        if let vMax {
            vi = V.load(vMax, i).lanesMax(vi)
            vi.store(vMax, i)
        }
        (V.load(w, i) - V.splat(alpha) * mi / (vi.laneSquareRoot() + V.splat(eps))).store(w, i)
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
