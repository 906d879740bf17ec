import ModelKinds

/// RMSprop, Keras 3's form (`keras/src/optimizers/rmsprop.py`; defaults: `RMSpropSettings`).
///
/// - `v = rho * v + (1 - rho) * g^2`
/// - centered: `mg = rho * mg + (1 - rho) * g`, `d = v - mg^2 + eps`; else `d = v + eps`
/// - `inc = lr * g / sqrt(d)` — epsilon INSIDE the square root, as Keras 3 (PyTorch adds it outside)
/// - momentum > 0: `mom = momentum * mom + inc`, `w = w - mom`; else `w = w - inc`
public final class RMSprop: SlottedOptimizer {
    public let parameterCount: Int
    public internal(set) var iterations = 0
    public var learningRate: Double
    public let rho: Double
    public let momentum: Double
    public let epsilon: Double
    public let centered: Bool
    private let velocity: OptimizerSlots
    private let momentumSlots: OptimizerSlots?
    private let averageGradient: OptimizerSlots?

    public init(parameterCount: Int, settings: RMSpropSettings) {
        self.parameterCount = parameterCount
        learningRate = settings.learningRate
        rho = settings.rho
        momentum = settings.momentum
        epsilon = settings.epsilon
        centered = settings.centered
        velocity = OptimizerSlots(count: parameterCount)
        momentumSlots = momentum > 0 ? OptimizerSlots(count: parameterCount) : nil
        averageGradient = centered ? OptimizerSlots(count: parameterCount) : nil
    }

    public func step(weights w: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>) {
        let kernel = RMSpropKernel(
            w: w, g: g, v: velocity.pointer, momentumSlots: momentumSlots?.pointer, average: averageGradient?.pointer,
            lr: Float(learningRate), rho: Float(rho), oneMinusRho: 1 - Float(rho), eps: Float(epsilon),
            momentum: Float(momentum))
        forEachLane(parameterCount, kernel)
        iterations += 1
    }

    var slotTable: [(String, OptimizerSlots)] {
        [("velocity", velocity)] + (momentumSlots.map { [("momentum", $0)] } ?? [])
            + (averageGradient.map { [("average_gradient", $0)] } ?? [])
    }
}

/// RMSprop's update for one lane group; the optional slots are loop-invariant, so the branches cost nothing.
private struct RMSpropKernel: LaneKernel {
    let w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, v: UnsafeMutablePointer<Float>
    let momentumSlots: UnsafeMutablePointer<Float>?, average: UnsafeMutablePointer<Float>?
    let lr: Float, rho: Float, oneMinusRho: Float, eps: Float, momentum: Float

    @inline(__always)
    func apply<V: FloatLanes>(_: V.Type, at i: Int) {
        let rho = V.splat(rho), oneMinusRho = V.splat(oneMinusRho)
        let gi = V.load(g, i)
        let vi = rho * V.load(v, i) + oneMinusRho * gi * gi
        vi.store(v, i)
        var denominator = vi + V.splat(eps)
        if let average {
            let a = rho * V.load(average, i) + oneMinusRho * gi
            a.store(average, i)
            denominator = vi - a * a + V.splat(eps)
        }
        let increment = V.splat(lr) * gi / denominator.laneSquareRoot()
        if let momentumSlots {
            let m = V.splat(momentum) * V.load(momentumSlots, i) + increment
            m.store(momentumSlots, i)
            (V.load(w, i) - m).store(w, i)
        } else {
            (V.load(w, i) - increment).store(w, i)
        }
    }
}
