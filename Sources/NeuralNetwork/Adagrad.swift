import ModelKinds

/// Adagrad, Keras 3's form (`keras/src/optimizers/adagrad.py`; defaults: `AdagradSettings`).
///
/// `acc = acc + g^2`, `w = w - lr * g / sqrt(acc + eps)` (epsilon inside the square root), with
/// every accumulator starting at initial_accumulator_value.
public final class Adagrad: SlottedOptimizer {
    public let parameterCount: Int
    public internal(set) var iterations = 0
    public var learningRate: Double
    public let initialAccumulatorValue: Double
    public let epsilon: Double
    private let accumulator: OptimizerSlots

    public init(parameterCount: Int, settings: AdagradSettings) {
        self.parameterCount = parameterCount
        learningRate = settings.learningRate
        initialAccumulatorValue = settings.initialAccumulatorValue
        epsilon = settings.epsilon
        accumulator = OptimizerSlots(count: parameterCount, value: Float(initialAccumulatorValue))
    }

    public func step(weights w: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>) {
        forEachLane(parameterCount, AdagradKernel(
            w: w, g: g, accumulator: accumulator.pointer, lr: Float(learningRate), eps: Float(epsilon)))
        iterations += 1
    }

    var slotTable: [(String, OptimizerSlots)] { [("accumulator", accumulator)] }
}

private struct AdagradKernel: LaneKernel {
    let w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, accumulator: UnsafeMutablePointer<Float>
    let lr: Float, eps: Float

    @inline(__always)
    func apply<V: FloatLanes>(_: V.Type, at i: Int) {
        let gi = V.load(g, i)
        let a = V.load(accumulator, i) + gi * gi
        a.store(accumulator, i)
        (V.load(w, i) - V.splat(lr) * gi / (a + V.splat(eps)).laneSquareRoot()).store(w, i)
    }
}
