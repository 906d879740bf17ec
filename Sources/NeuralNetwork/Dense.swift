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

    /// `Z = X W + b`, then `Y = f(Z)`, per column tile (`ProductTiles`) on the pool: each task copies its
    /// slice of the bias into Z's rows, runs one sgemm accumulating onto it (OpenBLAS would zero Z for
    /// beta = 0 anyway) and applies the activation to its slice, in place where the activation allows.
    /// Softmax needs whole rows, so it runs after all tiles.
    public func forward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers, training: Bool
    ) {
        let units = spec.units, inputWidth = inputWidth, z = buffers.preActivation, y = buffers.output
        let w = UnsafePointer(parameters.values(kernel)), b = bias.map { UnsafePointer(parameters.values($0)) }
        let activation = activation, perTile = activation != .softmax
        let tiles = ProductTiles(columns: units)
        WorkerPool.shared.run(tasks: tiles.count) { index in
            let (start, width) = tiles[index]
            if let b {
                for r in 0..<rows { (z + r * units + start).update(from: b + start, count: width) }
            }
            BLAS.sgemm(m: rows, n: width, k: inputWidth, a: input, b: w + start, ldb: units,
                       beta: b == nil ? 0 : 1, c: z + start, ldc: units)
            if perTile {
                for r in 0..<rows {
                    activation.forward(UnsafePointer(z + r * units + start), y + r * units + start, rows: 1, columns: width)
                }
            }
        }
        if !perTile { activation.forward(UnsafePointer(z), y, rows: rows, columns: units) }
    }

    /// `dZ = f'(Z) * dY`, then `dW = Xᵀ dZ`, `db = column sums of dZ` and `dX = dZ Wᵀ`, on the pool.
    ///
    /// One pass over W's column tiles does the activation's derivative, the tile of dW (one sgemm over all
    /// rows of the batch: every element of dW is one call's, no partial sums) and the tile of db (rows added
    /// in order); a second pass over dX's column tiles does `dX = dZ Wᵀ`, which needs all of dZ. The first
    /// layer skips the second pass (nobody needs the input's gradient).
    public func backward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers,
        gradientIsPreActivation: Bool, inputGradient: UnsafeMutablePointer<Float>?
    ) {
        let units = spec.units, inputWidth = inputWidth, dz = buffers.outputGradient
        let x = UnsafePointer(buffers.preActivation), y = UnsafePointer(buffers.output)
        let activation = activation
        let perTile = !gradientIsPreActivation && activation != .softmax
        if !gradientIsPreActivation && !perTile {
            activation.backward(x: x, y: y, dy: dz, dx: dz, rows: rows, columns: units)
        }
        let dw = parameters.gradients(kernel), db = bias.map { parameters.gradients($0) }
        let tiles = ProductTiles(columns: units)
        WorkerPool.shared.run(tasks: tiles.count) { index in
            let (start, width) = tiles[index]
            if perTile {
                for r in 0..<rows {
                    let offset = r * units + start
                    activation.backward(x: x + offset, y: y + offset, dy: dz + offset, dx: dz + offset, rows: 1, columns: width)
                }
            }
            BLAS.sgemm(transposeA: true, m: inputWidth, n: width, k: rows, a: input, lda: inputWidth,
                       b: dz + start, ldb: units, beta: 0, c: dw + start, ldc: units)
            if let db {
                let part = db + start
                part.update(repeating: 0, count: width)
                for r in 0..<rows {
                    let row = dz + r * units + start
                    for j in 0..<width { part[j] += row[j] }
                }
            }
        }
        guard let inputGradient else { return }
        let w = UnsafePointer(parameters.values(kernel)), dzIn = UnsafePointer(dz)
        let inputTiles = ProductTiles(columns: inputWidth)
        WorkerPool.shared.run(tasks: inputTiles.count) { index in
            let (start, width) = inputTiles[index]
            // Columns start..<start+width of dX = dZ Wᵀ are dZ times rows start..<start+width of W, transposed.
            BLAS.sgemm(transposeB: true, m: rows, n: width, k: units, a: dzIn, lda: units,
                       b: w + start * units, ldb: units, beta: 0, c: inputGradient + start, ldc: inputWidth)
        }
    }
}
