import ModelKinds
import SeededRandom

/// Max or average pooling over each channel of a channels-last image (Keras' `MaxPooling2D`, `AveragePooling2D`),
/// per fixed chunk of samples on the pool; no weights. Max pooling sends the gradient to the first cell of the
/// window (row by row) that holds the maximum, found again in backward from the input and the output, so
/// nothing is stored; average pooling divides by the window's cells inside the image, as TensorFlow's
/// `avg_pool` with `same` padding.
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
                     scratchBytes: Pooling2DPass(geometry: geometry, mode: mode).picksCount(rows: maxRows) * MemoryLayout<Int32>.stride)
    }

    public func forward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers, training: Bool
    ) {
        Pooling2DPass(geometry: geometry, mode: mode).forward(input, rows: rows, y: buffers.output)
    }

    public func backward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers,
        gradientIsPreActivation: Bool, inputGradient: UnsafeMutablePointer<Float>?
    ) {
        guard let inputGradient else { return }
        Pooling2DPass(geometry: geometry, mode: mode).backward(
            input, y: UnsafePointer(buffers.output), dy: UnsafePointer(buffers.outputGradient), rows: rows, dx: inputGradient,
            picks: buffers.scratch!.assumingMemoryBound(to: Int32.self))
    }
}

/// Pooling's arithmetic over one batch, generic so the gradient checks run it in Double.
struct Pooling2DPass {
    let geometry: WindowGeometry, mode: Pooling2D.Mode

    var outputs: Int { geometry.positions * geometry.channels }

    func picksCount(rows: Int) -> Int { SampleChunks.maximumCount(rows: rows) * geometry.channels }

    func forward<T: KernelScalar>(_ x: UnsafePointer<T>, rows: Int, y: UnsafeMutablePointer<T>) {
        let job = Forward(pass: self, x: x, y: y, chunks: SampleChunks(rows: rows))
        WorkerPool.shared.run(tasks: job.chunks.count, job)
    }

    /// `x` and `y` are forward's input and output (max pooling finds its picks in them); `picks` has room
    /// for `picksCount(rows:)` indices, one per channel and chunk.
    func backward<T: KernelScalar>(_ x: UnsafePointer<T>, y: UnsafePointer<T>, dy: UnsafePointer<T>, rows: Int,
                                   dx: UnsafeMutablePointer<T>, picks: UnsafeMutablePointer<Int32>) {
        let job = Backward(pass: self, x: x, y: y, dy: dy, dx: dx, picks: picks, chunks: SampleChunks(rows: rows))
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

    private struct Forward<T: KernelScalar>: PoolJob {
        let pass: Pooling2DPass, x: UnsafePointer<T>, y: UnsafeMutablePointer<T>
        let chunks: SampleChunks

        func run(task: Int) {
            let g = pass.geometry, c = g.channels, (first, count) = chunks[task]
            for s in first..<(first + count) {
                let xs = x + s * g.inputCount
                var out = y + s * pass.outputs
                for oy in 0..<g.outHeight {
                    for ox in 0..<g.outWidth {
                        let w = pass.window(oy, ox)
                        switch pass.mode {
                        case .max:
                            out.update(from: xs + (w.row * g.width + w.column) * c, count: c)
                            for iy in w.row..<(w.row + w.rows) {
                                for ix in w.column..<(w.column + w.columns) {
                                    let cell = xs + (iy &* g.width &+ ix) &* c
                                    for channel in 0..<c { out[channel] = Swift.max(out[channel], cell[channel]) }
                                }
                            }
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
                    }
                }
            }
        }
    }

    private struct Backward<T: KernelScalar>: PoolJob {
        let pass: Pooling2DPass, x: UnsafePointer<T>, y: UnsafePointer<T>, dy: UnsafePointer<T>, dx: UnsafeMutablePointer<T>
        let picks: UnsafeMutablePointer<Int32>, chunks: SampleChunks

        func run(task: Int) {
            let g = pass.geometry, c = g.channels, (first, count) = chunks[task]
            let picks = self.picks + task * c
            for s in first..<(first + count) {
                let xs = x + s * g.inputCount, dxs = dx + s * g.inputCount
                dxs.update(repeating: 0, count: g.inputCount)
                var o = s * pass.outputs
                for oy in 0..<g.outHeight {
                    for ox in 0..<g.outWidth {
                        let w = pass.window(oy, ox)
                        switch pass.mode {
                        case .max:
                            // The window's cells last to first, so each channel's pick ends on its first maximum;
                            // selects, not branches (after a relu, ties at 0 come in no predictable order).
                            for iy in stride(from: w.row + w.rows - 1, through: w.row, by: -1) {
                                for ix in stride(from: w.column + w.columns - 1, through: w.column, by: -1) {
                                    let offset = (iy &* g.width &+ ix) &* c
                                    let cell = xs + offset, top = y + o
                                    for channel in 0..<c {
                                        // picks = same ? index : picks, as bit operations (a branch mispredicts).
                                        let same = Int32(unsafeBitCast(cell[channel] == top[channel], to: UInt8.self))
                                        let index = Int32(truncatingIfNeeded: offset &+ channel)
                                        picks[channel] ^= (picks[channel] ^ index) & (0 &- same)
                                    }
                                }
                            }
                            for channel in 0..<c { dxs[Int(picks[channel])] += dy[o &+ channel] }
                        case .average:
                            let cells = T(w.rows * w.columns)
                            for iy in w.row..<(w.row + w.rows) {
                                for ix in w.column..<(w.column + w.columns) {
                                    let cell = dxs + (iy * g.width + ix) * c
                                    for channel in 0..<c { cell[channel] += dy[o + channel] / cells }
                                }
                            }
                        }
                        o += c
                    }
                }
            }
        }
    }
}
