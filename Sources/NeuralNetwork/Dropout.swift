import ModelKinds
import SeededRandom

/// Inverted dropout (Srivastava et al., 2014; Keras 3's `keras.layers.Dropout`): in training each input is
/// kept with probability `1 - rate` and scaled by `1 / (1 - rate)`, so the expected output equals the input;
/// at evaluation and prediction the layer is the identity.
///
/// The mask holds 0 or the scale, so forward is `y = x * mask` and backward `dx = dy * mask`, with the mask
/// of the last training forward. Random numbers come from `SeededRandom(seed:, streamNumber: 3 << 32 + index)`:
/// the dropout stream (3) shifted above the named streams, plus the layer's position, so every dropout layer
/// has its own stream and adding one never shifts another's masks. A unit is dropped when its uniform Float
/// in [0, 1) is below `rate`. The generator advances with every training step.
public final class Dropout: Layer {
    public let spec: DropoutSpec
    public let inputWidth: Int
    public var outputWidth: Int { inputWidth }
    public var activation: Activation { .linear }
    /// The mask generator; internal so tests can replay a mask.
    var random: SeededRandom

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
        let count = rows * inputWidth, y = buffers.output
        guard training, spec.rate > 0, let mask = buffers.mask else {
            y.update(from: input, count: count)
            return
        }
        let rate = Float(spec.rate), scale = 1 / (1 - rate)
        for i in 0..<count { mask[i] = random.unitFloat() < rate ? 0 : scale }
        for i in 0..<count { y[i] = input[i] * mask[i] }
        buffers.maskRows = rows
    }

    /// `dX = dY * mask`; a rate of 0 passes the gradient through.
    public func backward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers,
        gradientIsPreActivation: Bool, inputGradient: UnsafeMutablePointer<Float>?
    ) {
        guard let inputGradient else { return }
        let count = rows * inputWidth, dy = buffers.outputGradient
        guard spec.rate > 0, let mask = buffers.mask else {
            inputGradient.update(from: dy, count: count)
            return
        }
        precondition(buffers.maskRows == rows, "dropout backward on \(rows) rows after a training forward on \(buffers.maskRows)")
        for i in 0..<count { inputGradient[i] = dy[i] * mask[i] }
    }
}
