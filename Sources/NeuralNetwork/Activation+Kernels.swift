import ModelKinds

/// Each activation's forward and backward pass, with Keras 3's default constants (`keras/src/activations/activations.py`).
extension Activation {
    /// Keras 3's `leaky_relu(x, negative_slope=0.2)`.
    static let leakyReluSlope = 0.2
    /// SELU's constants (Klambauer et al., 2017), the values `tf.nn.selu` uses.
    static let seluAlpha = 1.6732632423543772848170429916717
    static let seluScale = 1.0507009873554804934193349852946

    /// Whether the derivative needs the input `x`; the others recover it from the output `y`,
    /// so their layers work in place and keep one buffer instead of two.
    var derivativeNeedsInput: Bool {
        switch self {
        case .gelu, .softplus, .swish: return true
        default: return false
        }
    }

    /// `y = f(x)` over `rows` x `columns` values (row-major); `y` may be `x`.
    ///
    /// One switch per call, a plain loop inside, so each case compiles to its own vectorisable loop.
    func forward<T: KernelScalar>(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, rows: Int, columns: Int) {
        let n = rows * columns
        switch self {
        case .linear:
            // f(x) = x; f' = 1
            if UnsafePointer(y) != x { y.update(from: x, count: n) }
        case .relu:
            // f(x) = max(x, 0); f' = 1 where y > 0 (0 at x = 0, as TensorFlow's ReluGrad).
            // Written `v <= 0 ? 0 : v` so a NaN passes through (the comparison is false) and divergence shows.
            reluForward(x, y, count: n)
        case .sigmoid:
            // f(x) = 1 / (1 + e^-x), computed without overflow on either side; f' = y (1 - y)
            for i in 0..<n { y[i] = logistic(x[i]) }
        case .tanh:
            // f' = 1 - y^2
            for i in 0..<n { y[i] = T.tanh(x[i]) }
        case .softmax:
            softmaxForward(x, y, rows: rows, columns: columns)
        case .elu:
            // f(x) = x if x > 0 else alpha (e^x - 1), alpha = 1; f' = 1 if y > 0 else y + alpha
            for i in 0..<n { let v = x[i]; y[i] = v > 0 ? v : T.exp(v) - 1 }
        case .selu:
            // f(x) = scale x if x > 0 else scale alpha (e^x - 1); f' = scale if y > 0 else y + scale alpha
            let scale = T(Self.seluScale), scaleAlpha = T(Self.seluScale * Self.seluAlpha)
            for i in 0..<n { let v = x[i]; y[i] = v > 0 ? scale * v : scaleAlpha * (T.exp(v) - 1) }
        case .gelu:
            // Keras 3 default approximate=False: f(x) = x Phi(x) = x/2 (1 + erf(x / sqrt 2));
            // f' = Phi(x) + x phi(x), phi(x) = e^(-x^2/2) / sqrt(2 pi)
            let invSqrt2 = T(0.70710678118654752440084436210484903)
            for i in 0..<n { let v = x[i]; y[i] = 0.5 * v * (1 + T.erf(v * invSqrt2)) }
        case .leakyRelu:
            // f(x) = x if x > 0 else 0.2 x; f' = 1 if y > 0 else 0.2
            let slope = T(Self.leakyReluSlope)
            for i in 0..<n { let v = x[i]; y[i] = v > 0 ? v : slope * v }
        case .softplus:
            // f(x) = log(1 + e^x) = max(x, 0) + log1p(e^-|x|), never overflowing; f' = sigmoid(x)
            for i in 0..<n { let v = x[i]; y[i] = max(v, 0) + T.log1p(T.exp(-abs(v))) }
        case .swish:
            // Keras' swish = silu: f(x) = x sigmoid(x); f' = s (1 + x (1 - s)), s = sigmoid(x)
            for i in 0..<n { let v = x[i]; y[i] = v * logistic(v) }
        }
    }

