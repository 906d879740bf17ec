/// A layer whose work splits into the batch's fixed chunks of samples (`SampleChunks`), a chunk reading and
/// writing its own samples' rows only: convolution, pooling, flatten, global average pooling, dropout (batch
/// normalization is not one: its statistics span the batch).
///
/// `Sequential` runs consecutive ones as one pool task per chunk, layer after layer (`ChunkedStages`): a
/// chunk's values then pass from one layer to the next in the core's cache. Layer by layer over the whole
/// batch, a 128-sample MNIST convnet step wrote and read back tens of megabytes between layers, and the
/// memory traffic, not the products, set the pace; fused, the pool's threads also stop waiting for each
/// other between layers. The arithmetic per chunk is the layer's own, so the bits are those of running the
/// layers one by one.
protocol SampleChunkedLayer: Layer {
    /// Before the chunks of a forward pass, on the calling thread: what the whole batch shares (dropout's
    /// step seed).
    func beginForward(rows: Int, buffers: LayerBuffers, training: Bool)

    /// Whether forward computes each sample from that sample alone, so it may run on pieces of a chunk (not
    /// dropout, whose masks come from one stream per chunk).
    var forwardIsPerSample: Bool { get }

    /// `forward` over the samples of chunk `chunk` only.
    func forward(chunk: Int, of chunks: SampleChunks, _ input: UnsafePointer<Float>, parameters: Parameters,
                 buffers: LayerBuffers, training: Bool)

    /// `backward` over the samples of chunk `chunk` only; sums over samples go to the chunk's own partials.
    func backward(chunk: Int, of chunks: SampleChunks, _ input: UnsafePointer<Float>, parameters: Parameters,
                  buffers: LayerBuffers, gradientIsPreActivation: Bool, inputGradient: UnsafeMutablePointer<Float>?)

    /// After every chunk's backward: the partials added, in chunk order, into the parameter gradients.
    func finishBackward(chunks: SampleChunks, parameters: Parameters, buffers: LayerBuffers)
}

extension SampleChunkedLayer {
    func beginForward(rows: Int, buffers: LayerBuffers, training: Bool) {}
    var forwardIsPerSample: Bool { true }
    func finishBackward(chunks: SampleChunks, parameters: Parameters, buffers: LayerBuffers) {}
}

/// A model's layers cut into stages: a run of two or more consecutive chunked layers is one stage, run chunk
/// by chunk; every other layer is a stage of its own, run whole.
struct ChunkedStages {
    /// The layers' indices, stage by stage, in order.
    let stages: [Range<Int>]
    /// Each layer as a chunked layer, or nil.
    let chunked: [(any SampleChunkedLayer)?]
    /// The max pooling layers that apply the relu of the convolution just before them, in training: forward
    /// pools the convolution's values before its relu and applies the relu to the pooled values
    /// (`Pooling2D.forwardThroughRelu`), so the convolution skips its pass over all of its outputs; backward
    /// passes a pick's gradient where the pooled value is above 0 (`Pooling2D.backwardThroughRelu`), so the
    /// convolution skips its pass over dY. Relu keeps order, so the pooled values are the same numbers, and
    /// a pick is its window's maximum, so `y > 0` can be read from the pooled output: the same bits for
    /// finite values. (A NaN that the pooled maximum skips past would be held back by the relu too, where
    /// the relu first would have passed it to the pool: a run that meets one has diverged anyway.) Inference
    /// keeps the layers apart, so every layer's output stays what `Sequential.forward`'s `observe` promises.
    let poolAppliesRelu: [Bool]

    init(_ layers: [any Layer]) {
        chunked = layers.map { $0 as? any SampleChunkedLayer }
        poolAppliesRelu = layers.indices.map { index in
            guard index > 0, let pool = layers[index] as? Pooling2D, pool.mode == .max,
                  let conv = layers[index - 1] as? Conv2D else { return false }
            return conv.activation == .relu
        }
        var stages: [Range<Int>] = [], start = 0
        while start < layers.count {
            var end = start + 1
            if chunked[start] != nil { while end < layers.count, chunked[end] != nil { end += 1 } }
            stages.append(start..<end)
            start = end
        }
        self.stages = stages
    }

    /// Forward through the chunked layers `range`, one pool task per chunk of the batch.
    func forward(_ range: Range<Int>, input: UnsafePointer<Float>, rows: Int, parameters: Parameters,
                 buffers: [LayerBuffers], training: Bool) {
        for index in range { chunked[index]!.beginForward(rows: rows, buffers: buffers[index], training: training) }
        let job = Forward(stages: self, range: range, input: input, parameters: parameters, buffers: buffers,
                          training: training, chunks: SampleChunks(rows: rows))
        WorkerPool.shared.run(tasks: job.chunks.count, job)
    }

    /// One chunked layer's forward over the whole batch, chunk by chunk on the pool (its `Layer.forward`).
    static func forward(_ layer: any SampleChunkedLayer, input: UnsafePointer<Float>, rows: Int, parameters: Parameters,
                        buffers: LayerBuffers, training: Bool) {
        layer.beginForward(rows: rows, buffers: buffers, training: training)
        let job = Alone(layer: layer, input: input, parameters: parameters, buffers: buffers, backward: false, training: training,
                        inputGradient: nil, chunks: SampleChunks(rows: rows))
        WorkerPool.shared.run(tasks: job.chunks.count, job)
    }

