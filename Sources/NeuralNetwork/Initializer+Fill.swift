import ModelKinds
import SeededRandom

/// How each initializer draws its values, as Keras 3 (`keras/src/initializers/random_initializers.py`).
///
/// The variance-scaling ones draw from `VarianceScaling(scale, mode, distribution)`:
/// - uniform: `U(-limit, limit)`, `limit = sqrt(3 scale / n)`;
/// - truncated normal: `N(0, stddev)` redrawn outside two standard deviations, with
///   `stddev = sqrt(scale / n) / 0.87962566103423978` (the truncation's std correction);
/// where `n` is fan_in, fan_out or their mean by mode. Fans follow Keras' `compute_fans`:
/// a (in, out) kernel has fan_in = in, fan_out = out; a bias of `units` has both = units.
extension Initializer {
    /// Standard deviation of a standard normal truncated to [-2, 2]; Keras divides by it.
    static let truncatedNormalStd = 0.87962566103423978

    private enum Fan { case fanIn, fanOut, fanAverage }

    /// (scale, mode, uniform?) of the variance-scaling initialisers, `nil` for constants.
    private var varianceScaling: (scale: Double, fan: Fan, uniform: Bool)? {
        switch self {
        case .glorotUniform: return (1, .fanAverage, true)
        case .glorotNormal: return (1, .fanAverage, false)
        case .heNormal: return (2, .fanIn, false)
        case .heUniform: return (2, .fanIn, true)
        case .lecunNormal: return (1, .fanIn, false)
        case .lecunUniform: return (1, .fanIn, true)
        case .zeros, .ones: return nil
        }
    }

    /// Fills `count` values of a tensor with the given fans, drawing in row-major order from `random`.
    func fill(
        _ values: UnsafeMutablePointer<Float>, count: Int, fanIn: Int, fanOut: Int,
        random: inout SeededRandom
    ) {
        guard let (scale, mode, uniform) = varianceScaling else {
            values.update(repeating: self == .ones ? 1 : 0, count: count)
            return
        }
        let n: Double
        switch mode {
        case .fanIn: n = Double(max(1, fanIn))
        case .fanOut: n = Double(max(1, fanOut))
        case .fanAverage: n = max(1, Double(fanIn + fanOut) / 2)
        }
        if uniform {
            let limit = (3 * scale / n).squareRoot()
            for i in 0..<count { values[i] = Float(limit * (2 * random.unitDouble() - 1)) }
        } else {
            let stddev = (scale / n).squareRoot() / Self.truncatedNormalStd
            for i in 0..<count { values[i] = Float(stddev * random.truncatedNormal()) }
        }
    }
}
