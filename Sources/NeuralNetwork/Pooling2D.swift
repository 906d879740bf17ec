import ModelKinds
import SeededRandom

/// Max or average pooling over each channel of a channels-last image (Keras' `MaxPooling2D`, `AveragePooling2D`),
/// per fixed chunk of samples on the pool; no weights. Max pooling keeps, per output, the input position it
/// took (the first of equal values), and sends the gradient there; average pooling divides by the window's
/// cells inside the image, as TensorFlow's `avg_pool` with `same` padding.
public final class Pooling2D: Layer {
    public enum Mode: Sendable { case max, average }

    public let spec: Pooling2DSpec
    public let mode: Mode
    let geometry: WindowGeometry
    /// Per output position, the window's cells inside the image, counted once.
    let cellCounts: UnsafeMutablePointer<Int32>

    public var inputWidth: Int { geometry.inputCount }
    public var outputWidth: Int { geometry.positions * geometry.channels }
    public var activation: Activation { .linear }

    init?(input: TensorShape, spec: Pooling2DSpec, mode: Mode) {
        guard let geometry = WindowGeometry(input: input, window: spec.poolSize, strides: spec.effectiveStrides, padding: spec.padding)
        else { return nil }
        self.spec = spec
        self.mode = mode
        self.geometry = geometry
        cellCounts = .allocate(capacity: geometry.positions)
        cellCounts.initialize(repeating: 0, count: geometry.positions)
        let counts = cellCounts
        Pooling2DPass(geometry: geometry, mode: mode, argmax: nil, cellCounts: UnsafePointer(counts))
            .forEachCell { output, _ in counts[output] += 1 }
    }

    deinit { cellCounts.deallocate() }

    public func initialize(_ parameters: Parameters, random: inout SeededRandom) {}

    /// Max pooling keeps one Int32 input index per output value.
    public func makeBuffers(maxRows: Int, keepPreActivation: Bool) -> LayerBuffers {
        LayerBuffers(maxRows: maxRows, width: outputWidth, separatePreActivation: false,
                     scratchBytes: mode == .max ? maxRows * outputWidth * MemoryLayout<Int32>.stride : 0)
    }

    func pass(_ buffers: LayerBuffers) -> Pooling2DPass {
        Pooling2DPass(geometry: geometry, mode: mode, argmax: buffers.scratch?.assumingMemoryBound(to: Int32.self),
                      cellCounts: UnsafePointer(cellCounts))
    }

    public func forward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers, training: Bool
    ) {
        pass(buffers).forward(input, rows: rows, y: buffers.output)
    }

    public func backward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers,
        gradientIsPreActivation: Bool, inputGradient: UnsafeMutablePointer<Float>?
    ) {
        guard let inputGradient else { return }
        pass(buffers).backward(UnsafePointer(buffers.outputGradient), rows: rows, dx: inputGradient)
    }
}

/// Pooling's arithmetic over one batch, generic so the gradient checks run it in Double.
struct Pooling2DPass {
    let geometry: WindowGeometry, mode: Pooling2D.Mode
    /// rows x outputs input indices (within the example) of max pooling's picks.
    let argmax: UnsafeMutablePointer<Int32>?
    /// Per output position, the window's cells inside the image: average pooling's divisor.
    let cellCounts: UnsafePointer<Int32>

    var outputs: Int { geometry.positions * geometry.channels }

    func forward<T: KernelScalar>(_ x: UnsafePointer<T>, rows: Int, y: UnsafeMutablePointer<T>) {
        let job = Forward(pass: self, x: x, y: y, chunks: SampleChunks(rows: rows))
        WorkerPool.shared.run(tasks: job.chunks.count, job)
    }

    func backward<T: KernelScalar>(_ dy: UnsafePointer<T>, rows: Int, dx: UnsafeMutablePointer<T>) {
        let job = Backward(pass: self, dy: dy, dx: dx, chunks: SampleChunks(rows: rows))
        WorkerPool.shared.run(tasks: job.chunks.count, job)
    }

    /// Calls `body(output position, input position)` for each output position and each window cell inside the
    /// image, in order; positions count values of one channel (multiply by the channels for an offset).
    @inline(__always)
    func forEachCell(_ body: (_ output: Int, _ input: Int) -> Void) {
        let g = geometry
        for oy in 0..<g.outHeight {
            for ox in 0..<g.outWidth {
                let output = oy * g.outWidth + ox
                for ky in 0..<g.window.height {
                    let iy = oy * g.strides.height - g.padTop + ky
                    guard iy >= 0, iy < g.height else { continue }
                    for kx in 0..<g.window.width {
                        let ix = ox * g.strides.width - g.padLeft + kx
                        guard ix >= 0, ix < g.width else { continue }
                        body(output, iy * g.width + ix)
                    }
                }
            }
        }
    }


    private struct Forward<T: KernelScalar>: PoolJob {
        let pass: Pooling2DPass, x: UnsafePointer<T>, y: UnsafeMutablePointer<T>
        let chunks: SampleChunks

        func run(task: Int) {
            let c = pass.geometry.channels, (first, count) = chunks[task]
            for s in first..<(first + count) {
                let xs = x + s * pass.geometry.inputCount, ys = y + s * pass.outputs
                switch pass.mode {
                case .max:
                    let picks = pass.argmax! + s * pass.outputs
                    picks.update(repeating: -1, count: pass.outputs)
                    pass.forEachCell { output, input in
                        for channel in 0..<c {
                            let v = xs[input * c + channel], o = output * c + channel
                            if picks[o] < 0 || v > ys[o] {
                                ys[o] = v
                                picks[o] = Int32(input * c + channel)
                            }
                        }
                    }
                case .average:
                    ys.update(repeating: 0, count: pass.outputs)
                    pass.forEachCell { output, input in
                        for channel in 0..<c { ys[output * c + channel] += xs[input * c + channel] }
                    }
                    for p in 0..<pass.geometry.positions {
                        let cells = T(pass.cellCounts[p])
                        for channel in 0..<c { ys[p * c + channel] /= cells }
                    }
                }
            }
        }
    }

    private struct Backward<T: KernelScalar>: PoolJob {
        let pass: Pooling2DPass, dy: UnsafePointer<T>, dx: UnsafeMutablePointer<T>
        let chunks: SampleChunks

        func run(task: Int) {
            let c = pass.geometry.channels, (first, count) = chunks[task]
            for s in first..<(first + count) {
                let dxs = dx + s * pass.geometry.inputCount, dys = dy + s * pass.outputs
                dxs.update(repeating: 0, count: pass.geometry.inputCount)
                switch pass.mode {
                case .max:
                    let picks = pass.argmax! + s * pass.outputs
                    for o in 0..<pass.outputs { dxs[Int(picks[o])] += dys[o] }
                case .average:
                    pass.forEachCell { output, input in
                        let cells = T(pass.cellCounts[output])
                        for channel in 0..<c { dxs[input * c + channel] += dys[output * c + channel] / cells }
                    }
                }
            }
        }
    }
}
