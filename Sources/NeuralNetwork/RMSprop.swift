/// RMSprop, Keras 3's form (`keras/src/optimizers/rmsprop.py`); defaults lr 0.001, rho 0.9, momentum 0,
/// epsilon 1e-7, centered false.
///
/// - `v = rho * v + (1 - rho) * g^2`
/// - centered: `mg = rho * mg + (1 - rho) * g`, `d = v - mg^2 + eps`; else `d = v + eps`
/// - `inc = lr * g / sqrt(d)` — epsilon INSIDE the square root, as Keras 3 (PyTorch adds it outside)
/// - momentum > 0: `mom = momentum * mom + inc`, `w = w - mom`; else `w = w - inc`
public final class RMSprop: Optimizer {
    public let parameterCount: Int
    public private(set) var iterations = 0
    public var learningRate: Double
    public let rho: Double
    public let momentum: Double
    public let epsilon: Double
    public let centered: Bool
    private let velocity: OptimizerSlots
    private let momentumSlots: OptimizerSlots?
    private let averageGradient: OptimizerSlots?

    public init(
        parameterCount: Int, learningRate: Double = 0.001, rho: Double = 0.9, momentum: Double = 0,
        epsilon: Double = 1e-7, centered: Bool = false
    ) {
        self.parameterCount = parameterCount
        self.learningRate = learningRate
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered
        velocity = OptimizerSlots(count: parameterCount)
        momentumSlots = momentum > 0 ? OptimizerSlots(count: parameterCount) : nil
        averageGradient = centered ? OptimizerSlots(count: parameterCount) : nil
    }

    public func step(weights w: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>) {
        let lr = Float(learningRate), rho = Float(rho), oneMinusRho = 1 - Float(self.rho)
        let eps = Float(epsilon), mu = Float(momentum), n = parameterCount
        let v = velocity.pointer
        // The common case (plain, no momentum) gets its own loop, free of the variants' branches.
        switch (averageGradient?.pointer, momentumSlots?.pointer) {
        case (nil, nil):
            for i in 0..<n {
                let gi = g[i], vi = rho * v[i] + oneMinusRho * gi * gi
                v[i] = vi
                w[i] -= lr * gi / (vi + eps).squareRoot()
            }
        case let (nil, mom?):
            for i in 0..<n {
                let gi = g[i], vi = rho * v[i] + oneMinusRho * gi * gi
                v[i] = vi
                let m = mu * mom[i] + lr * gi / (vi + eps).squareRoot()
                mom[i] = m
                w[i] -= m
            }
        case let (mg?, mom):
            for i in 0..<n {
                let gi = g[i], vi = rho * v[i] + oneMinusRho * gi * gi
                v[i] = vi
                let a = rho * mg[i] + oneMinusRho * gi
                mg[i] = a
                let increment = lr * gi / (vi - a * a + eps).squareRoot()
                if let mom {
                    let m = mu * mom[i] + increment
                    mom[i] = m
                    w[i] -= m
                } else {
                    w[i] -= increment
                }
            }
        }
        iterations += 1
    }
}
