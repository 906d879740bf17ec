import ModelKinds
import SeededRandom

/// Keras' `GlobalAveragePooling2D`: each channel's mean over the image's positions, `y[c] = sum_p x[p, c] / P`;
/// backward spreads `dy[c] / P` over the positions. Per fixed chunk of samples on the pool; no weights.
public final class GlobalAveragePooling2D: Layer {
    let positions: Int, channels: Int

    public var inputWidth: Int { positions * channels }
    public var outputWidth: Int { channels }
    public var activation: Activation { .linear }

    init?(input: TensorShape) {
        guard case let .image(h, w, c) = input else { return nil }
        (positions, channels) = (h * w, c)
    }

    public func initialize(_ parameters: Parameters, random: inout SeededRandom) {}

    public func makeBuffers(maxRows: Int, keepPreActivation: Bool) -> LayerBuffers {
        LayerBuffers(maxRows: maxRows, width: channels, separatePreActivation: false)
    }

    public func forward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers, training: Bool
    ) {
        GlobalAveragePass(positions: positions, channels: channels).forward(input, rows: rows, y: buffers.output)
    }

    public func backward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers,
        gradientIsPreActivation: Bool, inputGradient: UnsafeMutablePointer<Float>?
    ) {
        guard let inputGradient else { return }
        GlobalAveragePass(positions: positions, channels: channels)
            .backward(UnsafePointer(buffers.outputGradient), rows: rows, dx: inputGradient)
    }
}

extension GlobalAveragePooling2D: SampleChunkedLayer {
    func forward(chunk: Int, of chunks: SampleChunks, _ input: UnsafePointer<Float>, parameters: Parameters,
                 buffers: LayerBuffers, training: Bool) {
        GlobalAveragePass.Forward(pass: GlobalAveragePass(positions: positions, channels: channels), x: input, y: buffers.output,
                                  chunks: chunks).run(task: chunk)
    }

    func backward(chunk: Int, of chunks: SampleChunks, _ input: UnsafePointer<Float>, parameters: Parameters,
                  buffers: LayerBuffers, gradientIsPreActivation: Bool, inputGradient: UnsafeMutablePointer<Float>?) {
        guard let inputGradient else { return }
        GlobalAveragePass.Backward(pass: GlobalAveragePass(positions: positions, channels: channels),
                                   dy: UnsafePointer(buffers.outputGradient), dx: inputGradient, chunks: chunks).run(task: chunk)
    }
}

/// The global average's arithmetic, generic so the gradient checks run it in Double.
struct GlobalAveragePass {
    let positions: Int, channels: Int

    func forward<T: KernelScalar>(_ x: UnsafePointer<T>, rows: Int, y: UnsafeMutablePointer<T>) {
        let job = Forward(pass: self, x: x, y: y, chunks: SampleChunks(rows: rows))
        WorkerPool.shared.run(tasks: job.chunks.count, job)
    }

    func backward<T: KernelScalar>(_ dy: UnsafePointer<T>, rows: Int, dx: UnsafeMutablePointer<T>) {
        let job = Backward(pass: self, dy: dy, dx: dx, chunks: SampleChunks(rows: rows))
        WorkerPool.shared.run(tasks: job.chunks.count, job)
    }

    struct Forward<T: KernelScalar>: PoolJob {
        let pass: GlobalAveragePass, x: UnsafePointer<T>, y: UnsafeMutablePointer<T>
        let chunks: SampleChunks

        func run(task: Int) {
            let (p, c) = (pass.positions, pass.channels), (first, count) = chunks[task]
            for s in first..<(first + count) {
                let xs = x + s * p * c, ys = y + s * c
                ys.update(repeating: 0, count: c)
                for position in 0..<p { for channel in 0..<c { ys[channel] += xs[position * c + channel] } }
                for channel in 0..<c { ys[channel] /= T(p) }
            }
        }
    }

    struct Backward<T: KernelScalar>: PoolJob {
        let pass: GlobalAveragePass, dy: UnsafePointer<T>, dx: UnsafeMutablePointer<T>
        let chunks: SampleChunks

        func run(task: Int) {
            let (p, c) = (pass.positions, pass.channels), (first, count) = chunks[task]
            for s in first..<(first + count) {
                let dxs = dx + s * p * c, dys = dy + s * c
                for position in 0..<p { for channel in 0..<c { dxs[position * c + channel] = dys[channel] / T(p) } }
            }
        }
    }
}
