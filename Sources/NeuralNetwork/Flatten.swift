import ModelKinds
import SeededRandom

/// Keras' `Flatten`: an image's h * w * c values, channels-last, as one vector. The batch layout is already
/// one flat row per example, so this is a view: `Sequential.makeBuffers` gives it the buffers of the layer
/// before, and forward and backward copy only when it is the first layer (its input is the batch itself).
public final class Flatten: Layer {
    public let inputWidth: Int
    public var outputWidth: Int { inputWidth }
    public var activation: Activation { .linear }

    init(inputWidth: Int) { self.inputWidth = inputWidth }

    public func initialize(_ parameters: Parameters, random: inout SeededRandom) {}

    public func makeBuffers(maxRows: Int, keepPreActivation: Bool) -> LayerBuffers {
        LayerBuffers(maxRows: maxRows, width: inputWidth, separatePreActivation: false)
    }

    public func forward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers, training: Bool
    ) {
        if input != UnsafePointer(buffers.output) { buffers.output.update(from: input, count: rows * inputWidth) }
    }

    public func backward(
        _ input: UnsafePointer<Float>, rows: Int, parameters: Parameters, buffers: LayerBuffers,
        gradientIsPreActivation: Bool, inputGradient: UnsafeMutablePointer<Float>?
    ) {
        guard let inputGradient, inputGradient != buffers.outputGradient else { return }
        inputGradient.update(from: buffers.outputGradient, count: rows * inputWidth)
    }
}

extension Flatten: SampleChunkedLayer {
    func forward(chunk: Int, of chunks: SampleChunks, _ input: UnsafePointer<Float>, parameters: Parameters,
                 buffers: LayerBuffers, training: Bool) {
        guard input != UnsafePointer(buffers.output) else { return }
        let (first, count) = chunks[chunk]
        (buffers.output + first * inputWidth).update(from: input + first * inputWidth, count: count * inputWidth)
    }

    func backward(chunk: Int, of chunks: SampleChunks, _ input: UnsafePointer<Float>, parameters: Parameters,
                  buffers: LayerBuffers, gradientIsPreActivation: Bool, inputGradient: UnsafeMutablePointer<Float>?) {
        guard let inputGradient, inputGradient != buffers.outputGradient else { return }
        let (first, count) = chunks[chunk]
        (inputGradient + first * inputWidth).update(from: buffers.outputGradient + first * inputWidth, count: count * inputWidth)
    }
}
