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

    /// Keras' `(inputs, units)` kernel and `(units)` bias.
    public var tensors: [LayerTensor] {
        [LayerTensor(name: "kernel", shape: [inputWidth, spec.units], storage: .parameters(kernel))]
            + (bias.map { [LayerTensor(name: "bias", shape: [spec.units], storage: .parameters($0))] } ?? [])
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
        let job = DenseForwardTiles(
            input: input, rows: rows, inputWidth: inputWidth, units: spec.units, tiles: ProductTiles(columns: spec.units),
            w: UnsafePointer(parameters.values(kernel)), b: bias.map { UnsafePointer(parameters.values($0)) },
            z: buffers.preActivation, y: buffers.output, activation: activation, perTile: activation != .softmax)
        WorkerPool.shared.run(tasks: job.tiles.count, job)
        if !job.perTile { activation.forward(UnsafePointer(job.z), job.y, rows: rows, columns: spec.units) }
    }

    /// `dZ = f'(Z) * dY`, then `dW = Xᵀ dZ`, `db = column sums of dZ` and `dX = dZ Wᵀ`, on the pool.
    ///
    /// One pass over W's column tiles does the activation's derivative, the tile of dW (one sgemm over all
    /// rows of the batch: every element of dW is one call's, no partial sums) and the tile of db (rows added
    /// in order); a second pass over dX's column tiles does `dX = dZ Wᵀ`, which needs all of dZ (one pass
    /// with the first where dZ is final already: a loss's logit gradient, a whole-row softmax). The first
    /// layer skips the dX tiles (nobody needs the input's gradient).
    public func backward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers,
        gradientIsPreActivation: Bool, inputGradient: UnsafeMutablePointer<Float>?
    ) {
        let units = spec.units, dz = buffers.outputGradient
        let x = UnsafePointer(buffers.preActivation), y = UnsafePointer(buffers.output)
        let perTile = !gradientIsPreActivation && activation != .softmax
        if !gradientIsPreActivation && !perTile {
            activation.backward(x: x, y: y, dy: dz, dx: dz, rows: rows, columns: units)
        }
        let gradients = DenseGradientTiles(
            input: input, rows: rows, inputWidth: inputWidth, units: units, tiles: ProductTiles(columns: units),
            x: x, y: y, dz: dz, dw: parameters.gradients(kernel), db: bias.map { parameters.gradients($0) },
            activation: activation, perTile: perTile)
        guard let inputGradient else { return WorkerPool.shared.run(tasks: gradients.tiles.count, gradients) }
        let inputTiles = DenseInputGradientTiles(
            rows: rows, inputWidth: inputWidth, units: units, tiles: ProductTiles(columns: inputWidth),
            dz: UnsafePointer(dz), w: UnsafePointer(parameters.values(kernel)), dx: inputGradient)
        if perTile {
            WorkerPool.shared.run(tasks: gradients.tiles.count, gradients)
            WorkerPool.shared.run(tasks: inputTiles.tiles.count, inputTiles)
        } else {
            // dZ is final before either pass (no derivative per tile), so both run as one: the output layer's
            // single dW tile beside dX's tiles, instead of alone while the other threads wait.
            let both = DenseBackwardTiles(gradients: gradients, inputGradients: inputTiles)
            WorkerPool.shared.run(tasks: gradients.tiles.count + inputTiles.tiles.count, both)
        }
    }
}

/// Both backward passes as one, when dZ needs no derivative per tile: dW's tiles first, then dX's.
private struct DenseBackwardTiles: PoolJob {
    let gradients: DenseGradientTiles, inputGradients: DenseInputGradientTiles

    func run(task: Int) {
        let first = gradients.tiles.count
        if task < first { gradients.run(task: task) } else { inputGradients.run(task: task - first) }
    }
}

/// Forward, per column tile: the bias slice copied into Z's rows, `Z[:, tile] += X W[:, tile]`, `Y = f(Z)` on the slice.
private struct DenseForwardTiles: PoolJob {
    let input: UnsafePointer<Float>, rows: Int, inputWidth: Int, units: Int, tiles: ProductTiles
    let w: UnsafePointer<Float>, b: UnsafePointer<Float>?
    let z: UnsafeMutablePointer<Float>, y: UnsafeMutablePointer<Float>
    let activation: Activation, perTile: Bool

    func run(task: Int) {
        let (start, width) = tiles[task]
        if let b {
            for r in 0..<rows { (z + r * units + start).update(from: b + start, count: width) }
        }
        BLAS.sgemm(m: rows, n: width, k: inputWidth, a: input, b: w + start, ldb: units,
                   beta: b == nil ? 0 : 1, c: z + start, ldc: units)
        guard perTile else { return }
        for r in 0..<rows {
            activation.forward(UnsafePointer(z + r * units + start), y + r * units + start, rows: 1, columns: width)
        }
    }
}

/// Backward, per column tile of W: `dZ = f'(Z) dY` on the slice, `dW[:, tile] = Xᵀ dZ[:, tile]`, `db[tile]`.
private struct DenseGradientTiles: PoolJob {
    let input: UnsafePointer<Float>, rows: Int, inputWidth: Int, units: Int, tiles: ProductTiles
    let x: UnsafePointer<Float>, y: UnsafePointer<Float>, dz: UnsafeMutablePointer<Float>
    let dw: UnsafeMutablePointer<Float>, db: UnsafeMutablePointer<Float>?
    let activation: Activation, perTile: Bool

    func run(task: Int) {
        let (start, width) = tiles[task]
        if perTile {
            for r in 0..<rows {
                let offset = r * units + start
                activation.backward(x: x + offset, y: y + offset, dy: dz + offset, dx: dz + offset, rows: 1, columns: width)
            }
        }
        BLAS.sgemm(transposeA: true, m: inputWidth, n: width, k: rows, a: input, lda: inputWidth,
                   b: dz + start, ldb: units, beta: 0, c: dw + start, ldc: units)
        guard let db else { return }
        let part = db + start
        part.update(repeating: 0, count: width)
        for r in 0..<rows {
            let row = dz + r * units + start
            for j in 0..<width { part[j] += row[j] }
        }
    }
}

/// Backward, per column tile of dX: columns `tile` of `dX = dZ Wᵀ` are dZ times rows `tile` of W, transposed.
private struct DenseInputGradientTiles: PoolJob {
    let rows: Int, inputWidth: Int, units: Int, tiles: ProductTiles
    let dz: UnsafePointer<Float>, w: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>

    func run(task: Int) {
        let (start, width) = tiles[task]
        BLAS.sgemm(transposeB: true, m: rows, n: width, k: units, a: dz, lda: units,
                   b: w + start * units, ldb: units, beta: 0, c: dx + start, ldc: inputWidth)
    }
}
