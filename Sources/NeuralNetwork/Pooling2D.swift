import CKernels
import ModelKinds
import SeededRandom

/// Max or average pooling over each channel of a channels-last image (Keras' `MaxPooling2D`, `AveragePooling2D`),
/// per fixed chunk of samples on the pool; no weights. Max pooling sends the gradient to the first cell of the
/// window (row by row) that holds the maximum; forward notes that cell per output (an index into the sample),
/// so backward is a scatter and never reads the input again. Average pooling divides by the window's cells
/// inside the image, as TensorFlow's `avg_pool` with `same` padding.
public final class Pooling2D: Layer {
    public enum Mode: Sendable { case max, average }

    public let spec: Pooling2DSpec
    public let mode: Mode
    let geometry: WindowGeometry

    public var inputWidth: Int { geometry.inputCount }
    public var outputWidth: Int { geometry.positions * geometry.channels }
    public var activation: Activation { .linear }

    init?(input: TensorShape, spec: Pooling2DSpec, mode: Mode) {
        guard let geometry = WindowGeometry(input: input, window: spec.poolSize, strides: spec.effectiveStrides, padding: spec.padding)
        else { return nil }
        self.spec = spec
        self.mode = mode
        self.geometry = geometry
    }

    public func initialize(_ parameters: Parameters, random: inout SeededRandom) {}

    public func makeBuffers(maxRows: Int, keepPreActivation: Bool) -> LayerBuffers {
        LayerBuffers(maxRows: maxRows, width: outputWidth, separatePreActivation: false,
                     scratchBytes: mode == .max ? maxRows * outputWidth * MemoryLayout<Int32>.stride : 0)
    }

    private var pass: Pooling2DPass { Pooling2DPass(geometry: geometry, mode: mode) }

    private func picks(_ buffers: LayerBuffers) -> UnsafeMutablePointer<Int32>? {
        buffers.scratch?.assumingMemoryBound(to: Int32.self)
    }

    public func forward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers, training: Bool
    ) {
        pass.forward(input, rows: rows, y: buffers.output, picks: picks(buffers))
    }

    public func backward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers,
        gradientIsPreActivation: Bool, inputGradient: UnsafeMutablePointer<Float>?
    ) {
        guard let inputGradient else { return }
        pass.backward(dy: UnsafePointer(buffers.outputGradient), rows: rows, dx: inputGradient, picks: picks(buffers).map { UnsafePointer($0) })
    }
}

extension Pooling2D: SampleChunkedLayer {
    func forward(chunk: Int, of chunks: SampleChunks, _ input: UnsafePointer<Float>, parameters: Parameters,
                 buffers: LayerBuffers, training: Bool) {
        Pooling2DPass.Forward(pass: pass, x: input, y: buffers.output, picks: picks(buffers), chunks: chunks).run(task: chunk)
    }

    func backward(chunk: Int, of chunks: SampleChunks, _ input: UnsafePointer<Float>, parameters: Parameters,
                  buffers: LayerBuffers, gradientIsPreActivation: Bool, inputGradient: UnsafeMutablePointer<Float>?) {
        guard let inputGradient else { return }
        Pooling2DPass.Backward(pass: pass, dy: UnsafePointer(buffers.outputGradient), dx: inputGradient,
                               picks: picks(buffers).map { UnsafePointer($0) }, chunks: chunks, gate: nil).run(task: chunk)
    }

    /// Max pooling's training forward for chunk `chunk` over the layer before's values before its relu
    /// (`preActivation`), the relu applied to the pooled values instead (`ChunkedStages.poolAppliesRelu`).
    /// Relu keeps order, so a window's pooled value is the same number; where it is above 0 the pick is the
    /// same cell too, and elsewhere the gradient through the relu is 0 whichever cell is picked.
    func forwardThroughRelu(chunk: Int, of chunks: SampleChunks, preActivation: UnsafePointer<Float>, buffers: LayerBuffers) {
        precondition(mode == .max, "only max pooling commutes with relu")
        Pooling2DPass.Forward(pass: pass, x: preActivation, y: buffers.output, picks: picks(buffers), chunks: chunks,
                              relu: true).run(task: chunk)
    }

