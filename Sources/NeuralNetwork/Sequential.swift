import ModelKinds
import SeededRandom

/// A stack of layers over one flat parameter buffer, as Keras' `Sequential([Dense, Dropout, ...])`.
public final class Sequential {
    /// Models with more parameters are refused: 2^31 Floats are 8 GiB of weights, and as much again for gradients.
    public static let maximumParameterCount = 1 << 31

    /// One example as the first layer reads it: a vector, or a channels-last image.
    public let inputShape: TensorShape
    public var inputWidth: Int { inputShape.count }
    /// Every layer's spec, in order.
    public let layerSpecs: [LayerSpec]
    public let layers: [any Layer]
    public let parameters: Parameters
    /// Each layer's output shape, in order.
    public let outputShapes: [TensorShape]

    public var parameterCount: Int { parameters.count }
    public var outputWidth: Int { layers[layers.count - 1].outputWidth }

    /// The dense layers' specs, in order.
    public var specs: [DenseSpec] {
        layerSpecs.compactMap { if case .dense(let spec) = $0 { return spec } else { return nil } }
    }

    /// The dense layers, in order.
    public let denseLayers: [Dense]
    /// The layers whose kernel carries a penalty. Stored, not computed: evaluation reads it every batch
    /// (`regularizationLoss`), and a fresh array is an allocation.
    let penalizedLayers: [any Layer]
    /// The layers as `forward` and `backward` run them: runs of image layers chunk by chunk.
    let stages: ChunkedStages

    /// A model of dense layers only.
    public convenience init(inputWidth: Int, layers specs: [DenseSpec], seed: UInt64) throws {
        try self.init(inputWidth: inputWidth, layers: specs.map(LayerSpec.dense), seed: seed)
    }

    /// A model on vectors of `inputWidth` features.
    public convenience init(inputWidth: Int, layers specs: [LayerSpec], seed: UInt64) throws {
        guard inputWidth >= 1 else { throw NeuralNetworkError.invalidInputWidth(inputWidth) }
        try self.init(input: .vector(inputWidth), layers: specs, seed: seed)
    }

    /// Lays out and initialises the layers, drawing every weight from `SeededRandom(seed:, stream: .initialization)`
    /// in layer order (kernel, then bias); dropout layers draw their masks from streams of their own (see `Dropout`).
    /// Shapes (`LayerSpec.shape`, the compiler's) and sizes are checked, with overflow-safe arithmetic, before
    /// anything is allocated.
    public init(input: TensorShape, layers specs: [LayerSpec], seed: UInt64) throws {
        guard input.count >= 1 else { throw NeuralNetworkError.invalidInputWidth(input.count) }
        guard !specs.isEmpty else { throw NeuralNetworkError.noLayers }
        var total = 0, shape = input
        var shapes: [TensorShape] = []
        for (index, layer) in specs.enumerated() {
            if case .dense(let spec) = layer, spec.units < 1 { throw NeuralNetworkError.invalidUnits(layer: index, units: spec.units) }
            let inferred: LayerShape
            switch layer.shape(input: shape) {
            case .success(let s): inferred = s
            case .failure(let problem): throw NeuralNetworkError.shapeMismatch(layer: index, kind: layer.kind.rawValue, problem: problem)
            }
            total = total.addingSaturated(inferred.trainableParameters)
            guard total <= Self.maximumParameterCount, inferred.output.count <= Self.maximumParameterCount else {
                throw NeuralNetworkError.tooManyParameters(layer: index, limit: Self.maximumParameterCount)
            }
            shape = inferred.output
            shapes.append(shape)
        }

        var layout = ParameterLayout()
        var built: [any Layer] = []
        shape = input
        for (index, layer) in specs.enumerated() {
            switch layer {
            case .dense(let spec):
                built.append(Dense(inputWidth: shape.count, spec: spec, layout: &layout))
            case .dropout(let spec):
                built.append(Dropout(inputWidth: shape.count, spec: spec, index: index, modelSeed: seed))
            case .conv2D(let spec):
                built.append(Conv2D(input: shape, spec: spec, layout: &layout)!)
            case .maxPooling2D(let spec):
                built.append(Pooling2D(input: shape, spec: spec, mode: .max)!)
            case .averagePooling2D(let spec):
                built.append(Pooling2D(input: shape, spec: spec, mode: .average)!)
            case .flatten:
                built.append(Flatten(inputWidth: shape.count))
            case .globalAveragePooling2D:
                built.append(GlobalAveragePooling2D(input: shape)!)
            case .batchNormalization(let spec):
                built.append(BatchNormalization(input: shape, spec: spec, layout: &layout))
            }
            shape = shapes[index]
        }
        inputShape = input
        layerSpecs = specs
        layers = built
        stages = ChunkedStages(built)
        outputShapes = shapes
        denseLayers = built.compactMap { $0 as? Dense }
        penalizedLayers = zip(specs, built).filter { spec, _ in
            switch spec {
            case .dense(let d): return d.kernelRegularizer != nil
            case .conv2D(let c): return c.kernelRegularizer != nil
            default: return false
            }
        }.map(\.1)
        parameters = Parameters(count: layout.count)
        var random = SeededRandom(seed: seed, stream: .initialization)
        for layer in built { layer.initialize(parameters, random: &random) }
    }

    /// The sum of every kernel penalty at the current weights (0 without regularizers).
    public var regularizationLoss: Double {
        var total = 0.0
        for layer in penalizedLayers { total += layer.regularization(parameters, addGradients: false) }
        return total
    }
}
