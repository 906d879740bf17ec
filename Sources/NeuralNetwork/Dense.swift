import ModelKinds
import SeededRandom

/// A fully connected layer, `Y = f(X W + b)`, with W stored row-major as Keras' (inputWidth, units) kernel.
public final class Dense: Layer {
    public let spec: DenseSpec
    public let inputWidth: Int
    public let kernel: ParameterSlice
    public let bias: ParameterSlice?

    public var outputWidth: Int { spec.units }
    public var activation: Activation { spec.activation }

    init(inputWidth: Int, spec: DenseSpec, layout: inout ParameterLayout) {
        self.spec = spec
        self.inputWidth = inputWidth
        kernel = layout.reserve(inputWidth * spec.units)
        bias = spec.useBias ? layout.reserve(spec.units) : nil
    }

    /// Kernel first, then bias, each in row-major order, all from the one initialisation stream.
    public func initialize(_ parameters: Parameters, random: inout SeededRandom) {
        spec.kernelInitializer.fill(
            parameters.values(kernel), count: kernel.count, fanIn: inputWidth, fanOut: spec.units, random: &random)
        if let bias {
            spec.biasInitializer.fill(
                parameters.values(bias), count: bias.count, fanIn: spec.units, fanOut: spec.units, random: &random)
        }
    }

    public func makeBuffers(maxRows: Int, keepPreActivation: Bool) -> LayerBuffers {
        LayerBuffers(
            maxRows: maxRows, width: spec.units,
            separatePreActivation: keepPreActivation || activation.derivativeNeedsInput)
    }

    /// `Z = X W + b` as one sgemm accumulating onto bias rows copied into Z (OpenBLAS would zero Z
    /// for beta = 0 anyway), then `Y = f(Z)`, in place where the activation allows.
    public func forward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers, training: Bool
    ) {
        let units = spec.units, z = buffers.preActivation
        if let bias {
            let b = parameters.values(bias)
            for r in 0..<rows { (z + r * units).update(from: b, count: units) }
        }
        BLAS.sgemm(m: rows, n: units, k: inputWidth, a: input, b: parameters.values(kernel),
                   beta: bias == nil ? 0 : 1, c: z)
        activation.forward(z, buffers.output, rows: rows, columns: units)
    }

    /// `dZ = f'(Z) * dY`, then `dW = Xᵀ dZ`, `db = column sums of dZ` and `dX = dZ Wᵀ`: three sgemm-shaped
    /// products, of which the first layer skips the last (nobody needs the input's gradient).
    public func backward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers,
        gradientIsPreActivation: Bool, inputGradient: UnsafeMutablePointer<Float>?
    ) {
        let units = spec.units, dz = buffers.outputGradient
        if !gradientIsPreActivation {
            activation.backward(x: buffers.preActivation, y: buffers.output, dy: dz, dx: dz, rows: rows, columns: units)
        }
        BLAS.sgemm(transposeA: true, m: inputWidth, n: units, k: rows, a: input, b: dz,
                   beta: 0, c: parameters.gradients(kernel))
        if let bias {
            let db = parameters.gradients(bias)
            db.update(repeating: 0, count: units)
            for r in 0..<rows {
                let row = dz + r * units
                for j in 0..<units { db[j] += row[j] }
            }
        }
        if let inputGradient {
            BLAS.sgemm(transposeB: true, m: rows, n: inputWidth, k: units, a: dz, b: parameters.values(kernel),
                       beta: 0, c: inputGradient)
        }
    }
}
