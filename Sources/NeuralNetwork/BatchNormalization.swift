import ModelKinds
import SeededRandom

/// Keras 3's `BatchNormalization(axis=-1)` (see `BatchNormalizationSpec` for the formulas): statistics per
/// channel, the last axis, over the batch and every position of an image.
///
/// gamma and beta are trainable weights in `Parameters`; the moving mean and variance are the layer's own
/// state, updated by each training forward, never seen by the optimizer or a regularizer, saved with the
/// weights. Sums run in Double, one partial per fixed chunk of samples (`SampleChunks`) added in chunk order.
public final class BatchNormalization: Layer {
    public let spec: BatchNormalizationSpec
    let positions: Int, channels: Int
    public let gamma: ParameterSlice?
    public let beta: ParameterSlice?
    let movingMean: UnsafeMutablePointer<Float>
    let movingVariance: UnsafeMutablePointer<Float>

    public var inputWidth: Int { positions * channels }
    public var outputWidth: Int { inputWidth }
    public var activation: Activation { .linear }

    init(input: TensorShape, spec: BatchNormalizationSpec, layout: inout ParameterLayout) {
        self.spec = spec
        channels = input.lastAxis
        positions = input.count / channels
        gamma = spec.scale ? layout.reserve(channels) : nil
        beta = spec.center ? layout.reserve(channels) : nil
        movingMean = allocateFloats(channels).baseAddress!
        movingVariance = allocateFloats(channels).baseAddress!
        movingMean.initialize(repeating: 0, count: channels)
        movingVariance.initialize(repeating: 1, count: channels)
    }

    deinit {
        movingMean.deallocate()
        movingVariance.deallocate()
    }

    /// gamma ones, beta zeros (Keras' initializers); nothing is drawn from the stream.
    public func initialize(_ parameters: Parameters, random: inout SeededRandom) {
        if let gamma { parameters.values(gamma).update(repeating: 1, count: channels) }
        if let beta { parameters.values(beta).update(repeating: 0, count: channels) }
        movingMean.update(repeating: 0, count: channels)
        movingVariance.update(repeating: 1, count: channels)
    }

    /// Keras' order: gamma, beta, moving_mean, moving_variance, each `(channels)`.
    public var tensors: [LayerTensor] {
        var tensors: [LayerTensor] = []
        if let gamma { tensors.append(LayerTensor(name: "gamma", shape: [channels], storage: .parameters(gamma))) }
        if let beta { tensors.append(LayerTensor(name: "beta", shape: [channels], storage: .parameters(beta))) }
        tensors.append(LayerTensor(name: "moving_mean", shape: [channels], storage: .state(movingMean, count: channels)))
        tensors.append(LayerTensor(name: "moving_variance", shape: [channels], storage: .state(movingVariance, count: channels)))
        return tensors
    }

    public func makeBuffers(maxRows: Int, keepPreActivation: Bool) -> LayerBuffers {
        let doubles = BatchNormalizationPass<Float>.scratchCount(channels: channels, maxRows: maxRows)
        return LayerBuffers(maxRows: maxRows, width: outputWidth, separatePreActivation: false,
                            scratchBytes: doubles * MemoryLayout<Double>.stride)
    }

    func pass(_ parameters: Parameters, _ buffers: LayerBuffers) -> BatchNormalizationPass<Float> {
        BatchNormalizationPass(
            positions: positions, channels: channels, momentum: spec.momentum, epsilon: spec.epsilon,
            gamma: gamma.map { UnsafePointer(parameters.values($0)) }, beta: beta.map { UnsafePointer(parameters.values($0)) },
            movingMean: movingMean, movingVariance: movingVariance, scratch: buffers.scratch!.assumingMemoryBound(to: Double.self))
    }

    public func forward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers, training: Bool
    ) {
        pass(parameters, buffers).forward(input, rows: rows, y: buffers.output, training: training)
    }

    public func backward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers,
        gradientIsPreActivation: Bool, inputGradient: UnsafeMutablePointer<Float>?
    ) {
        pass(parameters, buffers).backward(
            input, rows: rows, dy: UnsafePointer(buffers.outputGradient),
            dGamma: gamma.map { parameters.gradients($0) }, dBeta: beta.map { parameters.gradients($0) }, dx: inputGradient)
    }
}

