import ModelKinds
import SeededRandom

/// One stage of a `Sequential` model: weights live in the model's shared `Parameters`, batch buffers in
/// the `LayerBuffers` that `Sequential.makeBuffers` allocates once per session or prediction, so a step allocates nothing.
public protocol Layer: AnyObject {
    var inputWidth: Int { get }
    var outputWidth: Int { get }
    /// The layer's nonlinearity, applied last in `forward` (`.linear` for none).
    var activation: Activation { get }

    /// Draws the layer's initial weights into its slices of `parameters`.
    func initialize(_ parameters: Parameters, random: inout SeededRandom)

    /// Buffers for up to `maxRows` samples; `keepPreActivation` keeps the values before the activation
    /// in a buffer of their own even where the activation's derivative could do without them.
    func makeBuffers(maxRows: Int, keepPreActivation: Bool) -> LayerBuffers

    /// Writes the layer's output for `rows` samples of `input` (rows x inputWidth) into `buffers.output`.
    func forward(_ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers, training: Bool)

    /// From `buffers.outputGradient` (dL/doutput, or dL/dpreActivation when `gradientIsPreActivation`),
    /// writes this layer's parameter gradients and, unless `inputGradient` is nil, dL/dinput (rows x inputWidth).
    /// `buffers.outputGradient` is overwritten.
    func backward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers,
        gradientIsPreActivation: Bool, inputGradient: UnsafeMutablePointer<Float>?
    )
}

/// The per-batch memory of one layer, sized for the session's largest batch.
public final class LayerBuffers {
    public let maxRows: Int
    public let width: Int
    /// The layer's output, rows x width.
    public let output: UnsafeMutablePointer<Float>
    /// The values before the activation; the same memory as `output` when the activation works in place.
    public let preActivation: UnsafeMutablePointer<Float>
    /// dL/doutput, rows x width; turned into dL/dpreActivation in place during `backward`.
    public let outputGradient: UnsafeMutablePointer<Float>
    /// A dropout layer's mask of the last training forward (0 or the keep scale), rows x width; nil elsewhere.
    public let mask: UnsafeMutablePointer<Float>?
    /// The rows the mask was drawn for.
    var maskRows = 0

    init(maxRows: Int, width: Int, separatePreActivation: Bool, mask: Bool = false) {
        self.maxRows = maxRows
        self.width = width
        let count = maxRows * width
        output = allocateFloats(count).baseAddress!
        preActivation = separatePreActivation ? allocateFloats(count).baseAddress! : output
        outputGradient = allocateFloats(count).baseAddress!
        self.mask = mask ? allocateFloats(count).baseAddress! : nil
        self.mask?.initialize(repeating: 0, count: count)
        // Touch every page now, so the first step is not the one paying for page faults.
        output.initialize(repeating: 0, count: count)
        if preActivation != output { preActivation.initialize(repeating: 0, count: count) }
        outputGradient.initialize(repeating: 0, count: count)
    }

    deinit {
        if preActivation != output { preActivation.deallocate() }
        output.deallocate()
        outputGradient.deallocate()
        mask?.deallocate()
    }
}