    /// Max pooling's backward for chunk `chunk` with the relu of the layer before applied as well: a picked
    /// cell's gradient passes only where the pooled value, which is that cell's, is above 0 (`ChunkedStages`
    /// then tells that layer its gradient is already the pre-activation one).
    func backwardThroughRelu(chunk: Int, of chunks: SampleChunks, buffers: LayerBuffers, inputGradient: UnsafeMutablePointer<Float>) {
        precondition(mode == .max, "only max pooling's picks hold the layer before's outputs")
        Pooling2DPass.Backward(pass: pass, dy: UnsafePointer(buffers.outputGradient), dx: inputGradient,
                               picks: picks(buffers).map { UnsafePointer($0) }, chunks: chunks,
                               gate: UnsafePointer(buffers.output)).run(task: chunk)
    }
}

/// Pooling's arithmetic over one batch, generic so the gradient checks run it in Double.
struct Pooling2DPass {
    let geometry: WindowGeometry, mode: Pooling2D.Mode

    var outputs: Int { geometry.positions * geometry.channels }

    /// `picks` (max pooling: rows x outputs indices) receives each output's cell, an index into its sample.
    func forward<T: KernelScalar>(_ x: UnsafePointer<T>, rows: Int, y: UnsafeMutablePointer<T>, picks: UnsafeMutablePointer<Int32>?) {
        let job = Forward(pass: self, x: x, y: y, picks: picks, chunks: SampleChunks(rows: rows))
        WorkerPool.shared.run(tasks: job.chunks.count, job)
    }

    /// `picks` are those of the forward pass that made `dy`'s outputs (max pooling).
    func backward<T: KernelScalar>(dy: UnsafePointer<T>, rows: Int, dx: UnsafeMutablePointer<T>, picks: UnsafePointer<Int32>?) {
        let job = Backward(pass: self, dy: dy, dx: dx, picks: picks, chunks: SampleChunks(rows: rows), gate: nil)
        WorkerPool.shared.run(tasks: job.chunks.count, job)
    }

    /// The window of output position (oy, ox) inside the image: its first input row and column, and how many
    /// rows and columns of it are inside.
    @inline(__always)
    func window(_ oy: Int, _ ox: Int) -> (row: Int, rows: Int, column: Int, columns: Int) {
        let g = geometry
        let top = oy * g.strides.height - g.padTop
        let first = max(0, -top), last = min(g.window.height, g.height - top)
        let (column, columns) = g.insideColumns(ox)
        return (top + first, max(0, last - first), ox * g.strides.width - g.padLeft + column, columns)
    }

    struct Forward<T: KernelScalar>: PoolJob {
        let pass: Pooling2DPass, x: UnsafePointer<T>, y: UnsafeMutablePointer<T>, picks: UnsafeMutablePointer<Int32>?
        let chunks: SampleChunks
        /// Relu applied to each pooled maximum (`Pooling2D.forwardThroughRelu`).
        var relu = false