/// Batch normalization's arithmetic over one batch, generic so the gradient checks run it in Double.
///
/// Training: `mean = sum x / N`, `var = sum (x - mean)^2 / N` (biased, N = rows * positions), `xhat =
/// (x - mean) / sqrt(var + epsilon)`, `y = gamma xhat + beta`. Backward, with the same batch's statistics:
/// `dbeta = sum dy`, `dgamma = sum dy xhat`, `dx = gamma / sqrt(var + epsilon) / N * (N dy - dbeta - xhat dgamma)`.
struct BatchNormalizationPass<T: KernelScalar> {
    let positions: Int, channels: Int, momentum: Double, epsilon: Double
    let gamma: UnsafePointer<T>?, beta: UnsafePointer<T>?
    let movingMean: UnsafeMutablePointer<T>, movingVariance: UnsafeMutablePointer<T>
    /// mean, 1 / std, sum dy, sum dy xhat (channels each), then two partials per chunk (channels each).
    let scratch: UnsafeMutablePointer<Double>

    static func scratchCount(channels: Int, maxRows: Int) -> Int {
        channels * (4 + 2 * SampleChunks.maximumCount(rows: maxRows))
    }

    var mean: UnsafeMutablePointer<Double> { scratch }
    var inverseStd: UnsafeMutablePointer<Double> { scratch + channels }
    var sumDy: UnsafeMutablePointer<Double> { scratch + 2 * channels }
    var sumDyXhat: UnsafeMutablePointer<Double> { scratch + 3 * channels }
    var partials: UnsafeMutablePointer<Double> { scratch + 4 * channels }
    /// `gamma / sqrt(var + epsilon) / N` per channel for the input gradient, in the partials' room (the sums
    /// are done by then).
    var gradientScale: UnsafeMutablePointer<Double> { partials }

    func forward(_ x: UnsafePointer<T>, rows: Int, y: UnsafeMutablePointer<T>, training: Bool) {
        let chunks = SampleChunks(rows: rows), n = Double(rows * positions)
        if training {
            sums(.mean, x: x, dy: nil, chunks: chunks, into: mean, scale: 1 / n)
            sums(.squaredDeviation, x: x, dy: nil, chunks: chunks, into: inverseStd, scale: 1 / n)
            let m = T(momentum), rest = T(1 - momentum)
            for c in 0..<channels {
                let variance = inverseStd[c]
                movingMean[c] = movingMean[c] * m + T(mean[c]) * rest
                movingVariance[c] = movingVariance[c] * m + T(variance) * rest
                inverseStd[c] = 1 / (variance + epsilon).squareRoot()
            }
        } else {
            for c in 0..<channels {
                mean[c] = Double(movingMean[c])
                inverseStd[c] = 1 / (Double(movingVariance[c]) + epsilon).squareRoot()
            }
        }
        let job = Normalize(pass: self, x: x, y: y, chunks: chunks)
        WorkerPool.shared.run(tasks: chunks.count, job)
    }

    func backward(_ x: UnsafePointer<T>, rows: Int, dy: UnsafePointer<T>, dGamma: UnsafeMutablePointer<T>?,
                  dBeta: UnsafeMutablePointer<T>?, dx: UnsafeMutablePointer<T>?) {
        let chunks = SampleChunks(rows: rows)
        sums(.gradient, x: x, dy: dy, chunks: chunks, into: sumDy, scale: 1)
        for c in 0..<channels {
            dGamma?[c] = T(sumDyXhat[c])
            dBeta?[c] = T(sumDy[c])
        }
        guard let dx else { return }
        let n = Double(rows * positions)
        for c in 0..<channels { gradientScale[c] = Double(gamma?[c] ?? 1) * inverseStd[c] / n }
        let job = InputGradient(pass: self, x: x, dy: dy, dx: dx, n: n, chunks: chunks)
        WorkerPool.shared.run(tasks: chunks.count, job)
    }

    enum Sum { case mean, squaredDeviation, gradient }

    /// Float with channels in groups of eight runs the loops of `BatchNormalization+Lanes.swift`.
    var runsInLanes: Bool { T.self == Float.self && channels % 8 == 0 }

