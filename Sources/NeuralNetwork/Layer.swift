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

    /// The layer's weights and state under their Keras names (`kernel`, `bias`, `gamma`, `moving_mean`, ...),
    /// in Keras' order, with Keras' shapes: what the model file stores.
    var tensors: [LayerTensor] { get }

    /// The kernel penalty at the current weights (0 without a regularizer); with `addGradients`, its gradient
    /// joins the kernel's.
    func regularization(_ parameters: Parameters, addGradients: Bool) -> Double
}

extension Layer {
    public var tensors: [LayerTensor] { [] }
    public func regularization(_ parameters: Parameters, addGradients: Bool) -> Double { 0 }
}

/// One named array of a layer: trainable weights in the model's `Parameters`, or state the optimizer never
/// sees (batch normalization's moving statistics), in the layer's own memory.
public struct LayerTensor {
    public enum Storage {
        case parameters(ParameterSlice)
        case state(UnsafeMutablePointer<Float>, count: Int)
    }

    /// Keras' weight name within the layer: `kernel`, `bias`, `gamma`, `beta`, `moving_mean`, `moving_variance`.
    public let name: String
    /// Outermost first, as Keras shapes it: `[kh, kw, in, filters]` for a convolution's kernel.
    public let shape: [Int]
    public let storage: Storage

    public var count: Int { shape.reduce(1, *) }

    /// The tensor's values in `parameters` or in the layer's state.
    func values(in parameters: Parameters) -> UnsafeMutableBufferPointer<Float> {
        switch storage {
        case .parameters(let slice): return UnsafeMutableBufferPointer(rebasing: parameters.values[slice.range])
        case let .state(pointer, count): return UnsafeMutableBufferPointer(start: pointer, count: count)
        }
    }
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
    /// A layer's own working memory (packed windows, partial sums, argmax indices), 64-byte aligned; nil for none.
    public let scratch: UnsafeMutableRawPointer?
    /// False for buffers that alias another layer's (a flatten after it: a view, no copy).
    private let owned: Bool

    /// The same memory as `other`: a flatten layer's output is its input, its input gradient its output gradient.
    init(aliasing other: LayerBuffers) {
        (maxRows, width, output, preActivation, outputGradient) = (other.maxRows, other.width, other.output, other.output, other.outputGradient)
        mask = nil
        scratch = nil
        owned = false
    }

    init(maxRows: Int, width: Int, separatePreActivation: Bool, mask: Bool = false, scratchBytes: Int = 0) {
        self.maxRows = maxRows
        self.width = width
        owned = true
        if scratchBytes > 0 {
            scratch = UnsafeMutableRawPointer.allocate(byteCount: scratchBytes, alignment: 64)
            scratch!.initializeMemory(as: UInt8.self, repeating: 0, count: scratchBytes)
        } else {
            scratch = nil
        }
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
        guard owned else { return }
        scratch?.deallocate()
        if preActivation != output { preActivation.deallocate() }
        output.deallocate()
        outputGradient.deallocate()
        mask?.deallocate()
    }
}
