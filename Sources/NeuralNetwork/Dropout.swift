import ModelKinds
import SeededRandom

/// Inverted dropout (Srivastava et al., 2014; Keras 3's `keras.layers.Dropout`): in training each input is
/// kept with probability `1 - rate` and scaled by `1 / (1 - rate)`, so the expected output equals the input;
/// at evaluation and prediction the layer is the identity.
///
/// The mask holds 0 or the scale, so forward is `y = x * mask` and backward `dx = dy * mask`, with the mask
/// of the last training forward. Random numbers come from `SeededRandom(seed:, streamNumber: 3 << 32 + index)`:
/// the dropout stream (3) shifted above the named streams, plus the layer's position, so every dropout layer
/// has its own stream and adding one never shifts another's masks. The generator advances once per training
/// step, giving the step's seed; each fixed chunk of samples (`SampleChunks`) draws its mask from its own
/// stream of that seed, on the pool. A unit is dropped when its uniform Float in [0, 1) is below `rate`.
public final class Dropout: Layer {
    public let spec: DropoutSpec
    public let inputWidth: Int
    public var outputWidth: Int { inputWidth }
    public var activation: Activation { .linear }
    /// The mask generator, one draw per training step; internal so tests can replay a mask.
    var random: SeededRandom
    /// This training step's draw of `random`, from which every chunk's mask stream starts.
    private var stepSeed: UInt64 = 0

    init(inputWidth: Int, spec: DropoutSpec, index: Int, modelSeed: UInt64) {
        self.spec = spec
        self.inputWidth = inputWidth
        random = SeededRandom(seed: spec.seed ?? modelSeed, streamNumber: Self.streamNumber(layer: index))
    }

    /// The stream of the layer at `layer` (0-based position in the model).
    static func streamNumber(layer: Int) -> UInt64 {
        SeededRandom.Stream.dropout.rawValue << 32 + UInt64(layer)
    }

    public func initialize(_ parameters: Parameters, random: inout SeededRandom) {}

    public func makeBuffers(maxRows: Int, keepPreActivation: Bool) -> LayerBuffers {
        LayerBuffers(maxRows: maxRows, width: inputWidth, separatePreActivation: false, mask: true)
    }

    public func forward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers, training: Bool
    ) {
        ChunkedStages.forward(self, input: input, rows: rows, parameters: parameters, buffers: buffers, training: training)
    }

    /// `dX = dY * mask`; a rate of 0 passes the gradient through.
    public func backward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers,
        gradientIsPreActivation: Bool, inputGradient: UnsafeMutablePointer<Float>?
    ) {
        guard inputGradient != nil else { return }
        ChunkedStages.backward(self, input: input, rows: rows, parameters: parameters, buffers: buffers, inputGradient: inputGradient)
    }
}

extension Dropout: SampleChunkedLayer {
    var forwardIsPerSample: Bool { false }

    /// Draws the step's seed (one value of the layer's stream per training step, which the checkpoint saves).
    func beginForward(rows: Int, buffers: LayerBuffers, training: Bool) {
        guard training, spec.rate > 0, buffers.mask != nil else { return }
        stepSeed = random.next()
        buffers.maskRows = rows
    }

    /// The chunk's mask from its own stream, `SeededRandom(seed: step's seed, streamNumber: chunk)`: the
    /// masks depend on the chunk, never on the thread that draws them.
    func forward(chunk: Int, of chunks: SampleChunks, _ input: UnsafePointer<Float>, parameters: Parameters,
                 buffers: LayerBuffers, training: Bool) {
        let (first, count) = chunks[chunk]
        let start = first * inputWidth, end = (first + count) * inputWidth, y = buffers.output
        guard training, spec.rate > 0, let mask = buffers.mask else {
            (y + start).update(from: input + start, count: end - start)
            return
        }
        let rate = Float(spec.rate), scale = 1 / (1 - rate)
        let drop = SeededRandom.UnitFloatCut(below: rate)
        var random = SeededRandom(seed: stepSeed, streamNumber: UInt64(chunk))
        for i in start..<end {
            let kept = random.unitFloat(isBelow: drop) ? 0 : scale
            mask[i] = kept
            y[i] = input[i] * kept
        }
    }

    func backward(chunk: Int, of chunks: SampleChunks, _ input: UnsafePointer<Float>, parameters: Parameters,
                  buffers: LayerBuffers, gradientIsPreActivation: Bool, inputGradient: UnsafeMutablePointer<Float>?) {
        guard let inputGradient else { return }
        let (first, count) = chunks[chunk]
        let start = first * inputWidth, end = (first + count) * inputWidth, dy = buffers.outputGradient
        guard spec.rate > 0, let mask = buffers.mask else {
            (inputGradient + start).update(from: dy + start, count: end - start)
            return
        }
        precondition(buffers.maskRows == chunks.rows, "dropout backward on \(chunks.rows) rows after a training forward on \(buffers.maskRows)")
        for i in start..<end { inputGradient[i] = dy[i] * mask[i] }
    }
}