    /// Per chunk partials on the pool, then added in chunk order and scaled into `target` (for `.gradient`,
    /// sum dy into `target` and sum dy xhat into the channels after it).
    private func sums(_ kind: Sum, x: UnsafePointer<T>, dy: UnsafePointer<T>?, chunks: SampleChunks,
                      into target: UnsafeMutablePointer<Double>, scale: Double) {
        let job = Sums(pass: self, kind: kind, x: x, dy: dy, chunks: chunks)
        WorkerPool.shared.run(tasks: chunks.count, job)
        let width = kind == .gradient ? 2 * channels : channels
        target.update(repeating: 0, count: width)
        for chunk in 0..<chunks.count {
            let part = partials + chunk * 2 * channels
            for i in 0..<width { target[i] += part[i] }
        }
        if scale != 1 { for i in 0..<width { target[i] *= scale } }
    }

    private struct Sums: PoolJob {
        let pass: BatchNormalizationPass, kind: Sum, x: UnsafePointer<T>, dy: UnsafePointer<T>?
        let chunks: SampleChunks

        func run(task: Int) {
            let c = pass.channels, (first, count) = chunks[task]
            let part = pass.partials + task * 2 * c
            part.update(repeating: 0, count: 2 * c)
            let values = count * pass.positions
            let xs = x + first * pass.positions * c
            if pass.runsInLanes {
                return pass.sumsInLanes(kind, x: UnsafeRawPointer(xs),
                                        dy: dy.map { UnsafeRawPointer($0 + first * pass.positions * c) }, values: values, into: part)
            }
            switch kind {
            case .mean:
                for v in 0..<values { for j in 0..<c { part[j] += Double(xs[v * c + j]) } }
            case .squaredDeviation:
                for v in 0..<values { for j in 0..<c { let d = Double(xs[v * c + j]) - pass.mean[j]; part[j] += d * d } }
            case .gradient:
                let dys = dy! + first * pass.positions * c
                for v in 0..<values {
                    for j in 0..<c {
                        let g = Double(dys[v * c + j]), xhat = (Double(xs[v * c + j]) - pass.mean[j]) * pass.inverseStd[j]
                        part[j] += g
                        part[c + j] += g * xhat
                    }
                }
            }
        }
    }

    private struct Normalize: PoolJob {
        let pass: BatchNormalizationPass, x: UnsafePointer<T>, y: UnsafeMutablePointer<T>
        let chunks: SampleChunks

        func run(task: Int) {
            let c = pass.channels, (first, count) = chunks[task], offset = first * pass.positions * c
            if pass.runsInLanes {
                return pass.normalizeInLanes(x: UnsafeRawPointer(x + offset), y: UnsafeMutableRawPointer(y + offset),
                                             values: count * pass.positions)
            }
            for v in 0..<(count * pass.positions) {
                for j in 0..<c {
                    let i = offset + v * c + j
                    let xhat = T((Double(x[i]) - pass.mean[j]) * pass.inverseStd[j])
                    y[i] = (pass.gamma?[j] ?? 1) * xhat + (pass.beta?[j] ?? 0)
                }
            }
        }
    }

    private struct InputGradient: PoolJob {
        let pass: BatchNormalizationPass, x: UnsafePointer<T>, dy: UnsafePointer<T>, dx: UnsafeMutablePointer<T>
        let n: Double, chunks: SampleChunks

        func run(task: Int) {
            let c = pass.channels, (first, count) = chunks[task], offset = first * pass.positions * c
            if pass.runsInLanes {
                return pass.inputGradientInLanes(x: UnsafeRawPointer(x + offset), dy: UnsafeRawPointer(dy + offset),
                                                 dx: UnsafeMutableRawPointer(dx + offset), n: n, values: count * pass.positions)
            }
            for v in 0..<(count * pass.positions) {
                for j in 0..<c {
                    let i = offset + v * c + j
                    let xhat = (Double(x[i]) - pass.mean[j]) * pass.inverseStd[j]
                    let g = pass.gradientScale[j]
                    dx[i] = T(g * (n * Double(dy[i]) - pass.sumDy[j] - xhat * pass.sumDyXhat[j]))
                }
            }
        }
    }
}