    /// `dx = f'(x) * dy` (for softmax the Jacobian-vector product); `dx` may be `dy`.
    ///
    /// `x` is read only where `derivativeNeedsInput`; elsewhere callers may pass `y` for it.
    /// Every operand is loaded before the select: a load inside one arm of `?:` is a conditional
    /// load, which keeps LLVM from vectorising the loop.
    func backward<T: KernelScalar>(
        x: UnsafePointer<T>, y: UnsafePointer<T>, dy: UnsafePointer<T>, dx: UnsafeMutablePointer<T>,
        rows: Int, columns: Int
    ) {
        let n = rows * columns
        switch self {
        case .linear:
            if UnsafePointer(dx) != dy { dx.update(from: dy, count: n) }
        case .relu:
            reluBackward(y: y, dy: dy, dx: dx, count: n)
        case .sigmoid:
            for i in 0..<n { let s = y[i]; dx[i] = dy[i] * s * (1 - s) }
        case .tanh:
            for i in 0..<n { let t = y[i]; dx[i] = dy[i] * (1 - t * t) }
        case .softmax:
            softmaxBackward(y: y, dy: dy, dx: dx, rows: rows, columns: columns)
        case .elu:
            for i in 0..<n { let v = y[i], d = dy[i]; dx[i] = v > 0 ? d : d * (v + 1) }
        case .selu:
            let scale = T(Self.seluScale), scaleAlpha = T(Self.seluScale * Self.seluAlpha)
            for i in 0..<n { let v = y[i], d = dy[i]; dx[i] = d * (v > 0 ? scale : v + scaleAlpha) }
        case .gelu:
            let invSqrt2 = T(0.70710678118654752440084436210484903)
            let invSqrt2Pi = T(0.39894228040143267793994605993438187)
            for i in 0..<n {
                let v = x[i]
                let cdf = 0.5 * (1 + T.erf(v * invSqrt2))
                dx[i] = dy[i] * (cdf + v * invSqrt2Pi * T.exp(-0.5 * v * v))
            }
        case .leakyRelu:
            let slope = T(Self.leakyReluSlope)
            for i in 0..<n { let d = dy[i]; dx[i] = y[i] > 0 ? d : slope * d }
        case .softplus:
            for i in 0..<n { dx[i] = dy[i] * logistic(x[i]) }
        case .swish:
            for i in 0..<n { let v = x[i], s = logistic(v); dx[i] = dy[i] * s * (1 + v * (1 - s)) }
        }
    }
}

/// Relu's `y = x <= 0 ? 0 : x` (`y` may be `x`): for Float eight lanes at a time with a scalar tail, for
/// Double (the gradient checks) the plain loop.
///
/// Why explicit lanes: the plain loop, generic and with `y` allowed to be `x`, compiled to one scalar
/// compare-and-store per value, and relu and its derivative took 5-10% of a training step. The lanes are
/// written for `SIMD8<Float>` itself: on a generic `SIMD8<T>` the comparison resolves to the standard
/// library's lane-by-lane default, which specialisation does not replace. A select per lane is exact, so the
/// bits are the scalar loop's (a NaN passes through: the comparison is false).
@inline(__always)
func reluForward<T: KernelScalar>(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, count n: Int) {
    var i = 0
    if T.self == Float.self {
        let xf = UnsafeRawPointer(x), yf = UnsafeMutableRawPointer(y)
        while i &+ 8 <= n {
            let v = xf.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            yf.storeBytes(of: v.replacing(with: 0, where: v .<= 0), toByteOffset: i &* 4, as: SIMD8<Float>.self)
            i &+= 8
        }
    }
    while i < n { let v = x[i]; y[i] = v <= 0 ? 0 : v; i &+= 1 }
}

/// Relu's derivative applied, `dx = y > 0 ? dy : 0` (`dx` may be `dy`), in lanes as `reluForward`; a NaN in
/// `y` gives 0, as the scalar loop.
@inline(__always)
func reluBackward<T: KernelScalar>(y: UnsafePointer<T>, dy: UnsafePointer<T>, dx: UnsafeMutablePointer<T>, count n: Int) {
    var i = 0
    if T.self == Float.self {
        let yf = UnsafeRawPointer(y), dyf = UnsafeRawPointer(dy), dxf = UnsafeMutableRawPointer(dx)
        while i &+ 8 <= n {
            let v = yf.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            let d = dyf.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            dxf.storeBytes(of: d.replacing(with: 0, where: .!(v .> 0)), toByteOffset: i &* 4, as: SIMD8<Float>.self)
            i &+= 8
        }
    }
    while i < n { let d = dy[i]; dx[i] = y[i] > 0 ? d : 0; i &+= 1 }
}

/// 1 / (1 + e^-x), with the exponent always <= 0 so neither side overflows.
@inline(__always)
func logistic<T: KernelScalar>(_ x: T) -> T {
    if x >= 0 { return 1 / (1 + T.exp(-x)) }
    let e = T.exp(x)
    return e / (1 + e)
}
