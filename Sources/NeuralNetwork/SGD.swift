import ModelKinds

/// Stochastic gradient descent, Keras 3's `SGD` (`keras/src/optimizers/sgd.py`; defaults: `SGDSettings`).
///
/// - momentum 0: `w = w - lr * g`
/// - momentum > 0: `m = momentum * m - lr * g`, then `w = w + m`,
///   or with nesterov `w = w + momentum * m - lr * g` (m already updated).
public final class SGD: SlottedOptimizer {
    public let parameterCount: Int
    public internal(set) var iterations = 0
    public var learningRate: Double
    public let momentum: Double
    public let nesterov: Bool
    private let velocity: OptimizerSlots?

    public init(parameterCount: Int, settings: SGDSettings) {
        self.parameterCount = parameterCount
        learningRate = settings.learningRate
        momentum = settings.momentum
        nesterov = settings.nesterov
        // Keras only creates the momentum variables for momentum != 0.
        velocity = momentum != 0 ? OptimizerSlots(count: parameterCount) : nil
    }

    public func step(weights w: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>) {
        let lr = Float(learningRate), mu = Float(momentum), n = parameterCount
        if let m = velocity?.pointer {
            if nesterov {
                for i in 0..<n { let v = mu * m[i] - lr * g[i]; m[i] = v; w[i] += mu * v - lr * g[i] }
            } else {
                for i in 0..<n { let v = mu * m[i] - lr * g[i]; m[i] = v; w[i] += v }
            }
        } else {
            for i in 0..<n { w[i] -= lr * g[i] }
        }
        iterations += 1
    }

    var slotTable: [(String, OptimizerSlots)] { velocity.map { [("velocity", $0)] } ?? [] }
}