        func run(task: Int) {
            let g = pass.geometry, c = g.channels, (first, count) = chunks[task]
            for s in first..<(first + count) {
                let xs = x + s * g.inputCount
                var out = y + s * pass.outputs
                var pick = picks.map { $0 + s * pass.outputs }
                for oy in 0..<g.outHeight {
                    for ox in 0..<g.outWidth {
                        let w = pass.window(oy, ox)
                        switch pass.mode {
                        case .max where T.self == Float.self:
                            // CKernels' window, compiled for the CPU's widest vectors (see MaxPooling.c).
                            runner_max_window_f32(
                                UnsafeRawPointer(xs).assumingMemoryBound(to: Float.self), g.width, c, w.row, w.rows, w.column,
                                w.columns, UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self), pick, relu ? 1 : 0)
                        case .max:
                            let start = (w.row * g.width + w.column) * c
                            out.update(from: xs + start, count: c)
                            if let pick { for channel in 0..<c { pick[channel] = Int32(truncatingIfNeeded: start &+ channel) } }
                            for iy in w.row..<(w.row + w.rows) {
                                for ix in w.column..<(w.column + w.columns) {
                                    let offset = (iy &* g.width &+ ix) &* c, cell = xs + offset
                                    if let pick {
                                        // Selects, not branches: after a relu, ties at 0 come in no predictable
                                        // order. A later cell is picked only when strictly greater, so the
                                        // pick is the first cell that holds the maximum.
                                        // Both picks are loaded first: a load on one side of the select
                                        // would be a branch, and the loop would not vectorise.
                                        for channel in 0..<c {
                                            let value = cell[channel], best = out[channel], kept = pick[channel]
                                            let index = Int32(truncatingIfNeeded: offset &+ channel)
                                            pick[channel] = value > best ? index : kept
                                            out[channel] = Swift.max(best, value)
                                        }
                                    } else {
                                        for channel in 0..<c { out[channel] = Swift.max(out[channel], cell[channel]) }
                                    }
                                }
                            }
                            if relu { reluForward(UnsafePointer(out), out, count: c) }
                        case .average:
                            for channel in 0..<c { out[channel] = 0 }
                            for iy in w.row..<(w.row + w.rows) {
                                for ix in w.column..<(w.column + w.columns) {
                                    let cell = xs + (iy * g.width + ix) * c
                                    for channel in 0..<c { out[channel] += cell[channel] }
                                }
                            }
                            let cells = T(w.rows * w.columns)
                            for channel in 0..<c { out[channel] /= cells }
                        }
                        out += c
                        pick = pick.map { $0 + c }
                    }
                }
            }
        }
    }

    struct Backward<T: KernelScalar>: PoolJob {
        let pass: Pooling2DPass, dy: UnsafePointer<T>, dx: UnsafeMutablePointer<T>
        let picks: UnsafePointer<Int32>?, chunks: SampleChunks
        /// Max pooling's outputs, when a relu before the layer is applied here: `dy` passes where they are > 0.
        let gate: UnsafePointer<T>?

        func run(task: Int) {
            let g = pass.geometry, c = g.channels, (first, count) = chunks[task]
            let tiled = T.self == Float.self && pass.mode == .max && g.strides == g.window && g.everyWindowInside
            for s in first..<(first + count) {
                let dxs = dx + s * g.inputCount, dys = dy + s * pass.outputs
                if tiled {
                    // CKernels' tiled backward, compiled for the CPU's widest vectors (see MaxPooling.c).
                    runner_max_pool_backward_tiled_f32(
                        UnsafeRawPointer(dys).assumingMemoryBound(to: Float.self),
                        gate.map { UnsafeRawPointer($0 + s * pass.outputs).assumingMemoryBound(to: Float.self) },
                        picks! + s * pass.outputs, UnsafeMutableRawPointer(dxs).assumingMemoryBound(to: Float.self),
                        g.height, g.width, c, g.window.height, g.window.width, g.outHeight, g.outWidth)
                    continue
                }
                dxs.update(repeating: 0, count: g.inputCount)
                switch pass.mode {
                case .max:
                    // Outputs in order, so cells shared by overlapping windows add up in a fixed order.
                    let pick = picks! + s * pass.outputs
                    if let gate {
                        // Relu's `y > 0 ? dy : 0`, as a select so the loop has no branch on the data.
                        let ys = gate + s * pass.outputs
                        for o in 0..<pass.outputs { let d = dys[o]; dxs[Int(pick[o])] += ys[o] > 0 ? d : 0 }
                    } else {
                        for o in 0..<pass.outputs { dxs[Int(pick[o])] += dys[o] }
                    }
                case .average:
                    var o = 0
                    for oy in 0..<g.outHeight {
                        for ox in 0..<g.outWidth {
                            let w = pass.window(oy, ox), cells = T(w.rows * w.columns)
                            for iy in w.row..<(w.row + w.rows) {
                                for ix in w.column..<(w.column + w.columns) {
                                    let cell = dxs + (iy * g.width + ix) * c
                                    for channel in 0..<c { cell[channel] += dys[o + channel] / cells }
                                }
                            }
                            o += c
                        }
                    }
                }
            }
        }
    }
}
