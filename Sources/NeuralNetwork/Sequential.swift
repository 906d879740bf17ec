import ModelKinds
import SeededRandom

/// A stack of layers over one flat parameter buffer, as Keras' `Sequential([Dense, Dropout, ...])`.
public final class Sequential {
    /// Models with more parameters are refused: 2^31 Floats are 8 GiB of weights, and as much again for gradients.
    public static let maximumParameterCount = 1 << 31

    public let inputWidth: Int
    /// Every layer's spec, in order.
    public let layerSpecs: [LayerSpec]
    public let layers: [any Layer]
    public let parameters: Parameters

    public var parameterCount: Int { parameters.count }
    public var outputWidth: Int { layers[layers.count - 1].outputWidth }

    /// The dense layers' specs, in order: with the input width, the chain of matrix shapes (dropout keeps the width).
    public var specs: [DenseSpec] {
        layerSpecs.compactMap { if case .dense(let spec) = $0 { return spec } else { return nil } }
    }

    /// The dense layers, in order: the layers with weights (kernel and bias slices), as a checkpoint reads them.
    /// Stored, not computed: evaluation reads it every batch (`regularizationLoss`), and a fresh array is an allocation.
    public let denseLayers: [Dense]

    /// A model of dense layers only.
    public convenience init(inputWidth: Int, layers specs: [DenseSpec], seed: UInt64) throws {
        try self.init(inputWidth: inputWidth, layers: specs.map(LayerSpec.dense), seed: seed)
    }

    /// Lays out and initialises the layers, drawing every weight from `SeededRandom(seed:, stream: .initialization)`
    /// in layer order (kernel, then bias); dropout layers draw their masks from streams of their own (see `Dropout`).
    /// Sizes are checked, with overflow-safe arithmetic, before anything is allocated.
    public init(inputWidth: Int, layers specs: [LayerSpec], seed: UInt64) throws {
        guard inputWidth >= 1 else { throw NeuralNetworkError.invalidInputWidth(inputWidth) }
        guard !specs.isEmpty else { throw NeuralNetworkError.noLayers }
        var total = 0, width = inputWidth
        for (index, layer) in specs.enumerated() {
            guard case .dense(let spec) = layer else { continue }
            guard spec.units >= 1 else { throw NeuralNetworkError.invalidUnits(layer: index, units: spec.units) }
            let (kernel, overflow) = width.multipliedReportingOverflow(by: spec.units)
            // total <= 2^31 and units <= 2^31 here, so the sums below cannot overflow.
            guard spec.units <= Self.maximumParameterCount,
                  !overflow, kernel <= Self.maximumParameterCount - total - (spec.useBias ? spec.units : 0)
            else {
                throw NeuralNetworkError.tooManyParameters(layer: index, limit: Self.maximumParameterCount)
            }
            total += kernel + (spec.useBias ? spec.units : 0)
            width = spec.units
        }

        var layout = ParameterLayout()
        var built: [any Layer] = []
        width = inputWidth
        for (index, layer) in specs.enumerated() {
            switch layer {
            case .dense(let spec):
                built.append(Dense(inputWidth: width, spec: spec, layout: &layout))
                width = spec.units
            case .dropout(let spec):
                built.append(Dropout(inputWidth: width, spec: spec, index: index, modelSeed: seed))
            default:
                throw NeuralNetworkError.unsupportedLayer(layer: index, kind: layer.kind.rawValue)
            }
        }
        self.inputWidth = inputWidth
        layerSpecs = specs
        layers = built
        denseLayers = built.compactMap { $0 as? Dense }
        parameters = Parameters(count: layout.count)
        var random = SeededRandom(seed: seed, stream: .initialization)
        for layer in built { layer.initialize(parameters, random: &random) }
    }

    /// The sum of every dense layer's kernel penalty at the current weights (0 without regularizers).
    public var regularizationLoss: Double {
        denseLayers.reduce(0) { $0 + $1.regularization(parameters, addGradients: false) }
    }
}
