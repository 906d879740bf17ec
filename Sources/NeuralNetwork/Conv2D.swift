import ModelKinds
import SeededRandom

/// A 2-D convolution on channels-last images, `Y = f(conv(X, K) + b)`, as im2col plus one product per fixed
/// chunk of samples (`SampleChunks`) on the pool. K is Keras' `(kh, kw, in, filters)` kernel, row-major, which
/// read as a `(kh * kw * in) x filters` matrix is exactly what the packed windows multiply.
public final class Conv2D: Layer {
    public let spec: Conv2DSpec
    let geometry: WindowGeometry
    public let kernel: ParameterSlice
    public let bias: ParameterSlice?

    public var inputWidth: Int { geometry.inputCount }
    public var outputWidth: Int { geometry.positions * spec.filters }
    public var activation: Activation { spec.activation }

    init?(input: TensorShape, spec: Conv2DSpec, layout: inout ParameterLayout) {
        guard let geometry = WindowGeometry(input: input, window: spec.kernelSize, strides: spec.strides, padding: spec.padding)
        else { return nil }
        self.spec = spec
        self.geometry = geometry
        kernel = layout.reserve(geometry.rowLength * spec.filters)
        bias = spec.useBias ? layout.reserve(spec.filters) : nil
    }

    /// Kernel then bias from the one initialisation stream, with Keras' convolution fans
    /// (`compute_fans`: receptive field times input channels, times filters).
    public func initialize(_ parameters: Parameters, random: inout SeededRandom) {
        let field = spec.kernelSize.area
        spec.kernelInitializer.fill(parameters.values(kernel), count: kernel.count, fanIn: field * geometry.channels,
                                    fanOut: field * spec.filters, random: &random)
        if let bias {
            spec.biasInitializer.fill(parameters.values(bias), count: bias.count, fanIn: spec.filters, fanOut: spec.filters, random: &random)
        }
    }

    public var tensors: [LayerTensor] {
        [LayerTensor(name: "kernel", shape: [spec.kernelSize.height, spec.kernelSize.width, geometry.channels, spec.filters],
                     storage: .parameters(kernel))]
            + (bias.map { [LayerTensor(name: "bias", shape: [spec.filters], storage: .parameters($0))] } ?? [])
    }

    /// The packed windows of every sample (kept from forward for the weight gradient) and one weight and
    /// bias gradient partial per chunk.
    public func makeBuffers(maxRows: Int, keepPreActivation: Bool) -> LayerBuffers {
        let packed = maxRows * geometry.positions * geometry.rowLength
        let partials = SampleChunks.maximumCount(rows: maxRows) * (kernel.count + spec.filters)
        return LayerBuffers(maxRows: maxRows, width: outputWidth,
                            separatePreActivation: keepPreActivation || activation.derivativeNeedsInput,
                            scratchBytes: (packed + partials) * MemoryLayout<Float>.stride)
    }

    func pass(_ parameters: Parameters, _ buffers: LayerBuffers) -> Conv2DPass<Float> {
        let scratch = buffers.scratch!.assumingMemoryBound(to: Float.self)
        return Conv2DPass(geometry: geometry, filters: spec.filters, activation: activation,
                          kernel: UnsafePointer(parameters.values(kernel)), bias: bias.map { UnsafePointer(parameters.values($0)) },
                          cols: scratch, partials: scratch + buffers.maxRows * geometry.positions * geometry.rowLength)
    }

    public func forward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers, training: Bool
    ) {
        pass(parameters, buffers).forward(input, rows: rows, z: buffers.preActivation, y: buffers.output)
    }

    public func backward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers,
        gradientIsPreActivation: Bool, inputGradient: UnsafeMutablePointer<Float>?
    ) {
        pass(parameters, buffers).backward(
            rows: rows, z: UnsafePointer(buffers.preActivation), y: UnsafePointer(buffers.output), dz: buffers.outputGradient,
            gradientIsPreActivation: gradientIsPreActivation,
            dKernel: parameters.gradients(kernel), dBias: bias.map { parameters.gradients($0) }, dx: inputGradient)
    }
}