    /// One chunked layer's backward over the whole batch (its `Layer.backward`).
    static func backward(_ layer: any SampleChunkedLayer, input: UnsafePointer<Float>, rows: Int, parameters: Parameters,
                         buffers: LayerBuffers, inputGradient: UnsafeMutablePointer<Float>?) {
        let job = Alone(layer: layer, input: input, parameters: parameters, buffers: buffers, backward: true, training: true,
                        inputGradient: inputGradient, chunks: SampleChunks(rows: rows))
        WorkerPool.shared.run(tasks: job.chunks.count, job)
        layer.finishBackward(chunks: job.chunks, parameters: parameters, buffers: buffers)
    }

    /// A single layer's pass: no arrays, so a step that runs one allocates nothing.
    private struct Alone: PoolJob {
        let layer: any SampleChunkedLayer, input: UnsafePointer<Float>, parameters: Parameters, buffers: LayerBuffers
        let backward: Bool, training: Bool, inputGradient: UnsafeMutablePointer<Float>?, chunks: SampleChunks

        func run(task: Int) {
            if backward {
                layer.backward(chunk: task, of: chunks, input, parameters: parameters, buffers: buffers,
                               gradientIsPreActivation: false, inputGradient: inputGradient)
            } else {
                layer.forward(chunk: task, of: chunks, input, parameters: parameters, buffers: buffers, training: training)
            }
        }
    }

    /// Backward through the chunked layers `range` (last first), one pool task per chunk, then each layer's
    /// partials added in chunk order. `firstInputGradient` is the first layer's input gradient (nil for the
    /// model's first layer); the others' are the layer before's output gradients.
    func backward(_ range: Range<Int>, input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: [LayerBuffers],
                  lastGradientIsPreActivation: Bool, firstInputGradient: UnsafeMutablePointer<Float>?) {
        let job = Backward(stages: self, range: range, input: input, parameters: parameters, buffers: buffers,
                           lastGradientIsPreActivation: lastGradientIsPreActivation, firstInputGradient: firstInputGradient,
                           chunks: SampleChunks(rows: rows))
        WorkerPool.shared.run(tasks: job.chunks.count, job)
        for index in range.reversed() {
            chunked[index]!.finishBackward(chunks: job.chunks, parameters: parameters, buffers: buffers[index])
        }
    }

    private struct Forward: PoolJob {
        let stages: ChunkedStages, range: Range<Int>, input: UnsafePointer<Float>, parameters: Parameters
        let buffers: [LayerBuffers], training: Bool, chunks: SampleChunks

        /// A run of per-sample layers goes through the chunk a piece at a time (`SampleChunks.pieces`), each
        /// piece through every layer of the run before the next: a piece's values stay in the core's cache
        /// from one layer to the next, where a whole chunk's (1.4 MB of a 26 x 26 x 32 convolution's outputs
        /// for 16 samples, 2.2 MB of packed windows) spill from it.
        func run(task: Int) {
            var start = range.lowerBound
            while start < range.upperBound {
                var end = start
                while end < range.upperBound, stages.chunked[end]!.forwardIsPerSample { end += 1 }
                if end == start {
                    run(start..<start + 1, chunk: task, of: chunks)
                    start += 1
                } else {
                    let pieces = chunks.pieces
                    for piece in chunks.pieces(of: task) { run(start..<end, chunk: piece, of: pieces) }
                    start = end
                }
            }
        }

        private func run(_ layers: Range<Int>, chunk task: Int, of chunks: SampleChunks) {
            for index in layers {
                let x = index == range.lowerBound ? input : UnsafePointer(buffers[index - 1].output)
                if training, index + 1 < range.upperBound, stages.poolAppliesRelu[index + 1],
                   let conv = stages.chunked[index] as? Conv2D {
                    conv.forwardBeforeActivation(chunk: task, of: chunks, x, parameters: parameters, buffers: buffers[index])
                    continue
                }
                if training, index > range.lowerBound, stages.poolAppliesRelu[index], let pool = stages.chunked[index] as? Pooling2D {
                    pool.forwardThroughRelu(chunk: task, of: chunks, preActivation: UnsafePointer(buffers[index - 1].preActivation),
                                            buffers: buffers[index])
                    continue
                }
                stages.chunked[index]!.forward(chunk: task, of: chunks, x, parameters: parameters, buffers: buffers[index],
                                               training: training)
            }
        }
    }

    private struct Backward: PoolJob {
        let stages: ChunkedStages, range: Range<Int>, input: UnsafePointer<Float>, parameters: Parameters
        let buffers: [LayerBuffers], lastGradientIsPreActivation: Bool, firstInputGradient: UnsafeMutablePointer<Float>?
        let chunks: SampleChunks

        func run(task: Int) {
            for index in range.reversed() {
                let first = index == range.lowerBound
                let reluDoneAbove = index + 1 < range.upperBound && stages.poolAppliesRelu[index + 1]
                let gradientIsPreActivation = (index == range.upperBound - 1 && lastGradientIsPreActivation) || reluDoneAbove
                if !first, stages.poolAppliesRelu[index], let pool = stages.chunked[index] as? Pooling2D {
                    pool.backwardThroughRelu(chunk: task, of: chunks, buffers: buffers[index],
                                             inputGradient: buffers[index - 1].outputGradient)
                    continue
                }
                stages.chunked[index]!.backward(
                    chunk: task, of: chunks, first ? input : UnsafePointer(buffers[index - 1].output), parameters: parameters,
                    buffers: buffers[index], gradientIsPreActivation: gradientIsPreActivation,
                    inputGradient: first ? firstInputGradient : buffers[index - 1].outputGradient)
            }
        }
    }
}