extension Conv2D: SampleChunkedLayer {
    func forward(chunk: Int, of chunks: SampleChunks, _ input: UnsafePointer<Float>, parameters: Parameters,
                 buffers: LayerBuffers, training: Bool) {
        Conv2DPass.Forward(pass: pass(parameters, buffers), x: input, z: buffers.preActivation, y: buffers.output, chunks: chunks)
            .run(task: chunk)
    }

    /// `forward` without the activation: the pre-activation values only, for a max pooling that applies the
    /// relu to its pooled values (`Pooling2D.forwardThroughRelu`), a quarter of the values for 2x2 windows.
    func forwardBeforeActivation(chunk: Int, of chunks: SampleChunks, _ input: UnsafePointer<Float>, parameters: Parameters,
                                 buffers: LayerBuffers) {
        Conv2DPass.Forward(pass: pass(parameters, buffers), x: input, z: buffers.preActivation, y: buffers.output, chunks: chunks,
                           applyActivation: false).run(task: chunk)
    }

    func backward(chunk: Int, of chunks: SampleChunks, _ input: UnsafePointer<Float>, parameters: Parameters,
                  buffers: LayerBuffers, gradientIsPreActivation: Bool, inputGradient: UnsafeMutablePointer<Float>?) {
        Conv2DPass.Backward(pass: pass(parameters, buffers), z: UnsafePointer(buffers.preActivation), y: UnsafePointer(buffers.output),
                            dz: buffers.outputGradient, applyActivation: !gradientIsPreActivation, dx: inputGradient, chunks: chunks)
            .run(task: chunk)
    }

    func finishBackward(chunks: SampleChunks, parameters: Parameters, buffers: LayerBuffers) {
        pass(parameters, buffers).addPartials(chunks: chunks, dKernel: parameters.gradients(kernel),
                                              dBias: bias.map { parameters.gradients($0) })
    }
}

/// The convolution's arithmetic over one batch, generic so the gradient checks run it in Double.
struct Conv2DPass<T: GEMMScalar> {
    let geometry: WindowGeometry, filters: Int, activation: Activation
    let kernel: UnsafePointer<T>, bias: UnsafePointer<T>?
    /// rows x positions x rowLength packed windows.
    let cols: UnsafeMutablePointer<T>
    /// Per chunk: rowLength x filters kernel gradient, then filters bias gradient.
    let partials: UnsafeMutablePointer<T>

    var partialLength: Int { geometry.rowLength * filters + filters }

    /// Per chunk: pack its samples' windows, copy the bias into Z's rows, `Z += cols K`, `Y = f(Z)` (row-wise
    /// over channels, softmax included). Tasks write disjoint rows of cols, Z and Y.
    func forward(_ x: UnsafePointer<T>, rows: Int, z: UnsafeMutablePointer<T>, y: UnsafeMutablePointer<T>) {
        let job = Forward(pass: self, x: x, z: z, y: y, chunks: SampleChunks(rows: rows))
        WorkerPool.shared.run(tasks: job.chunks.count, job)
    }

    /// Per chunk: `dZ = f'(Z) dY` (unless dY already is dZ), its partials `colsᵀ dZ` and the column sums of dZ,
    /// then `dcols = dZ Kᵀ` over its own packed rows and col2im into dX. The partials are then added in
    /// chunk order into the gradients, which they overwrite.
    func backward(
        rows: Int, z: UnsafePointer<T>, y: UnsafePointer<T>, dz: UnsafeMutablePointer<T>, gradientIsPreActivation: Bool,
        dKernel: UnsafeMutablePointer<T>, dBias: UnsafeMutablePointer<T>?, dx: UnsafeMutablePointer<T>?
    ) {
        let job = Backward(pass: self, z: z, y: y, dz: dz, applyActivation: !gradientIsPreActivation, dx: dx,
                           chunks: SampleChunks(rows: rows))
        WorkerPool.shared.run(tasks: job.chunks.count, job)
        addPartials(chunks: job.chunks, dKernel: dKernel, dBias: dBias)
    }

    /// The chunks' weight and bias gradient partials added in chunk order into the gradients, which they overwrite.
    func addPartials(chunks: SampleChunks, dKernel: UnsafeMutablePointer<T>, dBias: UnsafeMutablePointer<T>?) {
        let weights = geometry.rowLength * filters
        dKernel.update(from: partials, count: weights)
        dBias?.update(from: partials + weights, count: filters)
        for chunk in 1..<max(1, chunks.count) {
            let part = partials + chunk * partialLength
            for i in 0..<weights { dKernel[i] += part[i] }
            if let dBias { for j in 0..<filters { dBias[j] += part[weights + j] } }
        }
    }

    struct Forward: PoolJob {
        let pass: Conv2DPass, x: UnsafePointer<T>, z: UnsafeMutablePointer<T>, y: UnsafeMutablePointer<T>
        let chunks: SampleChunks
        var applyActivation = true

        func run(task: Int) {
            let g = pass.geometry, f = pass.filters, (first, count) = chunks[task]
            let rows = count * g.positions, k = g.rowLength
            let cols = pass.cols + first * g.positions * k, zc = z + first * g.positions * f, yc = y + first * g.positions * f
            for s in 0..<count { g.im2col(x + (first + s) * g.inputCount, into: cols + s * g.positions * k) }
            if let bias = pass.bias {
                // An inline loop: a memmove call per row of 32 floats costs more than the copy.
                for r in 0..<rows { let row = zc + r * f; for j in 0..<f { row[j] = bias[j] } }
            }
            T.gemm(transposeA: false, transposeB: false, m: rows, n: f, k: k, a: cols, lda: k, b: pass.kernel, ldb: f,
                   beta: pass.bias == nil ? 0 : 1, c: zc, ldc: f)
            if applyActivation { pass.activation.forward(UnsafePointer(zc), yc, rows: rows, columns: f) }
        }
    }

    struct Backward: PoolJob {
        let pass: Conv2DPass, z: UnsafePointer<T>, y: UnsafePointer<T>, dz: UnsafeMutablePointer<T>
        let applyActivation: Bool, dx: UnsafeMutablePointer<T>?
        let chunks: SampleChunks

        func run(task: Int) {
            let g = pass.geometry, f = pass.filters, (first, count) = chunks[task]
            let rows = count * g.positions, k = g.rowLength, offset = first * g.positions * f
            let cols = pass.cols + first * g.positions * k, dzc = dz + offset
            if applyActivation {
                pass.activation.backward(x: z + offset, y: y + offset, dy: dzc, dx: dzc, rows: rows, columns: f)
            }
            let part = pass.partials + task * pass.partialLength
            T.gemm(transposeA: true, transposeB: false, m: k, n: f, k: rows, a: cols, lda: k, b: dzc, ldb: f,
                   beta: 0, c: part, ldc: f)
            let db = part + k * f
            db.update(repeating: 0, count: f)
            for r in 0..<rows {
                let row = dzc + r * f
                for j in 0..<f { db[j] += row[j] }
            }
            guard let dx else { return }
            // A piece of the chunk at a time (`SampleChunks.pieces`): its packed windows' gradients are still in
            // the core's cache when col2im reads them. The pieces are fixed as the chunks are, so the thread
            // count still changes nothing (`SampleChunks` says when they also give the whole chunk's bits).
            let pieces = chunks.pieces
            for piece in chunks.pieces(of: task) {
                let (start, samples) = pieces[piece], pieceCols = pass.cols + start * g.positions * k
                T.gemm(transposeA: false, transposeB: true, m: samples * g.positions, n: k, k: f, a: dz + start * g.positions * f,
                       lda: f, b: pass.kernel, ldb: f, beta: 0, c: pieceCols, ldc: k)
                for s in 0..<samples {
                    g.col2im(pieceCols + s * g.positions * k, into: dx + (start + s) * g.inputCount)
                }
            }
        }
    }
}
